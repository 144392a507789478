"""A reduced pattern suite: 8 replications, wide tolerances, so that a change that
breaks a mechanism turns the tests red. The full suite (``peacesim patterns --reps 40``)
reports the verdicts; these checks only hold the directions it found at 40 reps.
"""

from __future__ import annotations

import math

import pytest

from sim.patterns import FAILS, HOLDS, PARTLY, PATTERNS, run_suite, to_markdown

REPS = 8


@pytest.fixture(scope="module")
def suite() -> dict[str, dict]:
    return {r["name"]: r for r in run_suite(REPS, seed=0, workers=2)}


def test_every_pattern_reports_source_experiment_value_and_verdict(suite):
    assert list(suite) == [p.name for p in PATTERNS]
    for record in suite.values():
        assert record["verdict"] in (HOLDS, PARTLY, FAILS)
        assert record["source"] and record["experiment"] and record["expected"]
        assert record["measured"] and record["reps"] == REPS
    report = to_markdown(list(suite.values()), REPS, 0, 1.0)
    assert report.count("\n## ") == len(PATTERNS)


def test_neutral_force_lowers_collapse_risk(suite):
    assert suite["neutral_force_lowers_collapse_hazard"]["value"] > 0.5


def test_more_troops_fewer_deaths_with_diminishing_returns(suite):
    details = suite["more_troops_fewer_battle_deaths"]["details"]
    means, drops = details["means"], details["drop_per_1000"]
    assert means[0] > means[1] > means[-1]
    assert drops[0] > drops[-1] > -1


def test_partisan_force_means_more_violations_and_lost_legitimacy(suite):
    assert suite["neutral_beats_partisan"]["ci_low"] > 0
    details = suite["partisan_force_favoured_side_and_legitimacy"]["details"]
    assert details["rating"] < 0.8 <= details["neutral_rating"]


def test_violence_rises_after_withdrawal(suite):
    assert suite["violence_rises_after_withdrawal"]["ci_low"] > 0


def test_spoiler_lowers_settlement_chance(suite):
    assert suite["spoiler_lowers_settlement_chance"]["value"] < 0


@pytest.mark.parametrize("name", [
    "karabakh_offensive_then_displacement", "transnistria_frozen", "abkhazia_frozen",
    "tajikistan_settlement_then_withdrawal", "kosovo_riots_no_war",
])
def test_document_scenario_outcome_is_the_documented_one(suite, name):
    share = suite[name]["value"]
    assert not math.isnan(share) and share >= 0.5, suite[name]["measured"]
