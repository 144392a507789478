"""Each mechanism of the model moves what it should, in the direction it should.

Unit-level tests poke one mechanism in a model built from the classroom scenario;
statistical ones state their replications and tolerance.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import classroom, contingent, party

from sim import ConflictModel, run
from sim.agents import ArmedUnit
from sim.agents.armed_unit import DELIBERATE, INVOLUNTARY
from sim.submodels import deterrence, leadership, offensives, violations

YEAR_STEPS = 53


def model_of(scenario, seed=1, steps=1):
    model = ConflictModel(scenario, rng=seed)
    for _ in range(steps):
        model.step()
    return model


def unit_of(model, side):
    return next(u for u in model.armed_units if u.party.side == side)


# ------------------------------------------------------------------ violations


def test_deliberate_violations_rise_with_hostility_grievance_tension():
    model = model_of(classroom(contingents=[]))
    unit = unit_of(model, "A")
    x, y = unit.cell.coordinate
    model.tension[x, y] = 0.2
    base, _ = unit.violation_rates()
    unit.party.hostility = 0.9
    hostile, _ = unit.violation_rates()
    unit.grievance = 1.0
    aggrieved, _ = unit.violation_rates()
    model.tension[x, y] = 0.9
    tense, _ = unit.violation_rates()
    assert base < hostile < aggrieved < tense


def test_commitment_and_deterrence_lower_deliberate_but_not_all_involuntary():
    model = model_of(classroom(contingents=[]))
    unit = unit_of(model, "A")
    unit.grievance = 0.5
    x, y = unit.cell.coordinate
    deliberate, involuntary = unit.violation_rates()
    unit.party.commitment = 1.0
    committed, involuntary_committed = unit.violation_rates()
    assert committed < deliberate
    assert involuntary_committed == involuntary  # local incidents ignore leadership
    model.deterrence["A"][x, y] = 1.0
    deterred, involuntary_deterred = unit.violation_rates()
    assert deterred == 0.0 and involuntary_deterred == pytest.approx(involuntary / 2)


def test_involuntary_violations_happen_under_full_commitment():
    """Leaders fully committed and not hostile: incidents still happen, and the
    deliberate violations that follow are answers to them (grievance), fewer in number."""
    scenario = classroom(contingents=[], parties=[
        party("west", "A", commitment=1.0, hostility=0.0),
        party("east", "B", commitment=1.0, hostility=0.0)])
    result = run(scenario, seed=3, days=365)
    table = result.timeseries
    involuntary = table["involuntary"].sum()
    assert involuntary > 20
    assert table["violations"].iloc[0] == table["involuntary"].iloc[0]
    assert table["violations"].sum() - involuntary < involuntary


# ------------------------------------------------------------------ retaliation


def test_blamed_violation_aggrieves_nearby_units_of_the_victim_only():
    model = model_of(classroom(contingents=[]))
    shooter = unit_of(model, "A")
    victims = [u for u in model.armed_units if u.party.side == "B"]
    for u in model.armed_units:
        u.grievance = 0.0
    model.party_by_side["B"].blamed_this_step = 0
    model.rng = np.random.default_rng(0)
    violations.fire(model, shooter, INVOLUNTARY)
    assert any(u.grievance > 0 for u in victims)
    assert all(u.grievance == 0 for u in model.armed_units if u.party.side == "A")
    assert model.party_by_side["B"].blamed_this_step == 1


def test_retaliation_spiral_without_peacekeepers():
    """Without a force, violations breed retaliations: over 10 seeds of 2 years,
    more than a third of deliberate violations are retaliations."""
    scenario = classroom(contingents=[])
    retaliations = violations = 0
    for seed in range(10):
        table = run(scenario, seed=seed, days=730).timeseries
        retaliations += table["retaliations"].sum()
        violations += (table["violations"] - table["involuntary"]).sum()
    assert retaliations > violations / 3


# ------------------------------------------------------------------ monitoring


def test_credible_monitoring_attributes_involuntary_violations():
    observers = [{"name": "monitors", "monitors": 5000, "monitors_per_team": 200}]
    model = model_of(classroom(contingents=[], observers=observers))
    shooter = unit_of(model, "A")
    for _ in range(20):
        violations.fire(model, shooter, INVOLUNTARY)
    assert model.tally["attributed_involuntary"] >= 15
    assert model.party_by_side["B"].blamed_this_step <= 5


def test_monitoring_discounted_by_the_side_that_distrusts_it():
    observers = [{"name": "monitors", "monitors": 5000, "monitors_per_team": 200,
                  "consent": {"east": 0.0}}]
    model = model_of(classroom(contingents=[], observers=observers))
    model.party_by_side["B"].legitimacy["monitors"] = 0.0
    shooter = unit_of(model, "A")
    for _ in range(20):
        violations.fire(model, shooter, INVOLUNTARY)
    assert model.tally["attributed_involuntary"] == 0
    assert model.party_by_side["B"].blamed_this_step == 20


def test_biased_force_under_reports_its_favourite():
    pk = contingent(bias=1.0, troops=5000)
    model = model_of(classroom(contingents=[pk]))
    favoured, other = unit_of(model, "A"), unit_of(model, "B")
    for _ in range(30):
        violations.fire(model, favoured, DELIBERATE)
        violations.fire(model, other, DELIBERATE)
    assert model.tally["reported_west"] == 0
    assert model.tally["reported_east"] > 15


# ------------------------------------------------------------------ deterrence


def test_deterrence_respects_bias_and_legitimacy():
    model = model_of(classroom(contingents=[contingent(bias=0.6)]))
    mission = model.missions[0]
    west, east = model.party_by_side["A"], model.party_by_side["B"]
    west.legitimacy[mission.name] = east.legitimacy[mission.name] = 1.0
    assert deterrence.weight(model, mission, west) < deterrence.weight(model, mission, east)
    before = deterrence.weight(model, mission, east)
    east.legitimacy[mission.name] = 0.3
    assert deterrence.weight(model, mission, east) == pytest.approx(0.3 * before)


def test_deterrence_field_is_high_near_peacekeepers_and_zero_without():
    model = model_of(classroom())
    unit = model.missions[0].units[0]
    x, y = unit.cell.coordinate
    assert model.deterrence["A"][x, y] > 0.5
    assert model.deterrence["A"][0, 0] == 0
    empty = model_of(classroom(contingents=[]))
    assert empty.deterrence["A"].max() == 0


# ------------------------------------------------------------------ legitimacy


@pytest.mark.parametrize("change, lowered", [
    ({"bias": -0.8}, "west"),
    ({"consent": {"west": 0.2}}, "west"),
    ({"overreach": 1.0}, "both"),
])
def test_legitimacy_eroded_by_bias_consent_overreach(change, lowered):
    model = model_of(classroom(contingents=[contingent(**change)]), steps=YEAR_STEPS)
    west = model.party_by_side["A"].legitimacy["pk"]
    east = model.party_by_side["B"].legitimacy["pk"]
    if lowered == "west":
        assert west < 0.4 and east > 0.9  # target 0.2, 78% of the way after a year
    else:
        assert west < 0.65 and east < 0.65


def test_neutral_consented_force_keeps_full_legitimacy():
    model = model_of(classroom(contingents=[contingent()]), steps=YEAR_STEPS)
    assert model.party_by_side["A"].legitimacy["pk"] == pytest.approx(1.0)


# ------------------------------------------------------------------ leadership


def test_blamed_violations_lower_trust_and_commitment():
    model = model_of(classroom(contingents=[]))
    east = model.party_by_side["B"]
    trust, commitment = east.trust, east.commitment
    east.blamed_this_step = 10
    leadership.update(east, 7 / 365)
    assert east.trust < trust and east.commitment < commitment


def test_strength_grows_at_the_yearly_rate():
    scenario = classroom(contingents=[], parties=[
        party("west", "A", strength_growth=0.1, ambition=0.0),
        party("east", "B", ambition=0.0)])
    model = model_of(scenario, steps=52)  # 364 days
    assert model.party_by_side["A"].strength == pytest.approx(1.1 ** (364 / 365), rel=1e-9)


def test_window_of_opportunity_opens_with_power_and_closes_with_deterrence():
    parties = [party("west", "A", strength=3.0, ambition=0.9, commitment=0.3),
               party("east", "B")]
    exposed = model_of(classroom(contingents=[], parties=parties))
    guarded = model_of(classroom(contingents=[contingent(troops=20000, mandate="enforce")],
                                 parties=parties))
    equal = model_of(classroom(contingents=[]))
    assert equal.party_by_side["A"].offensive_drive() < 0
    assert exposed.party_by_side["A"].offensive_drive() > 0.5
    assert guarded.party_by_side["A"].offensive_drive() < exposed.party_by_side[
        "A"].offensive_drive() / 3


def test_stronger_revisionist_side_launches_an_offensive():
    parties = [party("west", "A", strength=3.0, ambition=0.9, commitment=0.3),
               party("east", "B")]
    result = run(classroom(contingents=[], parties=parties), seed=2, days=730)
    assert result.summary["offensives"] >= 1
    assert result.summary["collapse_cause"].startswith("major offensive by west")
    assert result.summary["territory_changed_pct"] > 10
    assert result.summary["displaced"] > 10000


# ------------------------------------------------------------------ interposition


def test_enforcing_force_blocks_an_offensive_at_a_cost():
    pk = contingent(troops=20000, mandate="enforce")
    blocked = peacekeeper_losses = 0
    for seed in range(10):
        model = model_of(classroom(contingents=[pk]), seed=seed)
        before = model.control.copy()
        offensives.launch(model, model.party_by_side["A"])
        if (model.control == before).all():
            blocked += 1
            peacekeeper_losses += model.tally["casualties_peacekeeper"]
    assert blocked >= 8
    assert peacekeeper_losses > 0


def test_observing_force_steps_aside():
    model = model_of(classroom(contingents=[contingent(troops=20000, mandate="observe")]))
    before = model.control.copy()
    offensives.launch(model, model.party_by_side["A"])
    assert (model.control != before).sum() > 0
    assert model.collapse_cause == "major offensive by west"


# ------------------------------------------------------------------ events and time


def test_dated_deploy_drawdown_withdraw():
    events = [
        {"name": "cut", "day": 140, "kind": "drawdown", "contingent": "pk", "troops": 500},
        {"name": "out", "day": 210, "kind": "withdraw", "contingent": "pk"},
    ]
    result = run(classroom(contingents=[contingent(deploy_day=70)], events=events),
                 seed=1, days=280)
    troops = result.timeseries.set_index("day")["troops_deployed"]
    assert troops[70] == 0 and troops[77] == 1500
    assert troops[140] == 1500 and troops[147] == 500
    assert troops[210] == 500 and troops[217] == 0
    log = result.events
    assert list(log[log.kind.isin(["deploy", "drawdown", "withdraw"])].day) == [70, 140, 210]
    assert "draws down from 1,500 to 500" in " ".join(log.text)


def test_days_per_step_sets_the_clock():
    weekly = run(classroom(), seed=1, days=70).timeseries
    daily = run(classroom(scenario={"days_per_step": 1}), seed=1, days=70).timeseries
    assert len(weekly) == 10 and list(weekly["day"][:2]) == [7, 14]
    assert len(daily) == 70 and list(daily["day"][:2]) == [1, 2]


def test_casualties_by_class():
    parties = [party("west", "A", strength=3.0, ambition=0.9, commitment=0.3),
               party("east", "B")]
    result = run(classroom(contingents=[contingent(mandate="interpose", troops=3000)],
                           parties=parties), seed=2, days=1095)
    casualties = result.summary["casualties"]
    assert set(casualties) == {"combatant", "civilian", "peacekeeper"}
    assert casualties["combatant"] > 0 and casualties["civilian"] > 0
    table = result.timeseries
    fire_casualties = table["casualties_combatant"].sum() + table["casualties_civilian"].sum()
    assert 0 < table["battle_deaths"].sum() <= fire_casualties  # riot deaths are not battle


def test_units_are_mesa_cell_agents_near_the_line():
    model = model_of(classroom())
    units = model.agents_by_type[ArmedUnit]
    assert len(units) == 40
    xs = [u.cell.coordinate[0] for u in units if u.party.side == "A"]
    assert min(xs) >= 14  # the line is at x = 19
