"""Checks that span the tables of a scenario: names, references, days, the map, and
the resource limits. A scenario that passes them runs.

Each check raises :class:`~sim.config.errors.Problem` at the key to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .errors import Loc, Problem, key_of
from .limits import MAX_MISSIONS, Limits

if TYPE_CHECKING:
    from .schema import Scenario


def check_scenario(s: Scenario, limits: Limits) -> None:
    """Every check, cheapest first; the map is built only within the limits."""
    _two_sides(s)
    _unique_names(s)
    _references(s)
    _contributors(s)
    _days(s)
    _sizes(s, limits)
    _map(s)
    _steps_per_year(s, limits)


# ---------------------------------------------------------------- names and references


def _two_sides(s: Scenario) -> None:
    if sorted(p.side for p in s.parties) != ["A", "B"]:
        raise Problem(("parties",), "need exactly two parties, one with side 'A', one with 'B'")


def _unique_names(s: Scenario) -> None:
    """Names are unique within parties, mediators, patrons and events; contingents,
    battalions and observer missions share one set of names (a party's legitimacy of
    each is kept by name)."""
    missions: list[tuple[Loc, str]] = []
    for i, c in enumerate(s.contingents):
        missions.append((("contingents", i, "name"), c.name))
        missions += [(("contingents", i, "battalions", j, "name"), b.name)
                     for j, b in enumerate(c.battalions)]
    missions += [(("observers", i, "name"), o.name) for i, o in enumerate(s.observers)]
    groups = [("contingents, battalions and observer missions", missions)]
    for section in ("parties", "mediators", "patrons", "events"):
        entries = getattr(s, section)
        groups.append((section, [((section, i, "name"), e.name) for i, e in enumerate(entries)]))
    for what, named in groups:
        first: dict[str, Loc] = {}
        for loc, name in named:
            if name in first:
                raise Problem(loc, f"already names {key_of(first[name][:-1])}; {what} "
                              "each need a name of their own")
            first[name] = loc


def _references(s: Scenario) -> None:
    parties = [p.name for p in s.parties]
    missions = [c.name for c in s.contingents] + [o.name for o in s.observers]
    patrons = [p.name for p in s.patrons]
    allowed = ", ".join(parties)
    for section in ("contingents", "observers"):
        for i, entry in enumerate(getattr(s, section)):
            for party in entry.consent:
                if party not in parties:
                    raise Problem((section, i, "consent", party),
                                  f"unknown party; allowed: {allowed}", show_value=False)
    for i, patron in enumerate(s.patrons):
        if patron.client not in parties:
            raise Problem(("patrons", i, "client"), f"unknown party; allowed: {allowed}")
    for i, event in enumerate(s.events):
        if event.contingent is not None and event.contingent not in missions:
            raise Problem(("events", i, "contingent"), "unknown mission; allowed: "
                          f"{', '.join(missions) or 'none defined'}")
        if event.party is not None and event.party not in parties:
            raise Problem(("events", i, "party"), f"unknown party; allowed: {allowed}")
        if event.patron is not None and event.patron not in patrons:
            raise Problem(("events", i, "patron"), "unknown patron; allowed: "
                          f"{', '.join(patrons) or 'none defined'}")


def _fold(text: str) -> str:
    """A name as compared for near misses: lower case, spaces and dashes as '_'."""
    return re.sub(r"[\s_-]+", "_", text.strip().lower())


def _contributors(s: Scenario) -> None:
    """A contributor that names a patron names it exactly: the model compares the two
    to lower the legitimacy the patron's contingent has with the other side, so
    'Russia' for the patron 'russia' would silently never match."""
    patrons = {_fold(p.name): p.name for p in s.patrons}
    for i, c in enumerate(s.contingents):
        given = [(("contingents", i, "contributor"), c.contributor)]
        given += [(("contingents", i, "battalions", j, "contributor"), b.contributor)
                  for j, b in enumerate(c.battalions)]
        for loc, contributor in given:
            patron = patrons.get(_fold(contributor))
            if patron is not None and contributor != patron:
                raise Problem(loc, f"names the patron '{patron}' in another spelling: write "
                              f"'{patron}' if the patron sends it (its contingent then loses "
                              "legitimacy with the other side), else another name")


def _days(s: Scenario) -> None:
    for section in ("contingents", "observers"):
        for i, entry in enumerate(getattr(s, section)):
            if entry.withdraw_day is not None and entry.withdraw_day < entry.deploy_day:
                raise Problem((section, i, "withdraw_day"),
                              f"before deploy_day = {entry.deploy_day}: must be on or after it")


# ---------------------------------------------------------------- sizes


@dataclass
class _Mission:
    """A mission's units at its largest, from its own size and the events' troops."""

    loc: Loc
    per_unit_key: str
    units: int
    hotspots: bool


def _personnel(s: Scenario) -> Iterator[tuple[Loc, int, str]]:
    for i, c in enumerate(s.contingents):
        if c.battalions:
            for j, b in enumerate(c.battalions):
                yield ("contingents", i, "battalions", j, "troops"), b.troops, "troops"
        else:
            yield ("contingents", i, "troops"), c.troops, "troops"
    for i, o in enumerate(s.observers):
        yield ("observers", i, "monitors"), o.monitors, "monitors"
    for i, e in enumerate(s.events):
        if e.troops is not None:
            yield ("events", i, "troops"), e.troops, "troops or monitors"


def _missions(s: Scenario) -> list[_Mission]:
    """Units of each contingent (all its battalions) and observer mission at its
    largest. An event's troops are shared among battalions as the model shares them."""
    sizes: dict[str, list[int]] = {}
    for e in s.events:
        if e.troops is not None and e.contingent is not None:
            sizes.setdefault(e.contingent, []).append(e.troops)
    found = []
    for i, c in enumerate(s.contingents):
        parts = [b.troops for b in c.battalions] or [c.troops]
        total = sum(parts)
        options = [parts] + [[round(t * p / total) if total else 0 for p in parts]
                             for t in sizes.get(c.name, [])]
        units = max(sum(_units(p, c.troops_per_unit) for p in option) for option in options)
        found.append(_Mission(("contingents", i), "troops_per_unit", units,
                              c.patrol == "hotspots"))
    for i, o in enumerate(s.observers):
        largest = max([o.monitors, *sizes.get(o.name, [])])
        found.append(_Mission(("observers", i), "monitors_per_team",
                              _units(largest, o.monitors_per_team), False))
    return found


