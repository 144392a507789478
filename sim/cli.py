"""The ``peacesim`` command line. Exit codes: 0 success, 2 invalid input, 1 internal failure."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import compare_cli, patterns
from .config import (
    ScenarioError,
    available_scenarios,
    load_scenario,
    parse_assignment,
    scenario_path,
)
from .sweep.cli import add_sweep_parser, cmd_sweep

EXIT_OK, EXIT_INTERNAL, EXIT_INVALID = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse that reports mistakes as one line instead of usage + error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def overrides_from(assignments: Sequence[str] | None) -> dict[str, Any]:
    """``--set PATH=VALUE`` arguments as an ordered dict of overrides."""
    return dict(parse_assignment(a) for a in assignments or [])


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value}: must be at least {minimum}")
        return value

    return parse


positive_int = whole_number(1)
non_negative_int = whole_number(0)


# ------------------------------------------------------------------ commands


def cmd_scenarios(args: argparse.Namespace) -> int:
    for name in available_scenarios():
        try:
            title = load_scenario(name).scenario.title
        except ScenarioError as err:
            title = f"(invalid: {err})"
        print(f"{name:28s} {title}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file, overrides_from(args.set))
    parties = ", ".join(p.name for p in scenario.parties)
    missions = len(scenario.contingents) + len(scenario.observers)
    print(f"{scenario_path(args.file)}: valid: scenario {scenario.scenario.name} "
          f"({parties}; {missions} missions, {len(scenario.events)} events)")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from .outputs import describe, write_run
    from .runner import run

    overrides = overrides_from(args.set)
    scenario = load_scenario(args.scenario, overrides)
    result = run(scenario, seed=args.seed, days=args.days)
    out = Path(args.out) if args.out else Path("results") / f"{scenario.scenario.name}-{args.seed}"
    written = write_run(result, out, overrides, args.days, figure=not args.no_figure)
    print(describe(result.summary))
    print(f"wrote {', '.join(p.name for p in written)} to {out}/")
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    from .serve import check_address, serve

    problem = check_address(args.host, args.port)
    if problem:
        raise UsageError(problem)
    return serve(args.host, args.port, args.scenario_dir)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "scenarios": cmd_scenarios,
    "validate": cmd_validate,
    "run": cmd_run,
    "compare": compare_cli.cmd_compare,
    "patterns": patterns.cmd_patterns,
    "app": cmd_app,
    "sweep": cmd_sweep,
}


def build_parser() -> Parser:
    parser = Parser(prog="peacesim", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    sub.add_parser("scenarios", help="list the scenarios with their titles")

    validate = sub.add_parser("validate", help="check a scenario file")
    validate.add_argument("file", help="a scenario file or a name from scenarios/")
    validate.add_argument("--set", action="append", metavar="PATH=VALUE",
                          help="override a value, e.g. contingents.blue_helmets.troops=0")

    run = sub.add_parser("run", help="run a scenario and write its outputs")
    run.add_argument("scenario", help="a scenario file or a name from scenarios/")
    run.add_argument("--seed", type=non_negative_int, default=0, help="random seed (default 0)")
    run.add_argument("--days", type=positive_int, default=None,
                     help="days to simulate (default: the scenario's horizon_days)")
    run.add_argument("--set", action="append", metavar="PATH=VALUE",
                     help="override a value by dotted path; list entries by name, e.g. "
                          "contingents.blue_helmets.bias=0.5 (repeatable)")
    run.add_argument("--out", default=None,
                     help="output folder (default results/<scenario>-<seed>)")
    run.add_argument("--no-figure", action="store_true", help="skip overview.png")
    compare_cli.add_parser(sub, positive_int, non_negative_int)
    patterns.add_parser(sub, positive_int, non_negative_int)

    app = sub.add_parser("app", help="serve the classroom page (Solara) on this machine")
    app.add_argument("--port", type=positive_int, default=8765, help="port (default 8765)")
    app.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default 127.0.0.1: this machine only)")
    app.add_argument("--scenario-dir", action="append", metavar="DIR",
                     help="also offer the scenario files in DIR (repeatable)")
    add_sweep_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
    except ScenarioError as err:
        print(f"peacesim: error: {err}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("peacesim: interrupted", file=sys.stderr)
        return 130
    except Exception:  # an internal failure: keep the traceback for the report
        traceback.print_exc()
        print("peacesim: internal error (the traceback above is for a bug report)",
              file=sys.stderr)
        return EXIT_INTERNAL
