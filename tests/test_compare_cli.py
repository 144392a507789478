"""``peacesim compare``: files, determinism across workers, one-line errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sim.cli import main
from sim.cli.compare import FILES
from sim.compare import compare, process_pool


def test_compare_writes_every_file_and_prints_the_table(tmp_path, capsys):
    out = tmp_path / "cmp"
    code = main(["compare", "classroom", "--variant", "no_force:contingents.blue_helmets.troops=0",
                 "--variant", "partisan:contingents.blue_helmets.bias=0.6",
                 "--reps", "3", "--days", "400", "--seed", "5", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "hazard ratio" in printed and "ceasefire held" in printed and "no_force" in printed
    for name in FILES:
        assert (out / name).stat().st_size > 0, name
    runs = pd.read_csv(out / "runs.csv")
    assert sorted(set(runs["variant"])) == ["baseline", "no_force", "partisan"]
    assert sorted(set(runs["seed"])) == [5, 6, 7]
    data = json.loads((out / "comparison.json").read_text())
    assert data["variants"]["partisan"] == {"contingents.blue_helmets.bias": 0.6}
    assert {r["variant"] for r in data["hazard_ratios"]} == {"no_force", "partisan"}
    assert data["reading"].startswith("Over 3 seeds")


def test_workers_do_not_change_the_runs():
    variants = {"no_force": {"contingents.blue_helmets.troops": 0}}
    alone = compare("classroom", variants, reps=2, days=200)
    with process_pool(2) as pool:
        pooled = compare("classroom", variants, reps=2, days=200, executor=pool)
    pd.testing.assert_frame_equal(alone.runs, pooled.runs)


@pytest.mark.parametrize("variant, message", [
    ("no_colon", "expected NAME:PATH=VALUE"),
    ("x:contingents.nobody.troops=0", "no entry named 'nobody'"),
    ("x:contingents.blue_helmets.bias=3", "must be between -1 and 1"),
    ("baseline:contingents.blue_helmets.bias=0", "reserved"),
])
def test_bad_variant_exits_2_with_one_line(variant, message, tmp_path, capsys):
    code = main(["compare", "classroom", "--variant", variant, "--reps", "2",
                 "--out", str(tmp_path / "never")])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err, err
    assert not (tmp_path / "never").exists()


def test_same_variant_name_twice_is_refused(tmp_path, capsys):
    code = main(["compare", "classroom", "--variant", "a:contingents.blue_helmets.bias=0.1",
                 "--variant", "a:contingents.blue_helmets.bias=0.2", "--reps", "2"])
    assert code == 2
    assert "used twice" in capsys.readouterr().err
