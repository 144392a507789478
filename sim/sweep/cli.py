"""``peacesim sweep``: the sub-command's options and handler."""

from __future__ import annotations

import argparse
from pathlib import Path

from .design import SAMPLERS


def add_sweep_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``sweep`` to the ``peacesim`` sub-commands."""
    from ..cli import non_negative_int, positive_int

    sweep = sub.add_parser(
        "sweep", help="run a parameter sweep into a resumable Parquet store",
        description="Run every design point --reps times (seeds drawn from --seed), storing "
                    "each run as it finishes under --out; the same command resumes.")
    sweep.add_argument("scenario", help="a scenario file or a name from scenarios/")
    sweep.add_argument("--grid", action="append", default=[], metavar="PATH=V1,V2,..",
                       help="values of a parameter; several --grid give the full factorial")
    sweep.add_argument("--range", action="append", default=[], metavar="PATH=LOW:HIGH",
                       help="a sampled parameter's bounds (with --sample and --n)")
    sweep.add_argument("--sample", choices=SAMPLERS, default=None,
                       help="sampled design over the --range parameters")
    sweep.add_argument("--n", type=positive_int, default=None,
                       help="base sample size (Sobol: a power of two; Morris: trajectories)")
    sweep.add_argument("--reps", type=positive_int, default=1,
                       help="replications of each design point (default 1)")
    where = sweep.add_mutually_exclusive_group()
    where.add_argument("--workers", type=positive_int, default=None,
                       help="local worker processes (default: one per core)")
    where.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                       help="run on a Dask cluster through its scheduler")
    sweep.add_argument("--seed", type=non_negative_int, default=0,
                       help="master seed the replications' seeds are drawn from (default 0)")
    sweep.add_argument("--days", type=positive_int, default=None,
                       help="days to simulate per run (default: the scenario's horizon_days)")
    sweep.add_argument("--set", action="append", metavar="PATH=VALUE",
                       help="override a value in every run (repeatable)")
    sweep.add_argument("--out", required=True, help="the sweep's store and outputs folder")
    sweep.add_argument("--timeseries", action="store_true",
                       help="also store each run's per-step table")
    sweep.add_argument("--restart", action="store_true",
                       help="discard the runs of a different design stored under --out")


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run (or resume) the sweep, then write its tables and figures."""
    from ..cli import overrides_from
    from ..config import load_scenario
    from .analysis import analyse
    from .api import run_design
    from .design import build_design, parse_grid, parse_range

    overrides = overrides_from(args.set)
    base = load_scenario(args.scenario, overrides)
    design = build_design(base, overrides, dict(map(parse_grid, args.grid)),
                          dict(map(parse_range, args.range)), args.sample, args.n, args.reps,
                          args.seed, args.days, args.timeseries)
    out = Path(args.out)
    store = run_design(design, out, args.workers, args.scheduler, args.restart, progress=True)
    runs = store.summaries()
    written = analyse(design, runs, out)
    held = runs["ceasefire_held"].mean()
    print(f"{len(runs)} runs ({len(design.points)} points x {design.reps} reps) stored in "
          f"{store.runs_dir}/; ceasefire held in {held:.0%}")
    print(f"wrote {', '.join(p.name for p in written)} to {out}/")
    return 0
