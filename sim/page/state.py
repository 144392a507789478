"""The page's only reader of the model: a ``ConflictModel`` -> what the browser draws.

Everything the page shows of a run passes through here, so a change in the model's
structure is adapted in this one module. It reads these public names of the model:
``control`` (cells: +1 side A, -1 side B, 0 neither), ``tension`` (0..1), ``terrain``
(``passable``, ``settlement``, ``buffer``, ``road``), ``armed_units`` (``.party``,
``.cell.coordinate``), ``missions`` (``.name``, ``.bias``, ``.mandate``, ``.is_armed``,
``.deployed``, ``.units`` with ``.cell`` and ``.personnel``), ``parties`` (``.name``,
``.side``), ``markers`` (this step's (kind, x, y)), ``event_log`` (dicts day / kind /
text), ``datacollector`` (one row a step) and ``steps`` (Mesa's step count).

The browser receives layers as row-major arrays (``y * width + x``): control as small
integer codes with a palette (0 no one, k party k - 1, so more than two parties need
no new protocol), tension quantised to 0..255, and after the first frame only the
cells that changed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from ..metrics import summarize
from ..runner import table_of

if TYPE_CHECKING:
    from ..model import ConflictModel

PARTY_COLOURS = [("#3b6fb6", "#c6d7ef"), ("#c0504d", "#f2c4c3"), ("#6a8e23", "#d9e8c0"),
                 ("#8e44ad", "#e3d0ec")]
"""Per party in order: (unit colour, territory colour)."""
SIDE_SIGN = {"A": 1, "B": -1}
MARKER_KINDS = ("violation", "riot", "offensive")
FULL_SHARE = 0.3
"""A layer goes whole when more than this share of its cells changed (else as a delta)."""


def _rows(layer: np.ndarray) -> np.ndarray:
    """A model layer (indexed [x, y]) as a row-major flat array (y * width + x)."""
    return np.ascontiguousarray(layer.T).ravel()


def day(model: ConflictModel, days_per_step: int) -> int:
    """Days simulated so far."""
    return model.steps * days_per_step


def collapse_day(model: ConflictModel) -> int | None:
    """The day the ceasefire collapsed, or None."""
    return next((e["day"] for e in model.event_log if e["kind"] == "collapse"), None)


def troops_deployed(model: ConflictModel) -> int:
    """Peacekeeping troops on the ground now (armed missions only)."""
    return sum(u.personnel for m in model.missions if m.deployed and m.is_armed
               for u in m.units)


def events(model: ConflictModel) -> list[dict[str, Any]]:
    """The event log so far in order of day (dicts with ``day``, ``kind``, ``text``)."""
    return sorted(model.event_log, key=lambda e: e["day"])


def summary(model: ConflictModel, seed: int) -> dict[str, Any] | None:
    """The run's metrics so far (``sim.metrics.summarize``); None before the first step."""
    table = table_of(model)
    return summarize(model, table, seed) if len(table) else None


def names(model: ConflictModel) -> tuple[list[tuple[str, str]], list[tuple[str, bool]]]:
    """The parties as (name, side) and the missions as (name, armed), in model order."""
    return ([(p.name, p.side) for p in model.parties],
            [(m.name, m.is_armed) for m in model.missions])


def rows_since(model: ConflictModel, start: int) -> dict[str, list]:
    """The per-step table's rows from index ``start`` on, by column (NaN -> None)."""
    columns = model.datacollector.model_vars
    return {key: [None if isinstance(v, float) and math.isnan(v) else v for v in values[start:]]
            for key, values in columns.items()}


def row_count(model: ConflictModel) -> int:
    """Rows in the per-step table (one a step)."""
    return len(model.datacollector.model_vars.get("day", []))


