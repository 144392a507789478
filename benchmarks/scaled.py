"""The ``classroom`` scenario scaled up by map size, units and troops to a target agent count."""

from __future__ import annotations

import math

from sim import ConflictModel, Scenario, load_scenario
from sim.config import Limits

SCALED_AGENTS = 55
"""Mesa agents of ``classroom`` that grow with it: 40 armed units and 15 peacekeeping
units (the contingent, 2 parties and the mediator, 4 more, do not)."""
FIXED_AGENTS = 4
BENCHMARK_LIMITS = Limits(cells=10**8, units_per_party=10**8, personnel=10**9,
                          mission_units=10**8, unit_steps_per_year=10**12)
"""The scaled scenarios go beyond the limits a user's scenario is held to (about
5 s a simulated year), on purpose: they measure the model's growth."""


def scaled_classroom(agents: int) -> Scenario:
    """``classroom`` with about ``agents`` Mesa agents at the same density per cell.

    Factor k = (agents - 4) / 55: map sides x sqrt(k) (cells x k), armed units and troops x k,
    settlements per side x sqrt(k), rumours per year and the collapse threshold x k.
    """
    base = load_scenario("classroom")
    k = (agents - FIXED_AGENTS) / SCALED_AGENTS
    side = math.sqrt(k)
    units = {p.name: max(1, round(p.units * k)) for p in base.parties}
    overrides = {
        "map.width": round(base.map.width * side),
        "map.height": round(base.map.height * side),
        "map.settlements": min(500, round(base.map.settlements * side)),
        "map.mixed_settlements": min(100, round(base.map.mixed_settlements * side)),
        "rumours.rate_per_year": min(365.0, base.rumours.rate_per_year * k),
        "scenario.collapse.battle_deaths": round(base.scenario.collapse.battle_deaths * k),
    }
    overrides.update({f"parties.{name}.units": n for name, n in units.items()})
    for c in base.contingents:
        overrides[f"contingents.{c.name}.troops"] = round(c.troops * k)
    return load_scenario(base, overrides, limits=BENCHMARK_LIMITS)


def build(scenario: Scenario, seed: int = 7) -> ConflictModel:
    return ConflictModel(scenario, rng=seed)
