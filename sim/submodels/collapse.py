"""Collapse (ODD 7, "Collapse").

The ceasefire collapses at a major offensive that is not blocked (if
``collapse.offensive``), or when battle deaths (combatant plus civilian deaths from
fire and offensives; not riots) within the last ``collapse.window_days`` reach
``collapse.battle_deaths`` (scenario settings; default 25 in 365 days, the
conflict-data convention). The first collapse is recorded; the run goes on.

Rules read: none (the thresholds are scenario settings).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import ConflictModel


def step(model: ConflictModel) -> None:
    """Record the step's battle deaths and check the rolling window."""
    rule = model.config.scenario.collapse
    model.battle_deaths.append(model.tally["battle_deaths"])
    window = max(1, math.ceil(rule.window_days / model.days_per_step))
    recent = sum(model.battle_deaths[-window:])
    if recent >= rule.battle_deaths:
        collapse(model, f"sustained fighting: {recent:.0f} battle deaths within "
                 f"{rule.window_days} days")


def collapse(model: ConflictModel, cause: str) -> None:
    """The ceasefire collapses (only the first collapse is recorded)."""
    if model.collapse_day is not None:
        return
    model.collapse_day = model.day + model.days_per_step
    model.collapse_cause = cause
    model.log("collapse", f"the ceasefire collapses ({cause})", model.collapse_day)
