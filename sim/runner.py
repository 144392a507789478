"""Running a scenario headless: ``sim.run``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .config import Scenario, load_scenario
from .metrics import summarize
from .model import ConflictModel


@dataclass
class RunResult:
    """A finished run: the per-step table, the summary and the event log."""

    scenario: Scenario
    seed: int | None
    timeseries: pd.DataFrame
    summary: dict[str, Any]
    events: pd.DataFrame
    model: ConflictModel = field(repr=False)


def steps_for(scenario: Scenario, days: int | None = None) -> int:
    """Steps needed to cover ``days`` (default: the scenario's horizon)."""
    days = scenario.scenario.horizon_days if days is None else days
    return max(1, math.ceil(days / scenario.scenario.days_per_step))


def table_of(model: ConflictModel) -> pd.DataFrame:
    """The model's per-step table so far, one row per step with a ``step`` column."""
    table = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    table.insert(0, "step", range(1, len(table) + 1))
    return table


def run(
    scenario: Scenario | str,
    seed: int | None = 0,
    days: int | None = None,
    overrides: dict[str, Any] | None = None,
) -> RunResult:
    """Run ``scenario`` (a validated Scenario, a name or a path) for ``days`` days."""
    if not isinstance(scenario, Scenario) or overrides:
        scenario = load_scenario(scenario, overrides)
    model = ConflictModel(scenario, rng=seed)
    for _ in range(steps_for(scenario, days)):
        model.step()
    table = table_of(model)
    events = pd.DataFrame(model.event_log, columns=["day", "kind", "text"])
    return RunResult(scenario, seed, table, summarize(model, table, seed), events, model)
