"""Serving the classroom page (``peacesim app``) with Solara, with no outside request.

The page's JavaScript and CSS come from the ``solara-assets`` bundle installed next
to Solara (served under ``/_solara/cdn``). Solara would fetch a file missing from
that bundle from a public CDN; ``OFFLINE_CDN`` points it at a closed local port
instead, so a missing file fails on this machine rather than leaving it. Solara's
start-up version check (a request to pypi.org) and its telemetry are switched off.
"""

from __future__ import annotations

import os
import socket
import sys
import warnings
from pathlib import Path

from .config import ScenarioError
from .session import EXTRA_DIRS_ENV

OFFLINE_CDN = "http://127.0.0.1:9/offline/"
"""Where Solara's asset proxy looks for files missing from the local bundle (port 9 is
the 'discard' port: nothing listens, the request fails at once)."""

SETTINGS = {
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false",
    "SOLARA_ASSETS_PROXY": "true",
    "SOLARA_ASSETS_CDN": OFFLINE_CDN,
    "SOLARA_KERNEL_CULL_TIMEOUT": "15m",
    "MPLBACKEND": "Agg",
}
"""Environment for Solara; a value already set in the environment wins."""


def port_free(host: str, port: int) -> bool:
    """True if a server could listen on ``host:port`` now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve(host: str, port: int, scenario_dirs: list[str] | None = None) -> int:
    """Run the page on ``host:port`` until interrupted; returns the exit code."""
    dirs = [Path(d) for d in scenario_dirs or []]
    for folder in dirs:
        if not folder.is_dir():
            raise ScenarioError(f"--scenario-dir {folder}: no such folder")
    for key, value in SETTINGS.items():
        os.environ.setdefault(key, value)
    if dirs:
        os.environ[EXTRA_DIRS_ENV] = os.pathsep.join(str(d.resolve()) for d in dirs)
    from solara.__main__ import run as solara_run  # reads the settings above on import

    # plain http on 127.0.0.1 is intended: the session cookie falls back to samesite=lax
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")

    print(f"peacesim app: the classroom page is at http://{host}:{port}/ (Ctrl+C stops it)",
          file=sys.stderr, flush=True)
    # --no-check-version: Solara would otherwise ask pypi.org for its latest version
    solara_run.main(["sim.app", "--host", host, "--port", str(port), "--production",
                     "--no-open", "--no-check-version", "--log-level", "warning"],
                    standalone_mode=False)
    return 0
