"""Orders: decisions a person takes in place of an agent's own rule (the class game).

Every deciding agent (``Party``, ``Mission``, ``Mediator``, ``Patron``) has ``orders``,
None by default: it then follows its own rule. Setting orders hands a role to a
player. Standing orders (a posture, talks accepted or refused, offensives held) stay
until changed; one-off orders (an offensive, a demand, a round of talks) are used in
the next step and cleared. Orders that change state at once (a patrol, a mandate,
troops, reports published, consent, a patron's supply or campaign) are applied by
``give`` through the submodels, exactly as dated events are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .submodels import patrons, posting

if TYPE_CHECKING:
    from .model import ConflictModel

Posture = Literal["rule", "restrain", "retaliate"]
Talks = Literal["rule", "accept", "refuse"]


@dataclass
class PartyOrders:
    """A party's leadership, played by a person."""

    posture: Posture = "rule"
    """restrain: units fire only from their own grievance or by accident (the leadership
    acts as fully committed); retaliate: units fire as if the leadership had no
    commitment; rule: the model's commitment."""
    talks: Talks = "rule"
    """accept or refuse every round of talks (rule: the model's willingness)."""
    hold_offensives: bool = False
    """Launch no major offensive while set."""
    offensive: bool = False
    """Launch a major offensive in the next step (one-off)."""
    demand_withdrawal: list[str] = field(default_factory=list)
    """Contingents or observer missions whose end to demand in the next step (one-off)."""


@dataclass
class MissionOrders:
    """A contingent (all its battalions) or an observer mission, commanded by a person."""

    patrol: str | None = None
    mandate: str | None = None
    troops: int | None = None
    publish_reports: bool | None = None


@dataclass
class MediatorOrders:
    call_talks: bool = False
    """Hold a round of talks in the next step, due or not (one-off)."""


@dataclass
class PatronOrders:
    supply: float | None = None
    discredit: float | None = None


def give_party(model: ConflictModel, name: str, orders: PartyOrders,
               consent: dict[str, float] | None = None) -> None:
    """Hand party ``name`` to a person with ``orders``; ``consent`` (mission -> 0..1)
    grants or withdraws its consent to missions at once."""
    party = model.party_by_name[name]
    party.orders = orders
    for force, value in (consent or {}).items():
        for mission in model.missions_of(force):
            mission.consent[party.name] = value


def give_mission(model: ConflictModel, force: str, orders: MissionOrders) -> None:
    """Apply a mission commander's orders to every battalion of ``force``."""
    missions = model.missions_of(force)
    for mission in missions:
        if orders.mandate is not None and mission.is_armed:
            mission.mandate = orders.mandate
        if orders.patrol is not None:
            mission.patrol = orders.patrol
        if orders.publish_reports is not None:
            mission.publishes = orders.publish_reports
    if orders.troops is not None:
        before = sum(m.personnel for m in missions) or sum(m.planned_personnel for m in missions)
        for m in missions:
            size = m.personnel or m.planned_personnel
            share = round(orders.troops * size / before) if before else 0
            if m.deployed:
                posting.set_personnel(model, m, share)
            else:
                m.planned_personnel = share
    elif orders.patrol is not None:
        for m in missions:
            if m.deployed:
                posting.station(model, m)


def give_mediator(model: ConflictModel, name: str, orders: MediatorOrders) -> None:
    next(m for m in model.mediators if m.name == name).orders = orders


def give_patron(model: ConflictModel, name: str, orders: PatronOrders) -> None:
    patron = next(p for p in model.patrons if p.name == name)
    if orders.discredit is not None:
        patron.discredit = orders.discredit
    if orders.supply is not None:
        patrons.surge(model, patron, orders.supply)
