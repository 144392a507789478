"""Serving the classroom page (``peacesim app``) with Solara, with no outside request.

The page's JavaScript and CSS come from the ``solara-assets`` bundle installed next
to Solara (served under ``/_solara/cdn``); the map's and charts' widget code comes
from anywidget's own files, served by the page. Solara would fetch a file missing
from that bundle from a public CDN; ``OFFLINE_CDN`` points it at a closed local port
instead, so a missing file fails on this machine rather than leaving it. Solara's
start-up version check (a request to pypi.org) and its telemetry are switched off,
whatever the environment says (``sim.page.offline``).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import warnings
from pathlib import Path

from .config import ScenarioError
from .page.offline import telemetry_off
from .page.session import EXTRA_DIRS_ENV

OFFLINE_CDN = "http://127.0.0.1:9/offline/"
"""Where Solara's asset proxy looks for files missing from the local bundle (port 9 is
the 'discard' port: nothing listens, the request fails at once)."""

SETTINGS = {
    "SOLARA_ASSETS_PROXY": "true",
    "SOLARA_ASSETS_CDN": OFFLINE_CDN,
    "MPLBACKEND": "Agg",
}
"""Environment for Solara, forced: the page must not reach outside this machine."""
DEFAULTS = {"SOLARA_KERNEL_CULL_TIMEOUT": "2m"}
"""Environment for Solara that a value already set wins over: a closed tab's session
(its model, its widgets) is freed 2 minutes after the page went away."""


def _addresses(host: str, port: int) -> list[tuple]:
    """``getaddrinfo`` for a listening socket on ``host:port``."""
    return socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                              flags=socket.AI_PASSIVE)


def check_address(host: str, port: int) -> str | None:
    """Why the page cannot listen on ``host:port`` now (one line), or None if it can."""
    try:
        found = _addresses(host, port)
    except (socket.gaierror, UnicodeError):
        return (f"peacesim app: --host {host}: no such host name or address; use an address "
                "of this machine, e.g. 127.0.0.1 (this machine only)")
    family, kind, proto, _, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except PermissionError:
            return (f"peacesim app: --port {port}: not allowed for this user on {host} "
                    "(ports below 1024 need privileges); pick a port from 1024 up")
        except OSError as err:
            if err.errno == 98:  # EADDRINUSE
                return (f"peacesim app: --port {port}: already in use on {host}; "
                        "pick another port")
            return (f"peacesim app: --host {host}: this machine cannot listen there "
                    f"({err.strerror}); use one of its own addresses, e.g. 127.0.0.1")
    return None


def reaches_beyond_this_machine(host: str, port: int = 0) -> bool:
    """True if listening on ``host`` lets other machines connect (not loopback only)."""
    try:
        found = _addresses(host, port)
    except (socket.gaierror, UnicodeError):
        return False
    return not all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback
                   for info in found)


def serve(host: str, port: int, scenario_dirs: list[str] | None = None) -> int:
    """Run the page on ``host:port`` until interrupted; returns the exit code."""
    dirs = [Path(d) for d in scenario_dirs or []]
    for folder in dirs:
        if not folder.is_dir():
            raise ScenarioError(f"--scenario-dir {folder}: no such folder")
    os.environ.update(SETTINGS)
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    telemetry_off()
    if dirs:
        os.environ[EXTRA_DIRS_ENV] = os.pathsep.join(str(d.resolve()) for d in dirs)
    from solara.__main__ import run as solara_run  # reads the settings above on import

    telemetry_off()  # now that Solara's settings exist: a .env file cannot turn it on
    # plain http on 127.0.0.1 is intended: the session cookie falls back to samesite=lax
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    if reaches_beyond_this_machine(host, port):
        print(f"peacesim app: warning: --host {host} lets anyone who can reach this machine "
              "over the network use the page; it has no login or password. Use "
              "--host 127.0.0.1 to keep it to this machine.", file=sys.stderr, flush=True)
    print(f"peacesim app: the classroom page is at http://{host}:{port}/ (Ctrl+C stops it)",
          file=sys.stderr, flush=True)
    # --no-check-version: Solara would otherwise ask pypi.org for its latest version
    solara_run.main(["sim.page.layout", "--host", host, "--port", str(port), "--production",
                     "--no-open", "--no-check-version", "--log-level", "warning"],
                    standalone_mode=False)
    return 0
