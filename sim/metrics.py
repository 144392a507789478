"""Ceasefire-stability metrics: pure functions over a finished model and its table."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .rules import RULES

if TYPE_CHECKING:
    from .model import ConflictModel

def flatten(summary: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A summary as one flat row: ``casualties.combatant`` -> ``casualties_combatant``."""
    flat: dict[str, Any] = {}
    for key, value in summary.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}_"))
        else:
            flat[name] = value
    return flat


def stability_index(held_days: int, days: int, violations: float,
                    quiet_per_year: float = RULES.quiet_violations_per_year) -> float:
    """0..1: share of the horizon the ceasefire held x (0.5 + 0.5 quiet).

    ``quiet = exp(-violations per year / quiet_per_year)``: at one violation a week on
    average (the default 52) the quiet part is 1/e. A ceasefire that holds with no
    violations scores 1; one
    that collapses on day 0 scores 0.
    """
    if days <= 0:
        return 0.0
    held = held_days / days
    quiet = math.exp(-violations / (days / 365) / quiet_per_year)
    return round(held * (0.5 + 0.5 * quiet), 6)


def summarize(model: ConflictModel, table: pd.DataFrame, seed: int | None) -> dict[str, Any]:
    """The per-run summary written to ``summary.json`` (DESIGN section 3)."""
    from . import __version__

    config = model.config
    parties = [p.name for p in model.parties]
    days = int(table["day"].iloc[-1]) if len(table) else 0
    violations = {p: int(table[f"violations_{p}"].sum()) for p in parties}
    reported = {p: int(table[f"reported_{p}"].sum()) for p in parties}
    held_days = days if model.collapse_day is None else model.collapse_day
    total = sum(violations.values())
    initial = model.terrain.control
    passable = model.terrain.passable
    changed = (model.control.astype(np.int8) != initial) & passable
    return {
        "scenario": config.scenario.name,
        "seed": seed,
        "config_hash": config.config_hash(),
        "version": __version__,
        "steps": int(len(table)),
        "days": days,
        "ceasefire_held": model.collapse_day is None,
        "collapse_day": model.collapse_day,
        "collapse_cause": model.collapse_cause,
        "violations_total": total,
        "violations_by_side": violations,
        "reported_by_side": reported,
        "reporting_ratio_by_side": {
            p: (round(reported[p] / violations[p], 6) if violations[p] else None)
            for p in parties
        },
        "retaliations": int(table["retaliations"].sum()),
        "riots": int(table["riots"].sum()),
        "offensives": int(table["offensives"].sum()),
        "casualties": {
            "combatant": int(table["casualties_combatant"].sum()),
            "civilian": int(table["casualties_civilian"].sum()),
            "peacekeeper": int(table["casualties_peacekeeper"].sum()),
        },
        "peak_tension": round(float(table["tension_peak"].max()), 6) if len(table) else 0.0,
        "territory_changed_pct": round(100 * float(changed.sum()) / float(passable.sum()), 4),
        "displaced": int(round(model.displaced)),
        "settlement_progress": round(model.settlement_progress, 6),
        "settlement_reached": model.settlement_reached,
        "frozen": model.collapse_day is None and not model.settlement_reached,
        "stability_index": stability_index(held_days, days, total,
                                           model.rules.quiet_violations_per_year),
    }
