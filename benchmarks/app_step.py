"""Time per step of the classroom page, including drawing (seconds).

    python benchmarks/app_step.py [--scenario classroom] [--steps 52]

Measures, per step of one page session: the model step alone; the step plus the
map PNG (what the page redraws every step); and the step plus the map, the six
charts and the summary (what a Step click costs when the charts redraw too).
"""

from __future__ import annotations

import argparse
import statistics
import time

from sim.session import Session, catalogue

from sim.plots import map_figure, timeline_figure, to_png
from sim.runner import table_of


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="classroom")
    parser.add_argument("--steps", type=int, default=52)
    args = parser.parse_args()
    session = Session(catalogue(), args.scenario)
    model_s, map_s, full_s = [], [], []
    for _ in range(args.steps):
        model_s.append(timed(session.step))
        map_s.append(timed(lambda: to_png(map_figure(session.model))))
        full_s.append(timed(lambda: (to_png(timeline_figure(session.model,
                                                            table_of(session.model))),
                                     session.summary())))
    rows = [("model step", model_s),
            ("step + map", [a + b for a, b in zip(model_s, map_s, strict=True)]),
            ("step + map + charts + summary",
             [a + b + c for a, b, c in zip(model_s, map_s, full_s, strict=True)])]
    print(f"{args.scenario}: {args.steps} steps from day 0 (seconds per step)")
    for label, values in rows:
        print(f"  {label:32s} median {statistics.median(values):.3f}  "
              f"mean {statistics.fmean(values):.3f}  max {max(values):.3f}")


if __name__ == "__main__":
    main()
