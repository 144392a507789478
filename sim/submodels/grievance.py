"""Grievance and retaliation (ODD 7, "Grievance and retaliation").

A violation the victim blames on the other side adds grievance to the victim's units
near the hit; grievance adds to a unit's pressure to fire and halves every
``grievance_halflife_days``. A deliberate violation by a unit holding more than
``retaliation_threshold`` counts as a retaliation.

Rules read: ``grievance_per_blamed_violation``, ``grievance_reach_cells``,
``grievance_halflife_days``, ``retaliation_threshold``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..agents import ArmedUnit, Party
    from ..model import ConflictModel
    from ..rules import Rules


def keep_per_step(rules: Rules, days_per_step: int) -> float:
    """Share of a unit's grievance left after one step."""
    return 0.5 ** (days_per_step / rules.grievance_halflife_days)


def fade(unit: ArmedUnit) -> bool:
    """Fade the unit's grievance for this step; True if it was retaliating."""
    held = unit.grievance
    retaliating = held > unit.model.rules.retaliation_threshold
    if held:
        unit.grievance = held * unit.model.grievance_keep
    return retaliating


def aggrieve(model: ConflictModel, victim: Party, x: int, y: int) -> None:
    """Units of ``victim`` within ``grievance_reach_cells`` of (x, y) blame the other side
    for the hit (and recompute their chances)."""
    reach = model.rules.grievance_reach_cells
    near = ((np.abs(model.unit_x - x) <= reach) & (np.abs(model.unit_y - y) <= reach)
            & (model.unit_party == victim.index))
    added = model.rules.grievance_per_blamed_violation
    units = model.armed_units
    for i in np.flatnonzero(near).tolist():
        unit = units[i]
        unit.grievance += added
        unit.chances = None
