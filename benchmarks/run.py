"""``make bench``: peacesim's cost per agent-step against Mesa's Epstein example, its
growth with the number of agents, one full ``classroom`` run, and (when
``benchmarks/sweep.py`` exists) the sweep figures. Prints a report and writes
``results/benchmarks.json``.

Agents are counted as all Mesa agents of a model (``len(model.agents)``): for peacesim
armed units, peacekeeping and observer units, missions, parties, mediators and patrons;
for the Epstein example citizens and cops.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from sim import ConflictModel, load_scenario

from . import epstein, scaled
from .machine import describe
from .timing import StepCost, step_cost

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results" / "benchmarks.json"
SWEEP_SCRIPT = ROOT / "benchmarks" / "sweep.py"
SWEEP_RESULTS = ROOT / "results" / "benchmarks_sweep.json"
SIZES = (1_000, 10_000, 100_000)
EPSTEIN_SIZES = (1_000, 10_000)
"""Epstein at 100k agents takes several seconds a step; it is compared up to 10k."""


def classroom_vs_epstein(repeats: int) -> dict:
    """The classroom scenario over its horizon against Epstein at the same agent count."""
    scenario = load_scenario("classroom")
    ours = step_cost(lambda: ConflictModel(scenario, rng=7), steps=260, repeats=repeats)
    theirs = step_cost(lambda: epstein.build(ours.agents), steps=100, repeats=repeats)
    return _comparison(ours, theirs) | {"epstein_grid_side": epstein.side_for(ours.agents)}


def scaling(repeats: int, steps: int) -> dict:
    """Scaled classroom at about 1k, 10k and 100k agents, and Epstein at 1k and 10k."""
    rows = {}
    for size in SIZES:
        scenario = scaled.scaled_classroom(size)
        ours = step_cost(lambda s=scenario: scaled.build(s), steps=steps,
                         repeats=repeats if size < 100_000 else max(1, repeats - 2))
        row = {"map": f"{scenario.map.width}x{scenario.map.height}", "ours": ours.as_dict()}
        if size in EPSTEIN_SIZES:
            theirs = step_cost(lambda n=ours.agents: epstein.build(n), steps=max(5, steps // 4),
                               repeats=repeats)
            row = row | _comparison(ours, theirs)
        rows[str(size)] = row
    small, large = rows[str(SIZES[0])]["ours"], rows[str(SIZES[-1])]["ours"]
    return {
        "sizes": rows,
        "growth_100k_over_1k": large["seconds_per_agent_step"] / small["seconds_per_agent_step"],
        "cpu_growth_100k_over_1k": (
            large["cpu_seconds_per_agent_step"] / small["cpu_seconds_per_agent_step"]
        ),
    }


def _comparison(ours: StepCost, theirs: StepCost) -> dict:
    return {
        "ours": ours.as_dict(),
        "epstein": theirs.as_dict(),
        "ratio_ours_over_epstein": ours.seconds_per_agent_step / theirs.seconds_per_agent_step,
        "cpu_ratio_ours_over_epstein": (
            ours.cpu_seconds_per_agent_step / theirs.cpu_seconds_per_agent_step
        ),
    }


def full_run() -> dict:
    """One full classroom run, in a fresh process so its peak memory is its own."""
    script = ROOT / "benchmarks" / "full_run.py"
    start = time.perf_counter()
    out = subprocess.run([sys.executable, str(script)], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    return json.loads(out.stdout) | {"process_seconds": time.perf_counter() - start}


def sweep() -> dict | None:
    """SWEEP HOOK: run ``benchmarks/sweep.py`` if it exists and fold in its JSON."""
    if not SWEEP_SCRIPT.exists():
        return None
    subprocess.run([sys.executable, str(SWEEP_SCRIPT)], check=True, cwd=ROOT)
    return json.loads(SWEEP_RESULTS.read_text())


def report(results: dict) -> str:
    """The figures as plain text."""
    us = 1e6
    c = results["classroom_vs_epstein"]
    lines = [
        f"machine: {results['machine']['cpu']}, {results['machine']['nproc']} cores, "
        f"Python {results['machine']['python']}, mesa {results['machine']['packages']['mesa']}",
        "",
        "classroom scenario against Mesa's Epstein example at the same agent count:",
        f"  peacesim {c['ours']['agents']} agents: "
        f"{c['ours']['seconds_per_agent_step'] * us:.2f} us per agent-step "
        f"({c['ours']['seconds_per_step'] * 1e3:.3f} ms a step)",
        f"  Epstein  {c['epstein']['agents']} agents ({c['epstein_grid_side']}x"
        f"{c['epstein_grid_side']}): {c['epstein']['seconds_per_agent_step'] * us:.2f} us per "
        f"agent-step ({c['epstein']['seconds_per_step'] * 1e3:.3f} ms a step)",
        f"  ratio peacesim / Epstein: {c['ratio_ours_over_epstein']:.3f} (target <= 0.5; "
        f"by CPU time {c['cpu_ratio_ours_over_epstein']:.3f})",
        "",
        "cost per agent-step as the scenario grows (map, units, troops scaled together):",
    ]
    for size, row in results["scaling"]["sizes"].items():
        ours = row["ours"]
        line = (f"  ~{int(size):>7,} agents ({ours['agents']:>6} on {row['map']:>9}): "
                f"{ours['seconds_per_agent_step'] * us:6.2f} us per agent-step "
                f"(CPU {ours['cpu_seconds_per_agent_step'] * us:5.2f}), "
                f"{ours['seconds_per_step']:.4f} s a step")
        if "epstein" in row:
            line += (f"; Epstein {row['epstein']['agents']} agents "
                     f"{row['epstein']['seconds_per_agent_step'] * us:.2f} us, "
                     f"ratio {row['ratio_ours_over_epstein']:.3f} "
                     f"(CPU {row['cpu_ratio_ours_over_epstein']:.3f})")
        lines.append(line)
    lines.append(f"  growth 100k / 1k: {results['scaling']['growth_100k_over_1k']:.3f} "
                 f"(target <= 1.3; by CPU time "
                 f"{results['scaling']['cpu_growth_100k_over_1k']:.3f})")
    f = results["full_run"]
    lines += [
        "",
        f"full classroom run ({f['days']} days, {f['steps']} steps, seed {f['seed']}):",
        f"  {f['seconds_median']:.3f} s median of {f['repeats']} (CPU {f['cpu_seconds_median']:.3f}"
        f" s; first {f['seconds_first']:.3f} s; target < 2 s); import {f['import_seconds']:.2f} s",
        f"  peak RSS of the process {f['peak_rss_mib']:.0f} MiB; "
        f"Python allocations of one run peak at {f['run_traced_peak_mib']:.1f} MiB",
    ]
    if results.get("sweep") is not None:
        lines += ["", "sweep (benchmarks/sweep.py):",
                  json.dumps(results["sweep"], indent=2)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--steps", type=int, default=40,
                        help="timed steps per run of the scaled scenarios")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results = {"machine": describe()}
    results["full_run"] = full_run()
    results["classroom_vs_epstein"] = classroom_vs_epstein(args.repeats)
    results["scaling"] = scaling(args.repeats, args.steps)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    try:
        results["sweep"] = sweep()
    except (subprocess.CalledProcessError, OSError, ValueError) as err:
        print(report(results))
        print(f"\nwrote {args.out}; the sweep benchmark failed: {err}", file=sys.stderr)
        return 1
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
