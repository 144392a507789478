"""Patrons and spoilers (ODD 7, "Patrons and spoilers").

An outside power's ``supply`` (0..1; several patrons of one client add up) adds
``patron_growth_per_supply x supply`` to the client's strength growth per year and
sets a floor ``patron_hostility_per_supply x min(1, supply)`` under its hostility. Its
information campaign (``discredit``, 0..1) makes every mediator's credibility in the
client's eyes decay at ``discredit_per_year x discredit``. A dated ``patron_surge``
changes the supply.

Rules read: ``patron_growth_per_supply``, ``patron_hostility_per_supply``,
``discredit_per_year``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..agents import Party, Patron
    from ..model import ConflictModel


def step(model: ConflictModel) -> None:
    """Each patron's information campaign erodes the mediators' credibility with its client."""
    years = model.days_per_step / 365
    for patron in model.patrons:
        if not patron.discredit:
            continue
        keep = math.exp(-model.rules.discredit_per_year * patron.discredit * years)
        credibility = patron.client.credibility
        for mediator in credibility:
            credibility[mediator] *= keep


def apply_supply(model: ConflictModel, client: Party) -> None:
    """The supply of all of ``client``'s patrons, as strength growth and a hostility floor."""
    rules = model.rules
    supply = sum(p.supply for p in model.patrons if p.client is client)
    client.extra_growth = rules.patron_growth_per_supply * supply
    client.hostility_floor = max(
        client.spec.hostility, rules.patron_hostility_per_supply * min(1.0, supply)
    )


def surge(model: ConflictModel, patron: Patron, supply: float) -> None:
    """The patron's supply changes to ``supply``."""
    patron.supply = supply
    apply_supply(model, patron.client)