def scene(model: ConflictModel, horizon: int, km_per_cell: float) -> tuple[dict, list[bytes]]:
    """What does not change during a run: size, palette, missions, terrain layers.

    Buffers: passable, settlement codes, buffer zone, roads (uint8, row-major)."""
    terrain = model.terrain
    width, height = model.control.shape
    parties = [{"name": p.name, "code": i + 1,
                "unit": PARTY_COLOURS[i % len(PARTY_COLOURS)][0],
                "fill": PARTY_COLOURS[i % len(PARTY_COLOURS)][1]}
               for i, p in enumerate(model.parties)]
    missions = [{"name": m.name, "armed": bool(m.is_armed), "bias": float(m.bias),
                 "mandate": m.mandate} for m in model.missions]
    side_names = {p.side: p.name for p in model.parties}
    content = {"type": "scene", "width": int(width), "height": int(height),
               "km_per_cell": km_per_cell, "horizon": horizon, "parties": parties,
               "missions": missions, "bias_plus": side_names.get("A", "side A"),
               "bias_minus": side_names.get("B", "side B")}
    layers = [terrain.passable, terrain.settlement, terrain.buffer, terrain.road]
    return content, [_rows(layer).astype(np.uint8).tobytes() for layer in layers]


class FrameEncoder:
    """Frames of one run for one map: each frame holds what changed since the last one
    sent (a first frame, or one after :meth:`restart`, holds everything)."""

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        """The next frame is whole (a new view, a new run)."""
        self.seq = 0
        self.control: np.ndarray | None = None
        self.tension: np.ndarray | None = None
        self.units: bytes | None = None
        self.mission_units: bytes | None = None

    def encode(self, model: ConflictModel, shown_day: int, status: str,
               markers: list[tuple[str, int, int]]) -> tuple[dict, list[bytes]]:
        """The next frame: day, status line, changed layers, units, and ``markers``
        (the steps' violations, riots and offensives since the last frame)."""
        self.seq += 1
        content: dict[str, Any] = {"type": "frame", "seq": self.seq, "day": shown_day,
                                   "status": status}
        buffers: list[bytes] = []

        def layer(name: str, now: np.ndarray, before: np.ndarray | None) -> None:
            changed = None if before is None else np.flatnonzero(now != before)
            if changed is not None and len(changed) == 0:
                content[name] = "same"
            elif changed is None or len(changed) > FULL_SHARE * now.size:
                content[name] = "full"
                buffers.append(now.tobytes())
            else:
                content[name] = "delta"
                buffers.append(changed.astype(np.uint32).tobytes())
                buffers.append(now[changed].tobytes())

        codes = {SIDE_SIGN[p.side]: i + 1 for i, p in enumerate(model.parties)}
        control = _rows(model.control)
        coded = np.zeros(control.shape, dtype=np.uint8)
        for sign, code in codes.items():
            coded[control == sign] = code
        tension = np.clip(np.rint(_rows(model.tension) * 255), 0, 255).astype(np.uint8)
        layer("control", coded, self.control)
        layer("tension", tension, self.tension)
        self.control, self.tension = coded, tension

        party_code = {id(p): i + 1 for i, p in enumerate(model.parties)}
        units = np.array([(*u.cell.coordinate, party_code[id(u.party)])
                          for u in model.armed_units], dtype=np.uint16).tobytes()
        mission_units = np.array(
            [(*u.cell.coordinate, i) for i, m in enumerate(model.missions) if m.deployed
             for u in m.units if u.cell is not None], dtype=np.uint16).tobytes()
        for name, now, attr in (("units", units, "units"),
                                ("mission_units", mission_units, "mission_units")):
            if now == getattr(self, attr):
                content[name] = "same"
            else:
                content[name] = "full"
                buffers.append(now)
                setattr(self, attr, now)
        content["markers"] = [[MARKER_KINDS.index(k), int(x), int(y)]
                              for k, x, y in markers if k in MARKER_KINDS]
        return content, buffers


def step_markers(model: ConflictModel) -> list[tuple[str, int, int]]:
    """This step's markers as (kind, x, y)."""
    return list(model.markers)
