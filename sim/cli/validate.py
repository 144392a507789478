"""``peacesim validate``: check a scenario file (with any ``--set``) without running it."""

from __future__ import annotations

import argparse

from ..config import load_scenario, scenario_path
from .options import EXIT_OK, Subcommands, add_set, overrides


def register(subcommands: Subcommands) -> None:
    parser = subcommands.add_parser("validate", help="check a scenario file")
    parser.add_argument("file", help="a scenario file or a name from scenarios/")
    add_set(parser)
    parser.set_defaults(handle=handle)


def counted(number: int, noun: str) -> str:
    """``1 mission``, ``2 missions``, ``0 events``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def handle(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file, overrides(args))
    parties = ", ".join(p.name for p in scenario.parties)
    missions = len(scenario.contingents) + len(scenario.observers)
    print(f"{scenario_path(args.file)}: valid: scenario {scenario.scenario.name} "
          f"({parties}; {counted(missions, 'mission')}, "
          f"{counted(len(scenario.events), 'event')})")
    return EXIT_OK
