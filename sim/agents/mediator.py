"""A mediator holding talks toward a settlement."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from ..config import Mediator as MediatorSpec

if TYPE_CHECKING:
    from ..model import ConflictModel


class Mediator(mesa.Agent):
    """Holds talks every ``talks_every_days``.

    A round succeeds when both parties' commitment is above the threshold and the
    tension along the line is low; progress then grows at a rate set by the
    mediator's credibility in the least convinced party. Successive failed rounds
    collapse the talks. At progress 1 an agreement is signed; each party then
    implements it or refuses (more likely with low commitment and low credibility).
    """

    model: ConflictModel

    def __init__(self, model: ConflictModel, spec: MediatorSpec):
        super().__init__(model)
        self.name = spec.name
        self.spec = spec
        self.failed_rounds = 0
        self.rounds = 0
        for party in model.parties:
            party.credibility[self.name] = spec.credibility

    def talks_due(self) -> bool:
        day, step = self.model.day, self.model.days_per_step
        if day < self.spec.start_day:
            return False
        every = self.spec.talks_every_days
        return (day - self.spec.start_day) // every != (day + step - self.spec.start_day) // every

    def step(self) -> None:
        if self.model.settlement_reached or not self.talks_due():
            return
        model, rules = self.model, self.model.rules
        self.rounds += 1
        parties = model.parties
        willing = all(p.commitment > rules.talks_commitment_threshold for p in parties)
        calm = model.line_tension() < rules.talks_tension_threshold
        if willing and calm:
            self.failed_rounds = 0
            credibility = min(p.credibility[self.name] for p in parties)
            model.settlement_progress = min(
                1.0, model.settlement_progress + rules.progress_per_round * credibility
            )
            for party in parties:
                party.commitment = min(1.0, party.commitment + 0.03 * credibility)
            if model.settlement_progress >= 1.0:
                self._sign()
            return
        self.failed_rounds += 1
        for party in parties:
            party.commitment = max(0.0, party.commitment - 0.01)
        if self.failed_rounds >= rules.failed_rounds_to_collapse:
            self.failed_rounds = 0
            model.settlement_progress *= 0.7
            for party in parties:
                party.commitment = max(0.0, party.commitment - 0.05)
            model.log("talks_collapse", f"talks led by {self.name} collapse")

    def _sign(self) -> None:
        """An agreement is signed; each party implements it or refuses."""
        model = self.model
        for party in model.parties:
            credibility = party.credibility[self.name]
            implement = 0.5 + 0.5 * min(credibility, party.commitment)
            if model.rng.random() >= implement:
                model.settlement_progress = 0.6
                party.commitment = max(0.0, party.commitment - 0.1)
                model.log(
                    "agreement_refused",
                    f"{party.name} refuses to implement the agreement mediated by {self.name}",
                )
                return
        model.reach_settlement(self)
