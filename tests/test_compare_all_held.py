"""compare() when no run collapses: the table, survival and hazards stay defined."""

import math

from sim.compare import compare


def test_compare_when_every_run_holds():
    result = compare("classroom", {"smaller": {"contingents.blue_helmets.troops": 1000}},
                     reps=2, seed=0, days=28)
    assert not result.runs["ceasefire_held"].eq(False).any()
    assert result.runs["collapse_day"].isna().all()
    table = result.table().set_index(["variant", "metric"])
    assert table.loc[("baseline", "ceasefire_held"), "mean"] == 1.0
    assert math.isinf(table.loc[("smaller", "median_days_to_collapse"), "mean"])
    assert math.isnan(result.hazard_ratios()["hazard_ratio"].iloc[0])
    assert "no collapses in either" in result.reading()
