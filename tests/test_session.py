"""A page session: its own model, settings applied only when valid, stepping."""

from pathlib import Path

import pytest

from sim import ScenarioError
from sim.page.session import Session, catalogue
from sim.runner import run

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


def test_a_failing_step_stops_the_run_with_a_message_not_an_exception(scenarios, monkeypatch):
    session = Session(scenarios)
    session.step(2)
    model = session.model

    def broken_step():
        raise StopIteration("no post for the mission")

    monkeypatch.setattr(model, "step", broken_step)
    assert session.step(3) == 0
    assert session.finished
    assert "stopped on day 14" in session.failure
    assert "StopIteration: no post for the mission" in session.failure
    assert "the run stopped" in session.status()
    session.reset()  # a reset gives a new, working run
    assert session.failure is None and session.step() == 1


def test_a_batch_of_steps_collects_every_steps_markers(scenarios):
    session = Session(scenarios)
    assert session.step(20) == 20 and session.day == 140
    frame, _ = session.frame()
    assert frame["day"] == 140 and frame["seq"] == 1
    assert len(frame["markers"]) >= 1  # violations over 20 weeks, not only the last step's
    assert session.frame()[0]["markers"] == []  # handed over once
