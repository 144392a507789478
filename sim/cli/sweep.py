"""``peacesim sweep``: a parameter sweep into a resumable, self-checking Parquet store."""

from __future__ import annotations

import argparse
import sys

from ..config import load_scenario
from ..limits import MAX_SAMPLE_N
from ..sweep.design import SAMPLERS
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
    add_set,
    add_workers,
    overrides,
    refuse_non_finite,
    whole_number,
)


def register(subcommands: Subcommands) -> None:
    parser = subcommands.add_parser(
        "sweep", help="run a parameter sweep into a resumable Parquet store",
        description="Run every design point --reps times (seeds drawn from --seed), storing "
                    "each run as it finishes under --out; the same command resumes.")
    add_scenario(parser)
    parser.add_argument("--grid", action="append", default=[], metavar="PATH=V1,V2,..",
                        help="values of a parameter; several --grid give the full factorial")
    parser.add_argument("--range", action="append", default=[], metavar="PATH=LOW:HIGH",
                        help="a sampled parameter's bounds (with --sample and --n)")
    parser.add_argument("--sample", choices=SAMPLERS, default=None,
                        help="sampled design over the --range parameters")
    parser.add_argument("--n", type=whole_number(1, MAX_SAMPLE_N), default=None,
                        help="base sample size (Sobol: a power of two; Morris: trajectories; "
                             f"at most {MAX_SAMPLE_N:,})")
    add_reps(parser, "replications of each design point", default=1)
    where = parser.add_mutually_exclusive_group()
    add_workers(where, default=None, default_text="one per core")
    where.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                       help="run on a Dask cluster through its scheduler")
    add_seed(parser, "master seed the replications' seeds are drawn from (default 0)")
    add_days(parser)
    add_set(parser, every_run=True)
    add_rules(parser)
    add_out(parser, "the sweep's store and outputs folder", required=True)
    parser.add_argument("--timeseries", action="store_true",
                        help="also store each run's per-step table")
    parser.add_argument("--restart", action="store_true",
                        help="discard the runs of a different design stored under --out")
    parser.set_defaults(handle=handle)


def handle(args: argparse.Namespace) -> int:
    """Run (or resume) the sweep, then write its tables and figures."""
    from ..sweep.analysis import analyse
    from ..sweep.api import run_design
    from ..sweep.design import build_design, parse_grid, parse_range

    changes = overrides(args)
    grid = dict(map(parse_grid, args.grid))
    refuse_non_finite("--grid", grid)
    base = load_scenario(args.scenario, changes)
    design = build_design(base, changes, grid, dict(map(parse_range, args.range)),
                          args.sample, args.n, args.reps, args.seed, args.days,
                          args.timeseries)
    store = run_design(design, args.out, args.workers, args.scheduler, args.restart,
                       progress=True)
    for path, reason in store.set_aside:
        print(f"peacesim: {path}: {reason}; set aside in {store.damaged_dir}/ and run again",
              file=sys.stderr)
    runs, failures = store.summaries(), store.failures()
    written = analyse(design, runs, failures, args.out)
    held = f"; ceasefire held in {runs['ceasefire_held'].mean():.0%}" if len(runs) else ""
    failed = f"; {len(failures)} failed (listed in failures.csv)" if len(failures) else ""
    print(f"{len(runs)} runs ({len(design.points)} points x {design.reps} reps) stored in "
          f"{store.runs_dir}/{failed}{held}")
    print(f"wrote {', '.join(p.name for p in written)} to {args.out}/")
    return EXIT_FAILED if len(failures) else EXIT_OK
