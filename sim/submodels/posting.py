"""Posting of armed units and mission patrols (ODD 7, "Posting and patrols").

Each party's armed units hold the cells nearest the contact line, spread along it.
A mission's units stand on posts chosen by its patrol strategy: spread along the
buffer zone (or the line cells when there is none), at settlements (mixed first), or
at the most tense line cells (``hotspots``, re-chosen every step). A mission's
presence field is the personnel within ``reach_cells`` of each cell.

Rules read: ``front_depth_cells``, ``reach_cells``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import fields
from ..agents import ArmedUnit, MissionUnit
from ..terrain import SETTLEMENT_MIXED, SIDE_A, SIDE_B

if TYPE_CHECKING:
    from ..agents import Mission, Party
    from ..model import ConflictModel


def step(model: ConflictModel) -> None:
    """Missions on a hotspot patrol move to the most tense line cells."""
    for mission in model.missions:
        if mission.deployed and mission.patrol == "hotspots":
            station(model, mission)


# ------------------------------------------------------------ armed units


def place_units(model: ConflictModel, party: Party, count: int) -> None:
    """Spread ``count`` units over the party's cells nearest the contact line."""
    for unit in [u for u in model.armed_units if u.party is party]:
        unit.remove()
    model.armed_units[:] = [u for u in model.armed_units if u.party is not party]
    for x, y in front_posts(model, party, count):
        unit = ArmedUnit(model, party)
        unit.move_to(model.grid[(int(x), int(y))])
        model.armed_units.append(unit)
    model.index_units()


def front_posts(model: ConflictModel, party: Party, count: int) -> np.ndarray:
    """``count`` cells of ``party`` nearest the line, spread along it."""
    own = model.control == party.sign
    if not own.any() or count == 0:
        return np.empty((0, 2), dtype=int)
    not_own = (~own) & model.terrain.passable
    distance = fields.chebyshev_distance(not_own, limit=max(model.control.shape))
    cells = np.argwhere(own & model.terrain.passable)
    depth = distance[cells[:, 0], cells[:, 1]]
    order = np.lexsort((along_line(model, cells), depth))
    cells, depth = cells[order], depth[order]
    near_line = int((depth <= model.rules.front_depth_cells).sum())
    return cells[spread(near_line, count, len(cells))]


def along_line(model: ConflictModel, cells: np.ndarray) -> np.ndarray:
    """Position along the contact line: y for a north-south line, else x."""
    w, h = model.control.shape
    return cells[:, 1] if h >= w else cells[:, 0]


def spread(available: int, count: int, total: int) -> np.ndarray:
    """``count`` indices spread evenly over the first ``available`` of ``total``."""
    if count <= 0 or total == 0:
        return np.empty(0, dtype=int)
    pool = max(1, min(total, max(available, count)))
    return (np.floor((np.arange(count) + 0.5) * pool / count).astype(int)) % total


# ------------------------------------------------------------ the contact line


def initial_line(model: ConflictModel) -> np.ndarray:
    """Cells of either side touching the other side's (or neither side's) cells."""
    passable = model.terrain.passable
    line = fields.frontier(model.terrain.control, SIDE_A, passable)
    line |= fields.frontier(model.terrain.control, SIDE_B, passable)
    return line


def line_cells(model: ConflictModel) -> np.ndarray:
    """The buffer zone if there is one, else the cells on either side of the line."""
    buffer = model.terrain.buffer & (model.control == 0) & model.terrain.passable
    if buffer.any():
        return buffer
    passable = model.terrain.passable
    control = model.control.astype(np.int8)
    return fields.frontier(control, SIDE_A, passable) | fields.frontier(
        control, SIDE_B, passable
    )


def line_tension(model: ConflictModel) -> float:
    """Mean tension over the cells along the contact line (0..1)."""
    line = line_cells(model)
    return float(model.tension[line].mean()) if line.any() else 0.0


# ------------------------------------------------------------ missions


def patrol_posts(model: ConflictModel, patrol: str, count: int) -> np.ndarray:
    """Cells for ``count`` mission units under a patrol strategy."""
    line = line_cells(model)
    if patrol == "settlements":
        settlement = model.terrain.settlement
        settled = settlement > 0
        mixed = np.argwhere(settlement == SETTLEMENT_MIXED)
        others = np.argwhere(settled & (settlement != SETTLEMENT_MIXED))
        candidates = np.concatenate([mixed, others]) if settled.any() else np.argwhere(line)
        return candidates[np.arange(count) % len(candidates)]
    cells = np.argwhere(line)
    cells = cells[np.argsort(along_line(model, cells), kind="stable")]
    if patrol == "hotspots":
        heat = model.tension[cells[:, 0], cells[:, 1]]
        order = np.argsort(-heat, kind="stable")
        return cells[order[np.arange(count) % len(cells)]]
    return cells[spread(len(cells), count, len(cells))]


def deploy(model: ConflictModel, mission: Mission, personnel: int | None = None) -> None:
    """The mission deploys (with ``personnel`` instead of its planned strength if given);
    each party's first view of it is its consent."""
    if personnel is not None:
        mission.planned_personnel = personnel
    mission.deployed = True
    for party in model.parties:
        party.legitimacy.setdefault(mission.name, mission.consent.get(party.name, 1.0))
    set_personnel(model, mission, mission.planned_personnel)


def set_personnel(model: ConflictModel, mission: Mission, personnel: int) -> None:
    """Units so that the mission holds ``personnel`` (the last unit partial), stationed."""
    for unit in mission.units:
        unit.remove()
    mission.units = []
    full, rest = divmod(max(0, personnel), mission.per_unit)
    sizes = [mission.per_unit] * full + ([rest] if rest else [])
    for size in sizes:
        mission.units.append(MissionUnit(model, mission, size))
    station(model, mission)


def withdraw(model: ConflictModel, mission: Mission) -> None:
    set_personnel(model, mission, 0)
    mission.deployed = False


def station(model: ConflictModel, mission: Mission) -> None:
    """Put the mission's units on their posts; recompute its presence when the posts
    or the units' sizes have changed (a changed presence is a new array)."""
    sizes = [u.personnel for u in mission.units]
    posts = (patrol_posts(model, mission.patrol, len(mission.units)) if mission.units
             else np.empty((0, 2), dtype=int))
    for unit, (x, y) in zip(mission.units, posts, strict=True):
        unit.move_to(model.grid[(int(x), int(y))])
    stationed = (np.asarray(posts).tobytes(), sizes)
    if stationed == mission.stationed:
        return
    mission.stationed = stationed
    field = fields.point_field(model.terrain.shape, np.asarray(posts),
                               np.array(sizes, dtype=float))
    mission.presence = fields.box_sum(field, model.rules.reach_cells)
