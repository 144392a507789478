"""An outside power backing one party: supply, hostility, discrediting the mediator."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa

from ..config import Patron as PatronSpec

if TYPE_CHECKING:
    from ..model import ConflictModel


class Patron(mesa.Agent):
    """Backs ``client`` with ``supply`` (0..1) and a ``discredit`` campaign (0..1)."""

    model: ConflictModel

    def __init__(self, model: ConflictModel, spec: PatronSpec):
        super().__init__(model)
        self.name = spec.name
        self.client = model.party_by_name[spec.client]
        self.supply = spec.supply
        self.discredit = spec.discredit
        self.apply_supply()

    def apply_supply(self) -> None:
        """The supply of all the client's patrons adds strength growth and sets a floor
        under the client's hostility (several patrons of one client add up)."""
        rules = self.model.rules
        supply = sum(p.supply for p in self.model.patrons_of(self.client))
        self.client.extra_growth = rules.patron_growth_per_supply * supply
        self.client.hostility_floor = max(
            self.client.spec.hostility, rules.patron_hostility_per_supply * min(1.0, supply)
        )

    def surge(self, supply: float) -> None:
        self.supply = supply
        self.apply_supply()

    def step(self) -> None:
        """The information campaign erodes every mediator's credibility with the client."""
        if not self.discredit:
            return
        years = self.model.days_per_step / 365
        keep = math.exp(-self.model.rules.discredit_per_year * self.discredit * years)
        for mediator in self.client.credibility:
            self.client.credibility[mediator] *= keep
