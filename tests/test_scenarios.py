"""The scenario library: every file validates, runs, and cites its documents."""

from __future__ import annotations

import re
import tomllib

import pytest

from sim import available_scenarios, load_scenario, run
from sim.cli import main
from sim.config import SCENARIO_DIR

DOCUMENT_SCENARIOS = [
    "karabakh_2020", "kosovo_kfor_1999", "south_ossetia_1992", "abkhazia_1994",
    "transnistria_1992", "tajikistan_1992", "ukraine_buffer_proposal",
]
DOCUMENT = re.compile(r"\b00[0-4]_[0-9a-f]{16}\.txt\b")
CONVENTION = "conflict-data convention"


def sources(node, path=""):
    """(path, text) of every ``source`` entry in a parsed scenario file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source":
                yield from ((f"{path}.source.{k}", v) for k, v in value.items())
            else:
                yield from sources(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from sources(item, f"{path}[{i}]")


def test_the_library_is_complete():
    assert set(DOCUMENT_SCENARIOS) | {"classroom"} <= set(available_scenarios())


@pytest.mark.parametrize("name", [*DOCUMENT_SCENARIOS, "classroom"])
def test_scenario_validates_and_runs_a_year(name):
    scenario = load_scenario(name)
    info = scenario.scenario
    assert info.title and info.description.strip() and info.day_zero
    result = run(scenario, seed=1, days=365)
    assert result.summary["days"] >= 365
    assert len(result.timeseries) == result.summary["steps"]


@pytest.mark.parametrize("name", DOCUMENT_SCENARIOS)
def test_document_scenarios_cite_documents_and_scale_troops(name):
    raw = tomllib.loads((SCENARIO_DIR / f"{name}.toml").read_text())
    cited = list(sources(raw))
    assert any(DOCUMENT.search(text) for _, text in cited), name
    for where, text in cited:
        assert DOCUMENT.search(text) or text.startswith(CONVENTION), (where, text)
    for entry in raw.get("contingents", []):
        assert "troops_per_unit" in entry, (name, entry["name"])
    assert re.match(r"\d{4}-\d{2}-\d{2}", raw["scenario"]["day_zero"]) or (
        name == "ukraine_buffer_proposal")


def test_mixed_force_of_south_ossetia_has_the_documented_battalions():
    force = load_scenario("south_ossetia_1992").contingents[0]
    troops = {b.name: b.troops for b in force.battalions}
    assert troops == {"russian_battalion": 700, "ossetian_battalion": 469,
                      "georgian_battalion": 320}


def test_scenarios_command_lists_every_title(capsys):
    assert main(["scenarios"]) == 0
    listing = capsys.readouterr().out
    for name in available_scenarios():
        assert f"{name} " in listing
        assert load_scenario(name).scenario.title in listing
    assert "invalid" not in listing
