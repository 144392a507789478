"""``peacesim rules``: the behavioural constants, with unit, plausible range and reason."""

from __future__ import annotations

import argparse
import json
import textwrap

from .options import EXIT_OK, Subcommands, add_rules, rule_overrides


def register(subcommands: Subcommands) -> None:
    parser = subcommands.add_parser(
        "rules", help="list the behavioural constants (value, unit, range, reason)",
        description="Every behavioural constant of the model: its value, unit, plausible "
                    "range (used by sensitivity analysis and calibration) and reason. A "
                    "--rules FILE of 'name = value' lines, or a scenario's [rules] table, "
                    "replaces any of them.")
    add_rules(parser)
    parser.add_argument("--group", default=None,
                        help="only the rules of one group (e.g. violations, deterrence)")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.set_defaults(handle=handle)


def handle(args: argparse.Namespace) -> int:
    from ..rules import table

    replaced = {key.removeprefix("rules."): value for key, value in rule_overrides(args).items()}
    rows = [dict(row, value=replaced.get(row["name"], row["value"])) for row in table()
            if args.group is None or row["group"] == args.group]
    if args.json:
        print(json.dumps(rows, indent=1))
        return EXIT_OK
    group = None
    for row in rows:
        if row["group"] != group:
            group = row["group"]
            print(f"\n[{group}]")
        mark = " *" if row["name"] in replaced else ""
        print(f"{row['name']} = {row['value']:g}{mark}   ({row['unit']}; range "
              f"{row['low']:g} .. {row['high']:g})")
        print(textwrap.indent(textwrap.fill(row["reason"], 88), "    "))
    if replaced:
        print("\n* replaced by the --rules file")
    return EXIT_OK
