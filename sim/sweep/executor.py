"""Where runs execute: a local process pool, or a Dask cluster via its Executor.

Both are ``concurrent.futures.Executor``s; workers only compute and hand the
results back, the calling process stores them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..config import Scenario
from ..workers import local_pool
from .design import Run, SweepError

if TYPE_CHECKING:
    from ..runner import RunResult

CONNECT_TIMEOUT_S = 5.0
"""Seconds to wait for a Dask scheduler before giving up."""


@dataclass(frozen=True)
class Task:
    """What a worker needs for one run: the base scenario and the run's overrides."""

    scenario: Scenario
    run: Run
    days: int | None
    timeseries: bool
    extract: Callable[[RunResult], dict[str, Any]] | None = None


@dataclass(frozen=True)
class Finished:
    run: Run
    summary: dict[str, Any]
    timeseries: pd.DataFrame | None
    extra: dict[str, Any]
    """What the design's ``extract`` read from the run (stored as more columns)."""


def execute(task: Task) -> Finished:
    """Run one task (in a worker)."""
    from ..config import load_scenario
    from ..runner import run

    scenario = load_scenario(task.scenario, task.run.params)
    result = run(scenario, seed=task.run.seed, days=task.days)
    extra = task.extract(result) if task.extract else {}
    return Finished(task.run, result.summary, result.timeseries if task.timeseries else None,
                    extra)


@contextmanager
def open_executor(workers: int | None = None,
                  scheduler: str | None = None) -> Iterator[tuple[Executor, int]]:
    """Yield an executor and how many runs it computes at once."""
    if scheduler is None:
        slots = workers or os.cpu_count() or 1
        pool = local_pool(slots)
        try:
            yield pool, slots
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    if not re.fullmatch(r"(tcp|tls|inproc|ucx)://[^\s:/]+(:\d+)?", scheduler):
        raise SweepError(f"--scheduler {scheduler}: expected an address like "
                         "tcp://127.0.0.1:8786")
    from distributed import Client

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise SweepError(f"--scheduler {scheduler}: cannot reach a Dask scheduler "
                         f"({reason[:120]})") from None
    try:
        slots = sum(client.nthreads().values())
        if slots == 0:
            raise SweepError(f"--scheduler {scheduler}: the scheduler has no workers; "
                             "start some with 'dask worker " + scheduler + "'")
        yield client.get_executor(pure=False), slots
    finally:
        client.close()
