"""A conflict party's leadership: its state and its decisions (demands, offensives)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa

from ..config import Party as PartySpec
from ..submodels import deterrence

if TYPE_CHECKING:
    from ..model import ConflictModel
    from ..orders import PartyOrders


class Party(mesa.Agent):
    """One conflict party (not spatial).

    Attributes (all 0..1 unless stated): ``commitment`` to the ceasefire, ``trust`` in
    the other side, ``hostility``, ``ambition``; ``strength`` (relative, > 0);
    ``legitimacy[mission]`` the party's respect for each mission;
    ``credibility[mediator]`` the mediator's credibility in its eyes. The leadership
    submodel updates them; the party decides on demands and offensives.
    """

    model: ConflictModel

    def __init__(self, model: ConflictModel, spec: PartySpec, sign: int, index: int):
        super().__init__(model)
        self.name = spec.name
        self.side = spec.side
        self.sign = sign
        """Its cells' value in the ``control`` layer (+1 side A, -1 side B)."""
        self.index = index
        """Its position in ``model.parties``."""
        self.spec = spec
        self.strength = spec.strength
        self.ambition = spec.ambition
        self.commitment = spec.commitment
        self.hostility = spec.hostility
        self.trust = spec.trust
        self.legitimacy: dict[str, float] = {}
        self.credibility: dict[str, float] = {}
        self.blamed_this_step = 0
        """Violations this step that the party blamed on the other side."""
        self.extra_growth = 0.0
        """Strength growth per year added by patrons' supply."""
        self.hostility_floor = spec.hostility
        self.withdrawal_demanded: set[str] = set()
        self.orders: PartyOrders | None = None
        """A player's orders in place of the rules below (``sim.orders``), or None."""

    @property
    def other(self) -> Party:
        return self.model.party_by_side["B" if self.side == "A" else "A"]

    def power_ratio(self) -> float:
        return self.strength / self.other.strength

    def units_commitment(self) -> float:
        """The commitment the party's units act on: its own, or 1 under orders to
        restrain, 0 under orders to retaliate."""
        posture = self.orders.posture if self.orders else "rule"
        return {"restrain": 1.0, "retaliate": 0.0}.get(posture, self.commitment)

    def accepts_talks(self) -> bool:
        """Whether the party takes part in a round of talks in good faith: its
        commitment above ``talks_commitment_threshold``, unless ordered otherwise."""
        talks = self.orders.talks if self.orders else "rule"
        if talks != "rule":
            return talks == "accept"
        return self.commitment > self.model.rules.talks_commitment_threshold

    def withdrawal_demands(self) -> list[str]:
        """Missions (by force) whose end the party now demands: those it rates below its
        ``demands_withdrawal_below`` (or a player names), not demanded before."""
        threshold = self.spec.demands_withdrawal_below
        ordered = self.orders.demand_withdrawal if self.orders else []
        chosen = [m.force for m in self.model.deployed_missions()
                  if m.force in ordered
                  or (threshold is not None and self.legitimacy[m.name] < threshold)]
        if self.orders:
            self.orders.demand_withdrawal = []
        return list(dict.fromkeys(f for f in chosen if f not in self.withdrawal_demanded))

    def offensive_drive(self) -> float:
        """Expected gain minus expected cost of a major offensive (< 0: none).

        Gain: ambition x how much stronger the party is x how little it is deterred,
        plus hostility x distrust. Cost: commitment, settlement progress and trust.
        """
        model, rules = self.model, self.model.rules
        advantage = max(0.0, self.power_ratio() - rules.offensive_power_threshold)
        deterred = deterrence.offensive_deterrence(model, self)
        gain = (self.ambition * advantage * (1 - deterred)
                + rules.hostility_drive_weight * self.hostility * (1 - self.trust))
        cost = (rules.commitment_restraint * self.commitment
                + rules.progress_restraint * model.settlement_progress
                + rules.trust_restraint * self.trust)
        return gain - cost

    def decides_offensive(self, years: float) -> bool:
        """Whether the party launches a major offensive this step: a yearly hazard of
        ``offensive_hazard_per_year`` x drive while the drive is positive (or a
        player's orders)."""
        if self.orders and (self.orders.offensive or self.orders.hold_offensives):
            launch, self.orders.offensive = self.orders.offensive, False
            return launch and not self.orders.hold_offensives
        drive = self.offensive_drive()
        if drive <= 0 or self.model.settlement_reached:
            return False
        hazard = self.model.rules.offensive_hazard_per_year * drive * years
        return self.model.rng.random() < 1 - math.exp(-hazard)
