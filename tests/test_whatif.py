"""What-if knobs: paths, ranges, parsing of typed values, and sources."""

from pathlib import Path

import pytest

from sim import ScenarioError, load_scenario
from sim.page.whatif import knobs_for, overrides_from, parse, parse_seed, scenario_sources

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def valley():
    return load_scenario(DATA / "river_valley.toml")


def knob(knobs, path):
    return next(k for k in knobs if k.path == path)


def test_knobs_cover_missions_mediator_patron_rumours(valley):
    paths = {k.path for k in knobs_for(valley)}
    assert {
        "contingents.lean_force.troops", "contingents.lean_force.bias",
        "contingents.lean_force.mandate", "contingents.lean_force.withdraw_day",
        "observers.monitors.monitors", "observers.monitors.withdraw_day",
        "mediators.envoy.credibility", "patrons.arms_supplier.supply",
        "patrons.arms_supplier.discredit", "rumours.rate_per_year",
    } <= paths


def test_every_knob_path_is_a_valid_override_at_its_own_value(valley):
    for k in knobs_for(valley):
        value = k.value if k.value is not None else k.high
        assert load_scenario(valley, {k.path: value}) is not None, k.path


def test_labels_state_ranges_and_sides(valley):
    knobs = knobs_for(valley)
    assert "0 .. 100,000" in knob(knobs, "contingents.lean_force.troops").label
    assert "favours south" in knob(knobs, "contingents.lean_force.bias").label
    assert "blank: stays" in knob(knobs, "contingents.lean_force.withdraw_day").label
    assert "730" in knob(knobs, "contingents.lean_force.withdraw_day").label


def test_parse_accepts_allowed_values(valley):
    knobs = knobs_for(valley)
    assert parse(knob(knobs, "contingents.lean_force.troops"), " 1,200 ") == 1200
    assert parse(knob(knobs, "contingents.lean_force.withdraw_day"), "") is None
    assert parse(knob(knobs, "contingents.lean_force.withdraw_day"), "365") == 365
    assert parse(knob(knobs, "rumours.rate_per_year"), "2.5") == 2.5
    assert parse(knob(knobs, "contingents.lean_force.mandate"), "enforce") == "enforce"


@pytest.mark.parametrize(("path", "text", "message"), [
    ("contingents.lean_force.troops", "abc", "'abc' is not a number"),
    ("contingents.lean_force.troops", "12.5", "'12.5' is not a whole number"),
    ("contingents.lean_force.troops", "-5", "must be between 0 and 100,000"),
    ("contingents.lean_force.withdraw_day", "9999", "must be between 0 and 730"),
    ("rumours.rate_per_year", "lots", "'lots' is not a number"),
    ("contingents.lean_force.mandate", "invade", "must be one of observe, interpose, enforce"),
])
def test_parse_refuses_with_one_line_naming_the_setting(valley, path, text, message):
    with pytest.raises(ScenarioError) as err:
        parse(knob(knobs_for(valley), path), text)
    assert message in str(err.value)
    assert str(err.value).startswith(path)
    assert "\n" not in str(err.value)


def test_seed_parsing():
    assert parse_seed(" 42 ") == 42
    for bad in ("-1", "x", "1.5", str(2**32)):
        with pytest.raises(ScenarioError, match="seed"):
            parse_seed(bad)


def test_overrides_keep_only_changed_values(valley):
    knobs = knobs_for(valley)
    values = {"contingents.lean_force.troops": 800, "contingents.lean_force.bias": 0.0,
              "rumours.rate_per_year": 4.0}
    assert overrides_from(knobs, values) == {"contingents.lean_force.bias": 0.0}


def test_sources_are_listed_with_their_field(valley):
    assert ("contingents.lean_force.bias", "test data: a partisan force") in scenario_sources(
        valley)
    classroom = load_scenario("classroom")
    assert [f for f, _ in scenario_sources(classroom)] == ["scenario.collapse.battle_deaths"]


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e400", "NaN"])
def test_numbers_that_are_not_finite_get_one_line(valley, text):
    for path in ("contingents.lean_force.troops", "rumours.rate_per_year"):
        with pytest.raises(ScenarioError) as err:
            parse(knob(knobs_for(valley), path), text)
        assert "not a finite number" in str(err.value) or "not a number" in str(err.value)
        assert "\n" not in str(err.value)


@pytest.mark.parametrize("text", ["²", "1²", "٣", "+5", "5.0"])
def test_seeds_are_ascii_digits_only(text):
    with pytest.raises(ScenarioError, match="seed: .* must be a whole number from 0"):
        parse_seed(text)


def test_a_withdrawal_set_by_an_event_is_the_withdrawal_knob():
    karabakh = load_scenario("karabakh_2020")
    withdrawal = knob(knobs_for(karabakh), "events.withdrawal_2024.day")
    assert withdrawal.value == 1253 and withdrawal.group.startswith("Contingent russia")
    assert "the event withdrawal_2024" in withdrawal.label
    stays = karabakh.scenario.horizon_days + 1
    assert parse(withdrawal, "") == stays  # blank: stays to the end of the run
    assert overrides_from(knobs_for(karabakh), {withdrawal.path: stays}) == {
        "events.withdrawal_2024.day": stays}
    assert not any(k.path == "contingents.russia.withdraw_day" for k in knobs_for(karabakh))
    load_scenario(karabakh, {withdrawal.path: stays})  # a valid override
