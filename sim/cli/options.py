"""What every subcommand shares: the parser, exit codes, value types and options.

Each option used by more than one subcommand is one ``add_*`` function here, so it
is spelled, checked (limits, finite numbers) and documented the same everywhere; a
subcommand module calls the ones it takes in its ``register`` and reads the parsed
values in its ``handle``. Mistakes raise :class:`UsageError` (one line, exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..config import parse_assignment
from ..limits import MAX_DAYS, MAX_REPS, non_finite
from ..rules import RulesError, read_rules_file

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130
"""0 done; 1 an internal failure, or some runs failed (the others are written);
2 invalid input; 130 stopped by Ctrl-C."""


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse that reports mistakes as one line instead of usage + error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


Subcommands = argparse._SubParsersAction
"""What ``register(subcommands)`` adds its parser to."""


# ------------------------------------------------------------------ value types


def whole_number(minimum: int, maximum: int | None = None,
                 why: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from ``minimum`` to ``maximum`` (``why`` says
    where the maximum comes from)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value}: must be at least {minimum}")
        if maximum is not None and value > maximum:
            reason = f" ({why})" if why else ""
            raise argparse.ArgumentTypeError(f"{value}: must be at most {maximum:,}{reason}")
        return value

    return parse


positive_int = whole_number(1)
non_negative_int = whole_number(0)


def output_folder(text: str) -> Path:
    """An argparse type: a folder to write into, refused at once if it (or a folder
    above it) exists as a file."""
    path = Path(text)
    for place in (path, *path.parents):
        if place.exists() and not place.is_dir():
            if place == path:
                raise argparse.ArgumentTypeError(f"{text}: exists and is not a folder")
            raise argparse.ArgumentTypeError(f"{text}: {place} is a file, not a folder")
    return path


def assignments(option: str, texts: Sequence[str]) -> dict[str, Any]:
    """``PATH=VALUE`` texts as an ordered dict; a non-finite number is a UsageError."""
    overrides = dict(parse_assignment(text) for text in texts)
    refuse_non_finite(option, overrides)
    return overrides


def refuse_non_finite(option: str, values: dict[str, Any]) -> None:
    """UsageError naming the first ``PATH=VALUE`` that is or holds NaN or infinity."""
    for path, value in values.items():
        if non_finite(value):
            shown = ",".join(map(str, value)) if isinstance(value, list) else value
            raise UsageError(f"peacesim: error: {option} {path}={shown}: must be a finite "
                             "number (no nan or inf)")


# ------------------------------------------------------------------ options


def add_scenario(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="a scenario file or a name from scenarios/")


def add_set(parser: argparse.ArgumentParser, every_run: bool = False) -> None:
    """``--set PATH=VALUE`` (repeatable); read with :func:`overrides`."""
    where = "in every run " if every_run else ""
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                        help=f"override a value {where}by dotted path; list entries by name, "
                             "e.g. contingents.blue_helmets.bias=0.5 (repeatable)")


def overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The ``--rules`` file's values (as ``rules.NAME`` overrides), then the ``--set``
    overrides, in the order given."""
    return {**rule_overrides(args), **assignments("--set", args.set)}


def rules_file(text: str) -> dict[str, Any]:
    """An argparse type: a rules file (``name = value`` lines, see ``peacesim rules``) as
    ``rules.NAME`` overrides."""
    try:
        return {f"rules.{name}": value for name, value in read_rules_file(text).items()}
    except RulesError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_rules(parser: argparse.ArgumentParser) -> None:
    """``--rules FILE``: behavioural constants replaced in every run; read with
    :func:`rule_overrides` (or :func:`overrides`, which includes them)."""
    parser.add_argument("--rules", type=rules_file, default={}, metavar="FILE",
                        help="a TOML file of 'name = value' lines replacing behavioural "
                             "constants in every run (see 'peacesim rules'); recorded with "
                             "the outputs")


def rule_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The ``--rules`` file's values as ``rules.NAME`` overrides (empty without one)."""
    return dict(getattr(args, "rules", None) or {})


def add_seed(parser: argparse.ArgumentParser, help: str = "random seed (default 0)") -> None:
    parser.add_argument("--seed", type=non_negative_int, default=0, help=help)


def add_days(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=whole_number(1, MAX_DAYS, "100 years"), default=None,
                        help="days to simulate per run (default: the scenario's "
                             f"horizon_days; at most {MAX_DAYS:,})")


def add_reps(parser: argparse.ArgumentParser, help: str, default: int | None = None) -> None:
    """``--reps`` (required without a default), at most ``MAX_REPS``."""
    parser.add_argument("--reps", type=whole_number(1, MAX_REPS), default=default,
                        required=default is None,
                        help=f"{help} (at most {MAX_REPS:,}"
                             + (f"; default {default})" if default is not None else ")"))


def add_workers(parser: argparse.ArgumentParser | argparse._ActionsContainer,
                default: int | None, default_text: str | None = None) -> None:
    parser.add_argument(
        "--workers", type=positive_int, default=default,
        help=f"worker processes (default {default_text or default}; results do not "
             "depend on it)")


def add_out(parser: argparse.ArgumentParser, help: str, default: str | None = None,
            required: bool = False) -> None:
    """``--out FOLDER``, refused before any work if it names an existing file."""
    parser.add_argument("--out", type=output_folder, default=default, required=required,
                        help=help)
