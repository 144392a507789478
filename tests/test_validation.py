"""Scenario input that was accepted, crashed, hung or gave a traceback, one test per
case: each now gets one line naming the file, the key and what is allowed, exit 2.
And the limits: a scenario just within each one validates, just beyond it does not."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
from conftest import CLASSROOM, classroom, contingent

from sim import ScenarioError, available_scenarios, load_scenario
from sim.cli import main
from sim.config import LIMITS, SCENARIO_DIR, Limits, apply_overrides, validate
from sim.config.limits import MAX_DEPTH, MAX_FILE_BYTES

TEXT = (SCENARIO_DIR / "classroom.toml").read_text()


def edited(*changes: tuple[str, str], add: str = "") -> str:
    """The classroom file with each (old, new) replaced once, and ``add`` appended."""
    text = TEXT
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + add


def with_layout(rows: list[str], patrol: str = "line") -> str:
    layout = '\nlayout = """\n' + "\n".join(rows) + '\n"""'
    return edited(("width = 40", f"width = {len(rows[0])}"),
                  ("height = 24", f"height = {len(rows)}"),
                  ("population_per_cell = 500", "population_per_cell = 500" + layout),
                  ('patrol = "line"', f'patrol = "{patrol}"'))


BATTALIONS = '\n[[contingents.battalions]]\nname = "{}"\ncontributor = "x"\ntroops = 700\n'
OBSERVERS = '\n[[observers]]\nname = "{}"\nmonitors = {}\nmonitors_per_team = {}\n'
PATRON = '\n[[patrons]]\nname = "russia"\nclient = "east"\n'

FILES = {
    "population_nan": (edited(("population_per_cell = 500", "population_per_cell = nan")),
                       "map.population_per_cell = nan: must be a finite number"),
    "population_inf": (edited(("population_per_cell = 500", "population_per_cell = inf")),
                       "map.population_per_cell = inf: must be a finite number"),
    "troops_to_prevent_nan": (edited(("false_share = 0.6",
                                      "false_share = 0.6\ntroops_to_prevent = nan")),
                              "rumours.troops_to_prevent = nan: must be a finite number"),
    "surge_names_contingent": (
        edited(add=PATRON + '\n[[events]]\nname = "s"\nday = 14\nkind = "patron_surge"\n'
               'patron = "russia"\nsupply = 0.8\ncontingent = "blue_helmets"\n'),
        "events[0].contingent = 'blue_helmets': kind 'patron_surge' does not take "
        "'contingent'; its keys: name, day, kind, patron, supply"),
    "side_b_holds_nothing": (with_layout(["AAAA===="] * 4),
                             "map.layout: side B (east) holds no passable cell"),
    "wall_between_sides_hotspots": (with_layout(["AAA##BBB"] * 4, "hotspots"),
                                    "map.layout: the sides never meet"),
    "wall_between_sides_line": (with_layout(["AAA##BBB"] * 4), "the sides never meet"),
    "buffer_against_one_side_only": (with_layout(["AA=##BBB"] * 4), "the sides never meet"),
    "all_wall": (with_layout(["########"] * 4), "side A (west) holds no passable cell"),
    "growth_near_minus_one": (
        edited(("strength_growth = 0.0", "strength_growth = -0.9999"),
               ("horizon_days = 1825", "horizon_days = 36500")),
        "parties[0].strength_growth = -0.9999: must be between -0.5 and 10"),
    "troops_1e8": (edited(("troops = 1500", "troops = 100000000"),
                          ("troops_per_unit = 100", "troops_per_unit = 1")),
                   "contingents[0].troops = 100000000: at most 1,000,000 troops"),
    "monitors_1e8": (edited(add=OBSERVERS.format("obs", 100000000, 1)),
                     "observers[0].monitors = 100000000: at most 1,000,000 monitors"),
    "map_2000": (edited(("width = 40", "width = 2000"), ("height = 24", "height = 2000")),
                 "map: 2,000 x 2,000 = 4,000,000 cells: at most 100,000 cells"),
    "units_100000_on_8x4": (edited(("width = 40", "width = 8"), ("height = 24", "height = 4"),
                                   ("units = 20", "units = 100000")),
                            "parties[0].units = 100000: at most 10,000 armed units per party"),
    "units_beyond_cells": (edited(("width = 40", "width = 8"), ("height = 24", "height = 4"),
                                  ("units = 20", "units = 13")),
                           "parties[0].units = 13: side A holds 12 passable cells: at most "
                           "one armed unit a cell"),
    "battalions_share_a_name": (
        edited(("troops = 1500\n", ""), add=BATTALIONS.format("bat") + BATTALIONS.format("bat")),
        "contingents[0].battalions[1].name = 'bat': already names "
        "contingents[0].battalions[0]"),
    "battalion_named_like_observers": (
        edited(("troops = 1500\n", ""), add=BATTALIONS.format("watch")
               + OBSERVERS.format("watch", 100, 10)),
        "observers[0].name = 'watch': already names contingents[0].battalions[0]"),
    "withdraw_before_deploy": (edited(("deploy_day = 0", "deploy_day = 100\nwithdraw_day = 50")),
                               "contingents[0].withdraw_day = 50: before deploy_day = 100: "
                               "must be on or after it"),
    "buffer_wider_than_map": (edited(("buffer_cells = 2", "buffer_cells = 45")),
                              "map.buffer_cells = 45: must leave each side a column of the "
                              "map: at most width - 2 = 38"),
    "nested_deeply": (edited(add="x = " + "[" * 100_000 + "]" * 100_000 + "\n"),
                      f"tables and arrays nest more than {MAX_DEPTH} deep"),
    "number_too_long": (edited(add="x = " + "9" * 5000 + "\n"),
                        "not valid TOML: a number has more than 4,300 digits"),
    "contributor_spelled_unlike_patron": (
        edited(('contributor = "a coalition of neutral states"', 'contributor = "Russia"'),
               add=PATRON),
        "contingents[0].contributor = 'Russia': names the patron 'russia' in another "
        "spelling: write 'russia' if the patron sends it"),
    "unit_steps_per_year": (edited(("days_per_step = 7", "days_per_step = 1"),
                                   ("units = 20", "units = 200")),
                            "scenario.days_per_step = 1: 220 armed units acting every 1 days "
                            "make 80,300 unit-steps a simulated year: at most 60,000"),
    "mission_units": (edited(("troops = 1500", "troops = 300000")),
                      "contingents[0].troops_per_unit = 100: makes 3,000 units or teams at "
                      "the mission's largest, 3,000 with the other missions: at most 2,000"),
    "file_too_large": (TEXT + "#" * MAX_FILE_BYTES + "\n",
                       f"larger than {MAX_FILE_BYTES:,} bytes"),
}


@pytest.mark.parametrize("case", sorted(FILES))
def test_bad_file_is_one_line_exit_2(case, tmp_path, capsys):
    text, expected = FILES[case]
    path = tmp_path / f"{case}.toml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}: " in err and expected in err, err


def test_armed_units_at_daily_steps_up_to_the_limit():
    """At 1 day a step, 164 armed units make 59,860 unit-steps a year; 165 are refused."""
    allowed = LIMITS.unit_steps_per_year // 365
    assert allowed == 164
    load_scenario("classroom", {"scenario.days_per_step": 1, "parties.west.units": 20,
                                "parties.east.units": allowed - 20})
    with pytest.raises(ScenarioError, match="unit-steps a simulated year: at most 60,000"):
        load_scenario("classroom", {"scenario.days_per_step": 1, "parties.west.units": 20,
                                    "parties.east.units": allowed - 19})


OVERRIDES = {
    "contingents.blue_helmets.troops.x=1":
        "--set contingents.blue_helmets.troops.x: 'contingents.blue_helmets.troops' holds a "
        "value, not a table",
    "scenario.title.x=1": "'scenario.title' holds a value, not a table",
    "rumours.troops_to_prevent=nan": "--set rumours.troops_to_prevent=nan: must be a finite "
                                     "number",
    "map.population_per_cell=inf": "--set map.population_per_cell=inf: must be a finite number",
    "map.population_per_cell=1e400": "--set map.population_per_cell=inf: must be a finite "
                                     "number",
    "parties.west.units=1e400": "--set parties.west.units=inf: must be a finite number",
    "rumours.x=" + "[" * 3000 + "]" * 3000:
        f"--set rumours.x: tables and arrays nest more than {MAX_DEPTH} deep",
    "parties.west.strength_growth=-1": "must be between -0.5 and 10",
    "contingents.blue_helmets.withdraw_day=-1": "must be between 0 and 36500",
    "events.x.day=1": "events.x.day: no entry named 'x' in events; names: none",
}


@pytest.mark.parametrize("assignment", sorted(OVERRIDES))
def test_bad_override_is_one_line_exit_2(assignment, capsys):
    assert main(["validate", "classroom", "--set", assignment]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert OVERRIDES[assignment] in err, err


def test_a_user_mistake_in_a_real_process_is_one_line(tmp_path):
    path = tmp_path / "nested.toml"
    path.write_text(FILES["nested_deeply"][0])
    for args in (["validate", str(path)],
                 ["validate", "classroom", "--set", "contingents.blue_helmets.troops.x=1"]):
        done = subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


# ---------------------------------------------------------------- limits


def test_the_largest_map_validates_and_one_more_row_does_not():
    load_scenario("classroom", {"map.width": 400, "map.height": 250})
    with pytest.raises(ScenarioError, match="400 x 251 = 100,400 cells: at most 100,000"):
        load_scenario("classroom", {"map.width": 400, "map.height": 251})


def test_personnel_and_units_at_their_limits():
    load_scenario("classroom", {"contingents.blue_helmets.troops": 1_000_000,
                                "contingents.blue_helmets.troops_per_unit": 500})
    with pytest.raises(ScenarioError, match="at most 1,000,000 troops"):
        load_scenario("classroom", {"contingents.blue_helmets.troops": 1_000_001,
                                    "contingents.blue_helmets.troops_per_unit": 1000})
    load_scenario("classroom", {"contingents.blue_helmets.troops": 200_000})  # 2,000 units
    with pytest.raises(ScenarioError, match="2,001 with the other missions"):
        load_scenario("classroom", {"contingents.blue_helmets.troops": 200_001})


def test_an_event_that_enlarges_a_mission_counts_toward_its_units():
    with pytest.raises(ScenarioError, match="makes 2,500 units or teams at the mission's"):
        classroom(events=[{"name": "surge", "day": 10, "kind": "deploy",
                           "contingent": "blue_helmets", "troops": 250_000}])
    with pytest.raises(ScenarioError, match=r"events\[0\].troops = 2000000: at most"):
        classroom(events=[{"name": "surge", "day": 10, "kind": "drawdown",
                           "contingent": "blue_helmets", "troops": 2_000_000}])


def test_hotspots_units_count_toward_the_steps_a_year():
    """Hotspots units move every step: 40 armed units + 1,000 hotspots units at 7 days a
    step make 54,229 unit-steps a year (allowed); at 5 days, 75,920 (refused)."""
    hotspots = {"contingents.blue_helmets.patrol": "hotspots",
                "contingents.blue_helmets.troops": 100_000}
    load_scenario("classroom", hotspots)
    with pytest.raises(ScenarioError, match="40 armed units and 1,000 units on hotspots"):
        load_scenario("classroom", hotspots | {"scenario.days_per_step": 5})


def test_other_limits_can_be_given_for_a_benchmark():
    big = {"map.width": 500, "map.height": 500}
    with pytest.raises(ScenarioError, match="at most 100,000 cells"):
        load_scenario("classroom", big)
    scenario = load_scenario("classroom", big, limits=Limits(cells=250_000))
    assert scenario.map.width * scenario.map.height == 250_000


def test_nesting_up_to_the_limit_reads_and_beyond_it_does_not(tmp_path):
    """The root table counts as one level: MAX_DEPTH - 1 arrays inside it are read (and
    then refused as an unknown key), one more is refused as too deep."""
    for arrays, expected in ((MAX_DEPTH - 1, "x: unknown key"), (MAX_DEPTH, "nest more")):
        path = tmp_path / f"n{arrays}.toml"
        path.write_text("x = " + "[" * arrays + "]" * arrays + "\n" + TEXT)
        with pytest.raises(ScenarioError, match=expected):
            load_scenario(path)


def test_a_table_that_contains_itself_is_refused_not_followed():
    raw = tomllib.loads(TEXT)
    raw["map"]["loop"] = raw["map"]
    with pytest.raises(ScenarioError, match="nest more than"):
        validate(raw, "loop")


# ---------------------------------------------------------------- cross-table checks


@pytest.mark.parametrize("sections, expected", [
    ({"observers": [{"name": "m", "monitors": 10, "deploy_day": 30, "withdraw_day": 29}]},
     "observers[0].withdraw_day = 29: before deploy_day = 30"),
    ({"events": [{"name": "e", "day": 10, "kind": "withdraw", "contingent": "blue_helmets",
                  "troops": 5}]},
     "events[0].troops = 5: kind 'withdraw' does not take 'troops'"),
    ({"events": [{"name": "e", "day": 10, "kind": "deploy", "contingent": "blue_helmets",
                  "notice_days": 10}]},
     "events[0].notice_days = 10: kind 'deploy' does not take 'notice_days'"),
    ({"contingents": [contingent(battalions=[
        {"name": "b1", "contributor": "The Patron", "troops": 10}])],
      "patrons": [{"name": "the_patron", "client": "east"}]},
     "contingents[0].battalions[0].contributor = 'The Patron': names the patron "
     "'the_patron' in another spelling"),
    ({"contingents": [contingent(name="watch")],
      "observers": [{"name": "watch", "monitors": 10}]},
     "observers[0].name = 'watch': already names contingents[0]"),
    ({"contingents": [contingent(battalions=[{"name": "pk", "contributor": "x",
                                              "troops": 10}])]},
     "contingents[0].battalions[0].name = 'pk': already names contingents[0]"),
    ({"mediators": [{"name": "envoy"}, {"name": "envoy"}]},
     "mediators[1].name = 'envoy': already names mediators[0]"),
    ({"events": [{"name": "e", "day": 10, "kind": "withdraw", "contingent": "b1"}],
      "contingents": [contingent(battalions=[{"name": "b1", "contributor": "x",
                                              "troops": 10}])]},
     "events[0].contingent = 'b1': unknown mission; allowed: pk"),
    ({"scenario": {"title": "x" * 10_001}},
     "scenario.title = 'xxxx"),
    ({"events": [{"name": f"e{i}", "day": 1, "kind": "withdraw", "contingent": "blue_helmets"}
                 for i in range(1001)]},
     "events: must have at most 1,000 entries"),
    ({"contingents": [contingent(name=f"c{i}", troops=0) for i in range(21)]},
     "contingents: must have at most 20 entries"),
    ({"contingents": [contingent(name=f"c{i}", troops=0) for i in range(12)],
      "observers": [{"name": f"o{i}"} for i in range(9)]},
     "contingents: 21 missions (contingents, battalions and observer missions together): "
     "at most 20"),
])
def test_cross_table_mistakes_name_key_and_allowed(sections, expected):
    with pytest.raises(ScenarioError) as err:
        classroom(**sections)
    assert str(err.value).startswith("test: ") and expected in str(err.value)


def test_a_contributor_that_is_no_patron_is_free_text():
    scenario = classroom(contingents=[contingent(contributor="Russia, Kazakhstan")],
                         patrons=[{"name": "russia", "client": "east"}])
    assert scenario.contingents[0].contributor == "Russia, Kazakhstan"


def test_shipped_contributors_name_their_patrons_exactly():
    """The fix of abkhazia_1994, south_ossetia_1992 and transnistria_1992: their Russian
    contingents and battalions are sent by the patron 'russia' and say so exactly."""
    sent = {}
    for name in available_scenarios():
        scenario = load_scenario(name)
        patrons = {p.name for p in scenario.patrons}
        for c in scenario.contingents:
            for part in c.battalions or [c]:
                if (part.contributor or c.contributor) in patrons:
                    sent.setdefault(name, []).append(part.name)
    assert sent == {"abkhazia_1994": ["cis_forces"],
                    "south_ossetia_1992": ["russian_battalion"],
                    "transnistria_1992": ["russian_battalion", "russian_garrison"]}


@pytest.mark.parametrize("name", available_scenarios())
def test_a_validated_scenario_validates_again_from_its_dump(name):
    """load_scenario(Scenario) re-validates the dumped config (events carry every field
    with its default there; only fields given with another value count as given)."""
    scenario = load_scenario(name)
    assert load_scenario(scenario) == scenario


def test_override_paths_must_be_text():
    with pytest.raises(ScenarioError, match="a path must be text"):
        apply_overrides(tomllib.loads(TEXT), {3: 1}, "test")


def test_a_newline_in_a_quoted_value_stays_on_one_line():
    with pytest.raises(ScenarioError) as err:
        load_scenario("classroom", {"contingents.blue_helmets.mandate": "a\nb"})
    assert "\n" not in str(err.value) and "mandate=a\\nb" in str(err.value)
    with pytest.raises(ScenarioError) as err:
        load_scenario("classroom", {"contingents.x\ny.troops": 1})
    assert "\n" not in str(err.value) and "x\\ny" in str(err.value)


def test_conftest_classroom_is_the_shipped_file():
    assert tomllib.loads(TEXT) == CLASSROOM


def test_the_format_page_names_every_key_and_limit():
    """docs/scenarios.md stays true to the schema: every key of every table and every
    resource limit is on the page."""
    from sim import config
    from sim.config import limits

    page = (SCENARIO_DIR.parent / "docs" / "scenarios.md").read_text()
    tables = (config.ScenarioInfo, config.Collapse, config.MapSpec, config.Party,
              config.Contingent, config.Battalion, config.Observers, config.Mediator,
              config.Patron, config.Rumours, config.Event)
    for table in tables:
        for key in table.model_fields:
            assert f"`{key}`" in page, (table.__name__, key)
    for kind in config.EVENT_FIELDS:
        assert f"| `{kind}` |" in page, kind
    for value in (*vars(LIMITS).values(), limits.MAX_MISSIONS, limits.MAX_EVENTS,
                  limits.MAX_FILE_BYTES, limits.MAX_DAY):
        assert f"{value:,}" in page, value
    assert f"{limits.MAX_DEPTH} deep" in page
