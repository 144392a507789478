"""Helpers shared by the tests that start real processes (servers, sweeps, clusters)."""

import contextlib
import os
import signal
import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kill_group(group: int) -> None:
    """SIGKILL every process left in a process group (a no-op when none is)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
