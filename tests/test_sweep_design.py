"""Sweep designs: points, seeds, run ids, validation."""

import pytest

from sim import load_scenario
from sim.sweep.design import SweepError, build_design, parse_grid, parse_range

TROOPS = "contingents.blue_helmets.troops"
BIAS = "contingents.blue_helmets.bias"


@pytest.fixture(scope="module")
def classroom():
    return load_scenario("classroom")


def test_replications_share_seeds_drawn_from_the_master_seed(classroom):
    design = build_design(classroom, grid={TROOPS: [0, 1500]}, reps=3, seed=7)
    runs = list(design.runs())
    assert [r.run_id for r in runs] == [f"p000{p}-r00{r}" for p in (0, 1) for r in (0, 1, 2)]
    assert [r.seed for r in runs[:3]] == [r.seed for r in runs[3:]]
    assert len(set(design.seeds)) == 3
    assert list(build_design(classroom, grid={TROOPS: [0, 1500]}, reps=3, seed=7).runs()) == runs
    assert build_design(classroom, grid={TROOPS: [0, 1500]}, reps=3, seed=8).seeds != design.seeds


def test_grid_is_the_full_factorial_in_the_order_given(classroom):
    design = build_design(classroom, grid={TROOPS: [0, 1500], BIAS: [-0.5, 0, 0.5]})
    assert design.points == [{TROOPS: t, BIAS: b} for t in (0, 1500) for b in (-0.5, 0, 0.5)]
    assert design.size == 6


def test_sampled_design_keeps_whole_number_fields_whole(classroom):
    design = build_design(classroom, ranges={TROOPS: (0, 3000), BIAS: (-1, 1)},
                          sample="sobol", n=8)
    assert len(design.points) == 8 * (2 + 2)
    assert all(isinstance(p[TROOPS], int) and 0 <= p[TROOPS] <= 3000 for p in design.points)
    assert all(isinstance(p[BIAS], float) and -1 <= p[BIAS] <= 1 for p in design.points)
    assert len({p[BIAS] for p in design.points}) > 8


@pytest.mark.parametrize("sample, n, points", [("lhs", 24, 24), ("morris", 3, 3 * (2 + 1))])
def test_other_samplers(classroom, sample, n, points):
    design = build_design(classroom, ranges={TROOPS: (0, 3000), BIAS: (-1, 1)},
                          sample=sample, n=n)
    assert len(design.points) == points


def test_digest_follows_what_decides_results(classroom):
    def digest(**changes):
        options = {"grid": {TROOPS: [0, 1500]}, "reps": 2, "seed": 1, "days": 365} | changes
        return build_design(classroom, **options).digest()

    assert digest() == digest()
    assert len({digest(), digest(reps=3), digest(seed=2), digest(days=730),
                digest(grid={TROOPS: [0, 1000]}), digest(timeseries=True)}) == 6


@pytest.mark.parametrize("options, message", [
    ({"reps": 0}, "--reps 0: must be from 1 to 10,000"),
    ({"reps": 10_001}, "--reps 10001: must be from 1 to 10,000"),
    ({"days": 36_501}, "--days 36501: must be from 1 to 36,500"),
    ({"ranges": {BIAS: (0, 1)}, "sample": "sobol", "n": 2**17}, "--n 131072: must be at most "
     "65,536"),
    ({"ranges": {TROOPS: (0, float("inf"))}, "sample": "lhs", "n": 32},
     "LOW and HIGH must be finite numbers"),
    ({"grid": {TROOPS: list(range(1001)), BIAS: [0, 0.5]}, "reps": 500},
     "this design has 1,001,000 runs (2,002 points x 500 reps); a sweep may have at most "
     "1,000,000"),
    ({"grid": {"contingents.nobody.troops": [0]}},
     "--grid contingents.nobody.troops: no entry named 'nobody'"),
    ({"grid": {BIAS: [0, 1.7]}}, "must be between -1 and 1"),
    ({"ranges": {BIAS: (0, 1)}}, "--range needs --sample"),
    ({"ranges": {BIAS: (0, 1)}, "sample": "sobol", "n": 6}, "power of two"),
    ({"ranges": {BIAS: (0, 1)}, "sample": "lhs", "n": 8}, "above 20"),
    ({"ranges": {BIAS: (0, 1)}, "sample": "sobol", "n": 8, "grid": {TROOPS: [0]}},
     "cannot be combined"),
    ({"sample": "morris", "n": 4}, "needs at least one --range"),
    ({"ranges": {"parties.west.nerve": (0, 1)}, "sample": "morris", "n": 4},
     "--range parties.west.nerve"),
])
def test_bad_designs_are_refused_in_one_line(classroom, options, message):
    with pytest.raises(SweepError, match=None) as caught:
        build_design(classroom, **options)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_parse_grid_and_range():
    assert parse_grid(f"{TROOPS}=0, 750,1500") == (TROOPS, [0, 750, 1500])
    assert parse_grid("contingents.blue_helmets.mandate=observe,enforce") == (
        "contingents.blue_helmets.mandate", ["observe", "enforce"])
    assert parse_range(f"{BIAS}=-1:0.5") == (BIAS, (-1, 0.5))
    for bad in (f"{TROOPS}", f"{TROOPS}=", f"{TROOPS}=1,,2", f"{TROOPS}=1,1"):
        with pytest.raises(SweepError, match="--grid"):
            parse_grid(bad)
    for bad in (f"{BIAS}=1", f"{BIAS}=a:b", f"{BIAS}=1:-1", f"{BIAS}=0:0"):
        with pytest.raises(SweepError, match="--range"):
            parse_range(bad)
    with pytest.raises(SweepError, match=r"LOW \(1\) must be below HIGH \(-1\)"):
        parse_range(f"{BIAS}=1:-1")
