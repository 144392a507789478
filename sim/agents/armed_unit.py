"""Armed units of a party holding positions near the contact line."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mesa.discrete_space import CellAgent

if TYPE_CHECKING:
    from ..model import ConflictModel
    from .party import Party


class ArmedUnit(CellAgent):
    """A battalion-sized unit. Each step it may commit a violation: deliberate, with a
    rate that rises with its party's hostility, low commitment, its own grievance
    (losses blamed on the other side) and local tension, and falls with deterrence
    from peacekeepers its party respects; or involuntary (irregulars, accidents).
    """

    model: ConflictModel

    def __init__(self, model: ConflictModel, party: Party):
        super().__init__(model)
        self.party = party
        self.grievance = 0.0
        """Recent losses blamed on the other side (0.. unbounded, decays)."""
        self.slot: int | None = None
        """Index of the unit in ``model.armed_units`` (set by the model)."""

    def violation_rates(self) -> tuple[float, float]:
        """Deliberate and involuntary violations per day at the unit's cell."""
        rules, party = self.model.rules, self.party
        x, y = self.cell.coordinate
        deterred = self.model.deterrence[party.side][x, y]
        tension = self.model.tension[x, y]
        pressure = party.hostility * (1 - party.commitment) + self.grievance
        deliberate = rules.violation_rate * pressure * (0.2 + 1.6 * tension) * (1 - deterred)
        involuntary = rules.involuntary_rate * (1 - 0.5 * deterred)
        return deliberate, involuntary

    def step(self) -> None:
        model, rules = self.model, self.model.rules
        days = model.days_per_step
        deliberate, involuntary = model.unit_rates(self)
        p_deliberate = 1 - math.exp(-deliberate * days)
        p_involuntary = 1 - math.exp(-involuntary * days)
        retaliating = self.grievance > rules.retaliation_threshold
        self.grievance *= 0.5 ** (days / rules.grievance_halflife_days)
        draw = model.rng.random()
        if draw < p_deliberate:
            model.fire(self, involuntary=False, retaliation=retaliating)
        elif draw < p_deliberate + p_involuntary:
            model.fire(self, involuntary=True, retaliation=False)
