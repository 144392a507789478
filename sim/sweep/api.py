"""Driving a sweep: submit pending runs, store them as they finish, analyse at the end.

``sweep(...)`` is the Python API (``sim.sweep``); ``peacesim sweep`` calls the same.
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from ..config import Scenario, load_scenario
from ..runner import RunResult
from ..workers import IN_FLIGHT_PER_SLOT, Failure, run_tasks
from .design import Design, build_design
from .executor import Finished, Task, execute, open_executor
from .store import Store


def run_design(design: Design, out: Path | str, workers: int | None = None,
               scheduler: str | None = None, restart: bool = False,
               progress: bool = False) -> Store:
    """Run every run of ``design`` not yet in the store at ``out``; return the store
    (closed: its lock on ``out`` released).

    A run that fails is recorded in the store (``failures/``) and the others go on.
    ``progress`` shows a bar on a terminal. On Ctrl-C, runs not started are
    cancelled, running ones are stored as they finish, and KeyboardInterrupt is
    raised again.
    """
    with open_executor(workers, scheduler) as (executor, slots), \
            Store(out, design, restart=restart) as store:
        for note in store.notes:
            print(f"peacesim: {note}", file=sys.stderr)
        done = store.done()
        pending = (Task(design.scenario, run, design.days, design.timeseries, design.extract)
                   for run in design.runs() if run.run_id not in done)
        with tqdm(total=design.size, initial=len(done), unit="run", desc="sweep",
                  disable=None if progress else True, file=sys.stderr,
                  dynamic_ncols=True) as bar:

            def stored(task: Task, outcome: Finished | Failure) -> None:
                if isinstance(outcome, Failure):
                    store.put_failure(task.run, outcome)
                else:
                    store.put(task.run, outcome.summary, outcome.timeseries, outcome.extra)
                bar.update(1)

            try:
                run_tasks(execute, pending, stored, executor, IN_FLIGHT_PER_SLOT * slots)
            except KeyboardInterrupt:
                print(f"\nstopped: {len(store.done())} of {design.size} runs stored in "
                      f"{store.out}; run the same command again to resume", file=sys.stderr)
                raise
    return store


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
    extract: Callable[[RunResult], dict[str, Any]] | None = None,
) -> pd.DataFrame:
    """Run a parameter sweep and return one row per run (as stored in the Parquet store).

    ``grid`` maps dotted paths to values (full factorial); ``ranges`` maps paths to
    ``(low, high)`` sampled by ``sample`` (``sobol`` | ``lhs`` | ``morris``) with
    ``n`` base samples. Each design point runs ``reps`` times with seeds drawn from
    ``seed``. With ``out`` the store is kept there (re-running resumes it) together
    with the tables and figures of ``sim.sweep.analysis``; without, a temporary
    store is used. ``days`` shortens every run (default: the scenario's horizon).
    ``extract`` (module level: it is pickled) reads more columns from each finished
    run, as in ``sim.compare.compare``; its name is part of the design.
    Runs that failed are left out of the rows and listed in
    ``rows.attrs["failures"]`` (a DataFrame: run id, seed, overrides, error; with
    ``out`` also in ``failures.csv``), with a warning. Raises ``SweepError`` /
    ``ScenarioError`` on a bad design.
    """
    base = load_scenario(scenario, overrides)
    design = build_design(base, overrides, grid, ranges, sample, n, reps, seed, days,
                          timeseries, extract)
    if out is None:
        with tempfile.TemporaryDirectory(prefix="peacesim-sweep-") as tmp:
            store = run_design(design, tmp, workers, scheduler, restart, progress)
            runs, failures = store.summaries(), store.failures()
    else:
        from .analysis import analyse

        store = run_design(design, out, workers, scheduler, restart, progress)
        runs, failures = store.summaries(), store.failures()
        analyse(design, runs, failures, Path(out))
    if len(failures):
        warnings.warn(f"{len(failures)} of {design.size} runs failed: "
                      f"{failures['error'].iloc[0]} (run {failures['run_id'].iloc[0]}); see "
                      "the returned frame's attrs['failures']", RuntimeWarning, stacklevel=2)
    runs.attrs["failures"] = failures
    return runs
