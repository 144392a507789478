"""Mesa's own Epstein civil-violence example, sized to a target number of agents."""

from __future__ import annotations

import math

from mesa.examples.advanced.epstein_civil_violence.model import (
    EpsteinCivilViolence,
    EpsteinScenario,
)

DENSITY = EpsteinScenario.citizen_density + EpsteinScenario.cop_density
"""Agents per cell in the example's defaults (citizens + cops)."""


def side_for(agents: int) -> int:
    """Side of the square grid that holds about ``agents`` agents at default density."""
    return max(3, round(math.sqrt(agents / DENSITY)))


def build(agents: int, seed: int = 42) -> EpsteinCivilViolence:
    """The example with default parameters on a grid holding about ``agents`` agents.

    The seed is passed explicitly: the example's scenario would otherwise reset it.
    """
    side = side_for(agents)
    return EpsteinCivilViolence(width=side, height=side, scenario=EpsteinScenario(rng=seed))
