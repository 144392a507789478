"""The worker pool behind sweeps, comparisons and patterns, on real processes: a task
that raises or kills its worker is a recorded failure, a worker killed once is
retried, and workers never import from the folder a sweep is started in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sim.workers import Failure, local_pool, run_tasks

PEACESIM = Path(sys.executable).parent / "peacesim"


def square_unless(task: tuple[int, str]) -> int:
    """``task = (number, folder)``: number squared; 3 raises, 5 kills its own worker.
    Each attempt leaves a file ``<number>-<pid>`` in ``folder``."""
    number, folder = task
    Path(folder, f"{number}-{os.getpid()}").touch()
    if number == 3:
        raise ValueError("three is refused\nsecond line")
    if number == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return number * number


def attempts(folder: Path, number: int) -> int:
    return len(list(folder.glob(f"{number}-*")))


@pytest.mark.parametrize("workers", [None, 2], ids=["in_process", "pool"])
def test_a_raising_task_is_a_failure_and_the_others_finish(tmp_path, workers):
    outcomes: dict[int, object] = {}
    tasks = [(n, str(tmp_path)) for n in range(8) if workers or n != 5]
    pool = local_pool(workers) if workers else None
    try:
        run_tasks(square_unless, tasks, lambda t, o: outcomes.__setitem__(t[0], o), pool)
    finally:
        if pool:
            pool.shutdown()
    failure = outcomes.pop(3)
    assert isinstance(failure, Failure)
    assert failure.error == "ValueError: three is refused"
    assert "Traceback" in failure.traceback and "square_unless" in failure.traceback
    if workers:
        dead = outcomes.pop(5)
        assert isinstance(dead, Failure) and dead.error.startswith("its worker died twice")
        assert attempts(tmp_path, 5) == 2, "a dying task is tried once more, alone"
    assert outcomes == {n: n * n for n in outcomes} and len(outcomes) == 6


def slow_square(task: tuple[int, str]) -> int:
    """Leaves ``<number>-<pid>`` in the folder, then takes a second."""
    number, folder = task
    Path(folder, f"{number}-{os.getpid()}").touch()
    time.sleep(1.0)
    return number * number


def kill_when_started(folder: Path, number: int) -> None:
    """SIGKILL the worker running task ``number`` shortly after it starts, as the
    out-of-memory killer would."""
    deadline = time.monotonic() + 120
    while not (started := list(folder.glob(f"{number}-*"))):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.2)
    os.kill(int(started[0].name.split("-")[1]), signal.SIGKILL)


def test_a_worker_killed_from_outside_is_retried_and_nothing_is_lost(tmp_path):
    outcomes: dict[int, object] = {}
    killer = threading.Thread(target=kill_when_started, args=(tmp_path, 2))
    killer.start()
    pool = local_pool(2)
    try:
        run_tasks(slow_square, [(n, str(tmp_path)) for n in range(6)],
                  lambda t, o: outcomes.__setitem__(t[0], o), pool)
    finally:
        pool.shutdown()
        killer.join()
    assert outcomes == {n: n * n for n in range(6)}
    assert attempts(tmp_path, 2) == 2, "the killed task ran again"


DECOY = """
import os, pathlib
pathlib.Path(os.environ["DECOY_LOG"], f"{__name__}-{os.getpid()}").touch()
raise ImportError("a decoy was imported")
"""


def test_workers_never_import_from_the_folder_a_sweep_starts_in(tmp_path):
    folder, log = tmp_path / "here", tmp_path / "log"
    folder.mkdir()
    log.mkdir()
    for name in ("concurrent.py", "tqdm.py"):
        (folder / name).write_text(DECOY)
    done = subprocess.run(
        [str(PEACESIM), "sweep", "classroom", "--grid", "contingents.blue_helmets.troops=0,1500",
         "--days", "70", "--workers", "2", "--out", str(tmp_path / "out")],
        cwd=folder, env={**os.environ, "DECOY_LOG": str(log)}, capture_output=True, text=True,
        timeout=300)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in log.iterdir()) == []
    assert "2 runs (2 points x 1 reps)" in done.stdout
