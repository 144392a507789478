"""The sweep store and the Python API: what is stored, resuming, refusing a changed design."""

import math

import pandas as pd
import pytest

import sim
from sim.sweep.analysis import wilson
from sim.sweep.store import flatten, read_runs, read_timeseries

TROOPS = "contingents.blue_helmets.troops"
BIAS = "contingents.blue_helmets.bias"
GRID = {TROOPS: [0, 1500], BIAS: [0.0, 0.8]}


def test_flatten_names_nested_metrics_with_underscores():
    assert flatten({"casualties": {"combatant": 3, "civilian": 1}, "violations_by_side":
                    {"west": 2}, "days": 7}) == {
        "casualties_combatant": 3, "casualties_civilian": 1, "violations_by_side_west": 2,
        "days": 7}


def test_wilson_interval_matches_the_textbook_values():
    low, high = wilson(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    assert wilson(0, 6)[0] == 0.0 and round(wilson(0, 6)[1], 4) == 0.3903


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep")
    runs = sim.sweep("classroom", grid=GRID, reps=2, seed=3, days=364, out=out, workers=2,
                     timeseries=True)
    return out, runs


def test_every_run_is_stored_once_with_parameters_seed_and_flat_metrics(stored):
    out, runs = stored
    assert len(runs) == 8 and runs["run_id"].is_unique
    assert sorted(p.stem for p in (out / "runs").glob("*.parquet")) == list(runs["run_id"])
    pd.testing.assert_frame_equal(read_runs(out), runs)
    for column in (TROOPS, BIAS, "seed", "casualties_combatant", "violations_by_side_west",
                   "reporting_ratio_by_side_east", "collapse_day", "stability_index"):
        assert column in runs
    assert runs.groupby("rep")["seed"].nunique().eq(1).all()


def test_a_stored_run_equals_the_same_run_made_directly(stored):
    _, runs = stored
    row = runs.iloc[5]
    direct = sim.run("classroom", seed=int(row["seed"]), days=364,
                     overrides={TROOPS: int(row[TROOPS]), BIAS: float(row[BIAS])})
    for key, value in flatten(direct.summary).items():
        if key == "seed":
            continue
        stored_value = row[key]
        if value is None:
            assert stored_value is None or (isinstance(stored_value, float)
                                             and math.isnan(stored_value)), key
        else:
            assert stored_value == value, key


def test_timeseries_are_stored_per_run(stored):
    out, runs = stored
    table = read_timeseries(out)
    assert set(table["run_id"]) == set(runs["run_id"])
    assert table.groupby("run_id").size().eq(52).all()
    first = sim.run("classroom", seed=int(runs["seed"][0]), days=364,
                    overrides={TROOPS: 0, BIAS: 0.0}).timeseries
    mine = table[table["run_id"] == runs["run_id"][0]].drop(columns="run_id")
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), first, check_dtype=False)


def test_tables_and_figures_are_written(stored):
    out, runs = stored
    for name in ("runs.csv", "effects.csv", "effects.png", "heatmap.png", "design.json"):
        assert (out / name).stat().st_size > 0, name
    effects = pd.read_csv(out / "effects.csv")
    assert list(effects["parameter"]) == [TROOPS, TROOPS, BIAS, BIAS]
    assert effects["runs"].eq(4).all()
    no_troops = runs[runs[TROOPS] == 0]
    casualties = no_troops.filter(like="casualties_").sum(axis=1).mean()
    assert effects["casualties"][0] == pytest.approx(casualties)
    assert (effects["collapsed_lo"] <= effects["collapsed"]).all()
    assert (effects["collapsed"] <= effects["collapsed_hi"]).all()


def test_rerunning_resumes_without_redoing_runs_and_a_changed_design_is_refused(stored):
    out, runs = stored
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "runs").glob("*.parquet")}
    again = sim.sweep("classroom", grid=GRID, reps=2, seed=3, days=364, out=out, workers=2,
                      timeseries=True)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "runs").glob("*.parquet")} == stamps
    pd.testing.assert_frame_equal(again, runs)
    with pytest.raises(sim.SweepError, match="holds a different sweep.*--restart"):
        sim.sweep("classroom", grid=GRID, reps=3, seed=3, days=364, out=out, workers=2)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "runs").glob("*.parquet")} == stamps


def test_restart_discards_the_old_runs(tmp_path):
    sim.sweep("classroom", grid={BIAS: [0.0, 0.5]}, days=70, out=tmp_path, workers=1)
    runs = sim.sweep("classroom", grid={BIAS: [0.0]}, reps=2, days=70, out=tmp_path,
                     workers=1, restart=True)
    assert list(runs["run_id"]) == ["p0000-r000", "p0000-r001"]
    assert len(list((tmp_path / "runs").glob("*.parquet"))) == 2


def test_morris_design_gives_sensitivity_indices(tmp_path):
    runs = sim.sweep("classroom", ranges={TROOPS: (0, 3000), "parties.west.hostility": (0, 1)},
                     sample="morris", n=3, days=364, out=tmp_path, workers=2)
    assert len(runs) == 9
    indices = pd.read_csv(tmp_path / "sensitivity.csv")
    assert set(indices["index"]) == {"mu_star", "sigma"}
    assert set(indices["parameter"]) == {TROOPS, "parties.west.hostility"}
    assert (tmp_path / "sensitivity.png").stat().st_size > 0


def test_without_out_the_api_returns_the_runs():
    runs = sim.sweep("classroom", grid={BIAS: [0.0, 0.5]}, days=70, workers=1)
    assert list(runs["run_id"]) == ["p0000-r000", "p0001-r000"]
    assert list(runs[BIAS]) == [0.0, 0.5]
