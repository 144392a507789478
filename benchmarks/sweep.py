"""Sweep benchmark: speed-up with 2 workers against 1, and the peak memory of the
process that owns the store against the number of runs.

Run: ``.venv/bin/python benchmarks/sweep.py`` (writes ``results/benchmarks_sweep.json``).
Targets: at least 1.8x with 2 workers on 2 cores; peak memory of the store-owning
process that does not grow with the number of runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

SCENARIO = "classroom"
SPEED_RUNS = 64
"""Full-horizon runs (1825 days) timed with 1 and then 2 workers."""
SPEED_REPEATS = 3
"""Each timing is the best of this many sweeps (the machine may be shared)."""
MEMORY_RUNS = (50, 100, 200)
MEMORY_DAYS = 364
SPEEDUP_TARGET = 1.8
MEMORY_GROWTH_TOLERANCE_MB = 5.0
"""Peak-memory difference between the smallest and largest sweep counted as flat."""
OUT = Path(__file__).resolve().parent.parent / "results" / "benchmarks_sweep.json"


def design(runs: int, days: int | None):
    """``runs`` runs: a grid of troop levels, 2 replications each."""
    from sim import load_scenario
    from sim.sweep.design import build_design

    points = runs // 2
    troops = [round(3000 * i / max(1, points - 1)) for i in range(points)]
    return build_design(load_scenario(SCENARIO),
                        grid={"contingents.blue_helmets.troops": troops},
                        reps=2, seed=1, days=days)


def timed_sweep(runs: int, days: int | None, workers: int) -> float:
    """Seconds for a sweep into a fresh store, pool already warm."""
    from sim.sweep.api import run_design

    plan = design(runs, days)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        run_design(plan, out, workers=workers)
        return time.perf_counter() - start


def speedup() -> dict:
    timed_sweep(4, 70, workers=2)  # start the fork server and import the model once
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(SPEED_REPEATS):  # interleaved, so a busy spell hits both alike
        for workers in times:
            times[workers].append(timed_sweep(SPEED_RUNS, None, workers))
    seconds = {workers: min(values) for workers, values in times.items()}
    ratio = seconds[1] / seconds[2]
    return {"runs": SPEED_RUNS, "days_per_run": 1825, "seconds_1_worker": round(seconds[1], 3),
            "seconds_2_workers": round(seconds[2], 3), "speedup": round(ratio, 3),
            "all_seconds": {f"{w}_worker{'s' * (w > 1)}": [round(t, 3) for t in values]
                            for w, values in times.items()},
            "target": SPEEDUP_TARGET, "met": ratio >= SPEEDUP_TARGET}


def rss_mb() -> float:
    """Resident memory of this process now (MB), from /proc."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_child(runs: int) -> dict:
    """In a fresh process: a sweep of ``runs`` runs with 2 workers, memory sampled."""
    from sim.sweep.api import run_design

    plan = design(runs, MEMORY_DAYS)
    timed_sweep(4, 70, workers=2)
    baseline, peak, running = rss_mb(), [0.0], [True]

    def sample() -> None:
        while running[0]:
            peak[0] = max(peak[0], rss_mb())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    with tempfile.TemporaryDirectory() as out:
        sampler.start()
        tracemalloc.start()
        start = time.perf_counter()
        run_design(plan, out, workers=2)
        seconds = time.perf_counter() - start
        traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        running[0] = False
        sampler.join()
    return {"runs": runs, "seconds": round(seconds, 3), "rss_before_mb": round(baseline, 1),
            "rss_peak_mb": round(peak[0], 1), "rss_growth_mb": round(peak[0] - baseline, 1),
            "python_alloc_peak_mb": round(traced_peak / 2**20, 2)}


def memory() -> dict:
    rows = []
    for runs in MEMORY_RUNS:
        child = subprocess.run([sys.executable, __file__, "--memory-child", str(runs)],
                               capture_output=True, text=True, check=True)
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
    growth = rows[-1]["rss_peak_mb"] - rows[0]["rss_peak_mb"]
    return {"days_per_run": MEMORY_DAYS, "workers": 2, "sweeps": rows,
            "peak_growth_mb_smallest_to_largest": round(growth, 1),
            "tolerance_mb": MEMORY_GROWTH_TOLERANCE_MB,
            "met": growth <= MEMORY_GROWTH_TOLERANCE_MB}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        print(json.dumps(memory_child(args.memory_child)))
        return
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "load_average_at_start": os.getloadavg()},
              "speedup": speedup(), "memory": memory()}
    report["machine"]["load_average_at_end"] = os.getloadavg()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    speed, mem = report["speedup"], report["memory"]
    print(f"speed-up, 2 workers against 1 ({speed['runs']} runs of 1825 days): "
          f"{speed['seconds_1_worker']:.2f} s -> {speed['seconds_2_workers']:.2f} s = "
          f"{speed['speedup']:.2f}x (target {SPEEDUP_TARGET}x: "
          f"{'met' if speed['met'] else 'NOT met'})")
    for row in mem["sweeps"]:
        print(f"  {row['runs']:4d} runs: peak RSS {row['rss_peak_mb']:.1f} MB "
              f"(+{row['rss_growth_mb']:.1f} MB during the sweep), Python allocations peak "
              f"{row['python_alloc_peak_mb']:.2f} MB, {row['seconds']:.1f} s")
    print(f"peak memory growth from {MEMORY_RUNS[0]} to {MEMORY_RUNS[-1]} runs: "
          f"{mem['peak_growth_mb_smallest_to_largest']:+.1f} MB "
          f"({'flat' if mem['met'] else 'GROWS'}); wrote {OUT}")


if __name__ == "__main__":
    main()