def _units(personnel: int, per_unit: int) -> int:
    """Units of ``per_unit`` holding ``personnel`` (the last one partial)."""
    return -(-personnel // per_unit)


def _sizes(s: Scenario, limits: Limits) -> None:
    missions = sum(max(1, len(c.battalions)) for c in s.contingents) + len(s.observers)
    if missions > MAX_MISSIONS:
        raise Problem(("contingents",), f"{missions} missions (contingents, battalions and "
                      f"observer missions together): at most {MAX_MISSIONS}")
    for loc, count, what in _personnel(s):
        if count > limits.personnel:
            raise Problem(loc, f"at most {limits.personnel:,} {what}")
    found = _missions(s)
    total = sum(m.units for m in found)
    if total > limits.mission_units:
        largest = max(found, key=lambda m: m.units)
        raise Problem(largest.loc + (largest.per_unit_key,),
                      f"makes {largest.units:,} units or teams at the mission's largest, "
                      f"{total:,} with the other missions: at most {limits.mission_units:,} "
                      f"in all; raise {largest.per_unit_key}")
    for i, party in enumerate(s.parties):
        if party.units > limits.units_per_party:
            raise Problem(("parties", i, "units"),
                          f"at most {limits.units_per_party:,} armed units per party")
    cells = s.map.width * s.map.height
    if cells > limits.cells:
        raise Problem(("map",), f"{s.map.width:,} x {s.map.height:,} = {cells:,} cells: "
                      f"at most {limits.cells:,} cells")


def _steps_per_year(s: Scenario, limits: Limits) -> None:
    """Agents that act every step, times steps in a simulated year."""
    armed = sum(p.units for p in s.parties)
    moving = sum(m.units for m in _missions(s) if m.hotspots)
    days = s.scenario.days_per_step
    per_year = (armed + moving) * 365 / days
    if per_year > limits.unit_steps_per_year:
        hotspots = f" and {moving:,} units on hotspots patrol" if moving else ""
        raise Problem(("scenario", "days_per_step"),
                      f"{armed:,} armed units{hotspots} acting every {days} days make "
                      f"{per_year:,.0f} unit-steps a simulated year: at most "
                      f"{limits.unit_steps_per_year:,} (about 5 s of computing a year); "
                      "use fewer units or more days a step")


# ---------------------------------------------------------------- the map


def _map(s: Scenario) -> None:
    """Each side holds passable cells, at least one per armed unit, and the sides meet
    (directly or across the buffer zone), so there is a contact line to stand on."""
    from ..terrain import SIDE_A, SIDE_B, build_terrain

    terrain = build_terrain(s.map)
    where: Loc = ("map", "layout") if s.map.layout is not None else ("map",)
    signs = {"A": SIDE_A, "B": SIDE_B}
    held = {side: (terrain.control == sign) & terrain.passable for side, sign in signs.items()}
    for party in s.parties:
        if not held[party.side].any():
            raise Problem(where, f"side {party.side} ({party.name}) holds no passable cell; "
                          "each party needs territory", show_value=False)
    if not sides_meet(terrain.control, terrain.passable):
        raise Problem(where, "the sides never meet: no cell of side A touches side B or a "
                      "buffer zone ('=', '+', 'm') that reaches side B; the parties need a "
                      "contact line", show_value=False)
    for i, party in enumerate(s.parties):
        cells = int(held[party.side].sum())
        if party.units > cells:
            raise Problem(("parties", i, "units"), f"side {party.side} holds {cells:,} "
                          "passable cells: at most one armed unit a cell")


def sides_meet(control: np.ndarray, passable: np.ndarray) -> bool:
    """Whether a passable cell of side A touches (Moore neighbourhood) one of side B,
    or both touch one connected stretch of passable cells held by neither side (the
    buffer zone): where there is a contact line. ``control`` as in ``sim.terrain``."""
    from scipy import ndimage

    from ..terrain import NEITHER, SIDE_A, SIDE_B

    ring = np.ones((3, 3), dtype=bool)
    side_a, side_b = (control == SIDE_A) & passable, (control == SIDE_B) & passable
    near_a = ndimage.binary_dilation(side_a, structure=ring)
    near_b = ndimage.binary_dilation(side_b, structure=ring)
    if (near_a & side_b).any():
        return True
    buffer = passable & (control == NEITHER)
    stretches, _ = ndimage.label(buffer, structure=ring)
    shared = np.intersect1d(stretches[near_a & buffer], stretches[near_b & buffer])
    return bool((shared > 0).any())
