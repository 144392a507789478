"""Tension (ODD 7, "Tension").

A 0..1 field over the grid. A violation raises it by ``tension_per_violation`` at its
target and by ``shooter_tension_share`` of that at the shooter's cell; rumours and
riots raise it where they happen; an offensive sets the new front to 1 within
``offensive_front_cells``. Each step it diffuses to neighbours and decays:
``t <- clip(((1 - s) t + s x mean of neighbours) x k)``, ``s = tension_diffusion``,
``k = 0.5 ^ (days_per_step / tension_halflife_days)``.

Rules read: ``tension_per_violation``, ``shooter_tension_share``,
``tension_diffusion``, ``tension_halflife_days``, ``offensive_front_cells``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import fields

if TYPE_CHECKING:
    from ..agents import Party
    from ..model import ConflictModel

FRONT_MARKERS = 6
"""Markers drawn along a new front on the map (display only)."""


def step(model: ConflictModel) -> None:
    """Diffusion and decay over one step."""
    rules = model.rules
    model.tension[:] = fields.diffuse(
        model.tension,
        rules.tension_diffusion,
        0.5 ** (model.days_per_step / rules.tension_halflife_days),
        model.neighbour_counts,
        model.passable_weight,
    )


def after_violation(model: ConflictModel, target: tuple[int, int],
                    shooter: tuple[int, int]) -> None:
    """Tension rises at a violation's target and, less, at the shooter's cell; units
    there recompute their chances."""
    rules = model.rules
    tx, ty = target
    ux, uy = shooter
    model.tension[tx, ty] = min(1.0, model.tension[tx, ty] + rules.tension_per_violation)
    model.tension[ux, uy] = min(1.0, model.tension[ux, uy] + rules.tension_per_violation
                                * rules.shooter_tension_share)
    model.mark_stale(tx, ty)
    model.mark_stale(ux, uy)


def flare_front(model: ConflictModel, attacker: Party) -> None:
    """Full tension along the attacker's new front (and markers for the map)."""
    front = fields.frontier(model.control.astype(np.int8), attacker.sign,
                            model.terrain.passable)
    cells = np.argwhere(front)
    for x, y in cells[:: max(1, len(cells) // FRONT_MARKERS)]:
        model.markers.append(("offensive", int(x), int(y)))
    near = fields.box_sum(front.astype(float), model.rules.offensive_front_cells) > 0
    model.tension[near] = 1.0
