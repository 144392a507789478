"""Displacement (ODD 7, "Displacement").

Civilians are two population layers (one per side). A share
``displaced_share_under_fire`` of a cell's civilians flee when it is hit; a share
``riot_displaced_share`` flee a riot; the defender's civilians in cells an offensive
takes all flee, and ``offensive_civilian_death_share`` of them die. Every one who
flees counts in ``displaced``.

Rules read: ``displaced_share_under_fire`` (violations), ``riot_displaced_share``
(rumours and riots), ``offensive_civilian_death_share``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..agents import Party
    from ..model import ConflictModel


def flee(model: ConflictModel, cells: np.ndarray, share: float) -> None:
    """``share`` of the civilians of both sides in ``cells`` (n x 2 of x, y) flee."""
    xs, ys = cells[:, 0], cells[:, 1]
    for population in (model.population_a, model.population_b):
        fleeing = population[xs, ys] * share
        population[xs, ys] -= fleeing
        model.displaced += float(fleeing.sum())


def overrun(model: ConflictModel, defender: Party, taken: np.ndarray) -> tuple[int, float]:
    """The defender's civilians in the ``taken`` cells (a mask): some die, all flee.
    Returns (civilian deaths, people who fled)."""
    population = model.population_a if defender.side == "A" else model.population_b
    deaths = model.rng.poisson(model.rules.offensive_civilian_death_share
                               * population[taken].sum())
    fled = population[taken].sum()
    population[taken] = 0.0
    model.displaced += float(fled)
    return deaths, fled
