"""Numpy operations on whole-grid fields (arrays indexed ``[x, y]``).

These are the hot paths of a step: they cost O(cells) whatever the number of agents.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

_OFFSETS = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if (dx, dy) != (0, 0)]


def neighbour_counts(shape: tuple[int, int]) -> np.ndarray:
    """Number of Moore neighbours of each cell on a bounded grid (3, 5 or 8)."""
    return neighbour_sum(np.ones(shape))


def neighbour_sum(field: np.ndarray) -> np.ndarray:
    """Sum of the 8 Moore neighbours of every cell; cells off the grid count 0.

    Each neighbour is added in place over the part of the grid it overlaps, in a
    fixed order (adding an off-grid 0 would not change a sum).
    """
    w, h = field.shape
    total = np.zeros(field.shape, dtype=float)
    for dx, dy in _OFFSETS:
        target = total[max(0, -dx) : w - max(0, dx), max(0, -dy) : h - max(0, dy)]
        target += field[max(0, dx) : w + min(0, dx), max(0, dy) : h + min(0, dy)]
    return total


BLOCK_CELLS = 32768
"""Cells updated together by ``diffuse`` (256 KiB of float64: stays in a core's cache)."""


def diffuse(
    field: np.ndarray, share: float, keep: float, counts: np.ndarray, passable: np.ndarray
) -> np.ndarray:
    """One diffusion-and-decay update of a 0..1 field.

    ``share`` (0..1) of each cell's value moves to the mean of its neighbours, then
    everything is multiplied by ``keep`` (0..1, the decay over the step). Impassable
    cells hold nothing. The grid is updated in blocks of rows (each with its
    neighbouring rows), so a large grid costs no more per cell than a small one.
    """
    w, h = field.shape
    rows = max(1, BLOCK_CELLS // max(1, h))
    result = np.empty(field.shape)
    for x0 in range(0, w, rows):
        x1 = min(w, x0 + rows)
        lo, hi = max(0, x0 - 1), min(w, x1 + 1)
        spread = neighbour_sum(field[lo:hi])[x0 - lo : x1 - lo]
        spread *= share
        spread /= counts[x0:x1]
        mixed = result[x0:x1]
        np.multiply(1 - share, field[x0:x1], out=mixed)
        mixed += spread
        mixed *= keep
        mixed *= passable[x0:x1]
        np.clip(mixed, 0.0, 1.0, out=mixed)
    return result


def box_sum(weights: np.ndarray, radius: int) -> np.ndarray:
    """Sum of ``weights`` over the (2r+1)^2 square around every cell (clipped at edges).

    Uses an integral image, so the cost does not depend on the radius or on how
    many cells carry weight.
    """
    w, h = weights.shape
    integral = np.zeros((w + 1, h + 1))
    integral[1:, 1:] = weights.cumsum(0).cumsum(1)
    x0 = np.clip(np.arange(w) - radius, 0, w)
    x1 = np.clip(np.arange(w) + radius + 1, 0, w)
    y0 = np.clip(np.arange(h) - radius, 0, h)
    y1 = np.clip(np.arange(h) + radius + 1, 0, h)
    return (
        integral[np.ix_(x1, y1)]
        - integral[np.ix_(x0, y1)]
        - integral[np.ix_(x1, y0)]
        + integral[np.ix_(x0, y0)]
    )


def window(shape: tuple[int, int], x: int, y: int, radius: int) -> tuple[slice, slice]:
    """Index of the (2r+1)^2 square around (x, y), clipped at the edges of the grid."""
    w, h = shape
    return (slice(max(0, x - radius), min(w, x + radius + 1)),
            slice(max(0, y - radius), min(h, y + radius + 1)))


def point_field(shape: tuple[int, int], positions: np.ndarray, values: np.ndarray) -> np.ndarray:
    """A grid holding ``values`` summed at integer ``positions`` (n x 2 array of x, y)."""
    field = np.zeros(shape)
    if len(positions):
        np.add.at(field, (positions[:, 0], positions[:, 1]), values)
    return field


def chebyshev_distance(mask: np.ndarray, limit: int) -> np.ndarray:
    """Moore-step distance from every cell to the nearest ``True`` cell of ``mask``.

    Cells farther than ``limit`` get ``limit + 1``. A chamfer transform with the
    chessboard metric: two passes over the grid, whatever the distances.
    """
    if not mask.any():
        return np.full(mask.shape, limit + 1, dtype=np.int32)
    distance = ndimage.distance_transform_cdt(~mask, metric="chessboard").astype(np.int32)
    distance[distance > limit] = limit + 1
    return distance


def frontier(control: np.ndarray, side: int, passable: np.ndarray) -> np.ndarray:
    """Cells held by ``side`` that touch a passable cell not held by ``side``."""
    own = control == side
    other = (~own) & passable
    return own & (neighbour_sum(other.astype(float)) > 0)
