"""Mediation and settlement (ODD 7, "Mediation").

A round succeeds when every party's commitment exceeds ``talks_commitment_threshold``
and line tension is below ``talks_tension_threshold``: progress grows by
``progress_per_round`` x the lowest credibility and commitment by
``commitment_per_round`` x that credibility. A failed round costs commitment;
``failed_rounds_to_collapse`` in a row collapse the talks. At progress 1 an agreement
is signed and each party implements it with probability ``implementation_floor +
(1 - implementation_floor) x min(credibility, commitment)``; a refusal sets progress
back. When all implement, the settlement raises commitment and cuts ambition and
hostility.

Rules read: ``talks_commitment_threshold``, ``talks_tension_threshold``,
``progress_per_round``, ``commitment_per_round``, ``commitment_loss_failed_round``,
``failed_rounds_to_collapse``, ``talks_collapse_progress_keep``,
``commitment_loss_talks_collapse``, ``implementation_floor``, ``progress_after_refusal``,
``commitment_loss_refusal``, ``settled_commitment``, ``settled_ambition_keep``,
``settled_hostility_keep``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import posting

if TYPE_CHECKING:
    from ..agents import Mediator
    from ..model import ConflictModel


def step(model: ConflictModel) -> None:
    """Each mediator whose round falls in this step holds it."""
    for mediator in model.mediators:
        if mediator.calls_talks():
            hold_round(model, mediator)


def hold_round(model: ConflictModel, mediator: Mediator) -> None:
    rules, parties = model.rules, model.parties
    mediator.rounds += 1
    willing = all(p.accepts_talks() for p in parties)
    calm = posting.line_tension(model) < rules.talks_tension_threshold
    if willing and calm:
        mediator.failed_rounds = 0
        credibility = min(p.credibility[mediator.name] for p in parties)
        model.settlement_progress = min(
            1.0, model.settlement_progress + rules.progress_per_round * credibility
        )
        for party in parties:
            party.commitment = min(1.0, party.commitment
                                   + rules.commitment_per_round * credibility)
        if model.settlement_progress >= 1.0:
            sign(model, mediator)
        return
    mediator.failed_rounds += 1
    for party in parties:
        party.commitment = max(0.0, party.commitment - rules.commitment_loss_failed_round)
    if mediator.failed_rounds >= rules.failed_rounds_to_collapse:
        mediator.failed_rounds = 0
        model.settlement_progress *= rules.talks_collapse_progress_keep
        for party in parties:
            party.commitment = max(0.0, party.commitment - rules.commitment_loss_talks_collapse)
        model.log("talks_collapse", f"talks led by {mediator.name} collapse")


def sign(model: ConflictModel, mediator: Mediator) -> None:
    """An agreement is signed; each party implements it or refuses."""
    rules = model.rules
    for party in model.parties:
        credibility = party.credibility[mediator.name]
        floor = rules.implementation_floor
        implement = floor + (1 - floor) * min(credibility, party.commitment)
        if model.rng.random() >= implement:
            model.settlement_progress = rules.progress_after_refusal
            party.commitment = max(0.0, party.commitment - rules.commitment_loss_refusal)
            model.log(
                "agreement_refused",
                f"{party.name} refuses to implement the agreement mediated by {mediator.name}",
            )
            return
    settle(model, mediator)


def settle(model: ConflictModel, mediator: Mediator) -> None:
    """The settlement is implemented: commitment up, ambition and hostility down."""
    rules = model.rules
    model.settlement_reached = True
    model.settlement_progress = 1.0
    for party in model.parties:
        party.commitment = max(party.commitment, rules.settled_commitment)
        party.ambition *= rules.settled_ambition_keep
        party.hostility *= rules.settled_hostility_keep
        party.hostility_floor *= rules.settled_hostility_keep
    model.log("settlement", f"settlement reached through {mediator.name}; both sides "
              "implement it")
