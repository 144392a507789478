"""Options of the scenario format that the shipped scenarios leave at their defaults:
hotspots patrol, ``patron_surge`` events, ``collapse.offensive = false``,
``rumours.troops_to_prevent``, a mediator's ``start_day`` and an observer mission's
``bias``. Each test checks a direction that would fail if the option did nothing or
did the opposite; statistical ones pool seeds and state their tolerance."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import classroom

from sim import ConflictModel, load_scenario, run
from sim.rules import RULES
from sim.runner import steps_for

QUIET = {"rumours.rate_per_year": 0.0}


# ---------------------------------------------------------------- hotspots patrol


def test_hotspots_patrol_stands_on_the_hottest_line_cells_and_follows_them():
    scenario = load_scenario("classroom", {"contingents.blue_helmets.patrol": "hotspots",
                                           "contingents.blue_helmets.troops": 300} | QUIET)
    model = ConflictModel(scenario, rng=0)
    model.step()  # deploys 3 units
    mission = model.missions[0]
    buffer = np.argwhere(model.terrain.buffer)
    for hot in (buffer[[2, 30, 41]], buffer[[5, 6, 20]]):
        model.tension[:] = 0.0
        model.tension[hot[:, 0], hot[:, 1]] = [0.9, 0.8, 0.7]
        model.step()
        posts = sorted(tuple(u.cell.coordinate) for u in mission.units)
        assert posts == sorted(map(tuple, hot.tolist()))
        assert all(mission.presence[x, y] >= 100 for x, y in hot)


def test_line_patrol_does_not_follow_tension():
    scenario = load_scenario("classroom", {"contingents.blue_helmets.troops": 300} | QUIET)
    model = ConflictModel(scenario, rng=0)
    model.step()
    before = sorted(tuple(u.cell.coordinate) for u in model.missions[0].units)
    hot = np.argwhere(model.terrain.buffer)[[2, 30, 41]]
    model.tension[hot[:, 0], hot[:, 1]] = 0.9
    model.step()
    assert sorted(tuple(u.cell.coordinate) for u in model.missions[0].units) == before
    assert before != sorted(map(tuple, hot.tolist()))


# ---------------------------------------------------------------- patron_surge


def surge_scenario(surge: bool):
    events = [{"name": "surge", "day": 364, "kind": "patron_surge", "patron": "backer",
               "supply": 1.0}] if surge else []
    return classroom(patrons=[{"name": "backer", "client": "east", "supply": 0.0}],
                     events=events)


def test_patron_surge_raises_the_clients_growth_and_hostility_from_its_day():
    """The client's strength grows at 0 %/yr until the surge's step, then at supply 1 x
    patron_growth_per_supply (+20 %/yr) a year, and its hostility rises toward the
    floor the supply sets."""
    with_surge, without = (run(surge_scenario(s), seed=3, days=728) for s in (True, False))
    days = with_surge.timeseries["day"]
    east_with, east_without = (r.timeseries["strength_east"] for r in (with_surge, without))
    before = days <= 364
    assert (east_with[before] == 1.0).all() and (east_without == 1.0).all()
    grown = east_with[~before].iloc[-1]
    growth = 1 + RULES.patron_growth_per_supply
    assert grown == pytest.approx(growth ** ((days.iloc[-1] - 364) / 365), rel=1e-9)
    east = with_surge.model.party_by_name["east"]
    assert east.hostility_floor == pytest.approx(RULES.patron_hostility_per_supply)
    assert east.spec.hostility < east.hostility_floor
    assert east.hostility > without.model.party_by_name["east"].hostility
    logged = with_surge.events[with_surge.events.kind == "patron_surge"]
    assert logged.day.tolist() == [364]
    assert "backer raises its supply to 1" in logged.text.iloc[0]


# ---------------------------------------------------------------- collapse.offensive


AGGRESSOR = {"parties.west.strength": 3.0, "parties.west.ambition": 1.0,
             "parties.west.commitment": 0.1, "contingents.blue_helmets.troops": 0,
             "scenario.collapse.battle_deaths": 100_000} | QUIET


@pytest.mark.parametrize("offensive", [True, False])
def test_collapse_by_offensive_follows_the_switch(offensive):
    """With a battle-death threshold no run reaches, only an offensive can end the
    ceasefire: on the offensive's step when ``collapse.offensive`` is true, never when
    it is false (10 seeds, at least 5 of them with an offensive)."""
    scenario = load_scenario("classroom", AGGRESSOR | {"scenario.collapse.offensive": offensive})
    with_offensive = 0
    for seed in range(10):
        result = run(scenario, seed=seed, days=730)
        table = result.timeseries
        launched = table[table.offensives > 0]
        if launched.empty:
            assert result.summary["collapse_day"] is None
            continue
        with_offensive += 1
        first = int(launched.day.iloc[0])
        expected = first if offensive else None
        assert result.summary["collapse_day"] == expected, seed
    assert with_offensive >= 5


# ---------------------------------------------------------------- troops_to_prevent


def riots(troops_to_prevent: float) -> int:
    """Riots over 10 seeds x 1 year: frequent true rumours, the contingent guarding
    settlements (at least 100 troops within reach of each mixed settlement)."""
    scenario = load_scenario("classroom", {
        "rumours.rate_per_year": 40, "rumours.false_share": 0.0,
        "rumours.troops_to_prevent": troops_to_prevent,
        "contingents.blue_helmets.patrol": "settlements"})
    return sum(run(scenario, seed=seed, days=365).summary["riots"] for seed in range(10))


def test_fewer_riots_when_fewer_troops_are_needed_to_prevent_them():
    """Measured (seeds 0-9): 274 riots at 1,000,000 troops to prevent, 18 at 400, 0 at
    50. Required: at least 100, then at most a quarter of that, then none (50 troops
    are fewer than stand at each mixed settlement, so prevention is certain)."""
    barely, partly, surely = riots(1_000_000), riots(400), riots(50)
    assert barely >= 100
    assert partly <= barely / 4
    assert surely == 0


def test_no_riots_when_no_troops_are_needed():
    assert riots(0) == 0


# ---------------------------------------------------------------- mediator start_day


def progress(start_day: int, seeds=range(5)) -> np.ndarray:
    """Settlement progress per step (rows: seeds) with keen, calm parties and a fully
    credible mediator meeting every 60 days from ``start_day``."""
    scenario = load_scenario("classroom", {
        "mediators.envoy.start_day": start_day, "mediators.envoy.credibility": 1.0,
        "mediators.envoy.talks_every_days": 60, "parties.west.commitment": 0.9,
        "parties.east.commitment": 0.9} | QUIET)
    return np.array([run(scenario, seed=s, days=1095).timeseries["settlement_progress"]
                     for s in seeds]), scenario


def test_mediator_holds_no_talks_before_its_start_day():
    late, scenario = progress(730)
    days = np.arange(1, late.shape[1] + 1) * scenario.scenario.days_per_step
    assert (late[:, days <= 730] == 0).all()
    assert (late[:, -1] > 0).all()  # talks from day 790 made progress in every seed
    early, _ = progress(0)
    assert (early[:, days <= 730].max(axis=1) > 0).all()
    assert (early[:, -1] > late[:, -1]).all()


# ---------------------------------------------------------------- observer bias


def observed(bias: float, seeds=range(10)) -> dict[str, float]:
    """Pooled share of each side's violations that were reported, with one observer
    mission (1,000 monitors on the line) and no contingent, over 10 seeds x 2 years."""
    scenario = classroom(contingents=[], observers=[
        {"name": "watch", "monitors": 1000, "monitors_per_team": 10, "bias": bias}])
    totals = {"west": [0, 0], "east": [0, 0]}
    for seed in seeds:
        summary = run(scenario, seed=seed, days=730).summary
        for side in totals:
            totals[side][0] += summary["reported_by_side"][side]
            totals[side][1] += summary["violations_by_side"][side]
    assert min(v for _, v in totals.values()) >= 200  # enough violations to compare
    return {side: reported / total for side, (reported, total) in totals.items()}


def test_biased_observers_under_report_the_side_they_favour():
    """A mission's report of a detected violation is dropped with probability equal to
    its favour toward the violator: at bias 0.8 toward west, west's violations are
    reported at most half as often as east's; neutral, the shares differ by less
    than 0.1; the opposite bias reverses the order."""
    neutral, for_west, for_east = observed(0.0), observed(0.8), observed(-0.8)
    assert abs(neutral["west"] - neutral["east"]) < 0.1
    assert for_west["west"] < 0.5 * for_west["east"]
    assert for_east["east"] < 0.5 * for_east["west"]


def test_biased_observers_lose_legitimacy_with_the_other_side():
    """East's view moves from 1 toward 1 - 0.8 = 0.2 at legitimacy_rate_per_year;
    west's stays 1."""
    scenario = classroom(contingents=[], observers=[
        {"name": "watch", "monitors": 1000, "bias": 0.8}])
    model = ConflictModel(scenario, rng=0)
    steps = steps_for(scenario, 365)
    for _ in range(steps):
        model.step()
    west, east = (model.party_by_name[n].legitimacy["watch"] for n in ("west", "east"))
    years = steps * scenario.scenario.days_per_step / 365
    assert west == pytest.approx(1.0)
    rate = RULES.legitimacy_rate_per_year
    assert east == pytest.approx(0.2 + 0.8 * np.exp(-rate * years), rel=1e-9)
