"""The command line: outputs, determinism, and one-line errors for user mistakes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.cli import main
from sim.config import SCENARIO_DIR

CLASSROOM = (SCENARIO_DIR / "classroom.toml").read_text()


def peacesim(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def test_run_writes_outputs_and_is_byte_identical(tmp_path):
    first, second = tmp_path / "A", tmp_path / "B"
    for out in (first, second):
        done = peacesim("run", "classroom", "--seed", "7", "--out", str(out))
        assert done.returncode == 0, done.stderr
    for name in ("timeseries.csv", "summary.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    for name in ("manifest.json", "events.csv", "overview.png"):
        assert (first / name).stat().st_size > 0
    assert "ceasefire:" in done.stdout and "stability index" in done.stdout
    summary = json.loads((first / "summary.json").read_text())
    manifest = json.loads((first / "manifest.json").read_text())
    assert summary["seed"] == manifest["seed"] == 7
    assert manifest["config"]["scenario"]["name"] == "classroom"
    assert manifest["config_hash"] == summary["config_hash"]
    table = pd.read_csv(first / "timeseries.csv")
    assert len(table) == summary["steps"]
    events = pd.read_csv(first / "events.csv")
    assert list(events.columns) == ["day", "kind", "text"]
    assert events.text.iloc[0] == "contingent blue_helmets deploys with 1,500 troops"


def test_different_seeds_give_different_runs(tmp_path):
    for seed in ("1", "2"):
        assert main(["run", "classroom", "--seed", seed, "--days", "365", "--no-figure",
                     "--out", str(tmp_path / seed)]) == 0
    assert (tmp_path / "1" / "timeseries.csv").read_bytes() != (
        tmp_path / "2" / "timeseries.csv").read_bytes()


def test_overrides_are_recorded_and_applied(tmp_path):
    assert main(["run", "classroom", "--days", "70", "--no-figure", "--out", str(tmp_path),
                 "--set", "contingents.blue_helmets.troops=300"]) == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["overrides"] == {"contingents.blue_helmets.troops": 300}
    assert manifest["config"]["contingents"][0]["troops"] == 300
    table = pd.read_csv(tmp_path / "timeseries.csv")
    assert set(table.troops_deployed) == {300}


def test_scenarios_lists_titles(capsys):
    assert main(["scenarios"]) == 0
    assert "classroom" in capsys.readouterr().out


BAD_FILES = {
    "bad_toml": ("[scenario\nname = 1", "not valid TOML"),
    "unknown_key": (CLASSROOM.replace('patrol = "line"', 'patrol = "line"\ncolour = "blue"'),
                    "contingents[0].colour: unknown key; allowed keys:"),
    "bias": (CLASSROOM.replace("bias = 0.0", "bias = 1.7"),
             "contingents[0].bias = 1.7: must be between -1 and 1"),
    "consent": (CLASSROOM.replace("east = 1.0 }", "north = 1.0 }"),
                "contingents[0].consent.north: unknown party; allowed: west, east"),
    "troops": (CLASSROOM.replace("troops = 1500", "troops = -5"),
               "contingents[0].troops = -5: must be at least 0"),
    "mandate": (CLASSROOM.replace('mandate = "interpose"', 'mandate = "patrol"'),
                "must be 'observe', 'interpose' or 'enforce'"),
    "layout": (CLASSROOM.replace("population_per_cell = 500",
                                 'population_per_cell = 500\nlayout = "AB"'),
               "map: layout has 1 rows: must match height = 24"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_scenario_file_is_one_line_exit_2(tmp_path, case, capsys):
    text, expected = BAD_FILES[case]
    path = tmp_path / f"{case}.toml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and expected in err


@pytest.mark.parametrize("args, expected", [
    (["--set", "contingents.nobody.troops=0"], "no entry named 'nobody' in contingents"),
    (["--set", "contingents.blue_helmets.bias=3"],
     "must be between -1 and 1 (from --set contingents.blue_helmets.bias=3)"),
    (["--set", "contingents.blue_helmets.tropps=3"], "contingents[0].tropps: unknown key"),
    (["--set", "nonsense"], "expected PATH=VALUE"),
    (["--seed", "x"], "argument --seed: 'x' is not a whole number"),
    (["--days", "0"], "argument --days: 0: must be at least 1"),
])
def test_bad_command_line_is_one_line_exit_2(args, expected, capsys, tmp_path):
    assert main(["run", "classroom", "--out", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert not any(tmp_path.iterdir())  # nothing half-written


def test_user_mistake_in_a_real_process_has_no_traceback(tmp_path):
    path = tmp_path / "bias.toml"
    path.write_text(CLASSROOM.replace("bias = 0.0", "bias = 1.7"))
    done = peacesim("run", str(path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"peacesim: error: {path}: contingents[0].bias = 1.7: must be between -1 and 1"]
    missing = peacesim("run", "no_such_scenario")
    assert missing.returncode == 2 and "no such scenario" in missing.stderr
