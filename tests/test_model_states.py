"""Valid scenarios the model does not handle yet: states a run reaches, and an event.

The first scenarios validate (both sides hold territory and meet at the start), then
one side's offensive takes every cell of the other, so there is no contact line left
for a mission to stand on. The last one is a deploy event the model does not carry
out. The tests are marked as expected failures (strict): they fail today, and once
the model gives each case a defined behaviour they pass, so the marker must go.
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


@pytest.mark.xfail(strict=True, reason="a deploy event shares its troops in proportion to "
                   "the planned troops, which are 0 here, so nobody deploys")
def test_deploy_event_gives_its_troops_to_a_contingent_planned_at_zero():
    """A contingent written with troops = 0 and a deploy event of 500 troops on day 70
    (the natural what-if 'send 500 later') deploys 0 troops today, and the log says
    'contingent pk deploys with 0 troops'."""
    raw = load_scenario("classroom", {"contingents.blue_helmets.troops": 0}).to_dict()
    raw["events"] = [{"name": "late", "day": 70, "kind": "deploy",
                      "contingent": "blue_helmets", "troops": 500}]
    result = run(validate(raw, "late"), seed=0, days=140)
    assert result.timeseries.troops_deployed.max() == 500
