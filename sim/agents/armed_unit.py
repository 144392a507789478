"""Armed units of a party holding positions near the contact line."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import CellAgent

from ..submodels import grievance

if TYPE_CHECKING:
    from ..model import ConflictModel
    from ..rules import Rules
    from .party import Party

Number = float | np.ndarray

DELIBERATE, RETALIATION, INVOLUNTARY = "deliberate", "retaliation", "involuntary"
"""The kinds of violation a unit can commit."""


class ArmedUnit(CellAgent):
    """A battalion-sized unit. Each step it may commit a violation: deliberate, with a
    rate that rises with its party's hostility, low commitment, its own grievance
    (losses blamed on the other side) and local tension, and falls with deterrence
    from peacekeepers its party respects; or involuntary (irregulars, accidents).
    The violations submodel resolves what it decides.
    """

    model: ConflictModel

    def __init__(self, model: ConflictModel, party: Party):
        super().__init__(model)
        self.party = party
        self.grievance = 0.0
        """Recent losses blamed on the other side (0.. unbounded, fades)."""
        self.chances: tuple[float, float] | None = None
        """This step's chances of a deliberate and of any violation, prepared over all
        units; None when something the unit sees has changed since."""

    def violation_rates(self) -> tuple[float, float]:
        """Deliberate and involuntary violations per day at the unit's cell."""
        party = self.party
        x, y = self.cell.coordinate
        return violation_rates(
            self.model.rules,
            party.hostility * (1 - party.units_commitment()) + self.grievance,
            self.model.tension[x, y],
            self.model.deterrence[party.side][x, y],
        )

    def violation_chances(self) -> tuple[float, float]:
        """Chance of a deliberate violation this step, and of any violation (0..1)."""
        deliberate, involuntary = self.violation_rates()
        return chances(deliberate, involuntary, self.model.days_per_step)

    def decide(self) -> str | None:
        """This step's violation (DELIBERATE, RETALIATION or INVOLUNTARY), or None.

        The chances are read before the unit's grievance fades for the step.
        """
        model = self.model
        prepared = self.chances if model.chances_prepared else None
        own = self.violation_chances() if prepared is None else None
        retaliating = grievance.fade(self)
        draw = model.rng.random()
        if own is None and draw >= model.highest_chance:
            return None  # above every prepared chance: no violation
        p_deliberate, p_any = own or prepared
        if draw < p_deliberate:
            return RETALIATION if retaliating else DELIBERATE
        if draw < p_any:
            return INVOLUNTARY
        return None


def violation_rates(rules: Rules, pressure: Number, tension: Number,
                    deterred: Number) -> tuple[Number, Number]:
    """Deliberate and involuntary violations per day (floats, or arrays over units).

    ``pressure`` = hostility x (1 - commitment) + grievance; ``tension`` and
    ``deterred`` (0..1) at the unit's cell.
    """
    deliberate = (rules.violation_rate * pressure
                  * (rules.calm_fire_factor + rules.tension_fire_factor * tension)
                  * (1 - deterred))
    involuntary = rules.involuntary_rate * (1 - rules.involuntary_deterred_share * deterred)
    return deliberate, involuntary


def chances(deliberate: float, involuntary: float, days: int) -> tuple[float, float]:
    """Chance over ``days`` of a deliberate violation, and of any violation, from
    rates per day (Poisson: 1 - exp(-rate x days))."""
    p_deliberate = 1 - math.exp(-deliberate * days)
    return p_deliberate, p_deliberate + (1 - math.exp(-involuntary * days))
