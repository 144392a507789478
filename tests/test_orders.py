"""Orders: a player in place of an agent's rule moves the model the way the order says.

Statistical claims state their seeds; each compares the same seeds with and without the
order, so the direction can fail.
"""

from __future__ import annotations

from conftest import classroom, contingent, party

from sim import ConflictModel, load_scenario
from sim.orders import (
    MediatorOrders,
    MissionOrders,
    PartyOrders,
    PatronOrders,
    give_mediator,
    give_mission,
    give_party,
    give_patron,
)


def steps(model: ConflictModel, n: int) -> ConflictModel:
    for _ in range(n):
        model.step()
    return model


def deliberate_by(model: ConflictModel, name: str) -> int:
    table = model.datacollector.get_model_vars_dataframe()
    return int(table[f"violations_{name}"].sum())


def test_restrain_and_retaliate_move_a_partys_fire():
    """Seeds 0-9, one year without peacekeepers: west's violations under orders to
    restrain < under the model's rule < under orders to retaliate."""
    scenario = classroom(contingents=[])
    totals = {}
    for posture in ("restrain", "rule", "retaliate"):
        totals[posture] = 0
        for seed in range(10):
            model = ConflictModel(scenario, rng=seed)
            give_party(model, "west", PartyOrders(posture=posture))
            totals[posture] += deliberate_by(steps(model, 52), "west")
    assert totals["restrain"] < totals["rule"] < totals["retaliate"], totals


def test_an_ordered_offensive_happens_and_held_offensives_do_not():
    model = ConflictModel(classroom(contingents=[]), rng=1)
    give_party(model, "east", PartyOrders(offensive=True))
    model.step()
    assert model.tally["offensives"] == 1 and model.collapse_day == 7
    strong = classroom(contingents=[], parties=[
        party("west", "A", strength=3.0, ambition=0.9, commitment=0.3), party("east", "B")])
    for seed in range(5):
        model = ConflictModel(strong, rng=seed)
        give_party(model, "west", PartyOrders(hold_offensives=True))
        steps(model, 104)
        assert model.datacollector.get_model_vars_dataframe()["offensives"].sum() == 0


def test_talks_refused_make_no_progress_and_accepted_talks_do():
    refused = ConflictModel(classroom(), rng=2)
    give_party(refused, "east", PartyOrders(talks="refuse"))
    assert steps(refused, 104).settlement_progress == 0.0
    reluctant = classroom(parties=[party("west", "A", commitment=0.3),
                                   party("east", "B", commitment=0.3)])
    assert steps(ConflictModel(reluctant, rng=2), 26).settlement_progress == 0.0
    accepted = ConflictModel(reluctant, rng=2)
    for name in ("west", "east"):
        give_party(accepted, name, PartyOrders(talks="accept"))
    assert steps(accepted, 26).settlement_progress > 0.0


def test_a_demand_ends_a_mission_after_the_notice_and_consent_lowers_its_rating():
    model = ConflictModel(classroom(contingents=[contingent()]), rng=1)
    give_party(model, "east", PartyOrders(demand_withdrawal=["pk"]), consent={"pk": 0.1})
    steps(model, 10)
    assert model.troops_deployed() == 0
    assert model.party_by_name["east"].legitimacy["pk"] < 0.5
    assert any(e["kind"] == "withdrawal_demanded" for e in model.event_log)


def test_mission_orders_change_troops_patrol_and_reports():
    model = ConflictModel(load_scenario("classroom"), rng=1)
    model.step()
    posts = sorted(u.cell.coordinate for u in model.missions[0].units)
    give_mission(model, "blue_helmets", MissionOrders(troops=500, patrol="settlements"))
    assert model.troops_deployed() == 500
    assert sorted(u.cell.coordinate for u in model.missions[0].units) != posts
    give_mission(model, "blue_helmets", MissionOrders(publish_reports=False))
    steps(model, 26)
    table = model.datacollector.get_model_vars_dataframe().iloc[1:]
    assert table["violations"].sum() > 0
    assert (table["reported_west"] + table["reported_east"]).sum() == 0


def test_a_mediator_called_round_and_a_patrons_supply():
    model = ConflictModel(classroom(patrons=[{"name": "p", "client": "east", "supply": 0}]),
                          rng=1)
    model.step()
    mediator = model.mediators[0]
    rounds = mediator.rounds
    give_mediator(model, "envoy", MediatorOrders(call_talks=True))
    model.step()
    assert mediator.rounds == rounds + 1
    give_patron(model, "p", PatronOrders(supply=1.0, discredit=1.0))
    assert model.party_by_name["east"].extra_growth > 0
    credibility = model.party_by_name["east"].credibility["envoy"]
    model.step()
    assert model.party_by_name["east"].credibility["envoy"] < credibility


def test_incidents_record_each_violation_of_the_step():
    model = ConflictModel(classroom(contingents=[]), rng=3)
    for _ in range(30):
        model.step()
        assert len(model.incidents) == model.tally["violations"]
        for incident in model.incidents:
            assert incident["violator"] != incident["victim"]
            assert incident["kind"] in ("deliberate", "retaliation", "involuntary")
