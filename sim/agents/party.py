"""A side's leadership: commitment, trust, legitimacy of missions, strength, offensives."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa

from ..config import Party as PartySpec

if TYPE_CHECKING:
    from ..model import ConflictModel


class Party(mesa.Agent):
    """One conflict party (not spatial).

    Attributes (all 0..1 unless stated): ``commitment`` to the ceasefire, ``trust`` in
    the other side, ``hostility``, ``ambition``; ``strength`` (relative, > 0);
    ``legitimacy[mission]`` the party's respect for each mission;
    ``credibility[mediator]`` the mediator's credibility in its eyes.
    """

    model: ConflictModel

    def __init__(self, model: ConflictModel, spec: PartySpec, sign: int):
        super().__init__(model)
        self.name = spec.name
        self.side = spec.side
        self.sign = sign
        self.spec = spec
        self.strength = spec.strength
        self.ambition = spec.ambition
        self.commitment = spec.commitment
        self.hostility = spec.hostility
        self.trust = spec.trust
        self.legitimacy: dict[str, float] = {}
        self.credibility: dict[str, float] = {}
        self.blamed_this_step = 0
        self.extra_growth = 0.0
        self.hostility_floor = spec.hostility
        self.withdrawal_demanded: set[str] = set()

    @property
    def other(self) -> Party:
        return self.model.party_by_side["B" if self.side == "A" else "A"]

    def power_ratio(self) -> float:
        return self.strength / self.other.strength

    def step(self) -> None:
        """Yearly rates applied over one step of ``days_per_step`` days."""
        rules, years = self.model.rules, self.model.days_per_step / 365
        growth = self.spec.strength_growth + self.extra_growth
        self.strength *= (1 + growth) ** years if growth > -1 else 1.0
        self._update_legitimacy(years)
        blamed = self.blamed_this_step
        self.trust += years * rules.trust_recovery_per_year * (self.commitment - self.trust)
        self.trust -= blamed * rules.trust_loss_per_blamed_violation
        self.commitment += years * rules.commitment_recovery_per_year * (
            self.spec.commitment - self.commitment
        )
        self.commitment -= blamed * rules.commitment_loss_per_blamed_violation
        self.hostility += years * (self.hostility_floor - self.hostility)
        self.trust = min(1.0, max(0.0, self.trust))
        self.commitment = min(1.0, max(0.0, self.commitment))
        self.hostility = min(1.0, max(0.0, self.hostility))
        self.blamed_this_step = 0
        self._consider_demands()
        self._consider_offensive(years)

    def _update_legitimacy(self, years: float) -> None:
        """Move the party's view of each deployed mission toward its target."""
        rate = 1 - math.exp(-self.model.rules.legitimacy_rate_per_year * years)
        for mission in self.model.deployed_missions():
            current = self.legitimacy[mission.name]
            self.legitimacy[mission.name] = current + rate * (
                mission.legitimacy_target(self) - current
            )

    def _consider_demands(self) -> None:
        threshold = self.spec.demands_withdrawal_below
        if threshold is None:
            return
        for mission in self.model.deployed_missions():
            if self.legitimacy[mission.name] < threshold and mission.force not in (
                self.withdrawal_demanded
            ):
                self.model.demand_withdrawal(self, mission.force, notice_days=30)

    def offensive_drive(self) -> float:
        """Expected gain minus expected cost of a major offensive (< 0: none).

        Gain: ambition x how much stronger the party is x how little it is deterred.
        Cost: commitment, settlement progress and trust in the other side.
        """
        rules = self.model.rules
        advantage = max(0.0, self.power_ratio() - rules.offensive_power_threshold)
        deterred = self.model.offensive_deterrence(self)
        gain = self.ambition * advantage * (1 - deterred) + 0.3 * self.hostility * (1 - self.trust)
        cost = 0.6 * self.commitment + 0.5 * self.model.settlement_progress + 0.2 * self.trust
        return gain - cost

    def _consider_offensive(self, years: float) -> None:
        drive = self.offensive_drive()
        if drive <= 0 or self.model.settlement_reached:
            return
        hazard = self.model.rules.offensive_hazard_per_year * drive * years
        if self.model.rng.random() < 1 - math.exp(-hazard):
            self.model.launch_offensive(self)
