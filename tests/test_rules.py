"""Every behavioural number is a ``Rules`` field with a unit, a range and a reason; rules
files and a scenario's ``[rules]`` table replace them, and bad values are refused."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

import sim
from sim import rules as rules_module
from sim.config import ScenarioError, load_scenario
from sim.rules import FIELDS, RULES, RulesError, load_rules

SIM = Path(sim.__file__).parent
MANDATES = ("observe", "interpose", "enforce", "monitor")


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_each_rule_has_unit_range_bounds_and_reason(name):
    meta = FIELDS[name].metadata
    value = FIELDS[name].default
    low, high = meta["range"]
    lowest, highest = meta["bounds"]
    assert meta["unit"] and len(meta["reason"]) > 20 and meta["group"]
    assert lowest <= low < high <= highest
    assert low <= value <= high, f"{name} = {value} outside its range {low}..{high}"
    if isinstance(value, int):
        assert float(low).is_integer() and float(high).is_integer()


def _sources() -> dict[str, str]:
    return {str(p.relative_to(SIM)): p.read_text() for p in SIM.rglob("*.py")}


def _read_by(text: str) -> set[str]:
    names = set(re.findall(r"rules\.([a-z_]+)", text))
    for method, prefix in (("mandate_deterrence", "deterrence"), ("monitoring_weight",
                                                                    "monitoring")):
        if method in names:
            names |= {f"{prefix}_{m}" for m in MANDATES}
    return names & set(FIELDS)


def test_every_rule_is_read_by_the_model():
    read = set().union(*(_read_by(text) for path, text in _sources().items()
                         if path != "rules.py"))
    assert set(FIELDS) - read == set()


@pytest.mark.parametrize("module", sorted(p.stem for p in (SIM / "submodels").glob("*.py")
                                          if p.stem != "__init__"))
def test_each_submodel_names_the_rules_it_reads(module):
    text = (SIM / "submodels" / f"{module}.py").read_text()
    docstring = text.split('"""')[1]
    assert "ODD" in docstring
    listed = set(re.findall(r"``([a-z_]+)``", docstring.split("Rules read:")[-1]))
    code = text.split('"""', 2)[2]
    assert _read_by(code) <= listed | {f"monitoring_{m}" for m in MANDATES}, module


def test_a_rules_file_changes_a_run(tmp_path):
    path = tmp_path / "hot.toml"
    path.write_text("violation_rate = 0.09\ninvoluntary_rate = 0.01\n")
    hot = load_rules(path)
    assert hot.violation_rate == 0.09 and hot.fire_range_cells == RULES.fire_range_cells
    scenario = load_scenario("classroom")
    plain = sim.run(scenario, seed=1, days=365).summary["violations_total"]
    model = sim.ConflictModel(scenario, rng=1, rules=hot)
    for _ in range(53):
        model.step()
    assert model.datacollector.get_model_vars_dataframe()["violations"].sum() > 2 * plain


def test_a_scenario_rules_table_changes_a_run_and_its_hash():
    plain = load_scenario("classroom")
    hot = load_scenario("classroom", {"rules.violation_rate": 0.09})
    assert hot.rules == {"violation_rate": 0.09}
    assert "rules" not in plain.to_dict() and hot.config_hash() != plain.config_hash()
    assert sim.ConflictModel(hot, rng=0).rules.violation_rate == 0.09
    assert (sim.run(hot, seed=1, days=365).summary["violations_total"]
            > sim.run(plain, seed=1, days=365).summary["violations_total"])


@pytest.mark.parametrize("text, message", [
    ("violation_rte = 0.1", "unknown rule 'violation_rte'"),
    ("violation_rate = -0.1", "violation_rate = -0.1: must be at least 0"),
    ("violation_rate = nan", "violation_rate = nan: must be at least 0"),
    ("tension_diffusion = 1.5", "tension_diffusion = 1.5: must be between 0 and 1"),
    ("fire_range_cells = 2.5", "fire_range_cells = 2.5: must be a whole number"),
    ("violation_rate = 'high'", "violation_rate = 'high': must be a number"),
    ("violation_rate = [", "not valid TOML"),
])
def test_bad_rules_files_get_one_line(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text + "\n")
    with pytest.raises(RulesError) as err:
        load_rules(path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_bad_rule_in_a_scenario_names_the_key():
    with pytest.raises(ScenarioError, match=r"rules: unknown rule 'nope'"):
        load_scenario("classroom", {"rules.nope": 1})
    with pytest.raises(ScenarioError, match=r"must be between 0 and 1"):
        load_scenario("classroom", {"rules.tension_diffusion": 2})


def test_the_table_lists_every_rule_with_finite_ranges():
    rows = rules_module.table()
    assert [r["name"] for r in rows] == list(FIELDS)
    assert all(math.isfinite(r["low"]) and math.isfinite(r["high"]) for r in rows)
