"""Measure what a class should expect from each exercise, for ``docs/instructors.md``.

    python notebooks/measure_expectations.py [--reps 100] [--block 20] [--out DIR]

Runs every exercise notebook with ``--reps`` replications per variant (seeds 1 ..
reps), collects the runs of every comparison the notebook made, and prints, per
experiment and variant: the share of runs in which the ceasefire held and a
settlement was reached (over all runs, with a 95% Wilson interval), the median
collapse day, mean violations, riots and civilian deaths, each with the lowest and
highest value seen in consecutive blocks of ``--block`` seeds (what different groups
of a class, each running 20 seeds, see).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd
from run_exercises import execute, notebooks

from sim.compare import mean_interval

DUMP = """
import pandas as _pd
from sim.compare import Comparison as _Comparison
_found = {{k: v for k, v in dict(globals()).items() if isinstance(v, _Comparison)}}
_pd.concat([v.runs.assign(experiment=k) for k, v in _found.items()]).to_csv({out!r})
"""


def collect(path: Path, reps: int, out: Path) -> pd.DataFrame:
    """Every comparison's runs in the notebook at ``path``, one row per run."""
    with tempfile.TemporaryDirectory() as figures:
        execute(path, reps=reps, figures=Path(figures),
                extra_cells=[DUMP.format(out=str(out.resolve()))])
    return pd.read_csv(out).assign(notebook=path.stem)


def expectations(runs: pd.DataFrame, block: int) -> pd.DataFrame:
    """Per notebook, experiment and variant: shares with intervals and block ranges."""
    rows = []
    keys = ["notebook", "experiment", "variant"]
    for (notebook, experiment, variant), group in runs.groupby(keys, sort=False):
        row = {"notebook": notebook, "experiment": experiment, "variant": variant,
               "runs": len(group)}
        blocks = (group["seed"] - group["seed"].min()) // block
        for metric in ("ceasefire_held", "settlement_reached"):
            mean, low, high = mean_interval(group[metric].astype(bool))
            by_block = group.groupby(blocks)[metric].mean()
            row[metric] = f"{mean:.0%} [{low:.0%}, {high:.0%}]"
            row[f"{metric}_blocks"] = f"{by_block.min():.0%}-{by_block.max():.0%}"
        collapsed = group.loc[~group["ceasefire_held"].astype(bool), "collapse_day"]
        row["median_collapse_day"] = f"{collapsed.median():.0f}" if len(collapsed) else "-"
        for metric in ("violations_total", "riots", "casualties_civilian"):
            by_block = group.groupby(blocks)[metric].mean()
            row[metric] = (f"{group[metric].mean():,.0f} "
                           f"({by_block.min():,.0f}-{by_block.max():,.0f})")
        rows.append(row)
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="*", type=Path, help="default: every exercise")
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--block", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path("results/expectations"))
    parser.add_argument("--reuse", action="store_true",
                        help="read the runs a previous call left in --out instead of running")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    frames = []
    for path in args.notebook or notebooks():
        csv = args.out / f"{path.stem}.csv"
        frames.append(pd.read_csv(csv).assign(notebook=path.stem) if args.reuse
                      else collect(path, args.reps, csv))
    table = expectations(pd.concat(frames, ignore_index=True), args.block)
    table.to_csv(args.out / "expectations.csv", index=False)
    print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
