"""A mediator holding talks toward a settlement."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from ..config import Mediator as MediatorSpec

if TYPE_CHECKING:
    from ..model import ConflictModel
    from ..orders import MediatorOrders


class Mediator(mesa.Agent):
    """Calls a round of talks every ``talks_every_days`` from ``start_day``; the
    mediation submodel decides how the round goes. ``failed_rounds`` counts failed
    rounds in a row; ``rounds`` all rounds held."""

    model: ConflictModel

    def __init__(self, model: ConflictModel, spec: MediatorSpec):
        super().__init__(model)
        self.name = spec.name
        self.spec = spec
        self.failed_rounds = 0
        self.rounds = 0
        self.orders: MediatorOrders | None = None
        """A player's orders (``sim.orders``), or None: talks on the calendar."""
        for party in model.parties:
            party.credibility[self.name] = spec.credibility

    def calls_talks(self) -> bool:
        """Whether a round of talks falls within this step (none after a settlement)."""
        if self.model.settlement_reached:
            return False
        if self.orders and self.orders.call_talks:
            self.orders.call_talks = False
            return True
        day, step = self.model.day, self.model.days_per_step
        if day < self.spec.start_day:
            return False
        every = self.spec.talks_every_days
        return (day - self.spec.start_day) // every != (day + step - self.spec.start_day) // every
