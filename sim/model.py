"""The ConflictModel: space, agents, the schedule of submodels, data collection."""

from __future__ import annotations

import bisect

import mesa
import numpy as np
from mesa.discrete_space import OrthogonalMooreGrid

from . import fields, observation
from .agents import ArmedUnit, Mediator, Mission, Party, Patron
from .config import Scenario
from .rules import RULES, Rules
from .submodels import (
    calendar,
    collapse,
    deterrence,
    grievance,
    leadership,
    mediation,
    patrons,
    posting,
    rumours,
    tension,
    violations,
)
from .terrain import SETTLEMENT_MIXED, SIDE_A, SIDE_B, build_terrain


class ConflictModel(mesa.Model):
    """Parties on a ceasefire line, with peacekeepers, observers, mediators, patrons
    and civilians. One step is ``days_per_step`` days; ``step`` is the schedule of
    ``docs/ODD.md`` section 3, one submodel (``sim/submodels/``) per phase.

    Args:
        scenario: a validated scenario (``sim.load_scenario``).
        rng: seed or numpy Generator (required for reproducible runs).
        rules: behavioural constants; default ``sim.rules.RULES`` with the scenario's
            own ``[rules]`` values.
    """

    def __init__(self, scenario: Scenario, rng: int | np.random.Generator | None = None,
                 rules: Rules | None = None):
        super().__init__(rng=rng)
        self.config = scenario
        self.rules = rules if rules is not None else RULES.replace(scenario.rules)
        self.days_per_step = scenario.scenario.days_per_step
        self.day = 0
        """Day at the start of the current step."""

        # space: the grid, its property layers and the static terrain
        self.terrain = build_terrain(scenario.map, self.rules.settlement_population_factor)
        shape = self.terrain.shape
        self.grid = OrthogonalMooreGrid(shape, torus=False, capacity=None, random=self.random)
        self.control = self._layer("control", self.terrain.control.astype(float))
        self.tension = self._layer("tension", np.zeros(shape))
        self.coverage = self._layer("coverage", np.zeros(shape))
        self.population_a = self._layer("population_a", self.terrain.population_a)
        self.population_b = self._layer("population_b", self.terrain.population_b)
        self.neighbour_counts = fields.neighbour_counts(shape)
        self.passable_weight = self.terrain.passable.astype(float)
        self.settlements = np.argwhere(self.terrain.settlement > 0)
        self.mixed_settlements = np.argwhere(self.terrain.settlement == SETTLEMENT_MIXED)
        self.line_km = max(1.0, posting.initial_line(self).sum() / 2 * scenario.map.km_per_cell)
        """Length of the contact line at the start (km, at least 1)."""

        # agents
        self.parties = [Party(self, spec, SIDE_A if spec.side == "A" else SIDE_B, i)
                        for i, spec in enumerate(scenario.parties)]
        self.party_by_side = {p.side: p for p in self.parties}
        self.party_by_name = {p.name: p for p in self.parties}
        self.patron_clients: dict[str, set[str]] = {}
        """Party name -> names of the patrons backing it."""
        for spec in scenario.patrons:
            self.patron_clients.setdefault(spec.client, set()).add(spec.name)
        self.missions = self._create_missions(scenario)
        self.mediators = [Mediator(self, spec) for spec in scenario.mediators]
        self.patrons = [Patron(self, spec) for spec in scenario.patrons]
        for client in dict.fromkeys(p.client for p in self.patrons):
            patrons.apply_supply(self, client)
        self.armed_units: list[ArmedUnit] = []
        self.chances_prepared = False
        """True while armed units step with the chances prepared over all of them."""
        self.highest_chance = 1.0
        """At least the highest of those chances of any violation (0..1)."""
        self.grievance_keep = grievance.keep_per_step(self.rules, self.days_per_step)
        """Share of a unit's grievance left after one step."""
        for party in self.parties:
            posting.place_units(self, party, party.spec.units)

        # state of the submodels
        self.deterrence = {side: np.zeros(shape) for side in ("A", "B")}
        self.fields_weights: list | None = None
        """What the coverage and deterrence fields were computed from."""
        self.fields_presence: list[np.ndarray] = []
        self.settlement_progress = 0.0
        self.settlement_reached = False
        self.collapse_day: int | None = None
        self.collapse_cause: str | None = None
        self.displaced = 0.0
        self.battle_deaths: list[float] = []
        """Battle deaths of each step so far."""
        self.calendar = calendar.build(scenario)

        # observation
        self.event_log: list[dict] = []
        self.markers: list[tuple[str, int, int]] = []
        """(kind, x, y) of this step's violations, riots and offensives, for the map."""
        self.incidents: list[dict] = []
        """This step's violations: day, violator, victim, x, y, kind (deliberate,
        retaliation, involuntary), reported (by some mission), blamed (by the victim)."""
        self.tally = observation.empty_tally(self)
        self.datacollector = observation.collector(self)

    def step(self) -> None:
        """One step of ``days_per_step`` days (ODD section 3)."""
        self.day = (self.steps - 1) * self.days_per_step
        self.tally = observation.empty_tally(self)
        self.markers = []
        self.incidents = []
        calendar.step(self)  # 1. dated events
        patrons.step(self)  # 2. patrons' information campaigns
        mediation.step(self)  # 3. rounds of talks
        posting.step(self)  # 4. hotspot patrols re-station
        deterrence.step(self)  # 5. coverage and deterrence fields
        leadership.step(self)  # 6. parties update, demand, may launch an offensive
        violations.step(self)  # 7. armed units may violate the ceasefire
        rumours.step(self)  # 8. rumours spread; mixed settlements may riot
        tension.step(self)  # 9. tension diffuses and decays
        collapse.step(self)  # 10. has the ceasefire collapsed?
        observation.finish(self)
        self.datacollector.collect(self)

    # ------------------------------------------------------------ set-up

    def _layer(self, name: str, values: np.ndarray) -> np.ndarray:
        layer = self.grid.create_property_layer(name, 0.0, dtype=float)
        layer.data = values
        return layer.data

    def _create_missions(self, scenario: Scenario) -> list[Mission]:
        missions = []
        for c in scenario.contingents:
            for part in c.battalions or [c]:
                missions.append(Mission(
                    self, name=part.name, force=c.name,
                    contributor=part.contributor or c.contributor, mandate=c.mandate,
                    bias=part.bias, patrol=c.patrol, personnel=part.troops,
                    per_unit=c.troops_per_unit, overreach=c.overreach, consent=dict(c.consent),
                ))
        for o in scenario.observers:
            missions.append(Mission(
                self, name=o.name, force=o.name, contributor=o.name, mandate="monitor",
                bias=o.bias, patrol="line", personnel=o.monitors, per_unit=o.monitors_per_team,
                overreach=0.0, consent=dict(o.consent),
            ))
        return missions

    def index_units(self) -> None:
        """Posts and parties of the armed units as arrays, in the order of
        ``armed_units`` (units hold their posts; only ``posting.place_units`` moves them)."""
        posts = np.array([u.cell.coordinate for u in self.armed_units], dtype=int).reshape(-1, 2)
        self.unit_x, self.unit_y = posts[:, 0], posts[:, 1]
        self.unit_party = np.array([u.party.index for u in self.armed_units], dtype=int)

    # ------------------------------------------------------------ queries

    def deployed_missions(self) -> list[Mission]:
        return [m for m in self.missions if m.deployed]

    def missions_of(self, force: str) -> list[Mission]:
        """The missions (one per battalion) of a contingent or observer mission."""
        return [m for m in self.missions if m.force == force]

    def party_legitimacy(self, party: Party, mission: Mission) -> float:
        """``party``'s rating of ``mission`` (its consent before it deploys)."""
        return party.legitimacy.get(mission.name, mission.consent.get(party.name, 1.0))

    def troops_deployed(self) -> int:
        return sum(m.personnel for m in self.deployed_missions() if m.is_armed)

    def monitors_deployed(self) -> int:
        return sum(m.personnel for m in self.deployed_missions() if not m.is_armed)

    # ------------------------------------------------------------ bookkeeping

    def mark_stale(self, x: int, y: int) -> None:
        """Units at (x, y) recompute their chances: tension there has changed."""
        for agent in self.grid[(x, y)].agents:
            if isinstance(agent, ArmedUnit):
                agent.chances = None

    def log(self, kind: str, text: str, day: int | None = None) -> None:
        """Add a plain-language line to the event log, which stays sorted by day (lines
        of one day in the order they happened)."""
        entry = {"day": self.day if day is None else day, "kind": kind, "text": text}
        bisect.insort_right(self.event_log, entry, key=lambda e: e["day"])
