"""``peacesim scenarios``: the shipped scenarios with their titles."""

from __future__ import annotations

import argparse

from ..config import ScenarioError, available_scenarios, load_scenario
from .options import EXIT_OK, Subcommands


def register(subcommands: Subcommands) -> None:
    parser = subcommands.add_parser("scenarios", help="list the scenarios with their titles")
    parser.set_defaults(handle=handle)


def handle(args: argparse.Namespace) -> int:
    for name in available_scenarios():
        try:
            title = load_scenario(name).scenario.title
        except ScenarioError as err:
            title = f"(invalid: {err})"
        print(f"{name:28s} {title}")
    return EXIT_OK
