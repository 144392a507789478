"""Numpy field operations against brute-force definitions."""

import numpy as np

from sim import fields


def brute_box_sum(weights, r):
    w, h = weights.shape
    out = np.zeros_like(weights)
    for x in range(w):
        for y in range(h):
            out[x, y] = weights[max(0, x - r):x + r + 1, max(0, y - r):y + r + 1].sum()
    return out


def test_box_sum_matches_brute_force():
    rng = np.random.default_rng(1)
    weights = rng.random((13, 9))
    for r in (0, 1, 3, 20):
        np.testing.assert_allclose(fields.box_sum(weights, r), brute_box_sum(weights, r))


def test_neighbour_counts_on_bounded_grid():
    counts = fields.neighbour_counts((5, 4))
    assert counts[0, 0] == 3 and counts[0, 1] == 5 and counts[2, 2] == 8


def test_tension_diffuses_to_neighbours_and_decays():
    t = np.zeros((9, 9))
    t[4, 4] = 1.0
    counts = fields.neighbour_counts(t.shape)
    passable = np.ones_like(t)
    spread = fields.diffuse(t, share=0.5, keep=1.0, counts=counts, passable=passable)
    assert spread[4, 4] == 0.5
    assert spread[3, 4] > 0 and spread[5, 5] > 0 and spread[0, 0] == 0
    decayed = fields.diffuse(t, share=0.0, keep=0.5, counts=counts, passable=passable)
    assert decayed[4, 4] == 0.5 and decayed.sum() == 0.5


def test_impassable_cells_hold_no_tension():
    t = np.full((5, 5), 0.8)
    passable = np.ones_like(t)
    passable[2, 2] = 0
    out = fields.diffuse(t, 0.3, 1.0, fields.neighbour_counts(t.shape), passable)
    assert out[2, 2] == 0 and out[0, 0] > 0


def test_chebyshev_distance_matches_definition():
    mask = np.zeros((7, 6), dtype=bool)
    mask[1, 1] = mask[5, 4] = True
    got = fields.chebyshev_distance(mask, limit=10)
    pts = np.argwhere(mask)
    for x in range(7):
        for y in range(6):
            assert got[x, y] == min(max(abs(x - px), abs(y - py)) for px, py in pts)


def test_frontier_is_own_cells_touching_others():
    control = np.array([[1, 1, 0, -1]] * 3).T  # x = column
    front = fields.frontier(control, 1, np.ones_like(control, dtype=bool))
    assert front[1].all() and not front[0].any()
