"""Fuzzing scenario input through the API: every shipped scenario, mutated (numbers,
strings, removed keys, extra keys, lists), either validates or raises the project's
one-line ScenarioError; nothing else. A mutated scenario that validates runs for up
to a year without raising.

The hypothesis profile is fixed (derandomized, a bounded number of examples, no
example database), so the test explores the same inputs on every machine.
"""

from __future__ import annotations

import copy
import os
import tomllib
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from sim import ConflictModel, ScenarioError, available_scenarios, load_scenario
from sim.config import SCENARIO_DIR, parse_assignment, validate
from sim.config.checks import sides_meet
from sim.runner import steps_for

EXAMPLES = int(os.environ.get("PEACESIM_FUZZ_EXAMPLES", "60"))
"""Examples per test and scenario (more for a deeper search by hand)."""
FUZZ = settings(derandomize=True, database=None, max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                print_blob=True)
RUN_DAYS = 365
"""Days a mutated scenario that validates is run."""

RAW = {name: tomllib.loads((SCENARIO_DIR / f"{name}.toml").read_text())
       for name in available_scenarios()}
WORDS = sorted({"A", "B", "observe", "interpose", "enforce", "line", "hotspots",
                "settlements", "deploy", "drawdown", "withdraw", "mandate_end",
                "demand_withdrawal", "patron_surge", "russia", "Russia", "west", "east",
                "", "x" * 70, "nan", "#", "AB\nBA"})
NUMBERS = st.one_of(
    st.integers(-3, 3), st.integers(-10**6, 10**7), st.integers(-2**70, 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 0.5, -0.5, -1, 1e-9, 7, 365, 36500, 36501, 10**9, 2**63,
                     -0.999, 1e308, -0.0]),
)
LEAVES = st.one_of(NUMBERS, st.sampled_from(WORDS), st.text(max_size=12), st.booleans(),
                   st.none())
VALUES = st.one_of(
    LEAVES,
    st.lists(LEAVES, max_size=3),
    st.dictionaries(st.sampled_from(["name", "troops", "x", "day", "kind"]), LEAVES,
                    max_size=3),
)


def near(value: Any) -> st.SearchStrategy:
    """Values like ``value`` (numbers around it, other words), or anything at all."""
    if isinstance(value, bool):
        like = st.booleans()
    elif isinstance(value, int):
        low, high = sorted((value - 10, 3 * value + 10))
        like = st.one_of(st.integers(low, high),
                         st.sampled_from([0, -1, 10 * value + 1, value + 10**6]))
    elif isinstance(value, float):
        low, high = sorted((value - 2, 3 * value + 2))
        like = st.one_of(st.floats(low, high),
                         st.sampled_from([0.0, -value, value + 1e-9, 10 * value]))
    elif isinstance(value, str):
        like = st.sampled_from([*WORDS, value.upper(), value + "_x", value[:1]])
    else:
        return VALUES
    return st.one_of(like, like, like, VALUES)


