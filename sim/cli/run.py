"""``peacesim run``: one run of a scenario, its summary printed and its files written."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import load_scenario
from .options import (
    EXIT_OK,
    Subcommands,
    add_days,
    add_out,
    add_rules,
    add_scenario,
    add_seed,
    add_set,
    overrides,
)


def register(subcommands: Subcommands) -> None:
    parser = subcommands.add_parser("run", help="run a scenario and write its outputs")
    add_scenario(parser)
    add_seed(parser)
    add_days(parser)
    add_set(parser)
    add_rules(parser)
    add_out(parser, "output folder (default results/<scenario>-<seed>)")
    parser.add_argument("--no-figure", action="store_true", help="skip overview.png")
    parser.set_defaults(handle=handle)


def handle(args: argparse.Namespace) -> int:
    from ..outputs import describe, write_run
    from ..runner import run

    changes = overrides(args)
    scenario = load_scenario(args.scenario, changes)
    result = run(scenario, seed=args.seed, days=args.days)
    out = args.out or Path("results") / f"{scenario.scenario.name}-{args.seed}"
    written = write_run(result, out, changes, args.days, figure=not args.no_figure)
    print(describe(result.summary))
    print(f"wrote {', '.join(p.name for p in written)} to {out}/")
    return EXIT_OK
