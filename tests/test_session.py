"""A page session: its own model, settings applied only when valid, stepping."""

from pathlib import Path

import pytest

from sim import ScenarioError
from sim.runner import run
from sim.session import Session, catalogue

DATA = Path(__file__).parent / "data"


@pytest.fixture
def scenarios():
    return catalogue([DATA])


def test_catalogue_lists_builtin_then_extra_folders(scenarios, monkeypatch):
    names = list(scenarios)
    assert "classroom" in names and names[-1] == "river_valley"  # built-in ones first
    assert scenarios["river_valley"] == DATA / "river_valley.toml"
    assert Session(scenarios).name == "classroom"  # the page opens on the classroom
    monkeypatch.setenv("PEACESIM_SCENARIO_DIRS", str(DATA))
    assert "river_valley" in catalogue()


def test_stepping_matches_a_headless_run(scenarios):
    session = Session(scenarios, "river_valley")
    while session.step():
        pass
    assert session.day >= session.horizon
    assert not session.step()
    headless = run(session.scenario, seed=0, days=session.horizon)
    assert session.summary() == headless.summary
    assert session.events() == headless.events.to_dict("records")


def test_sessions_are_independent(scenarios):
    first, second = Session(scenarios), Session(scenarios)
    for _ in range(5):
        first.step()
    assert (first.day, second.day) == (35, 0)
    assert first.model is not second.model


def test_apply_overrides_and_seed_restart_the_run(scenarios):
    session = Session(scenarios)
    session.step()
    session.apply({"contingents.blue_helmets.troops": 0}, seed=3)
    assert session.day == 0
    session.step()
    assert session.table()["troops_deployed"].iloc[-1] == 0
    assert session.summary()["seed"] == 3


def test_a_bad_override_leaves_the_run_untouched(scenarios):
    session = Session(scenarios)
    session.step()
    model = session.model
    with pytest.raises(ScenarioError, match="bias"):
        session.apply({"contingents.blue_helmets.bias": 3}, seed=0)
    assert session.model is model and session.day == 7


def test_select_switches_scenario_and_clears_settings(scenarios):
    session = Session(scenarios)
    session.apply({"contingents.blue_helmets.troops": 0}, seed=5)
    session.select("river_valley")
    assert (session.name, session.overrides, session.seed, session.day) == (
        "river_valley", {}, 0, 0)
    with pytest.raises(ScenarioError, match="no such scenario"):
        session.select("atlantis")
