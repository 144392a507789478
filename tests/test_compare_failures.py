"""A failed run is data: compare and patterns record it (seed, error, scenario,
overrides), finish the other runs and say how many failed.

The failure comes through a public seam: ``extract``, the function every run of a
comparison passes its result to, raises for one seed (as a model error would).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sim.cli.compare import FILES, render, write_comparison
from sim.compare import compare, process_pool
from sim.config import load_scenario
from sim.patterns import UNMEASURED, Outcome, Pattern, Suite, run_suite, to_markdown

VARIANTS = {"no_force": {"contingents.blue_helmets.troops": 0}}


def fails_on_seed_1(result) -> dict:
    """Raise for seed 1, as a model error would; else read nothing extra."""
    if result.seed == 1:
        raise RuntimeError("no contact line left\n(detail)")
    return {"read": 1.0}


@pytest.mark.parametrize("workers", [1, 2])
def test_compare_keeps_every_other_run_and_records_the_failures(workers):
    pool = process_pool(workers)
    try:
        result = compare("classroom", VARIANTS, reps=3, seed=0, days=70, executor=pool,
                         extract=fails_on_seed_1)
    finally:
        if pool:
            pool.shutdown()
    assert sorted(zip(result.runs["variant"], result.runs["seed"], strict=True)) == [
        ("baseline", 0), ("baseline", 2), ("no_force", 0), ("no_force", 2)]
    failures = result.failures
    assert list(failures["variant"]) == ["baseline", "no_force"]
    assert list(failures["seed"]) == [1, 1]
    assert set(failures["scenario"]) == {"classroom"}
    assert list(failures["overrides"]) == [{}, VARIANTS["no_force"]]
    assert set(failures["error"]) == {"RuntimeError: no contact line left"}
    assert failures["traceback"].str.contains("fails_on_seed_1").all()
    assert result.attempted == 6
    reading = result.reading()
    assert "2 of 6 runs failed and are left out: baseline seed 1 (RuntimeError" in reading
    assert result.table().set_index(["variant", "metric"]).loc[
        ("baseline", "ceasefire_held"), "mean"] == 1.0  # over the two finished runs


def test_a_comparison_with_failures_prints_and_writes_them(tmp_path):
    result = compare("classroom", VARIANTS, reps=2, seed=0, days=70, extract=fails_on_seed_1)
    assert "2 of 4 runs failed" in render(result)
    written = write_comparison(result, tmp_path)
    assert [p.name for p in written] == list(FILES)
    failed = pd.read_csv(tmp_path / "failures.csv")
    assert list(failed.columns) == ["variant", "seed", "scenario", "overrides", "error"]
    assert json.loads(failed["overrides"][1]) == VARIANTS["no_force"]
    data = json.loads((tmp_path / "comparison.json").read_text())
    assert data["runs"] == 2 and len(data["failures"]) == 2
    assert "Traceback" in data["failures"][0]["traceback"]
    assert len(pd.read_csv(tmp_path / "runs.csv")) == 2


def test_when_every_run_fails_the_comparison_still_reads():
    result = compare("classroom", VARIANTS, reps=1, seed=1, days=70, extract=fails_on_seed_1)
    assert result.runs.empty and len(result.failures) == 2
    assert result.days == 70
    reading = result.reading()
    assert "no baseline run finished" in reading and "no_force: no run finished" in reading
    assert "-" in render(result)


def failing_pattern(suite: Suite) -> Outcome:
    scenario = load_scenario("classroom", {"scenario.horizon_days": 70})
    result = suite.compare("failing", scenario, VARIANTS, extract=fails_on_seed_1)
    return Outcome(measured=f"{len(result.runs)} runs finished", verdict="holds")


def unmeasurable(suite: Suite) -> Outcome:
    suite.compare("failing", load_scenario("classroom", {"scenario.horizon_days": 70}),
                  VARIANTS, extract=fails_on_seed_1)
    raise ZeroDivisionError("no runs to divide by")


def test_patterns_list_failed_runs_and_go_on_after_a_pattern_that_cannot_be_measured():
    patterns = [Pattern(name, "claim", "source", "experiment", "expected", measure)
                for name, measure in (("unmeasurable", unmeasurable),
                                      ("failing", failing_pattern))]
    results = run_suite(reps=2, seed=0, workers=1, patterns=patterns)
    broken, measured = results
    assert broken["verdict"] == UNMEASURED
    assert broken["measured"] == "not measured: ZeroDivisionError: no runs to divide by"
    assert measured["verdict"] == "holds" and measured["measured"] == "2 runs finished"
    for record in results:
        assert record["runs"] == 4
        assert [(f["variant"], f["seed"]) for f in record["failed_runs"]] == [
            ("baseline", 1), ("no_force", 1)]
        assert record["failed_runs"][0]["experiment"] == "failing"
    text = to_markdown(results, reps=2, seed=0, seconds=1.0)
    assert "1 not measured" in text and "4 runs failed and are left out" in text
    assert "- failed runs (2 of 4, left out):" in text
