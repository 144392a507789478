"""The analysis of a sweep on made-up results: grouping, intervals, figures."""

import pandas as pd
import pytest

from sim import load_scenario
from sim.sweep.analysis import effects, heatmap_figure, outcomes
from sim.sweep.design import build_design

WITHDRAW = "contingents.blue_helmets.withdraw_day"
MANDATE = "contingents.blue_helmets.mandate"


def made_up_runs(design, collapses) -> pd.DataFrame:
    """Runs where ``collapses(params, rep)`` says whether (and when) the ceasefire fell."""
    rows = []
    for run in design.runs():
        day = collapses(run.params, run.rep)
        rows.append({"run_id": run.run_id, "point": run.point, "rep": run.rep, **run.params,
                     "days": 364, "ceasefire_held": day is None, "collapse_day": day,
                     "casualties_combatant": 10 * (day is not None), "casualties_civilian": 1,
                     "casualties_peacekeeper": 0})
    return outcomes(pd.DataFrame(rows))


def test_grid_effects_pool_the_other_parameters_and_keep_null_values():
    design = build_design(load_scenario("classroom"),
                          grid={WITHDRAW: [None, 180], MANDATE: ["observe", "enforce"]}, reps=4)
    runs = made_up_runs(design, lambda p, rep: 200 if p[WITHDRAW] == 180 and rep < 3 else None)
    table = effects(design, runs)
    assert list(table["value"]) == [None, 180, "observe", "enforce"]
    assert list(table["runs"]) == [8, 8, 8, 8]
    assert list(table["collapsed"]) == [0.0, 0.75, 0.375, 0.375]
    withdrawn = table.iloc[1]
    assert withdrawn["days_held"] == pytest.approx((3 * 200 + 364) / 4)
    assert withdrawn["days_held_lo"] < withdrawn["days_held"] < withdrawn["days_held_hi"]
    assert table.iloc[0]["collapsed_hi"] == pytest.approx(0.3244, abs=1e-4)
    assert table.iloc[0]["casualties"] == 1.0
    fig = heatmap_figure(design, runs)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["null", "180"]
    assert fig.axes[0].images[0].get_array()[1].tolist() == [0.75, 0.75]


def test_sampled_parameters_are_cut_in_quartiles():
    design = build_design(load_scenario("classroom"),
                          ranges={"parties.west.hostility": (0, 1)}, sample="lhs", n=40)
    runs = made_up_runs(design, lambda p, rep: 100 if p["parties.west.hostility"] > 0.5
                        else None)
    table = effects(design, runs)
    assert list(table["runs"]) == [10, 10, 10, 10]
    assert list(table["collapsed"]) == [0.0, 0.0, 1.0, 1.0]
    assert table["value"].is_monotonic_increasing