def places(node: Any, path: tuple = ()) -> list[tuple]:
    """The path of every value in a parsed scenario (tables, lists and leaves)."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += places(value, (*path, i))
    return found


def mutate(raw: dict, data: st.DataObject) -> dict:
    """One to three mutations at places drawn from the scenario."""
    raw = copy.deepcopy(raw)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        path = data.draw(st.sampled_from(places(raw)), label="at")
        parent, key = _parent(raw, path)
        action = data.draw(st.sampled_from(
            ["set", "set", "set", "remove", "extra", "wrap", "repeat", "empty"]), label="do")
        node = raw if parent is None else parent[key]
        if action == "set" and parent is not None:
            parent[key] = data.draw(near(node), label="value")
        elif action == "remove" and parent is not None:
            del parent[key]
        elif action == "extra" and isinstance(node, dict):
            node[data.draw(st.sampled_from(["colour", "troops", "name", "source", "1"]),
                           label="key")] = data.draw(VALUES, label="value")
        elif action == "wrap" and parent is not None:
            parent[key] = [node]
        elif action == "repeat" and isinstance(node, list) and node:
            node.append(copy.deepcopy(node[data.draw(st.integers(0, len(node) - 1))]))
        elif action == "empty" and isinstance(node, list | dict):
            node.clear()
    return raw


def _parent(raw: dict, path: tuple) -> tuple[Any, Any]:
    if not path:
        return None, None
    node = raw
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]


def runs_or_reaches_a_known_model_state(scenario) -> None:
    """Run ``scenario`` for up to RUN_DAYS days; it must not raise.

    One exception is let through: a crash after the run itself has taken the contact
    line away (a side conquered, or the sides no longer meeting). Validation refuses
    such a map at the start, so the model reached that state on its own; the
    reproducers in ``test_model_states.py`` fail until the model handles it.
    """
    model = ConflictModel(scenario, rng=0)
    try:
        for _ in range(steps_for(scenario, min(RUN_DAYS, scenario.days))):
            model.step()
    except Exception:
        if sides_meet(model.control.astype(int), model.terrain.passable):
            raise
        note("model crashed after the contact line vanished (test_model_states.py)")
        event("crash after the contact line vanished")
        return
    event("ran")


@pytest.mark.parametrize("name", sorted(RAW))
@FUZZ
@given(data=st.data())
def test_mutated_scenarios_validate_or_give_one_line_and_run(name, data):
    raw = mutate(RAW[name], data)
    try:
        scenario = validate(raw, name)
    except ScenarioError as err:
        assert "\n" not in str(err) and str(err).startswith(f"{name}: ")
        event("refused")
        return
    runs_or_reaches_a_known_model_state(scenario)


def override_paths(raw: Any, prefix: str = "") -> list[str]:
    """Dotted override paths of a parsed scenario, list entries by name."""
    found = [prefix] if prefix else []
    if isinstance(raw, dict):
        for key, value in raw.items():
            found += override_paths(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            label = value.get("name", i) if isinstance(value, dict) else i
            found += override_paths(value, f"{prefix}.{label}")
    return found


def value_at(raw: Any, path: str) -> Any:
    """The value at a dotted override path (None where there is none)."""
    node = raw
    for part in path.split("."):
        if isinstance(node, list):
            node = next((e for e in node if isinstance(e, dict) and e.get("name") == part), None)
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


@pytest.mark.parametrize("name", sorted(RAW))
@FUZZ
@given(data=st.data())
def test_overrides_validate_or_give_one_line_and_run(name, data):
    paths = override_paths(RAW[name])
    leaves = [p for p in paths if not isinstance(value_at(RAW[name], p), dict | list)]
    path = data.draw(st.one_of(
        st.sampled_from(leaves), st.sampled_from(leaves), st.sampled_from(paths),
        st.sampled_from(paths).map(lambda p: p + ".x"),
        st.text(alphabet="abcdefgx._", max_size=20),
    ), label="path")
    overrides = {path: data.draw(near(value_at(RAW[name], path)), label="value")}
    try:
        scenario = load_scenario(name, overrides)
    except ScenarioError as err:
        assert "\n" not in str(err)
        event("refused")
        return
    runs_or_reaches_a_known_model_state(scenario)


ASSIGNMENTS = st.one_of(
    st.text(max_size=40),
    st.integers(0, 3000).map(lambda n: "rumours.x=" + "[" * n + "]" * n),
    st.integers(0, 6000).map(lambda n: "contingents.blue_helmets.troops=" + "9" * n),
    st.builds("{}={}".format, st.sampled_from(override_paths(RAW["classroom"])),
              st.text(max_size=12)),
)


@FUZZ
@given(text=ASSIGNMENTS)
def test_any_assignment_parses_or_gives_one_line_then_validates_or_gives_one_line(text):
    try:
        path, value = parse_assignment(text)
        load_scenario("classroom", {path: value})
    except ScenarioError as err:
        assert "\n" not in str(err)
