"""Violations (ODD 7, "Violations" and "Effects of a violation").

Armed units, in random order, decide whether to violate the ceasefire
(``ArmedUnit.decide``: deliberate, retaliation or involuntary; the rates are
``violation_rates`` in ``sim/agents/armed_unit.py``). A violation is resolved at once:
the unit fires at a random cell of another side within ``fire_range_cells``; deaths
follow (combatants; civilians in proportion to the target cell's population against a
settlement's; peacekeepers standing there); civilians flee the cell; tension rises;
the missions report it and the victim blames it or not; a blamed violation aggrieves
the victim's nearby units and costs its leadership trust and commitment.

Every unit's chances are first prepared over arrays (the same ``violation_rates``);
a violation marks the units whose inputs it changed so they compute their own.

Rules read: ``fire_range_cells``, ``combatant_deaths_per_violation``,
``civilian_deaths_per_violation``, ``peacekeeper_deaths_per_violation``,
``settlement_population_factor``, ``displaced_share_under_fire``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import fields
from ..agents import ArmedUnit, MissionUnit
from ..agents.armed_unit import INVOLUNTARY, RETALIATION, chances, violation_rates
from . import attribution, displacement, grievance, tension

if TYPE_CHECKING:
    from ..model import ConflictModel


def step(model: ConflictModel) -> None:
    """Every armed unit, in random order, may commit a violation, resolved at once."""
    prepare_chances(model)
    model.agents_by_type[ArmedUnit].shuffle_do(act)
    model.chances_prepared = False


def act(unit: ArmedUnit) -> None:
    kind = unit.decide()
    if kind is not None:
        fire(unit.model, unit, kind)


def prepare_chances(model: ConflictModel) -> None:
    """Every armed unit's violation chances for this step, over arrays.

    A violation changes tension at two cells and grievance near its target: units
    there drop their prepared chances and compute their own when they step.
    """
    units = model.armed_units
    xs, ys, owner = model.unit_x, model.unit_y, model.unit_party
    deterred = np.empty(len(units))
    hostile = np.empty(len(units))
    for party in model.parties:
        mine = owner == party.index
        deterred[mine] = model.deterrence[party.side][xs[mine], ys[mine]]
        hostile[mine] = party.hostility * (1 - party.units_commitment())
    tension_here = model.tension[xs, ys]
    pressure = hostile + np.fromiter((u.grievance for u in units), float, len(units))
    days = model.days_per_step
    deliberate, involuntary = violation_rates(model.rules, pressure, tension_here, deterred)
    for unit, d, i in zip(units, deliberate.tolist(), involuntary.tolist(), strict=True):
        unit.chances = chances(d, i, days)
    # The chance grows with both rates: the highest rates bound every unit's chance
    # (the margin covers rounding in exp).
    _, bound = chances(float(deliberate.max(initial=0.0)),
                       float(involuntary.max(initial=0.0)), days)
    model.highest_chance = bound + 1e-9
    model.chances_prepared = True


def fire(model: ConflictModel, unit: ArmedUnit, kind: str) -> None:
    """Resolve a violation of ``kind`` by ``unit``."""
    target = target_for(model, unit)
    if target is None:
        return
    rules, rng, t = model.rules, model.rng, model.tally
    violator, victim = unit.party, unit.party.other
    involuntary = kind == INVOLUNTARY
    tx, ty = target
    shooter = unit.cell.coordinate
    t[f"violations_{violator.name}"] += 1
    t["involuntary"] += int(involuntary)
    t["retaliations"] += int(kind == RETALIATION)
    model.markers.append(("violation", tx, ty))

    combatants = rng.poisson(rules.combatant_deaths_per_violation)
    settlement_size = model.config.map.population_per_cell * rules.settlement_population_factor
    civilians_here = model.population_a[tx, ty] + model.population_b[tx, ty]
    civilians = rng.poisson(rules.civilian_deaths_per_violation * civilians_here
                            / max(1.0, settlement_size))
    peacekeepers = 0
    if peacekeepers_at(model, tx, ty):
        peacekeepers = rng.poisson(rules.peacekeeper_deaths_per_violation)
    t["casualties_combatant"] += combatants
    t["casualties_civilian"] += civilians
    t["casualties_peacekeeper"] += peacekeepers
    t["battle_deaths"] += combatants + civilians
    displacement.flee(model, np.array([[tx, ty]]), rules.displaced_share_under_fire)
    tension.after_violation(model, target, shooter)
    reported, blamed = attribution.attribute(model, violator, victim, shooter, involuntary)
    model.incidents.append({"day": model.day, "violator": violator.name,
                            "victim": victim.name, "x": tx, "y": ty, "kind": kind,
                            "reported": reported, "blamed": blamed})
    if blamed:
        victim.blamed_this_step += 1
        grievance.aggrieve(model, victim, tx, ty)


def target_for(model: ConflictModel, unit: ArmedUnit) -> tuple[int, int] | None:
    """A random cell of the other side within ``fire_range_cells``, or None."""
    x, y = unit.cell.coordinate
    xs, ys = fields.window(model.control.shape, x, y, model.rules.fire_range_cells)
    candidates = np.argwhere(model.control[xs, ys] == unit.party.other.sign)
    if not len(candidates):
        return None
    cx, cy = candidates[model.rng.integers(len(candidates))]
    return int(cx + xs.start), int(cy + ys.start)


def peacekeepers_at(model: ConflictModel, x: int, y: int) -> bool:
    """Whether armed peacekeepers stand in cell (x, y)."""
    return any(isinstance(a, MissionUnit) and a.mission.is_armed
               for a in model.grid[(x, y)].agents)
