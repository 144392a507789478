"""One full ``classroom`` run at its default horizon: wall time and peak memory.

Run as a script in a fresh process (``python benchmarks/full_run.py``) so the peak
resident memory belongs to this run alone; prints one JSON object.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
import tracemalloc

REPEATS = 5
SEED = 7


def peak_rss_kib() -> int:
    """Peak resident memory of this process (KiB).

    Linux's ``VmHWM`` belongs to this program alone; ``ru_maxrss`` (the fallback)
    also counts the parent's peak from before the fork.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    start = time.perf_counter()
    import sim

    imported = time.perf_counter()
    runs, cpu_runs = [], []
    for _ in range(REPEATS):
        begin, cpu_begin = time.perf_counter(), time.process_time()
        result = sim.run("classroom", seed=SEED)
        runs.append(time.perf_counter() - begin)
        cpu_runs.append(time.process_time() - cpu_begin)
    rss_kib = peak_rss_kib()
    tracemalloc.start()
    sim.run("classroom", seed=SEED)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    json.dump({
        "scenario": "classroom",
        "seed": SEED,
        "days": result.summary["days"],
        "steps": result.summary["steps"],
        "repeats": REPEATS,
        "seconds_median": statistics.median(runs),
        "seconds_first": runs[0],
        "cpu_seconds_median": statistics.median(cpu_runs),
        "runs_seconds": runs,
        "import_seconds": imported - start,
        "peak_rss_mib": rss_kib / 1024,
        "run_traced_peak_mib": traced_peak / 2**20,
    }, sys.stdout)


if __name__ == "__main__":
    main()
