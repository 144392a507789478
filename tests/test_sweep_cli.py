"""``peacesim sweep`` on the command line: mistakes exit 2 with one line."""

import pytest
from support import free_port

from sim.cli import main

TROOPS = "contingents.blue_helmets.troops"
BIAS = "contingents.blue_helmets.bias"


def sweep(*args: str) -> list[str]:
    return ["sweep", "classroom", "--days", "70", *args]


@pytest.mark.parametrize("args, message", [
    (["--grid", "contingents.nobody.troops=0,1"],
     "--grid contingents.nobody.troops: no entry named 'nobody' in contingents; "
     "names: blue_helmets"),
    (["--grid", "parties.west.nerve=0,1"], "--grid parties.west.nerve=0"),
    (["--grid", f"{BIAS}=0,1.5"], "must be between -1 and 1"),
    (["--range", f"{BIAS}=0.5:-0.5", "--sample", "lhs", "--n", "32"],
     "LOW (0.5) must be below HIGH (-0.5)"),
    (["--reps", "0"], "argument --reps: 0: must be at least 1"),
    (["--sample", "sobol", "--n", "8"], "needs at least one --range"),
    (["--sample", "latin"], "argument --sample: invalid choice"),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not allowed with argument"),
    (["--scheduler", "127.0.0.1:8786"], "expected an address like tcp://127.0.0.1:8786"),
    (["--scheduler", f"tcp://127.0.0.1:{free_port()}"], "cannot reach a Dask scheduler"),
    (["--set", "contingents.nobody.bias=0"], "no entry named 'nobody'"),
])
def test_bad_sweeps_exit_2_with_one_clear_line(tmp_path, capsys, args, message):
    assert main([*sweep(*args), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_changed_design_is_refused_until_restart(tmp_path, capsys):
    out = str(tmp_path / "out")
    assert main([*sweep("--grid", f"{BIAS}=0,0.5", "--workers", "1"), "--out", out]) == 0
    assert "2 runs (2 points x 1 reps)" in capsys.readouterr().out
    assert main([*sweep("--grid", f"{BIAS}=0,0.4", "--workers", "1"), "--out", out]) == 2
    err = capsys.readouterr().err
    assert "design.json: holds a different sweep" in err and err.count("\n") == 1
    assert main([*sweep("--grid", f"{BIAS}=0,0.4", "--workers", "1"), "--out", out,
                 "--restart"]) == 0
    assert "wrote runs.csv, failures.csv, effects.csv, effects.png" in capsys.readouterr().out
