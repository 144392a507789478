"""The map: who holds each cell, settlements, buffer zone, roads, impassable cells.

Arrays are indexed ``[x, y]`` with x the column (0 = west) and y the row (0 = top
row of the layout), matching ``cell.coordinate`` of the Mesa grid.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import MapSpec, layout_rows
from .rules import RULES

SIDE_A, NEITHER, SIDE_B = 1, 0, -1
SETTLEMENT_NONE, SETTLEMENT_A, SETTLEMENT_B, SETTLEMENT_MIXED = 0, 1, 2, 3


@dataclass
class Terrain:
    control: np.ndarray  # int8: +1 side A, -1 side B, 0 neither (buffer zone)
    settlement: np.ndarray  # int8: SETTLEMENT_* codes
    buffer: np.ndarray  # bool: buffer zone (including roads)
    road: np.ndarray  # bool
    passable: np.ndarray  # bool
    population_a: np.ndarray  # float: civilians of side A per cell
    population_b: np.ndarray  # float: civilians of side B per cell

    @property
    def shape(self) -> tuple[int, int]:
        return self.control.shape


def build_terrain(spec: MapSpec, settlement_factor: float = RULES.settlement_population_factor
                  ) -> Terrain:
    """The terrain from the layout, or the generated two-halves map. A settlement cell
    holds ``settlement_factor`` times the civilians of an ordinary cell."""
    chars = _layout_chars(spec) if spec.layout else _generated_chars(spec)
    control = np.where(np.isin(chars, ["A", "a"]), SIDE_A, 0)
    control = np.where(np.isin(chars, ["B", "b"]), SIDE_B, control).astype(np.int8)
    settlement = np.zeros(chars.shape, dtype=np.int8)
    settlement[chars == "a"] = SETTLEMENT_A
    settlement[chars == "b"] = SETTLEMENT_B
    settlement[chars == "m"] = SETTLEMENT_MIXED
    buffer = np.isin(chars, ["=", "+", "m"])
    passable = chars != "#"
    weight = np.where(settlement > 0, settlement_factor, 1.0) * passable
    base = spec.population_per_cell * weight
    population_a = np.where(control == SIDE_A, base, 0.0)
    population_b = np.where(control == SIDE_B, base, 0.0)
    mixed = settlement == SETTLEMENT_MIXED
    population_a[mixed] = base[mixed] / 2
    population_b[mixed] = base[mixed] / 2
    return Terrain(
        control=control,
        settlement=settlement,
        buffer=buffer,
        road=chars == "+",
        passable=passable,
        population_a=population_a,
        population_b=population_b,
    )


def _layout_chars(spec: MapSpec) -> np.ndarray:
    rows = layout_rows(spec.layout or "")
    return np.array([list(row) for row in rows]).T  # [x, y]


def _generated_chars(spec: MapSpec) -> np.ndarray:
    """Side A west, side B east, a buffer zone of ``buffer_cells`` columns between."""
    w, h = spec.width, spec.height
    chars = np.full((w, h), "A")
    west_end = (w - spec.buffer_cells) // 2
    east_start = west_end + spec.buffer_cells
    chars[east_start:, :] = "B"
    chars[west_end:east_start, :] = "="
    depth = max(1, west_end)
    for i in range(spec.settlements):
        y = int((i + 0.5) * h / spec.settlements)
        offset = 2 + (i * 5) % max(1, depth - 3)
        chars[max(0, west_end - offset), y] = "a"
        chars[min(w - 1, east_start + offset - 1), y] = "b"
    if spec.buffer_cells:
        column = west_end + spec.buffer_cells // 2
        for i in range(spec.mixed_settlements):
            y = int((i + 0.5) * h / spec.mixed_settlements)
            chars[column, y] = "m"
    return chars
