"""Leadership: strength, legitimacy, trust, commitment, hostility, demands
(ODD 7, "Leadership" and "Legitimacy").

Each step, each party in random order: its strength grows; its rating of each
deployed mission moves toward the mission's legitimacy target; trust and commitment
relax toward their levels and lose for each violation it blamed on the other side;
hostility relaxes to its floor. Then the party decides: it may demand a mission's
withdrawal (the calendar schedules it) and may launch a major offensive (the
offensives submodel resolves it).

Rules read: ``legitimacy_rate_per_year``, ``overreach_legitimacy_cost``,
``patron_contributor_penalty``, ``trust_recovery_per_year``,
``trust_loss_per_blamed_violation``, ``commitment_recovery_per_year``,
``commitment_loss_per_blamed_violation``, ``hostility_relax_per_year``,
``demand_notice_days``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..agents import Party
from . import calendar, offensives

if TYPE_CHECKING:
    from ..agents import Mission
    from ..model import ConflictModel


def step(model: ConflictModel) -> None:
    """Every party, in random order, updates its state and decides."""
    model.agents_by_type[Party].shuffle_do(act)


def act(party: Party) -> None:
    """One party's step: update its state, then its demands and offensive."""
    model = party.model
    years = model.days_per_step / 365
    update(party, years)
    for force in party.withdrawal_demands():
        calendar.demand_withdrawal(model, party, force, model.rules.demand_notice_days)
    if party.decides_offensive(years):
        offensives.launch(model, party)


def update(party: Party, years: float) -> None:
    """Yearly rates applied over ``years``; the step's blamed violations counted."""
    rules = party.model.rules
    growth = party.spec.strength_growth + party.extra_growth
    party.strength *= (1 + growth) ** years if growth > -1 else 1.0
    update_legitimacy(party, years)
    blamed = party.blamed_this_step
    party.trust += years * rules.trust_recovery_per_year * (party.commitment - party.trust)
    party.trust -= blamed * rules.trust_loss_per_blamed_violation
    party.commitment += years * rules.commitment_recovery_per_year * (
        party.spec.commitment - party.commitment
    )
    party.commitment -= blamed * rules.commitment_loss_per_blamed_violation
    party.hostility += years * rules.hostility_relax_per_year * (
        party.hostility_floor - party.hostility
    )
    party.trust = min(1.0, max(0.0, party.trust))
    party.commitment = min(1.0, max(0.0, party.commitment))
    party.hostility = min(1.0, max(0.0, party.hostility))
    party.blamed_this_step = 0


def update_legitimacy(party: Party, years: float) -> None:
    """Move the party's view of each deployed mission toward its target."""
    model = party.model
    rate = 1 - math.exp(-model.rules.legitimacy_rate_per_year * years)
    for mission in model.deployed_missions():
        current = party.legitimacy[mission.name]
        party.legitimacy[mission.name] = current + rate * (
            legitimacy_target(model, mission, party) - current
        )


def legitimacy_target(model: ConflictModel, mission: Mission, party: Party) -> float:
    """The legitimacy ``party`` grants ``mission`` in the long run (0..1).

    Missing consent, bias against the party, overreach, and a contributor that backs
    the other side all lower it.
    """
    rules = model.rules
    target = mission.consent.get(party.name, 1.0)
    target *= 1 - max(0.0, -mission.favour(party))
    target *= 1 - rules.overreach_legitimacy_cost * mission.overreach
    if mission.contributor in model.patron_clients.get(party.other.name, ()):
        target -= rules.patron_contributor_penalty
    return min(1.0, max(0.0, target))
