"""Peacekeeping contingents and observer missions, and their units on the grid."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa
import numpy as np
from mesa.discrete_space import CellAgent

from ..fields import box_sum, point_field

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
        self.units: list[MissionUnit] = []
        self.presence = np.zeros(model.terrain.shape)
        """Personnel within reach of each cell (troops or monitors). Replaced, never
        changed in place, so a changed presence is a new array."""
        self._stationed: tuple[bytes, list[int]] | None = None

    @property
    def is_armed(self) -> bool:
        return self.mandate != "monitor"

    @property
    def personnel(self) -> int:
        return sum(u.personnel for u in self.units)

    def favour(self, party: Party) -> float:
        """Bias toward ``party``: > 0 favours it, < 0 opposes it (-1..1)."""
        return self.bias * party.sign

    # ------------------------------------------------------------ deployment

    def deploy(self, personnel: int | None = None) -> None:
        if personnel is not None:
            self.planned_personnel = personnel
        self.deployed = True
        for party in self.model.parties:
            party.legitimacy.setdefault(self.name, self.consent.get(party.name, 1.0))
        self.set_personnel(self.planned_personnel)

    def set_personnel(self, personnel: int) -> None:
        """Add or remove units so the mission holds ``personnel`` (last unit partial)."""
        for unit in self.units:
            unit.remove()
        self.units = []
        full, rest = divmod(max(0, personnel), self.per_unit)
        sizes = [self.per_unit] * full + ([rest] if rest else [])
        for size in sizes:
            self.units.append(MissionUnit(self.model, self, size))
        self.station_units()

    def withdraw(self) -> None:
        self.set_personnel(0)
        self.deployed = False

    # ------------------------------------------------------------ behaviour

    def step(self) -> None:
        if self.deployed and self.patrol == "hotspots":
            self.station_units()

    def station_units(self) -> None:
        """Put units on their posts for the patrol strategy; recompute presence when
        the posts or the units' sizes have changed."""
        sizes = [u.personnel for u in self.units]
        posts = (self.model.patrol_posts(self.patrol, len(self.units)) if self.units
                 else np.empty((0, 2), dtype=int))
        for unit, (x, y) in zip(self.units, posts, strict=True):
            unit.move_to(self.model.grid[(int(x), int(y))])
        stationed = (np.asarray(posts).tobytes(), sizes)
        if stationed == self._stationed:
            return
        self._stationed = stationed
        field = point_field(self.model.terrain.shape, np.asarray(posts),
                            np.array(sizes, dtype=float))
        self.presence = box_sum(field, self.model.rules.reach_cells)

    def legitimacy_target(self, party: Party) -> float:
        """The legitimacy ``party`` grants the mission in the long run (0..1).

        Missing consent, bias against the party, overreach, and a contributor that
        backs the other side all lower it.
        """
        target = self.consent.get(party.name, 1.0)
        target *= 1 - max(0.0, -self.favour(party))
        target *= 1 - 0.5 * self.overreach
        if self.contributor in self.model.patron_clients.get(party.other.name, ()):
            target -= self.model.rules.patron_contributor_penalty
        return min(1.0, max(0.0, target))

    def deterrence_weight(self, party: Party) -> float:
        """How strongly the mission's presence deters ``party`` from firing (0..1.5).

        Mandate strength x the party's respect for the mission; a partisan force
        shields the side it favours and deters the side it opposes a little more.
        """
        favour = self.favour(party)
        partisan = 1 - favour if favour > 0 else 1 - 0.5 * favour
        mandate = self.model.rules.mandate_deterrence[self.mandate]
        return mandate * self.model.party_legitimacy(party, self) * partisan

    def line_cover(self) -> float:
        """Cover of the whole contact line by this mission's personnel (0..1)."""
        per_km = self.personnel / self.model.line_km
        return 1 - math.exp(-per_km / self.model.rules.troops_per_km_scale)

    def reports(self, violator: Party, x: int, y: int) -> bool:
        """Whether the mission detects a violation at (x, y) and reports it.

        A mission under-reports the side it favours.
        """
        present = self.presence[x, y]
        if present <= 0:
            return False
        weight = self.model.rules.monitoring_weight[self.mandate]
        detect = 1 - math.exp(-weight * present / self.model.rules.monitoring_scale)
        report = detect * (1 - max(0.0, self.favour(violator)))
        return self.model.rng.random() < report
