"""Where a step's time goes: ``python -m benchmarks.profile [--agents N] [--steps N]``.

Profiles the steps (not the construction) of ``classroom`` (``--agents 0``, the
default) or of the scaled classroom at about N agents, with pyinstrument.
"""

from __future__ import annotations

import argparse

from pyinstrument import Profiler

from sim import ConflictModel, load_scenario

from . import scaled


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("--agents", type=int, default=0, help="0: classroom as it is")
    parser.add_argument("--steps", type=int, default=260)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    scenario = scaled.scaled_classroom(args.agents) if args.agents else load_scenario("classroom")
    model = ConflictModel(scenario, rng=args.seed)
    model.step()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(args.steps):
        model.step()
    profiler.stop()
    print(profiler.output_text(color=False, unicode=False))


if __name__ == "__main__":
    main()
