"""The calendar of dated events (ODD 7, "Calendar").

Deployments and withdrawals of the scenario's missions, and its ``[[events]]``
(deploy, drawdown to N troops, withdraw, mandate end, demand for withdrawal, patron
surge), sorted by day. Each step applies the entries whose day falls in it. A party's
demand for a mission's withdrawal adds an entry ``notice_days`` later.

Rules read: none (a demand's notice comes from the event or ``demand_notice_days``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import patrons, posting

if TYPE_CHECKING:
    from ..agents import Party
    from ..config import Scenario
    from ..model import ConflictModel


@dataclass(order=True)
class Planned:
    """An entry of the calendar: a dated change to a mission or a patron."""

    day: int
    order: int
    kind: str
    target: str = ""
    troops: int | None = None
    party: str | None = None
    notice_days: int = 0
    """demand_withdrawal: days until the mission leaves."""
    supply: float | None = None


def build(scenario: Scenario) -> list[Planned]:
    """Every dated entry of the scenario, sorted by day (then by order in the file)."""
    plan: list[Planned] = []
    for spec in list(scenario.contingents) + list(scenario.observers):
        plan.append(Planned(spec.deploy_day, len(plan), "deploy", spec.name))
        if spec.withdraw_day is not None:
            plan.append(Planned(spec.withdraw_day, len(plan), "withdraw", spec.name))
    for event in scenario.events:
        plan.append(Planned(
            event.day, len(plan), event.kind,
            target=event.contingent or event.patron or "",
            troops=event.troops, party=event.party, notice_days=event.notice_days,
            supply=event.supply,
        ))
    return sorted(plan)


def step(model: ConflictModel) -> None:
    """Apply every entry whose day falls within this step."""
    end = model.day + model.days_per_step
    while model.calendar and model.calendar[0].day < end:
        apply(model, model.calendar.pop(0))


def apply(model: ConflictModel, plan: Planned) -> None:
    """Carry out one calendar entry."""
    day = plan.day
    if plan.kind == "patron_surge":
        patron = next(p for p in model.patrons if p.name == plan.target)
        patrons.surge(model, patron, plan.supply or 0.0)
        model.log("patron_surge", f"patron {patron.name} raises its supply to {plan.supply:g}",
                  day)
        return
    missions = model.missions_of(plan.target)
    kind = "contingent" if missions[0].is_armed else "observer mission"
    if plan.kind == "deploy":
        total = sum(m.planned_personnel for m in missions)
        if (plan.troops if plan.troops is not None else total) == 0:
            return  # a mission of no one does not deploy
        for m in missions:
            share = None
            if plan.troops is not None:
                share = round(plan.troops * m.planned_personnel / total) if total else 0
            posting.deploy(model, m, share)
        staff = "troops" if missions[0].is_armed else "monitors"
        model.log("deploy", f"{kind} {plan.target} deploys with "
                  f"{sum(m.personnel for m in missions):,} {staff}", day)
    elif plan.kind == "drawdown":
        before = sum(m.personnel for m in missions)
        for m in missions:
            share = round((plan.troops or 0) * m.personnel / before) if before else 0
            posting.set_personnel(model, m, share)
        after = sum(m.personnel for m in missions)
        change = "draws down" if after <= before else "is reinforced"
        model.log("drawdown", f"{kind} {plan.target} {change} from {before:,} to {after:,}", day)
    elif plan.kind in ("withdraw", "mandate_end"):
        if not any(m.deployed for m in missions):
            return
        for m in missions:
            posting.withdraw(model, m)
        reason = "its mandate ends; it withdraws" if plan.kind == "mandate_end" else "withdraws"
        model.log("withdraw", f"{kind} {plan.target} {reason}", day)
    elif plan.kind == "demand_withdrawal":
        demand_withdrawal(model, model.party_by_name[plan.party], plan.target,
                          plan.notice_days, day)


def demand_withdrawal(model: ConflictModel, party: Party, force: str, notice_days: int,
                      day: int | None = None) -> None:
    """``party`` demands the end of a mission, which leaves after ``notice_days``."""
    day = model.day if day is None else day
    party.withdrawal_demanded.add(force)
    leave = day + notice_days
    model.log("withdrawal_demanded", f"{party.name} demands the withdrawal of {force}; "
              f"it must leave by day {leave}", day)
    model.calendar.append(Planned(leave, -1, "withdraw", force))
    model.calendar.sort()
