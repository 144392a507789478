"""``peacesim rules`` and ``--rules FILE``: the table, and a rules file that changes runs,
compares, sweeps and patterns and is recorded with their outputs."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sim.cli import main
from sim.rules import FIELDS


@pytest.fixture
def hot(tmp_path):
    path = tmp_path / "hot.toml"
    path.write_text("# more fire\nviolation_rate = 0.08\ninvoluntary_rate = 0.01\n")
    return path


def test_rules_prints_every_field_with_unit_range_and_reason(capsys):
    assert main(["rules", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == list(FIELDS)
    assert all(r["unit"] and r["reason"] and r["low"] < r["high"] for r in rows)
    assert main(["rules"]) == 0
    text = capsys.readouterr().out
    assert "violation_rate = 0.03" in text and "range 0.01 .. 0.08" in text


def test_rules_shows_what_a_file_replaces(hot, capsys):
    assert main(["rules", "--rules", str(hot), "--group", "violations"]) == 0
    text = capsys.readouterr().out
    assert "violation_rate = 0.08 *" in text and "[deterrence]" not in text


def test_a_rules_file_changes_a_run_and_the_manifest_records_it(hot, tmp_path):
    plain, changed = tmp_path / "plain", tmp_path / "hot"
    assert main(["run", "classroom", "--days", "365", "--no-figure", "--out", str(plain)]) == 0
    assert main(["run", "classroom", "--days", "365", "--no-figure", "--rules", str(hot),
                 "--out", str(changed)]) == 0
    before = json.loads((plain / "summary.json").read_text())
    after = json.loads((changed / "summary.json").read_text())
    assert after["violations_total"] > 2 * before["violations_total"]
    manifest = json.loads((changed / "manifest.json").read_text())
    assert manifest["overrides"]["rules.violation_rate"] == 0.08
    assert manifest["config"]["rules"] == {"violation_rate": 0.08, "involuntary_rate": 0.01}
    assert manifest["config_hash"] == after["config_hash"] != before["config_hash"]


def test_compare_and_sweep_take_a_rules_file_and_sweeps_vary_a_rule(hot, tmp_path):
    out = tmp_path / "compare"
    args = ["compare", "classroom", "--reps", "2", "--days", "180", "--out", str(out),
            "--variant", "none:contingents.blue_helmets.troops=0"]
    assert main(args) == 0
    plain = pd.read_csv(out / "runs.csv")["violations_total"].sum()
    assert main([*args, "--rules", str(hot)]) == 0
    assert pd.read_csv(out / "runs.csv")["violations_total"].sum() > 2 * plain
    sweep = tmp_path / "sweep"
    assert main(["sweep", "classroom", "--grid", "rules.tension_per_violation=0.05,0.4",
                 "--reps", "2", "--days", "365", "--workers", "1", "--out", str(sweep)]) == 0
    runs = pd.read_csv(sweep / "runs.csv")
    assert set(runs["rules.tension_per_violation"]) == {0.05, 0.4}
    means = runs.groupby("rules.tension_per_violation")["peak_tension"].mean()
    assert means[0.4] > means[0.05]


@pytest.mark.parametrize("text, message", [
    ("violation_rat = 0.1", "unknown rule 'violation_rat'"),
    ("tension_diffusion = 2", "must be between 0 and 1"),
    ("violation_rate = inf", "must be at least 0"),
])
def test_a_bad_rules_file_is_one_line_exit_2(tmp_path, capsys, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text + "\n")
    for command in (["run", "classroom"], ["rules"]):
        assert main([*command, "--rules", str(path)]) == 2
        err = capsys.readouterr().err.strip()
        assert message in err and str(path) in err and "\n" not in err
