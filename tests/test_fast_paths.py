"""The numpy fast paths give the same numbers as the plain definitions they replace."""

from __future__ import annotations

import numpy as np
import pytest

import sim
from sim import fields
from sim.agents.armed_unit import DELIBERATE
from sim.submodels import violations


def brute_chebyshev(mask: np.ndarray, limit: int) -> np.ndarray:
    w, h = mask.shape
    xs, ys = np.nonzero(mask)
    out = np.full(mask.shape, limit + 1, dtype=np.int32)
    for x in range(w):
        for y in range(h):
            if len(xs):
                d = int(np.max([np.abs(xs - x), np.abs(ys - y)], axis=0).min())
                out[x, y] = d if d <= limit else limit + 1
    return out


@pytest.mark.parametrize("seed", range(6))
def test_chebyshev_distance_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    w, h = rng.integers(1, 14, 2)
    mask = rng.random((w, h)) < [0.0, 0.02, 0.1, 0.3, 0.7, 1.0][seed]
    limit = int(rng.integers(0, 12))
    assert np.array_equal(fields.chebyshev_distance(mask, limit), brute_chebyshev(mask, limit))


def test_neighbour_sum_matches_padded_definition():
    field = np.random.default_rng(1).random((9, 5))
    padded = np.pad(field, 1)
    expected = sum(padded[1 + dx : 10 + dx, 1 + dy : 6 + dy]
                   for dx in (-1, 0, 1) for dy in (-1, 0, 1) if (dx, dy) != (0, 0))
    assert np.allclose(fields.neighbour_sum(field), expected, rtol=0, atol=1e-12)


def test_diffusion_in_blocks_is_bit_identical_to_one_block(monkeypatch):
    rng = np.random.default_rng(2)
    field = rng.random((23, 7)) * (rng.random((23, 7)) < 0.6)
    passable = (rng.random((23, 7)) < 0.9).astype(float)
    counts = fields.neighbour_counts(field.shape)
    whole = fields.diffuse(field, 0.25, 0.84, counts, passable)
    monkeypatch.setattr(fields, "BLOCK_CELLS", 10)  # blocks of one row
    blocks = fields.diffuse(field, 0.25, 0.84, counts, passable)
    assert blocks.tobytes() == whole.tobytes()


def _model_after(steps: int) -> sim.ConflictModel:
    model = sim.ConflictModel(sim.load_scenario(
        "classroom", {"parties.west.hostility": 0.9, "parties.east.hostility": 0.9}), rng=3)
    for _ in range(steps):
        model.step()
    return model


def test_prepared_chances_equal_each_units_own():
    model = _model_after(20)
    violations.prepare_chances(model)
    for unit in model.armed_units:
        assert unit.chances == unit.violation_chances()
        assert unit.chances[1] <= model.highest_chance


def test_a_violation_drops_the_prepared_chances_it_changes():
    model = _model_after(20)
    violations.prepare_chances(model)
    for shooter in model.armed_units[:10]:
        violations.fire(model, shooter, DELIBERATE)
    dropped = [u for u in model.armed_units if u.chances is None]
    assert dropped, "ten violations near the line touched no unit"
    for unit in model.armed_units:
        if unit.chances is not None:
            assert unit.chances == unit.violation_chances()
