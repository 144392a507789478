"""``peacesim compare``: baseline against named variants, printed and written to files.

Writes ``runs.csv`` (one row per finished run), ``failures.csv`` (one row per failed
run: variant, seed, scenario, overrides, error), ``table.csv`` (metrics with 95%
intervals), ``hazard_ratios.csv``, ``comparison.json`` (all of it plus the reading)
and ``survival.png`` (Kaplan-Meier curves) under ``--out``. Exits 1 if any run
failed, after writing everything.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compare import BASELINE
from ..config import Scenario, ScenarioError, load_scenario
from ..outputs import write_atomic, write_text
from .options import (
    EXIT_FAILED,
    EXIT_OK,
    Subcommands,
    add_days,
    add_out,
    add_reps,
    add_rules,
    add_scenario,
    add_seed,
    add_workers,
    rule_overrides,
)

if TYPE_CHECKING:
    from ..compare import Comparison

FILES = ("runs.csv", "failures.csv", "table.csv", "hazard_ratios.csv", "comparison.json",
         "survival.png")


def register(subcommands: Subcommands) -> None:
    parser = subcommands.add_parser(
        "compare", help="run a baseline and what-if variants over the same seeds",
        description="Run the scenario unchanged (baseline) and with each variant over "
                    "the same seeds; print a table with 95% intervals, hazard ratios "
                    "and a plain reading; write CSV, JSON and a survival figure.")
    add_scenario(parser)
    parser.add_argument("--variant", action="append", required=True,
                        metavar="NAME:PATH=VALUE[,...]",
                        help="a named variant, e.g. neutral:contingents.russia.bias=0 "
                             "(repeatable)")
    add_reps(parser, "replications (seeds) per variant")
    add_seed(parser, "first seed; runs use seed .. seed+reps-1 (default 0)")
    add_days(parser)
    add_workers(parser, default=1)
    add_rules(parser)
    add_out(parser, "output folder (default results/compare-<scenario>)")
    parser.set_defaults(handle=handle)


def variants_from(texts: list[str], scenario: Scenario) -> dict[str, dict[str, Any]]:
    """Parse and check every ``--variant`` before anything runs (ScenarioError if bad)."""
    from ..compare import parse_variant

    variants: dict[str, dict[str, Any]] = {}
    for text in texts:
        name, overrides = parse_variant(text)
        if name in variants:
            raise ScenarioError(f"--variant {text}: the name '{name}' is used twice")
        load_scenario(scenario, overrides)
        variants[name] = overrides
    return variants


def handle(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..compare import compare, process_pool

    scenario = load_scenario(args.scenario, rule_overrides(args))
    variants = variants_from(args.variant, scenario)
    out = args.out or Path("results") / f"compare-{scenario.scenario.name}"
    total = args.reps * (len(variants) + 1)
    with tqdm(total=total, desc="runs", unit="run", leave=False) as bar:
        executor = process_pool(args.workers)
        try:
            result = compare(scenario, variants, args.reps, seed=args.seed, days=args.days,
                             progress=bar.update, executor=executor)
        finally:
            if executor is not None:
                executor.shutdown()
    print(render(result))
    written = write_comparison(result, out)
    print(f"wrote {', '.join(p.name for p in written)} to {out}/")
    return EXIT_FAILED if len(result.failures) else EXIT_OK


# ------------------------------------------------------------------ text


def render(result: Comparison) -> str:
    """The metric table (mean [95% interval] per variant), hazard ratios and reading."""
    table = result.table()
    names = list(dict.fromkeys(table["variant"]))
    width = max(14, *(len(n) for n in names))
    labels = dict(zip(table["metric"], table["label"], strict=False))
    lines = [f"{result.scenario}: {len(result.seeds)} seeds "
             f"({result.seeds[0]}..{result.seeds[-1]}), {result.days} days",
             "", f"{'metric':34s}" + "".join(f"{n:>{width + 16}s}" for n in names)]
    for metric in dict.fromkeys(table["metric"]):
        cells = []
        for name in names:
            row = table[(table["metric"] == metric) & (table["variant"] == name)]
            cells.append(_cell(row.iloc[0]) if len(row) else "-")
        label = labels[metric].split(" (")[0][:33]
        lines.append(f"{label:34s}" + "".join(f"{c:>{width + 16}s}" for c in cells))
    lines += ["", "hazard ratio of collapse against the baseline (Cox, 95% CI):"]
    finished = set(result.runs["variant"]) if len(result.runs) else set()
    for _, hr in result.hazard_ratios().iterrows():
        if not {BASELINE, hr["variant"]} <= finished:
            lines.append(f"  {hr['variant']}: not estimated (a group has no finished run)")
            continue
        if math.isnan(hr["hazard_ratio"]):
            lines.append(f"  {hr['variant']}: no collapses in either group")
            continue
        bound = "  (one group had no collapses: a bound)" if hr["separated"] else ""
        lines.append(f"  {hr['variant']}: {hr['hazard_ratio']:.2f} "
                     f"[{hr['ci_low']:.2f}, {hr['ci_high']:.2f}]{bound}")
    return "\n".join(lines + ["", result.reading()])


def _cell(row: Any) -> str:
    mean, low, high = row["mean"], row["ci_low"], row["ci_high"]
    if math.isnan(mean):
        return "-"
    if math.isinf(mean):
        return "held > half"
    if row["metric"] in ("ceasefire_held", "settlement_reached"):
        return f"{mean:.0%} [{low:.0%}, {high:.0%}]"
    digits = 2 if abs(mean) < 10 else 0
    if math.isnan(low):
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


# ------------------------------------------------------------------ files


def to_json(result: Comparison) -> dict[str, Any]:
    """Everything of a comparison as plain JSON values (NaN and infinity as null)."""
    return {
        "scenario": result.scenario,
        "seeds": result.seeds,
        "days": result.days,
        "variants": result.variants,
        "runs": len(result.runs),
        "failures": _records(result.failures),
        "table": _records(result.table()),
        "hazard_ratios": _records(result.hazard_ratios()),
        "reading": result.reading(),
    }


def _records(frame: Any) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_comparison(result: Comparison, out: Path) -> list[Path]:
    """Write the comparison's files into ``out``; each whole or not at all."""
    out.mkdir(parents=True, exist_ok=True)
    failures = result.failures.drop(columns="traceback").assign(
        overrides=[json.dumps(o) for o in result.failures["overrides"]])
    contents = {
        "runs.csv": result.runs.to_csv(index=False, float_format="%.6g"),
        "failures.csv": failures.to_csv(index=False),
        "table.csv": result.table().to_csv(index=False, float_format="%.6g"),
        "hazard_ratios.csv": result.hazard_ratios().to_csv(index=False, float_format="%.6g"),
        "comparison.json": json.dumps(to_json(result), indent=2) + "\n",
    }
    written = [write_text(out / name, text) for name, text in contents.items()]
    figure = result.survival_figure()
    write_atomic(out / "survival.png", lambda p: figure.savefig(p, dpi=120, format="png"))
    return [*written, out / "survival.png"]
