"""The sweep store heals: damaged run files are set aside and redone, a damaged
design.json is rebuilt only when the stored runs match, ``--out`` is locked, and a
failed run is recorded (and tried again on the next run of the command)."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pandas as pd
import pytest

import sim
from sim.cli import main
from sim.sweep.design import build_design
from sim.sweep.store import Store, read_failures
from sim.workers import Failure

BIAS = "contingents.blue_helmets.bias"
SWEEP = ["sweep", "classroom", "--grid", f"{BIAS}=0,0.5", "--reps", "2", "--days", "70",
         "--seed", "4", "--workers", "1"]


def run_files(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / "runs").glob("*.parquet")}


@pytest.fixture
def swept(tmp_path, capsys) -> Path:
    out = tmp_path / "out"
    assert main([*SWEEP, "--out", str(out)]) == 0
    capsys.readouterr()
    return out


def test_truncated_and_empty_run_files_are_set_aside_and_redone(swept, capsys):
    whole = pd.read_csv(swept / "runs.csv")
    truncated, empty = swept / "runs" / "p0000-r001.parquet", swept / "runs" / "p0001-r000.parquet"
    truncated.write_bytes(truncated.read_bytes()[:200])
    empty.write_bytes(b"")
    assert main([*SWEEP, "--out", str(swept)]) == 0
    err = capsys.readouterr().err
    assert f"{empty}: empty file; set aside" in err
    assert f"{truncated}: not a readable Parquet file" in err
    assert sorted(p.name for p in (swept / "damaged").iterdir()) == [
        "runs-p0000-r001.parquet", "runs-p0001-r000.parquet"]
    pd.testing.assert_frame_equal(pd.read_csv(swept / "runs.csv"), whole)


def test_a_damaged_design_file_is_rebuilt_when_the_runs_match(swept, capsys):
    stamps = run_files(swept)
    (swept / "design.json").write_text('{"hash": "12')
    assert main([*SWEEP, "--out", str(swept)]) == 0
    err = capsys.readouterr().err
    assert "design.json is damaged (" in err
    assert "rebuilt it after checking that the 4 stored runs belong to this sweep" in err
    assert run_files(swept) == stamps, "no run was made again"
    assert json.loads((swept / "design.json").read_text())["reps"] == 2


def test_a_damaged_design_file_over_other_runs_is_refused_and_keeps_them(swept, capsys):
    stamps = run_files(swept)
    (swept / "design.json").write_bytes(b"\x00" * 10)
    other = [*SWEEP[:-2], "--workers", "1", "--out", str(swept)]
    other[other.index("--seed") + 1] = "5"
    assert main(other) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "design.json is damaged" in err and "stored runs are not of this sweep" in err
    assert "seed" in err and "--restart" in err
    assert run_files(swept) == stamps


def test_two_sweeps_cannot_share_an_out_folder(swept, capsys):
    design = build_design(sim.load_scenario("classroom"), grid={BIAS: [0, 0.5]}, reps=2,
                          seed=4, days=70)
    with Store(swept, design):
        assert main([*SWEEP, "--out", str(swept)]) == 2
    err = capsys.readouterr().err
    assert f"{swept}: another sweep (pid {os.getpid()}) is writing here" in err
    assert err.count("\n") == 1
    assert main([*SWEEP, "--out", str(swept)]) == 0, "the lock goes with its holder"


def fails_for_rep_1(result) -> dict:
    """Raise for replication 1's seed of the sweeps below; else add one column."""
    if result.seed == SEEDS[1]:
        raise RuntimeError("no contact line left")
    return {"extra_read": 1.0}


SEEDS = build_design(sim.load_scenario("classroom"), grid={BIAS: [0.0]}, reps=2,
                     seed=4).seeds


def test_failed_runs_are_recorded_and_tried_again_on_the_next_run(tmp_path):
    out = tmp_path / "out"
    with pytest.warns(RuntimeWarning, match="2 of 4 runs failed: RuntimeError"):
        runs = sim.sweep("classroom", grid={BIAS: [0.0, 0.5]}, reps=2, seed=4, days=70,
                         out=out, workers=2, extract=fails_for_rep_1)
    assert list(runs["run_id"]) == ["p0000-r000", "p0001-r000"]
    assert runs["extra_read"].eq(1.0).all()
    failures = runs.attrs["failures"]
    assert list(failures["run_id"]) == ["p0000-r001", "p0001-r001"]
    assert list(failures["seed"]) == [SEEDS[1]] * 2
    assert failures["overrides"][1] == {BIAS: 0.5}
    assert set(failures["error"]) == {"RuntimeError: no contact line left"}
    assert "Traceback" in json.loads((out / "failures" / "p0000-r001.json").read_text())[
        "traceback"]
    assert list(pd.read_csv(out / "failures.csv")["run_id"]) == ["p0000-r001", "p0001-r001"]
    assert len(pd.read_csv(out / "runs.csv")) == 2
    stamps = run_files(out)
    with pytest.warns(RuntimeWarning):
        sim.sweep("classroom", grid={BIAS: [0.0, 0.5]}, reps=2, seed=4, days=70, out=out,
                  workers=1, extract=fails_for_rep_1)
    assert run_files(out) == stamps, "finished runs are not made again"
    assert len(read_failures(out)) == 2, "the failed ones were tried again, and failed again"


def dies_for_rep_1(result) -> dict:
    """Kill the worker process for replication 1's seed, as running out of memory would."""
    if result.seed == SEEDS[1]:
        os.kill(os.getpid(), signal.SIGKILL)
    return {}


def test_a_run_whose_worker_dies_twice_is_recorded_and_the_sweep_finishes(tmp_path):
    with pytest.warns(RuntimeWarning, match="2 of 4 runs failed: its worker died twice"):
        runs = sim.sweep("classroom", grid={BIAS: [0.0, 0.5]}, reps=2, seed=4, days=70,
                         out=tmp_path, workers=2, extract=dies_for_rep_1)
    assert list(runs["run_id"]) == ["p0000-r000", "p0001-r000"]
    assert list(runs.attrs["failures"]["run_id"]) == ["p0000-r001", "p0001-r001"]


def test_a_recorded_failure_is_cleared_when_its_run_succeeds(tmp_path, capsys):
    design = build_design(sim.load_scenario("classroom"), grid={BIAS: [0, 0.5]}, reps=2,
                          seed=4, days=70)
    with Store(tmp_path, design) as store:  # as an earlier sweep that failed would leave it
        store.put_failure(next(design.runs()), Failure("RuntimeError: boom"))
    assert len(read_failures(tmp_path)) == 1
    assert main([*SWEEP, "--out", str(tmp_path)]) == 0
    assert read_failures(tmp_path).empty
    assert pd.read_csv(tmp_path / "failures.csv").empty
    assert "failed" not in capsys.readouterr().out
