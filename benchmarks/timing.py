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
    cpu_seconds_per_agent_step: float
    """The same from the process's CPU time: what the code costs when other
    programs share the cores."""
    runs_seconds: list[float]
    """Wall time of the timed steps of each repeat (s)."""
    runs_cpu_seconds: list[float]

    def as_dict(self) -> dict:
        return asdict(self)


def step_cost(build: Callable[[], mesa.Model], steps: int, repeats: int,
              warmup: int = 1) -> StepCost:
    """Build a fresh model per repeat, step it ``warmup`` times untimed, then time ``steps``.

    Construction is not timed. Agents are counted after the timed steps (peacekeepers
    deploy in the first step, so the count is the one the timed steps worked with).
    """
    runs, cpu_runs, agents = [], [], 0
    for _ in range(repeats):
        model = build()
        for _ in range(warmup):
            model.step()
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(steps):
            model.step()
        runs.append(time.perf_counter() - start)
        cpu_runs.append(time.process_time() - cpu_start)
        agents = len(model.agents)
    per_step = statistics.median(runs) / steps
    cpu_per_agent_step = statistics.median(cpu_runs) / steps / agents
    return StepCost(agents, steps, repeats, per_step, per_step / agents, cpu_per_agent_step,
                    runs, cpu_runs)
