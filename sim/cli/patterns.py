"""``peacesim patterns``: the model against history and research (``sim.patterns``)."""

from __future__ import annotations

import argparse
import sys
import time

from .options import (
    EXIT_FAILED,
    EXIT_OK,
    Subcommands,
    UsageError,
    add_out,
    add_reps,
    add_rules,
    add_seed,
    add_workers,
    rule_overrides,
)


def register(subcommands: Subcommands) -> None:
    parser = subcommands.add_parser("patterns",
                                    help="check the model against history and research")
    add_reps(parser, "replications per experiment", default=40)
    add_seed(parser, "first seed (default 0)")
    add_workers(parser, default=2)
    add_rules(parser)
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this pattern (repeatable; names as in patterns.md)")
    add_out(parser, "output folder (default results/patterns)", default="results/patterns")
    parser.set_defaults(handle=handle)


def handle(args: argparse.Namespace) -> int:
    from ..patterns import (
        HOLDS,
        PATTERNS,
        UNMEASURED,
        failed_run_count,
        run_suite,
        write_report,
    )

    names = [p.name for p in PATTERNS]
    unknown = [name for name in args.only or [] if name not in names]
    if unknown:
        raise UsageError(f"peacesim patterns: --only {unknown[0]}: no such pattern; "
                         f"choose from {', '.join(names)}")
    start = time.perf_counter()
    results = run_suite(args.reps, args.seed, args.workers, args.only,
                        progress=lambda line: print(line, file=sys.stderr, flush=True),
                        rules=rule_overrides(args))
    seconds = time.perf_counter() - start
    for r in results:
        print(f"{r['verdict']:7s} {r['name']}: {r['measured']}")
    written = write_report(results, args.out, args.reps, args.seed, seconds)
    failed = failed_run_count(results)
    unmeasured = sum(r["verdict"] == UNMEASURED for r in results)
    trouble = (f"; {failed} runs failed" if failed else "") + (
        f"; {unmeasured} patterns not measured" if unmeasured else "")
    print(f"{sum(r['verdict'] == HOLDS for r in results)}/{len(results)} patterns hold "
          f"({seconds:.0f} s){trouble}; wrote {', '.join(p.name for p in written)} "
          f"to {args.out}/")
    return EXIT_FAILED if failed or unmeasured else EXIT_OK
