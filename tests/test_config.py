"""Scenario validation: every parameter's errors name the key and what is allowed."""

from __future__ import annotations

import pytest
from conftest import classroom, contingent

from sim import ScenarioError, load_scenario


@pytest.mark.parametrize("sections, expected", [
    ({"observers": [{"name": "m", "monitors": -1}]},
     "observers[0].monitors = -1: must be at least 0"),
    ({"observers": [{"name": "m", "consent": {"north": 1}}]},
     "observers[0].consent.north: unknown party; allowed: west, east"),
    ({"mediators": [{"name": "envoy", "credibility": 1.5}]},
     "mediators[0].credibility = 1.5: must be between 0 and 1"),
    ({"mediators": [{"name": "envoy", "talks_every_days": 0}]},
     "mediators[0].talks_every_days = 0: must be between 1 and 3650"),
    ({"patrons": [{"name": "p", "client": "north"}]},
     "patrons[0].client = 'north': unknown party; allowed: west, east"),
    ({"patrons": [{"name": "p", "client": "east", "discredit": 2}]},
     "patrons[0].discredit = 2: must be between 0 and 1"),
    ({"rumours": {"false_share": -0.1}}, "rumours.false_share = -0.1: must be between 0 and 1"),
    ({"events": [{"name": "e", "day": 10, "kind": "drawdown", "contingent": "blue_helmets"}]},
     "events[0]: kind 'drawdown' needs 'troops'"),
    ({"events": [{"name": "e", "day": 10, "kind": "withdraw", "contingent": "nobody"}]},
     "events[0].contingent = 'nobody': unknown mission; allowed: blue_helmets"),
    ({"events": [{"name": "e", "day": 10, "kind": "invade", "contingent": "blue_helmets"}]},
     "events[0].kind = 'invade': must be 'deploy', 'drawdown', 'withdraw', 'mandate_end', "
     "'demand_withdrawal' or 'patron_surge'"),
    ({"events": [{"name": "e", "day": 10, "kind": "demand_withdrawal",
                  "contingent": "blue_helmets", "party": "north"}]},
     "events[0].party = 'north': unknown party; allowed: west, east"),
    ({"events": [{"name": "e", "day": 10, "kind": "patron_surge", "patron": "p",
                  "supply": 0.5}]}, "events[0].patron = 'p': unknown patron; allowed: none"),
    ({"contingents": [contingent(battalions=[{"name": "b", "contributor": "x",
                                              "troops": 10, "bias": 2}])]},
     "contingents[0].battalions[0].bias = 2: must be between -1 and 1"),
    ({"contingents": [contingent(), contingent()]},
     "contingents[1].name = 'pk': already names contingents[0]"),
    ({"contingents": [contingent(source={"colour": "a document"})]},
     "contingents[0]: source names unknown field 'colour'"),
    ({"parties": [{"name": "west", "side": "A"}, {"name": "east", "side": "A"}]},
     "need exactly two parties, one with side 'A', one with 'B'"),
    ({"parties": [{"name": "West", "side": "A"}, {"name": "east", "side": "B"}]},
     "parties[0].name = 'West': must be lower-case letters, digits and '_'"),
])
def test_invalid_values_name_key_and_allowed(sections, expected):
    with pytest.raises(ScenarioError) as err:
        classroom(**sections)
    message = str(err.value)
    assert message.startswith("test: ") and expected in message and "\n" not in message


def test_sources_are_kept_with_the_scenario():
    scenario = classroom()
    assert "battle_deaths" in scenario.scenario.collapse.source


def test_overrides_reach_nested_tables_and_absent_sections():
    scenario = load_scenario("classroom", {
        "contingents.blue_helmets.consent.east": 0.2,
        "scenario.collapse.battle_deaths": 50,
        "rumours.rate_per_year": 3,
    })
    assert scenario.contingents[0].consent["east"] == 0.2
    assert scenario.scenario.collapse.battle_deaths == 50
    assert scenario.rumours.rate_per_year == 3
    with pytest.raises(ScenarioError, match="no entry named 'x' in observers; names: none"):
        load_scenario("classroom", {"observers.x.monitors": 5})


def test_config_hash_follows_the_configuration():
    base = load_scenario("classroom")
    same = load_scenario("classroom", {"contingents.blue_helmets.troops": 1500})
    other = load_scenario("classroom", {"contingents.blue_helmets.troops": 1400})
    assert base.config_hash() == same.config_hash() != other.config_hash()
