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
    from ..serve import check_address, serve

    problem = check_address(args.host, args.port)
    if problem:
        raise UsageError(problem)
    return serve(args.host, args.port, args.scenario_dir)
