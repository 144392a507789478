"""Worker processes and the one loop that runs many tasks on them.

:func:`local_pool` gives a pool of local processes for sweeps, comparisons and
patterns. They start from a fork server launched with a safe import path
(``PYTHONSAFEPATH=1``: the folder the command was started from is not searched, so a
``concurrent.py`` or ``tqdm.py`` lying there is never imported) with the model
preloaded; they leave Ctrl-C to the process that owns them and exit when it is gone.
When a worker dies (killed, out of memory) the pool starts afresh.

:func:`run_tasks` runs tasks on any ``concurrent.futures.Executor`` (that pool, a Dask
cluster's, or none: in this process) and hands each outcome to the caller as it
finishes: the task's result, or a :class:`Failure` when the task raised or its
worker died twice. One failed task never stops the others.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import (
    ALL_COMPLETED,
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any

OWNER_POLL_S = 1.0
"""Seconds between a worker's checks that the owning process is still alive."""
PRELOAD = ["sim.runner"]
"""Modules the fork server imports once, so each worker starts with the model loaded."""
IN_FLIGHT_PER_SLOT = 2
"""Tasks submitted ahead per worker: keeps workers busy, memory bounded."""
ERROR_CHARS = 300
"""Longest one-line error kept for a failed task (the traceback is kept whole)."""

_START_LOCK = threading.Lock()


@dataclass(frozen=True)
class Failure:
    """A task that did not finish: its error on one line, and the traceback if any."""

    error: str
    traceback: str = ""


def one_line(error: BaseException) -> str:
    """``ValueError: first line of the message``, at most ``ERROR_CHARS`` long."""
    message = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
    return text if len(text) <= ERROR_CHARS else text[: ERROR_CHARS - 3] + "..."


def attempt(function: Callable[[Any], Any], task: Any) -> Any:
    """``function(task)``, or a :class:`Failure` if it raised (runs in the worker)."""
    try:
        return function(task)
    except Exception as err:
        return Failure(one_line(err), traceback.format_exc())


class LocalPool(Executor):
    """``workers`` local processes; after a worker dies, the next submit starts afresh."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool = _process_pool(workers)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        try:
            return self._pool.submit(fn, *args, **kwargs)
        except BrokenProcessPool:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = _process_pool(self.workers)
            return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def local_pool(workers: int) -> LocalPool:
    """A pool of ``workers`` local processes."""
    return LocalPool(workers)


def slots(executor: Executor) -> int:
    """How many tasks ``executor`` runs at once: a local pool's size, else one per core."""
    return getattr(executor, "workers", None) or os.cpu_count() or 1


def run_tasks(
    function: Callable[[Any], Any],
    tasks: Iterable[Any],
    on_done: Callable[[Any, Any], None],
    executor: Executor | None = None,
    window: int | None = None,
) -> None:
    """Run ``function(task)`` for every task; call ``on_done(task, outcome)`` here as
    each finishes, in the order they finish.

    ``outcome`` is the function's result, or a :class:`Failure` if it raised. Without
    an executor tasks run one after the other in this process. With one, at most
    ``window`` tasks (default two per slot) are in flight; ``function`` must then be
    picklable (module level). When a worker dies, the tasks it may have been running
    are run again one at a time; a task whose worker dies again is a Failure. On
    Ctrl-C, tasks not started are cancelled, those running are handed to ``on_done``
    as they finish, and KeyboardInterrupt is raised again.
    """
    if executor is None:
        for task in tasks:
            on_done(task, attempt(function, task))
        return
    window = window or IN_FLIGHT_PER_SLOT * slots(executor)
    waiting = iter(tasks)
    running: dict[Future, tuple[Any, bool]] = {}
    suspects: deque[Any] = deque()

    def submit(task: Any, alone: bool) -> None:
        running[executor.submit(attempt, function, task)] = (task, alone)

    def settle(futures: Iterable[Future]) -> None:
        for future in futures:
            task, alone = running.pop(future)
            if future.cancelled():
                continue
            try:
                outcome = future.result()
            except Exception as err:  # the worker died, or the executor lost the task
                if alone:
                    on_done(task, Failure(f"its worker died twice: {one_line(err)}"))
                else:
                    suspects.append(task)
                continue
            on_done(task, outcome)

    try:
        while True:
            if suspects and not running:
                submit(suspects.popleft(), alone=True)
            elif not suspects:
                for task in islice(waiting, max(0, window - len(running))):
                    submit(task, alone=False)
            if not running:
                return
            until = ALL_COMPLETED if suspects else FIRST_COMPLETED
            settle(wait(running, return_when=until).done)
    except KeyboardInterrupt:
        for future in running:
            future.cancel()
        suspects.clear()
        settle(wait(running).done)
        raise
    except BaseException:
        for future in running:
            future.cancel()
        raise


# ------------------------------------------------------------------ processes


def _process_pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    _start_fork_server()
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(),))


def _start_fork_server() -> None:
    """Start the fork server (if it is not running) with a safe import path."""
    with _START_LOCK:
        before = os.environ.get("PYTHONSAFEPATH")
        os.environ["PYTHONSAFEPATH"] = "1"
        try:
            multiprocessing.forkserver.ensure_running()
        finally:
            if before is None:
                del os.environ["PYTHONSAFEPATH"]
            else:
                os.environ["PYTHONSAFEPATH"] = before


def _start_worker(owner: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_without, args=(owner,), daemon=True).start()


def _exit_without(owner: int) -> None:
    while True:
        time.sleep(OWNER_POLL_S)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(1)
