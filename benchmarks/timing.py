"""Timing helpers: median seconds per agent-step over repeated runs in one process."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

import mesa


@dataclass
class StepCost:
    """Cost of stepping a model: ``seconds_per_agent_step`` is the median over repeats."""

    agents: int
    """Mesa agents in the model while it steps (``len(model.agents)``)."""
    steps: int
    repeats: int
    seconds_per_step: float
    seconds_per_agent_step: float
    runs_seconds: list[float]
    """Wall time of the timed steps of each repeat (s)."""

    def as_dict(self) -> dict:
        return asdict(self)


def step_cost(build: Callable[[], mesa.Model], steps: int, repeats: int,
              warmup: int = 1) -> StepCost:
    """Build a fresh model per repeat, step it ``warmup`` times untimed, then time ``steps``.

    Construction is not timed. Agents are counted after the timed steps (peacekeepers
    deploy in the first step, so the count is the one the timed steps worked with).
    """
    runs, agents = [], 0
    for _ in range(repeats):
        model = build()
        for _ in range(warmup):
            model.step()
        start = time.perf_counter()
        for _ in range(steps):
            model.step()
        runs.append(time.perf_counter() - start)
        agents = len(model.agents)
    per_step = statistics.median(runs) / steps
    return StepCost(agents, steps, repeats, per_step, per_step / agents, runs)
