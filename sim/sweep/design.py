"""Sweep designs: which parameter values each run gets, and which seed.

A design is a list of *points* (one override dict each, by dotted scenario path)
crossed with ``reps`` replications. Replication ``r`` of every point uses the same
seed, drawn from one master seed with numpy's ``SeedSequence`` (common random
numbers), so a run id ``(point, rep)`` always maps to the same seed.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import Scenario, ScenarioError, load_scenario, parse_value
from ..limits import MAX_DAYS, MAX_REPS, MAX_SAMPLE_N, MAX_SWEEP_RUNS, non_finite

if TYPE_CHECKING:
    from ..runner import RunResult

SAMPLERS = ("sobol", "lhs", "morris")
MORRIS_LEVELS = 4
RBD_HARMONICS = 10
"""Harmonics of SALib's RBD-FAST analysis of Latin hypercube designs (its default M)."""


class SweepError(ScenarioError):
    """A mistake in a sweep's design or options: one line, exit 2."""


@dataclass(frozen=True)
class Run:
    """One run of a sweep: a design point, a replication and its seed."""

    run_id: str
    point: int
    rep: int
    seed: int
    params: dict[str, Any]


def parse_grid(text: str) -> tuple[str, list[Any]]:
    """``'contingents.pk.troops=0,500'`` -> ``('contingents.pk.troops', [0, 500])``."""
    path, sep, values = text.partition("=")
    items = [v.strip() for v in values.split(",")] if sep else []
    if not path.strip() or not items or "" in items:
        raise SweepError(f"--grid {text}: expected PATH=V1,V2,..., e.g. "
                         "contingents.blue_helmets.troops=0,750,1500")
    parsed = [parse_value(v) for v in items]
    if len({json.dumps(v) for v in parsed}) < len(parsed):
        raise SweepError(f"--grid {text}: a value is listed twice")
    return path.strip(), parsed


def parse_range(text: str) -> tuple[str, tuple[float, float]]:
    """``'contingents.pk.bias=-1:1'`` -> ``('contingents.pk.bias', (-1, 1))``."""
    path, sep, bounds = text.partition("=")
    low_text, colon, high_text = bounds.partition(":")
    low, high = parse_value(low_text.strip()), parse_value(high_text.strip())
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high))
    if not path.strip() or not sep or not colon or not numbers:
        raise SweepError(f"--range {text}: expected PATH=LOW:HIGH with numbers, e.g. "
                         "contingents.blue_helmets.bias=-1:1")
    if non_finite([low, high]):
        raise SweepError(f"--range {text}: LOW and HIGH must be finite numbers "
                         "(no nan or inf)")
    if low >= high:
        raise SweepError(f"--range {text}: LOW ({low:g}) must be below HIGH ({high:g})")
    return path.strip(), (low, high)


@dataclass(frozen=True)
class Design:
    """A validated sweep design over ``scenario`` (already carrying ``overrides``)."""

    scenario: Scenario
    overrides: dict[str, Any] = field(default_factory=dict)
    grid: dict[str, list[Any]] = field(default_factory=dict)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    sample: str | None = None
    n: int | None = None
    reps: int = 1
    seed: int = 0
    days: int | None = None
    timeseries: bool = False
    extract: Callable[[RunResult], dict[str, Any]] | None = None
    """Reads extra columns from each finished run (module level: it is pickled)."""

    @property
    def parameters(self) -> list[str]:
        """The swept paths, in the order given."""
        return list(self.grid) + list(self.ranges)

    def problem(self) -> dict[str, Any]:
        """The SALib problem of a sampled design."""
        return {"num_vars": len(self.ranges), "names": list(self.ranges),
                "bounds": [list(b) for b in self.ranges.values()]}

    def sample_matrix(self) -> np.ndarray:
        """The sampled design as SALib draws it (before rounding integer fields)."""
        from SALib.sample import latin, morris, sobol

        problem, seed = self.problem(), self.seed
        if self.sample == "sobol":
            return sobol.sample(problem, self.n, calc_second_order=False, seed=seed)
        if self.sample == "lhs":
            return latin.sample(problem, self.n, seed=seed)
        return morris.sample(problem, self.n, num_levels=MORRIS_LEVELS, seed=seed)

    @cached_property
    def points(self) -> list[dict[str, Any]]:
        """Override dicts, one per design point."""
        if self.sample:
            integer = [_is_integer(self.scenario, p, b) for p, b in self.ranges.items()]
            return [
                {p: (int(round(x)) if whole else float(x))
                 for p, x, whole in zip(self.ranges, row, integer, strict=True)}
                for row in self.sample_matrix()
            ]
        combos = itertools.product(*self.grid.values())
        return [dict(zip(self.grid, combo, strict=True)) for combo in combos]

    @cached_property
    def seeds(self) -> list[int]:
        """One seed per replication, from the master seed."""
        children = np.random.SeedSequence(self.seed).spawn(self.reps)
        return [int(c.generate_state(1, dtype=np.uint32)[0]) for c in children]

    @property
    def size(self) -> int:
        """Number of runs."""
        return len(self.points) * self.reps

    def runs(self) -> Iterator[Run]:
        """Every run, point-major, made as needed."""
        width = max(4, len(str(len(self.points) - 1)))
        rep_width = max(3, len(str(self.reps - 1)))
        for i, params in enumerate(self.points):
            for r, seed in enumerate(self.seeds):
                yield Run(f"p{i:0{width}d}-r{r:0{rep_width}d}", i, r, seed, params)

    def to_dict(self) -> dict[str, Any]:
        """Everything that decides the runs' results (not how they are executed)."""
        return {
            "scenario": self.scenario.scenario.name,
            "config_hash": self.scenario.config_hash(),
            "overrides": self.overrides,
            "grid": self.grid,
            "ranges": {p: list(b) for p, b in self.ranges.items()},
            "sample": self.sample,
            "n": self.n,
            "reps": self.reps,
            "seed": self.seed,
            "days": self.days,
            "timeseries": self.timeseries,
            **({"extract": f"{self.extract.__module__}.{self.extract.__qualname__}"}
               if self.extract else {}),
            "seeds": self.seeds,
            "points": self.points,
        }

    def digest(self) -> str:
        """First 16 hex digits of the SHA-256 of the canonical design."""
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def scenario_for(self, params: dict[str, Any]) -> Scenario:
        """The validated scenario of one design point."""
        return load_scenario(self.scenario, params)


