"""Offensives and interposition (ODD 7, "Interposition and the offensive").

A party that decides on a major offensive (``Party.decides_offensive``) meets the
missions on the line: enforcing missions willing to stand (not favouring the
attacker) block it with probability ``cover_enforce x min(1, enforce_block_power /
power ratio)``, at a cost in lives. Otherwise the attacker takes every cell within
``ceil(share x`` the defender's deepest distance``)`` of its territory, ``share =
min(1, offensive_depth_per_power x power x (1 - interpose_slowing x
cover_interpose))``: the defender's civilians there flee, casualties follow, trust
collapses, units are re-posted on the new line, and the ceasefire collapses (if the
scenario counts offensives).

Rules read: ``enforce_block_power``, ``blocked_offensive_deaths``,
``blocked_offensive_peacekeeper_deaths``, ``blocked_ambition_keep``,
``offensive_depth_per_power``, ``interpose_slowing``,
``offensive_civilian_death_share``, ``offensive_combatant_deaths``,
``offensive_deaths_base``, ``interposed_peacekeeper_deaths``,
``defender_commitment_keep``, ``trust_after_offensive``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .. import fields
from . import collapse, deterrence, displacement, posting, tension

if TYPE_CHECKING:
    from ..agents import Party
    from ..model import ConflictModel


def launch(model: ConflictModel, attacker: Party) -> None:
    """A major offensive by ``attacker``: blocked by an enforcing force, or it takes ground."""
    rules, rng, t = model.rules, model.rng, model.tally
    defender = attacker.other
    t["offensives"] += 1
    power = attacker.power_ratio()
    enforce, interpose, blockers = interposition(model, attacker)
    if rng.random() < enforce * min(1.0, rules.enforce_block_power / power):
        t["casualties_combatant"] += rng.poisson(rules.blocked_offensive_deaths)
        t["casualties_peacekeeper"] += rng.poisson(rules.blocked_offensive_peacekeeper_deaths)
        attacker.ambition *= rules.blocked_ambition_keep
        model.log("offensive_blocked", f"{attacker.name} launches an offensive; "
                  f"{', '.join(blockers)} stop it")
        tension.flare_front(model, attacker)
        return
    share = min(1.0, rules.offensive_depth_per_power * power
                * (1 - rules.interpose_slowing * interpose))
    own = model.control == attacker.sign
    distance = fields.chebyshev_distance(own, limit=max(model.control.shape))
    defender_cells = (model.control == defender.sign) & model.terrain.passable
    depth = math.ceil(share * distance[defender_cells].max()) if defender_cells.any() else 0
    taken = (distance <= depth) & ~own & model.terrain.passable
    taken_cells = np.argwhere(taken)
    model.control[taken] = attacker.sign
    t["cells_changed_control"] += int(taken.sum())
    civilians, fled = displacement.overrun(model, defender, taken)
    combatants = rng.poisson(rules.offensive_combatant_deaths
                             * (rules.offensive_deaths_base + share))
    t["casualties_combatant"] += combatants
    t["casualties_civilian"] += civilians
    t["battle_deaths"] += combatants + civilians
    if interpose:
        t["casualties_peacekeeper"] += rng.poisson(rules.interposed_peacekeeper_deaths
                                                   * interpose)
    attacker.ambition *= 1 - share
    defender.commitment *= rules.defender_commitment_keep
    for party in model.parties:
        party.trust = min(party.trust, rules.trust_after_offensive)
    tension.flare_front(model, attacker)
    model.log("offensive", offensive_text(attacker.name, len(taken_cells), fled))
    for party in model.parties:
        posting.place_units(model, party,
                            sum(1 for u in model.armed_units if u.party is party) or 0)
    if model.config.scenario.collapse.offensive:
        collapse.collapse(model, f"major offensive by {attacker.name}")


def interposition(model: ConflictModel, attacker: Party) -> tuple[float, float, list[str]]:
    """Line cover of enforcing and interposing forces willing to stand (0..1 each), and
    the names of the enforcing ones."""
    free_enforce, free_interpose, blockers = 1.0, 1.0, []
    for mission in model.deployed_missions():
        willing = 1 - max(0.0, mission.favour(attacker))
        cover = deterrence.line_cover(model, mission) * willing
        if mission.mandate == "enforce":
            free_enforce *= 1 - cover
            blockers.append(mission.name)
        elif mission.mandate == "interpose":
            free_interpose *= 1 - cover
    return 1 - free_enforce, 1 - free_interpose, blockers


def offensive_text(attacker: str, cells: int, fled: float) -> str:
    """The event log's line for an offensive that was not blocked."""
    if not cells:
        return f"{attacker} launches a major offensive but takes no ground"
    taken = f"{attacker} launches a major offensive and takes {cells} cell{'s' * (cells != 1)}"
    return taken + (f"; {fled:,.0f} civilians flee" if round(fled) else "")
