"""The ``peacesim`` command line: one module per subcommand, shared options in
:mod:`sim.cli.options`.

Each subcommand module has ``register(subcommands)``, which adds its parser and sets
its ``handle(args) -> exit code``. Exit codes: 0 done; 1 an internal failure, or some
runs failed (the others are written); 2 invalid input (one line); 130 Ctrl-C.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

from ..config import ScenarioError
from . import app, compare, patterns, rules, run, scenarios, sweep, validate
from .options import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_INVALID, Parser, UsageError

SUBCOMMANDS = (scenarios, validate, run, compare, patterns, sweep, rules, app)


def build_parser() -> Parser:
    parser = Parser(prog="peacesim", description="Agent-based simulation of ceasefires "
                    "and peacekeeping: run scenarios, compare what-ifs, sweep parameters.")
    subcommands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for module in SUBCOMMANDS:
        module.register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.handle(args)
    except UsageError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
    except ScenarioError as err:
        print(f"peacesim: error: {err}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("peacesim: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # an internal failure: keep the traceback for the report
        traceback.print_exc()
        print("peacesim: internal error (the traceback above is for a bug report)",
              file=sys.stderr)
        return EXIT_FAILED
