"""Driving a sweep: submit pending runs, store them as they finish, analyse at the end.

``sweep(...)`` is the Python API (``sim.sweep``); ``peacesim sweep`` calls the same.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from ..config import Scenario, load_scenario
from .design import Design, build_design
from .executor import Task, execute, open_executor
from .store import Store

IN_FLIGHT_PER_SLOT = 2
"""Runs submitted ahead per worker slot: keeps workers busy, memory bounded."""


def run_design(design: Design, out: Path | str, workers: int | None = None,
               scheduler: str | None = None, restart: bool = False,
               progress: bool = False) -> Store:
    """Run every run of ``design`` not yet in the store at ``out``; return the store.

    ``progress`` shows a bar on a terminal. On Ctrl-C, runs not started are
    cancelled, running ones are stored as they finish, and KeyboardInterrupt is
    raised again.
    """
    with open_executor(workers, scheduler) as (executor, slots):
        store = Store(out, design, restart=restart)
        done = store.done()
        pending = (Task(design.scenario, run, design.days, design.timeseries)
                   for run in design.runs() if run.run_id not in done)
        with tqdm(total=design.size, initial=len(done), unit="run", desc="sweep",
                  disable=None if progress else True, file=sys.stderr,
                  dynamic_ncols=True) as bar:
            _drive(executor, slots * IN_FLIGHT_PER_SLOT, pending, store, bar)
    return store


def _drive(executor: Executor, window: int, tasks: Iterator[Task], store: Store,
           bar: tqdm) -> None:
    running: set[Future] = set()

    def collect(futures: set[Future]) -> None:
        for future in futures:
            running.discard(future)
            if future.cancelled():
                continue
            finished = future.result()
            store.put(finished.run, finished.summary, finished.timeseries)
            bar.update(1)

    try:
        for task in tasks:
            while len(running) >= window:
                collect(wait(running, return_when=FIRST_COMPLETED).done)
            running.add(executor.submit(execute, task))
        while running:
            collect(wait(running, return_when=FIRST_COMPLETED).done)
    except KeyboardInterrupt:
        for future in running:
            future.cancel()
        collect(wait(running).done)
        stored = len(store.done())
        print(f"\nstopped: {stored} of {bar.total} runs stored in {store.out}; "
              "run the same command again to resume", file=sys.stderr)
        raise
    except BaseException:
        for future in running:
            future.cancel()
        raise


def sweep(
    scenario: Scenario | str,
    grid: dict[str, list[Any]] | None = None,
    ranges: dict[str, tuple[float, float]] | None = None,
    sample: str | None = None,
    n: int | None = None,
    reps: int = 1,
    seed: int = 0,
    days: int | None = None,
    overrides: dict[str, Any] | None = None,
    out: Path | str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    timeseries: bool = False,
    restart: bool = False,
    progress: bool = False,
) -> pd.DataFrame:
    """Run a parameter sweep and return one row per run (as stored in the Parquet store).

    ``grid`` maps dotted paths to values (full factorial); ``ranges`` maps paths to
    ``(low, high)`` sampled by ``sample`` (``sobol`` | ``lhs`` | ``morris``) with
    ``n`` base samples. Each design point runs ``reps`` times with seeds drawn from
    ``seed``. With ``out`` the store is kept there (re-running resumes it) together
    with the tables and figures of ``sim.sweep.analysis``; without, a temporary
    store is used. ``days`` shortens every run (default: the scenario's horizon).
    Raises ``SweepError`` / ``ScenarioError`` on a bad design.
    """
    base = load_scenario(scenario, overrides)
    design = build_design(base, overrides, grid, ranges, sample, n, reps, seed, days,
                          timeseries)
    if out is None:
        with tempfile.TemporaryDirectory(prefix="peacesim-sweep-") as tmp:
            return run_design(design, tmp, workers, scheduler, restart, progress).summaries()
    from .analysis import analyse

    runs = run_design(design, out, workers, scheduler, restart, progress).summaries()
    analyse(design, runs, Path(out))
    return runs
