"""The command line: outputs, determinism, and one-line errors for user mistakes."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.cli import main
from sim.config import SCENARIO_DIR

CLASSROOM = (SCENARIO_DIR / "classroom.toml").read_text()
ROOT = Path(__file__).resolve().parent.parent


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


def test_validate_counts_in_words(capsys):
    assert main(["validate", "classroom"]) == 0
    assert "(west, east; 1 mission, 0 events)" in capsys.readouterr().out
    assert main(["validate", "karabakh_2020"]) == 0
    assert "; 2 missions, 2 events)" in capsys.readouterr().out


TROOPS = "contingents.blue_helmets.troops"
COMMANDS = {
    "run": ["run", "classroom"],
    "compare": ["compare", "classroom", "--reps", "2", "--variant", f"none:{TROOPS}=0"],
    "sweep": ["sweep", "classroom"],
    "patterns": ["patterns"],
}


@pytest.mark.parametrize("command, args, message", [
    ("run", ["--days", "36501"], "argument --days: 36501: must be at most 36,500 (100 years)"),
    ("compare", ["--days", "1000000000"], "argument --days: 1000000000: must be at most 36,500"),
    ("sweep", ["--days", "36501"], "argument --days: 36501: must be at most 36,500"),
    ("compare", ["--reps", "10001"], "argument --reps: 10001: must be at most 10,000"),
    ("compare", ["--reps", "1e9"], "argument --reps: '1e9' is not a whole number"),
    ("sweep", ["--reps", "100000000"], "argument --reps: 100000000: must be at most 10,000"),
    ("patterns", ["--reps", "10001"], "argument --reps: 10001: must be at most 10,000"),
    ("sweep", ["--range", f"{TROOPS}=0:3000", "--sample", "sobol", "--n", str(2**26)],
     "argument --n: 67108864: must be at most 65,536"),
    ("sweep", ["--range", f"{TROOPS}=0:3000", "--sample", "morris", "--n", "65537"],
     "argument --n: 65537: must be at most 65,536"),
    ("sweep", ["--range", f"{TROOPS}=0:3000", "--range", "parties.west.hostility=0:1",
               "--sample", "sobol", "--n", "65536", "--reps", "10"],
     "this design has 2,621,440 runs (262,144 points x 10 reps); a sweep may have at most "
     "1,000,000"),
    ("sweep", ["--range", f"{TROOPS}=0:inf", "--sample", "lhs", "--n", "32"],
     f"--range {TROOPS}=0:inf: LOW and HIGH must be finite numbers"),
    ("sweep", ["--grid", "contingents.blue_helmets.bias=0,nan"],
     "--grid contingents.blue_helmets.bias=0,nan: must be a finite number"),
    ("sweep", ["--set", "contingents.blue_helmets.bias=-inf"],
     "--set contingents.blue_helmets.bias=-inf: must be a finite number"),
    ("run", ["--set", "contingents.blue_helmets.bias=nan"],
     "--set contingents.blue_helmets.bias=nan: must be a finite number"),
    ("run", ["--set", "scenario.horizon_days=1e400"],
     "--set scenario.horizon_days=inf: must be a finite number"),
    ("compare", ["--variant", "x:contingents.blue_helmets.bias=inf"],
     "--variant x:contingents.blue_helmets.bias=inf: contingents.blue_helmets.bias must be "
     "a finite number"),
    ("patterns", ["--only", "no_such_pattern"], "--only no_such_pattern: no such pattern"),
])
def test_limits_and_non_finite_numbers_are_refused_before_any_work(command, args, message,
                                                                   capsys, tmp_path):
    out = tmp_path / "out"
    assert main([*COMMANDS[command], *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert not out.exists()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_out_naming_an_existing_file_is_refused(command, tmp_path, capsys):
    taken = tmp_path / "notes.txt"
    taken.write_text("mine")
    for out, message in ((taken, f"{taken}: exists and is not a folder"),
                         (taken / "sub", f"{taken / 'sub'}: {taken} is a file, not a folder")):
        assert main([*COMMANDS[command], "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"argument --out: {message}" in err, err
    assert taken.read_text() == "mine"


def test_the_console_script_and_python_m_sim_are_the_same_command(tmp_path):
    script = Path(sys.executable).parent / "peacesim"
    for command in ([str(script)], [sys.executable, "-m", "sim"]):
        done = subprocess.run([*command, "validate", "classroom"], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0 and "1 mission, 0 events" in done.stdout


def module_imports(path: Path) -> set[str]:
    """The ``sim`` modules a module imports, at its top level or inside functions (not
    under ``if TYPE_CHECKING``)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if path.name == "__init__.py":
        package = package.removesuffix(".__init__")
    else:
        package = package.rpartition(".")[0]
    found = set()
    tree = ast.parse(path.read_text())
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(block.test) for n in ast.walk(block)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            name = ".".join(base + [node.module] if node.module else base) if node.level \
                else node.module or ""
            if node.module:
                found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("sim")}


def test_the_command_line_has_no_import_circle():
    files = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
             for p in (ROOT / "sim").rglob("*.py")}
    graph = {name: module_imports(path) & set(files) for name, path in files.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start] - seen:
            seen.add(nxt)
            if nxt == goal or reaches(nxt, goal, seen):
                return True
        return False

    cli = [name for name in graph if name.startswith("sim.cli")]
    assert len(cli) >= 8
    for name in cli + [n for n in graph if n.startswith("sim.sweep")]:
        assert not reaches(name, name, set()), f"{name} imports itself through others"
    for name in graph:  # the command line sits on top: only the entry point imports it
        if not name.startswith("sim.cli") and name != "sim.__main__":
            assert not any(dep.startswith("sim.cli") for dep in graph[name]), name
