"""Local pools of worker processes, shared by sweeps, comparisons and patterns.

Workers start from a fork server with the model preloaded (not by forking a possibly
threaded process), leave Ctrl-C to the process that owns them, and exit when that
process is gone instead of waiting forever for work.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

OWNER_POLL_S = 1.0
"""Seconds between a worker's checks that the owning process is still alive."""


def local_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sim.runner"])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(),))


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
