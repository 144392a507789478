"""An outside power backing one party: supply, hostility, discrediting the mediator."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from ..config import Patron as PatronSpec

if TYPE_CHECKING:
    from ..model import ConflictModel


class Patron(mesa.Agent):
    """Backs ``client`` with ``supply`` (0..1) and a ``discredit`` campaign (0..1);
    the patrons submodel turns both into effects on the client."""

    model: ConflictModel

    def __init__(self, model: ConflictModel, spec: PatronSpec):
        super().__init__(model)
        self.name = spec.name
        self.client = model.party_by_name[spec.client]
        self.supply = spec.supply
        self.discredit = spec.discredit
