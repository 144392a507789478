"""A sweep killed or interrupted part-way resumes to the same results, every run once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from support import kill_group

from sim.cli import main

PEACESIM = Path(sys.executable).parent / "peacesim"
SWEEP = ["sweep", "classroom", "--grid", "contingents.blue_helmets.troops=0,500,1000,1500",
         "--grid", "contingents.blue_helmets.bias=0,0.5", "--reps", "6", "--days", "364",
         "--seed", "11", "--workers", "2"]
RUNS = 4 * 2 * 6
WAIT_S = 120


def stored(out: Path) -> list[str]:
    return sorted(p.stem for p in (out / "runs").glob("*.parquet"))


def start(out: Path) -> subprocess.Popen:
    return subprocess.Popen([str(PEACESIM), *SWEEP, "--out", str(out)], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def wait_until_stored(out: Path, count: int, sweep: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_S
    while len(stored(out)) < count:
        assert sweep.poll() is None, f"the sweep ended first: {sweep.communicate()}"
        assert time.monotonic() < deadline, f"no {count} runs stored within {WAIT_S} s"
        time.sleep(0.01)


def group_gone(group: int, within_s: float) -> bool:
    """Whether every process of the sweep's session has exited within ``within_s``."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("whole")
    assert main([*SWEEP, "--out", str(out)]) == 0
    return pd.read_csv(out / "runs.csv")


def resume_and_compare(out: Path, uninterrupted: pd.DataFrame) -> None:
    assert main([*SWEEP, "--out", str(out)]) == 0
    assert len(stored(out)) == RUNS
    pd.testing.assert_frame_equal(pd.read_csv(out / "runs.csv"), uninterrupted)


def test_sigkill_part_way_then_rerun_gives_every_run_once(tmp_path, uninterrupted):
    sweep = start(tmp_path)
    try:
        wait_until_stored(tmp_path, 5, sweep)
        sweep.kill()
        sweep.wait(timeout=WAIT_S)
        assert group_gone(sweep.pid, within_s=15), "pool workers outlived the killed sweep"
    finally:
        kill_group(sweep.pid)
    before = stored(tmp_path)
    assert 5 <= len(before) < RUNS
    resume_and_compare(tmp_path, uninterrupted)


def test_ctrl_c_stops_cleanly_keeping_finished_runs(tmp_path, uninterrupted):
    sweep = start(tmp_path)
    try:
        wait_until_stored(tmp_path, 5, sweep)
        sweep.send_signal(signal.SIGINT)
        _, err = sweep.communicate(timeout=WAIT_S)
    finally:
        kill_group(sweep.pid)
    assert sweep.returncode == 130
    kept = len(stored(tmp_path))
    assert f"stopped: {kept} of {RUNS} runs stored in {tmp_path}" in err
    assert "Traceback" not in err and kept < RUNS
    resume_and_compare(tmp_path, uninterrupted)
