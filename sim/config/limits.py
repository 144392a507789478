"""How large a scenario may be: every size has a limit, stated in its error.

The resource limits (:class:`Limits`) keep a run within about 5 s of CPU time per
simulated year and a few hundred MB; ``docs/scenarios.md`` gives the measurements
behind them. The other limits bound what a scenario file can say at all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Resource limits of a scenario, checked at validation.

    A benchmark that measures the model beyond them passes its own ``Limits`` to
    ``load_scenario`` or ``validate``; everything a user runs is checked against
    ``LIMITS``.
    """

    cells: int = 100_000
    """Map cells (width x height). Building the grid costs about 15 us and 1.3 KB a
    cell: 100,000 cells take about 1.5 s and 130 MB."""
    units_per_party: int = 10_000
    """Armed units of one party (also at most one per passable cell the party holds)."""
    personnel: int = 1_000_000
    """Troops of a contingent or battalion, monitors of an observer mission, or troops
    an event sets: more than any peacekeeping force ever fielded."""
    mission_units: int = 2_000
    """Peacekeeping units and observer teams of all missions together, each mission at
    its largest (its own size or an event's). Units share cells; every violation
    visits the agents near it, so stacked units slow every shot."""
    unit_steps_per_year: int = 60_000
    """(Armed units + mission units on ``hotspots`` patrol, which move every step) x
    steps per simulated year: 1,150 armed units at 7 days a step, 164 at 1 day. An
    armed unit costs under 10 us a step when calm and about 60 us when it fires
    every step, so this is at most about 5 s of CPU time a simulated year."""


LIMITS = Limits()
"""The limits every scenario a user gives is checked against."""

MAX_FILE_BYTES = 1_000_000
"""A scenario file: the largest map layout (100,000 cells) is about 100 KB."""
MAX_DEPTH = 10
"""Tables and arrays nested in each other; the deepest the schema uses is 6
(``contingents[].battalions[].source``)."""
MAX_DAY = 36_500
"""Every day number (horizon, deployment, withdrawal, events, notice): 100 years."""
MAX_MISSIONS = 20
"""Contingents without battalions, battalions and observer missions together; each
carries a field of the whole map and two legitimacy columns per step."""
MAX_MEDIATORS = 20
MAX_PATRONS = 20
MAX_EVENTS = 1_000
MAX_NAME_CHARS = 64
MAX_TEXT_CHARS = 10_000
"""Free text: titles, descriptions, contributors, dates, source passages."""
MAX_POPULATION_PER_CELL = 1_000_000.0
"""Civilians in an ordinary cell (settlements hold ten times as many)."""
MAX_BATTLE_DEATHS = 1_000_000_000
"""The collapse threshold (battle deaths within the window)."""
STRENGTH_GROWTH_RANGE = (-0.5, 10.0)
"""Yearly growth of a party's strength, from halving every year to elevenfold.
Strength is relative and enters as a ratio of the two parties' strengths: a party
losing more than half of it every year for decades has ceased to be a party, and
the model represents defeat by offensives, not by growth. With these bounds every
strength stays a normal floating-point number over the longest horizon
(0.01 x 0.5**100 = 8e-33; 1000 x 11**100 = 1e107), so the ratio never divides by 0."""
