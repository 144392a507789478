"""Observation (ODD 4, "Observation"): the per-step tally and the DataCollector's columns.

Submodels add to ``model.tally`` as things happen during a step; at the end of the
step the model's state is read into the same row and collected (one row per step).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from .model import ConflictModel

COUNTS = ("violations", "involuntary", "attributed_involuntary", "retaliations",
          "incidents", "riots", "rumours", "offensives", "casualties_combatant",
          "casualties_civilian", "casualties_peacekeeper", "battle_deaths",
          "cells_changed_control")
"""Counters of one step, besides each party's violations and reported violations."""
STATE = ("tension_mean", "tension_peak", "hotspots", "displaced", "settlement_progress",
         "troops_deployed", "monitors_deployed")
"""Readings of the model's state at the end of a step."""


def empty_tally(model: ConflictModel) -> dict[str, float]:
    """The counters of a new step, all 0."""
    tally: dict[str, float] = {}
    for party in model.parties:
        tally[f"violations_{party.name}"] = 0
        tally[f"reported_{party.name}"] = 0
    for key in COUNTS:
        tally[key] = 0
    return tally


def columns(model: ConflictModel) -> list[str]:
    """The columns of the per-step table, in order."""
    keys = ["day", *empty_tally(model), *STATE]
    for party in model.parties:
        keys += [f"commitment_{party.name}", f"trust_{party.name}", f"strength_{party.name}"]
        keys += [f"legitimacy_{party.name}_{m.name}" for m in model.missions]
    return keys


def collector(model: ConflictModel) -> mesa.DataCollector:
    """A DataCollector reading each column from the finished step's tally."""
    return mesa.DataCollector(model_reporters={key: _reporter(key) for key in columns(model)})


def finish(model: ConflictModel) -> None:
    """Totals of the step and readings of the model's state, into the tally."""
    t = model.tally
    t["violations"] = sum(t[f"violations_{p.name}"] for p in model.parties)
    t["incidents"] = t["violations"] + t["riots"] + t["offensives"]
    t["day"] = model.day + model.days_per_step
    t["tension_mean"] = float(model.tension[model.terrain.passable].mean())
    t["tension_peak"] = float(model.tension.max())
    t["hotspots"] = int((model.tension >= model.rules.hotspot_tension).sum())
    t["displaced"] = round(model.displaced)
    t["settlement_progress"] = model.settlement_progress
    t["troops_deployed"] = model.troops_deployed()
    t["monitors_deployed"] = model.monitors_deployed()
    for party in model.parties:
        t[f"commitment_{party.name}"] = party.commitment
        t[f"trust_{party.name}"] = party.trust
        t[f"strength_{party.name}"] = party.strength
        for mission in model.missions:
            t[f"legitimacy_{party.name}_{mission.name}"] = (
                party.legitimacy[mission.name] if mission.deployed else math.nan
            )


def _reporter(key: str):
    return lambda model: model.tally[key]
