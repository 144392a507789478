"""``peacesim app``: serve the classroom page on this machine."""

from __future__ import annotations

import argparse

from .options import Subcommands, UsageError, positive_int


def register(subcommands: Subcommands) -> None:
    parser = subcommands.add_parser("app",
                                    help="serve the classroom page (Solara) on this machine")
    parser.add_argument("--port", type=positive_int, default=8765, help="port (default 8765)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--scenario-dir", action="append", metavar="DIR",
                        help="also offer the scenario files in DIR (repeatable)")
    parser.set_defaults(handle=handle)


def handle(args: argparse.Namespace) -> int:
    from ..serve import port_free, serve

    if not port_free(args.host, args.port):
        raise UsageError(f"peacesim app: --port {args.port}: already in use on {args.host}; "
                         "pick another port")
    return serve(args.host, args.port, args.scenario_dir)
