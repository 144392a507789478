"""Peacekeeping contingents and observer missions, and their units on the grid."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np
from mesa.discrete_space import CellAgent

if TYPE_CHECKING:
    from ..model import ConflictModel
    from .party import Party


class MissionUnit(CellAgent):
    """A peacekeeping unit or an observer team: ``personnel`` troops or monitors."""

    def __init__(self, model: ConflictModel, mission: Mission, personnel: int):
        super().__init__(model)
        self.mission = mission
        self.personnel = personnel


class Mission(mesa.Agent):
    """A peacekeeping contingent (``mandate`` observe / interpose / enforce) or an
    unarmed observer mission (``mandate`` monitor).

    ``bias`` in [-1, 1]: + favours side A, - favours side B. ``consent[party]`` 0..1.
    ``overreach`` 0..1: acting beyond the mandate. ``force`` names the contingent a
    battalion belongs to (a mixed force has several battalions, one ``Mission`` each).
    The posting submodel deploys, stations and withdraws its units.
    """

    model: ConflictModel

    def __init__(
        self,
        model: ConflictModel,
        *,
        name: str,
        force: str,
        contributor: str,
        mandate: str,
        bias: float,
        patrol: str,
        personnel: int,
        per_unit: int,
        overreach: float,
        consent: dict[str, float],
    ):
        super().__init__(model)
        self.name = name
        self.force = force
        self.contributor = contributor
        self.mandate = mandate
        self.bias = bias
        self.patrol = patrol
        self.planned_personnel = personnel
        self.per_unit = per_unit
        self.overreach = overreach
        self.consent = consent
        self.deployed = False
        self.publishes = True
        """Whether the mission publishes what it detects (a commander may withhold)."""
        self.units: list[MissionUnit] = []
        self.presence = np.zeros(model.terrain.shape)
        """Personnel within reach of each cell (troops or monitors). Replaced, never
        changed in place, so a changed presence is a new array."""
        self.stationed: tuple[bytes, list[int]] | None = None
        """The posts and unit sizes ``presence`` was computed from."""

    @property
    def is_armed(self) -> bool:
        return self.mandate != "monitor"

    @property
    def personnel(self) -> int:
        return sum(u.personnel for u in self.units)

    def favour(self, party: Party) -> float:
        """Bias toward ``party``: > 0 favours it, < 0 opposes it (-1..1)."""
        return self.bias * party.sign