def build_design(
    scenario: Scenario,
    overrides: dict[str, Any] | None = None,
    grid: dict[str, list[Any]] | None = None,
    ranges: dict[str, tuple[float, float]] | None = None,
    sample: str | None = None,
    n: int | None = None,
    reps: int = 1,
    seed: int = 0,
    days: int | None = None,
    timeseries: bool = False,
    extract: Callable[[RunResult], dict[str, Any]] | None = None,
) -> Design:
    """Check the options and every design point against the scenario; raise SweepError."""
    grid, ranges = dict(grid or {}), dict(ranges or {})
    if not 1 <= reps <= MAX_REPS:
        raise SweepError(f"--reps {reps}: must be from 1 to {MAX_REPS:,}")
    if seed < 0:
        raise SweepError(f"--seed {seed}: must be 0 or more")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise SweepError(f"--days {days}: must be from 1 to {MAX_DAYS:,}")
    for path, bounds in ranges.items():
        if non_finite(list(bounds)):
            raise SweepError(f"--range {path}={bounds[0]}:{bounds[1]}: LOW and HIGH must be "
                             "finite numbers (no nan or inf)")
    both = sorted(set(grid) & set(ranges))
    if both:
        raise SweepError(f"{both[0]}: given both as --grid and --range; choose one")
    if sample is not None and sample not in SAMPLERS:
        raise SweepError(f"--sample {sample}: must be one of {', '.join(SAMPLERS)}")
    if ranges and sample is None:
        raise SweepError("--range needs --sample sobol|lhs|morris and --n N")
    if sample is not None:
        if not ranges:
            raise SweepError(f"--sample {sample} needs at least one --range PATH=LOW:HIGH")
        if grid:
            raise SweepError("--grid and --sample cannot be combined; "
                             "sample every parameter with --range instead")
        if n is None or n < 2:
            raise SweepError(f"--sample {sample} needs --n N with N at least 2")
        if n > MAX_SAMPLE_N:
            raise SweepError(f"--n {n}: must be at most {MAX_SAMPLE_N:,}")
        if sample == "lhs" and n <= 2 * RBD_HARMONICS:
            raise SweepError(f"--n {n}: Latin hypercube samples need --n above "
                             f"{2 * RBD_HARMONICS} for RBD-FAST sensitivity indices")
        if sample == "sobol" and n & (n - 1):
            raise SweepError(f"--n {n}: Sobol samples need a power of two (e.g. 32, 64, 128)")
    elif n is not None:
        raise SweepError("--n applies only to sampled designs (--sample)")
    for path, values in grid.items():
        if not values:
            raise SweepError(f"--grid {path}: needs at least one value")
    points = design_points(grid, ranges, sample, n)
    if points * reps > MAX_SWEEP_RUNS:
        raise SweepError(f"this design has {points * reps:,} runs ({points:,} points x {reps:,} "
                         f"reps); a sweep may have at most {MAX_SWEEP_RUNS:,}")
    design = Design(scenario, dict(overrides or {}), grid, ranges, sample, n, reps, seed,
                    days, timeseries, extract)
    corners = {p: [int(round(b)) if _is_integer(scenario, p, bounds) else b for b in bounds]
               for p, bounds in ranges.items()}
    for option, factors in (("--grid", grid), ("--range", corners)):
        for path, values in factors.items():
            for value in values:
                try:
                    design.scenario_for({path: value})
                except ScenarioError as err:
                    message, flag = str(err), f"--set {path}"
                    message = (message.replace(flag, f"{option} {path}") if flag in message
                               else f"{option} {path}={value}: {message}")
                    raise SweepError(message) from None
    for params in design.points:
        design.scenario_for(params)
    return design


def design_points(grid: dict[str, list[Any]], ranges: dict[str, tuple[float, float]],
                  sample: str | None, n: int | None) -> int:
    """How many points a design has, counted without drawing them."""
    if sample == "sobol":
        return (n or 0) * (len(ranges) + 2)  # SALib's Saltelli scheme without 2nd order
    if sample == "morris":
        return (n or 0) * (len(ranges) + 1)
    if sample == "lhs":
        return n or 0
    return math.prod(len(values) for values in grid.values())


def _is_integer(scenario: Scenario, path: str, bounds: tuple[float, float]) -> bool:
    """Whether a ranged field takes whole numbers: as the scenario's current value,
    else as the bounds are written."""
    node: Any = scenario.to_dict()
    for part in path.split("."):
        if isinstance(node, list):
            node = next((e for e in node if isinstance(e, dict) and e.get("name") == part), None)
        elif isinstance(node, dict):
            node = node.get(part)
        if node is None:
            return all(isinstance(b, int) for b in bounds)
    return isinstance(node, int) and not isinstance(node, bool)
