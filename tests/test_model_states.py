"""States a valid scenario reaches during a run that the model does not handle yet.

Each scenario here validates (both sides hold territory and meet at the start), then
one side's offensive takes every cell of the other, so there is no contact line left
for a mission to stand on. The tests are marked as expected failures (strict): they
fail today with the error named, and once the model gives the state a defined
behaviour they pass, so the marker must go.
"""

from __future__ import annotations

import pytest

from sim import load_scenario, run
from sim.config import validate

CONQUEROR = {"parties.west.strength": 5.0, "parties.west.ambition": 1.0}
"""West, five times as strong and fully ambitious: its first offensive takes all of east."""


@pytest.mark.xfail(strict=True, raises=IndexError,
                   reason="patrol_posts has no line cell to give after a total conquest")
def test_hotspots_patrol_after_a_total_conquest():
    """Seed 0: west's offensive on day 336 takes every cell of east; on the next step
    the contingent on hotspots patrol asks for posts on a line that no longer exists
    (IndexError in ConflictModel.patrol_posts)."""
    scenario = load_scenario("classroom", CONQUEROR | {
        "contingents.blue_helmets.patrol": "hotspots"})
    result = run(scenario, seed=0, days=365)
    assert result.summary["collapse_day"] is not None


@pytest.mark.xfail(strict=True, raises=ValueError,
                   reason="Mission.station_units gets no posts after a total conquest")
@pytest.mark.parametrize("kind, troops", [("drawdown", 500), ("deploy", 2000)])
def test_mission_resized_after_a_total_conquest(kind, troops):
    """Seed 0: west's offensive on day 77 takes every cell of east; the event on day 300
    re-stations the contingent on a line that no longer exists (ValueError from
    zip(strict=True) in Mission.station_units)."""
    raw = load_scenario("classroom", CONQUEROR).to_dict()
    raw["events"] = [{"name": "resize", "day": 300, "kind": kind,
                      "contingent": "blue_helmets", "troops": troops}]
    result = run(validate(raw, "conquest"), seed=0, days=365)
    assert result.summary["collapse_day"] is not None
