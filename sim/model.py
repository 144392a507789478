"""The ConflictModel: grid, layers, agents, the step, and data collection."""

from __future__ import annotations

import math
from dataclasses import dataclass

import mesa
import numpy as np
from mesa.discrete_space import OrthogonalMooreGrid

from . import fields
from .agents import ArmedUnit, Mediator, Mission, Party, Patron
from .agents.armed_unit import chances, violation_rates
from .config import Event, Scenario
from .rules import RULES, Rules
from .terrain import SETTLEMENT_MIXED, SIDE_A, SIDE_B, build_terrain


@dataclass(order=True)
class Planned:
    """An entry of the calendar: a dated change to a mission or a patron."""

    day: int
    order: int
    kind: str
    target: str = ""
    troops: int | None = None
    party: str | None = None
    notice_days: int = 30
    supply: float | None = None


class ConflictModel(mesa.Model):
    """Two parties on a ceasefire line, with peacekeepers, observers, mediators,
    patrons and civilians. One step is ``days_per_step`` days.

    Args:
        scenario: a validated scenario (``sim.load_scenario``).
        rng: seed or numpy Generator (required for reproducible runs).
        rules: behavioural constants (``sim.rules.RULES``).
    """

    def __init__(self, scenario: Scenario, rng: int | np.random.Generator | None = None,
                 rules: Rules = RULES):
        super().__init__(rng=rng)
        self.config = scenario
        self.rules = rules
        self.days_per_step = scenario.scenario.days_per_step
        self.day = 0
        """Day at the start of the current step."""
        self.terrain = build_terrain(scenario.map)
        shape = self.terrain.shape
        self.grid = OrthogonalMooreGrid(shape, torus=False, capacity=None, random=self.random)
        self.control = self._layer("control", self.terrain.control.astype(float))
        self.tension = self._layer("tension", np.zeros(shape))
        self.coverage = self._layer("coverage", np.zeros(shape))
        self.population_a = self._layer("population_a", self.terrain.population_a)
        self.population_b = self._layer("population_b", self.terrain.population_b)
        self._counts = fields.neighbour_counts(shape)
        self._passable = self.terrain.passable.astype(float)
        self._settlements = np.argwhere(self.terrain.settlement > 0)
        self._mixed_settlements = np.argwhere(self.terrain.settlement == SETTLEMENT_MIXED)
        self.line_km = max(1.0, self._line_cells().sum() / 2 * scenario.map.km_per_cell)

        self.parties = [
            Party(self, spec, SIDE_A if spec.side == "A" else SIDE_B) for spec in scenario.parties
        ]
        self.party_by_side = {p.side: p for p in self.parties}
        self.party_by_name = {p.name: p for p in self.parties}
        self.patron_clients: dict[str, set[str]] = {}
        for spec in scenario.patrons:
            self.patron_clients.setdefault(spec.client, set()).add(spec.name)
        self.missions = self._create_missions(scenario)
        self.mediators = [Mediator(self, spec) for spec in scenario.mediators]
        self.patrons = [Patron(self, spec) for spec in scenario.patrons]
        self.armed_units: list[ArmedUnit] = []
        self.chances_prepared = False
        """True while armed units step with the chances ``_prepare_unit_chances`` gave them."""
        self.highest_chance = 1.0
        """At least the highest of those chances of any violation (0..1)."""
        self.grievance_keep = 0.5 ** (self.days_per_step / rules.grievance_halflife_days)
        """Share of a unit's grievance left after one step."""
        for party in self.parties:
            self._place_units(party, party.spec.units)

        self.deterrence = {side: np.zeros(shape) for side in ("A", "B")}
        self._fields_weights: list | None = None
        """What the coverage and deterrence fields were computed from (see _update_fields)."""
        self._fields_presence: list[np.ndarray] = []
        self.settlement_progress = 0.0
        self.settlement_reached = False
        self.collapse_day: int | None = None
        self.collapse_cause: str | None = None
        self.displaced = 0.0
        self.event_log: list[dict] = []
        self.markers: list[tuple[str, int, int]] = []
        """(kind, x, y) of this step's violations, riots and offensives, for the map."""
        self._battle_deaths: list[float] = []
        self.calendar = self._build_calendar(scenario)
        self.tally = self._empty_tally()
        self.datacollector = mesa.DataCollector(
            model_reporters={key: _reporter(key) for key in self._report_keys()}
        )

    # ------------------------------------------------------------ set-up

    def _layer(self, name: str, values: np.ndarray) -> np.ndarray:
        layer = self.grid.create_property_layer(name, 0.0, dtype=float)
        layer.data = values
        return layer.data

    def _line_cells(self) -> np.ndarray:
        passable = self.terrain.passable
        line = fields.frontier(self.terrain.control, SIDE_A, passable)
        line |= fields.frontier(self.terrain.control, SIDE_B, passable)
        return line

    def _create_missions(self, scenario: Scenario) -> list[Mission]:
        missions = []
        for c in scenario.contingents:
            parts = c.battalions or [c]
            for part in parts:
                missions.append(Mission(
                    self,
                    name=part.name if c.battalions else c.name,
                    force=c.name,
                    contributor=part.contributor or c.contributor,
                    mandate=c.mandate,
                    bias=part.bias,
                    patrol=c.patrol,
                    personnel=part.troops,
                    per_unit=c.troops_per_unit,
                    overreach=c.overreach,
                    consent=dict(c.consent),
                ))
        for o in scenario.observers:
            missions.append(Mission(
                self, name=o.name, force=o.name, contributor=o.name, mandate="monitor",
                bias=o.bias, patrol="line", personnel=o.monitors, per_unit=o.monitors_per_team,
                overreach=0.0, consent=dict(o.consent),
            ))
        return missions

    def _build_calendar(self, scenario: Scenario) -> list[Planned]:
        plan: list[Planned] = []
        order = 0
        for spec in list(scenario.contingents) + list(scenario.observers):
            plan.append(Planned(spec.deploy_day, order, "deploy", spec.name))
            order += 1
            if spec.withdraw_day is not None:
                plan.append(Planned(spec.withdraw_day, order, "withdraw", spec.name))
                order += 1
        for event in scenario.events:
            plan.append(self._planned(event, order))
            order += 1
        return sorted(plan)

    @staticmethod
    def _planned(event: Event, order: int) -> Planned:
        return Planned(
            event.day, order, event.kind,
            target=event.contingent or event.patron or "",
            troops=event.troops, party=event.party, notice_days=event.notice_days,
            supply=event.supply,
        )

    def _place_units(self, party: Party, count: int) -> None:
        """Spread ``count`` units over the party's cells nearest the contact line."""
        for unit in [u for u in self.armed_units if u.party is party]:
            unit.remove()
        self.armed_units[:] = [u for u in self.armed_units if u.party is not party]
        posts = self.front_posts(party, count)
        for x, y in posts:
            unit = ArmedUnit(self, party)
            unit.move_to(self.grid[(int(x), int(y))])
            self.armed_units.append(unit)
        self._index_units()

    def _index_units(self) -> None:
        """Posts of the armed units as arrays, in the order of ``armed_units`` (units
        hold their posts; only ``_place_units`` moves them)."""
        posts = np.array([u.cell.coordinate for u in self.armed_units], dtype=int).reshape(-1, 2)
        self._unit_x, self._unit_y = posts[:, 0], posts[:, 1]
        self._unit_side_a = np.array([u.party.side == "A" for u in self.armed_units], dtype=bool)

    def front_posts(self, party: Party, count: int) -> np.ndarray:
        """``count`` cells of ``party`` nearest the line, spread along it."""
        own = self.control == party.sign
        if not own.any() or count == 0:
            return np.empty((0, 2), dtype=int)
        not_own = (~own) & self.terrain.passable
        distance = fields.chebyshev_distance(not_own, limit=max(self.control.shape))
        cells = np.argwhere(own & self.terrain.passable)
        depth = distance[cells[:, 0], cells[:, 1]]
        order = np.lexsort((self._along_line(cells), depth))
        cells, depth = cells[order], depth[order]
        near_line = int((depth <= 2).sum())
        return cells[_spread(near_line, count, len(cells))]

    def _along_line(self, cells: np.ndarray) -> np.ndarray:
        """Position along the contact line: y for a north-south line, else x."""
        w, h = self.control.shape
        return cells[:, 1] if h >= w else cells[:, 0]

    def patrol_posts(self, patrol: str, count: int) -> np.ndarray:
        """Cells for ``count`` mission units under a patrol strategy."""
        line = self._line_cells_now()
        if patrol == "settlements":
            settled = self.terrain.settlement > 0
            mixed = np.argwhere(self.terrain.settlement == SETTLEMENT_MIXED)
            others = np.argwhere(settled & (self.terrain.settlement != SETTLEMENT_MIXED))
            candidates = np.concatenate([mixed, others]) if settled.any() else np.argwhere(line)
            return candidates[np.arange(count) % len(candidates)]
        cells = np.argwhere(line)
        cells = cells[np.argsort(self._along_line(cells), kind="stable")]
        if patrol == "hotspots":
            heat = self.tension[cells[:, 0], cells[:, 1]]
            order = np.argsort(-heat, kind="stable")
            return cells[order[np.arange(count) % len(cells)]]
        return cells[_spread(len(cells), count, len(cells))]

    def _line_cells_now(self) -> np.ndarray:
        """The buffer zone if there is one, else the cells on either side of the line."""
        buffer = self.terrain.buffer & (self.control == 0) & self.terrain.passable
        if buffer.any():
            return buffer
        passable = self.terrain.passable
        control = self.control.astype(np.int8)
        return fields.frontier(control, SIDE_A, passable) | fields.frontier(
            control, SIDE_B, passable
        )

    # ------------------------------------------------------------ queries

    def deployed_missions(self) -> list[Mission]:
        return [m for m in self.missions if m.deployed]

    def missions_of(self, force: str) -> list[Mission]:
        return [m for m in self.missions if m.force == force]

    def party_legitimacy(self, party: Party, mission: Mission) -> float:
        return party.legitimacy.get(mission.name, mission.consent.get(party.name, 1.0))

    def offensive_deterrence(self, party: Party) -> float:
        """Deterrence of a major offensive by ``party`` from all armed missions (0..1)."""
        undeterred = 1.0
        for mission in self.deployed_missions():
            if mission.is_armed:
                weight = min(1.0, mission.deterrence_weight(party))
                undeterred *= 1 - mission.line_cover() * weight
        return 1 - undeterred

    def line_tension(self) -> float:
        """Mean tension over the cells along the contact line (0..1)."""
        line = self._line_cells_now()
        return float(self.tension[line].mean()) if line.any() else 0.0

    def patrons_of(self, party: Party) -> list[Patron]:
        """The patrons created so far that back ``party``."""
        patrons = self.agents_by_type.get(Patron, [])
        return [p for p in patrons if p.client is party]

    def troops_deployed(self) -> int:
        return sum(m.personnel for m in self.deployed_missions() if m.is_armed)

    def monitors_deployed(self) -> int:
        return sum(m.personnel for m in self.deployed_missions() if not m.is_armed)

    # ------------------------------------------------------------ the step

    def step(self) -> None:
        """One step of ``days_per_step`` days."""
        self.day = (self.steps - 1) * self.days_per_step
        self.tally = self._empty_tally()
        self.markers = []
        self._apply_calendar()
        if self.patrons:
            self.agents_by_type[Patron].do("step")
        if self.mediators:
            self.agents_by_type[Mediator].do("step")
        if self.missions:
            self.agents_by_type[Mission].do("step")
        self._update_fields()
        self.agents_by_type[Party].shuffle_do("step")
        self._prepare_unit_chances()
        self.agents_by_type[ArmedUnit].shuffle_do("step")
        self.chances_prepared = False
        self._rumours_and_riots()
        self.tension[:] = fields.diffuse(
            self.tension,
            self.rules.tension_diffusion,
            0.5 ** (self.days_per_step / self.rules.tension_halflife_days),
            self._counts,
            self._passable,
        )
        self._check_collapse()
        self._finish_tally()
        self.datacollector.collect(self)

    def _apply_calendar(self) -> None:
        end = self.day + self.days_per_step
        while self.calendar and self.calendar[0].day < end:
            self._apply(self.calendar.pop(0))

    def _apply(self, plan: Planned) -> None:
        day = plan.day
        if plan.kind == "patron_surge":
            patron = next(p for p in self.patrons if p.name == plan.target)
            patron.surge(plan.supply or 0.0)
            self.log("patron_surge", f"patron {patron.name} raises its supply to {plan.supply:g}",
                     day)
            return
        missions = self.missions_of(plan.target)
        kind = "contingent" if missions[0].is_armed else "observer mission"
        if plan.kind == "deploy":
            total = sum(m.planned_personnel for m in missions)
            if (plan.troops if plan.troops is not None else total) == 0:
                return  # a mission of no one does not deploy
            for m in missions:
                share = None
                if plan.troops is not None:
                    share = round(plan.troops * m.planned_personnel / total) if total else 0
                m.deploy(share)
            staff = "troops" if missions[0].is_armed else "monitors"
            self.log("deploy", f"{kind} {plan.target} deploys with "
                     f"{sum(m.personnel for m in missions):,} {staff}", day)
        elif plan.kind == "drawdown":
            before = sum(m.personnel for m in missions)
            for m in missions:
                share = round((plan.troops or 0) * m.personnel / before) if before else 0
                m.set_personnel(share)
            self.log("drawdown", f"{kind} {plan.target} draws down from {before:,} to "
                     f"{sum(m.personnel for m in missions):,}", day)
        elif plan.kind in ("withdraw", "mandate_end"):
            if not any(m.deployed for m in missions):
                return
            for m in missions:
                m.withdraw()
            reason = "its mandate ends; it withdraws" if plan.kind == "mandate_end" else "withdraws"
            self.log("withdraw", f"{kind} {plan.target} {reason}", day)
        elif plan.kind == "demand_withdrawal":
            self.demand_withdrawal(self.party_by_name[plan.party], plan.target,
                                   plan.notice_days, day)

    def demand_withdrawal(self, party: Party, force: str, notice_days: int,
                          day: int | None = None) -> None:
        """``party`` demands the end of a mission, which leaves after ``notice_days``."""
        day = self.day if day is None else day
        party.withdrawal_demanded.add(force)
        leave = day + notice_days
        self.log("withdrawal_demanded", f"{party.name} demands the withdrawal of {force}; "
                 f"it must leave by day {leave}", day)
        self.calendar.append(Planned(leave, -1, "withdraw", force))
        self.calendar.sort()

    def _update_fields(self) -> None:
        """Coverage and per-side deterrence fields from the missions' presence.

        The fields are recomputed only when a deployed mission's presence or a
        party's respect for it has changed since they were last computed.
        """
        deployed = self.deployed_missions()
        weights = [(m, m.is_armed, tuple(m.deterrence_weight(p) for p in self.parties))
                   for m in deployed]
        if weights == self._fields_weights and all(
            m.presence is seen for m, seen in zip(deployed, self._fields_presence, strict=True)
        ):
            return
        self.coverage[:] = 0.0
        for side in self.deterrence:
            self.deterrence[side][:] = 0.0
        for mission in deployed:
            if mission.is_armed:
                self.coverage += mission.presence
        for i, party in enumerate(self.parties):
            exposure = np.zeros_like(self.coverage)
            for mission, _, weight in weights:
                exposure += weight[i] * mission.presence
            self.deterrence[party.side][:] = 1 - np.exp(
                -exposure / self.rules.troops_deterrence_scale
            )
        self._fields_weights = weights
        self._fields_presence = [m.presence for m in deployed]

    # ------------------------------------------------------------ violations

    def _prepare_unit_chances(self) -> None:
        """Every armed unit's violation chances for this step, over arrays.

        The rates come from the same ``violation_rates`` the units use. A
        violation changes tension at two cells and grievance near its target: units
        there drop their prepared chances and compute their own when they step.
        """
        units = self.armed_units
        a, b = self.party_by_side["A"], self.party_by_side["B"]
        xs, ys, side_a = self._unit_x, self._unit_y, self._unit_side_a
        deterred = np.where(side_a, self.deterrence["A"][xs, ys], self.deterrence["B"][xs, ys])
        tension = self.tension[xs, ys]
        hostile = np.where(side_a, a.hostility * (1 - a.commitment),
                           b.hostility * (1 - b.commitment))
        pressure = hostile + np.fromiter((u.grievance for u in units), float, len(units))
        days = self.days_per_step
        deliberate, involuntary = violation_rates(self.rules, pressure, tension, deterred)
        for unit, d, i in zip(units, deliberate.tolist(), involuntary.tolist(), strict=True):
            unit.chances = chances(d, i, days)
        # The chance grows with both rates: the highest rates bound every unit's chance
        # (the margin covers rounding in exp).
        _, bound = chances(float(deliberate.max(initial=0.0)),
                           float(involuntary.max(initial=0.0)), days)
        self.highest_chance = bound + 1e-9
        self.chances_prepared = True

    def _mark_stale(self, x: int, y: int) -> None:
        """Units at (x, y) recompute their rates: tension there has changed."""
        for agent in self.grid[(x, y)].agents:
            if isinstance(agent, ArmedUnit):
                agent.chances = None

    def fire(self, unit: ArmedUnit, involuntary: bool, retaliation: bool) -> None:
        """A violation by ``unit``: pick a target across the line and resolve it."""
        target = self._target_for(unit)
        if target is None:
            return
        rules, rng = self.rules, self.rng
        violator, victim = unit.party, unit.party.other
        tx, ty = target
        ux, uy = unit.cell.coordinate
        t = self.tally
        t[f"violations_{violator.name}"] += 1
        t["involuntary"] += int(involuntary)
        t["retaliations"] += int(retaliation and not involuntary)
        self.markers.append(("violation", tx, ty))

        combatants = rng.poisson(rules.combatant_deaths_per_violation)
        settlement_size = self.config.map.population_per_cell * 10
        civilians_here = self.population_a[tx, ty] + self.population_b[tx, ty]
        civilians = rng.poisson(rules.civilian_deaths_per_violation * civilians_here
                                / max(1.0, settlement_size))
        peacekeepers = 0
        if self._peacekeepers_at(tx, ty):
            peacekeepers = rng.poisson(rules.peacekeeper_deaths_per_violation)
        t["casualties_combatant"] += combatants
        t["casualties_civilian"] += civilians
        t["casualties_peacekeeper"] += peacekeepers
        t["battle_deaths"] += combatants + civilians
        self._displace(np.array([[tx, ty]]), rules.displaced_share_under_fire)
        self.tension[tx, ty] = min(1.0, self.tension[tx, ty] + rules.tension_per_violation)
        self.tension[ux, uy] = min(1.0, self.tension[ux, uy] + rules.tension_per_violation / 2)
        self._mark_stale(tx, ty)
        self._mark_stale(ux, uy)

        reported, believed = False, False
        for mission in self.deployed_missions():
            if mission.reports(violator, ux, uy):
                reported = True
                if rng.random() < self.party_legitimacy(victim, mission):
                    believed = True
        t[f"reported_{violator.name}"] += int(reported)
        if involuntary and believed:
            t["attributed_involuntary"] += 1
            return
        victim.blamed_this_step += 1
        self._aggrieve(victim, tx, ty)

    def _target_for(self, unit: ArmedUnit) -> tuple[int, int] | None:
        x, y = unit.cell.coordinate
        xs, ys = fields.window(self.control.shape, x, y, self.rules.fire_range_cells)
        candidates = np.argwhere(self.control[xs, ys] == unit.party.other.sign)
        if not len(candidates):
            return None
        cx, cy = candidates[self.rng.integers(len(candidates))]
        return int(cx + xs.start), int(cy + ys.start)

    def _peacekeepers_at(self, x: int, y: int) -> bool:
        return any(
            a.mission.is_armed for a in self.grid[(x, y)].agents if hasattr(a, "mission")
        )

    def _aggrieve(self, victim: Party, x: int, y: int) -> None:
        """Units of ``victim`` near (x, y) blame the other side for the hit."""
        xs, ys = fields.window(self.control.shape, x, y, self.rules.grievance_reach_cells)
        for cx in range(xs.start, xs.stop):
            for cy in range(ys.start, ys.stop):
                for agent in self.grid[(cx, cy)].agents:
                    if isinstance(agent, ArmedUnit) and agent.party is victim:
                        agent.grievance += self.rules.grievance_per_blamed_violation
                        agent.chances = None

    def _displace(self, cells: np.ndarray, share: float) -> None:
        xs, ys = cells[:, 0], cells[:, 1]
        for population in (self.population_a, self.population_b):
            fleeing = population[xs, ys] * share
            population[xs, ys] -= fleeing
            self.displaced += float(fleeing.sum())

    # ------------------------------------------------------------ offensives

    def launch_offensive(self, attacker: Party) -> None:
        """A major offensive: blocked by an enforcing force, or it takes ground."""
        rules, rng, t = self.rules, self.rng, self.tally
        defender = attacker.other
        t["offensives"] += 1
        power = attacker.power_ratio()
        enforce, interpose, blockers = self._interposition(attacker)
        if rng.random() < enforce * min(1.0, 1.5 / power):
            t["casualties_combatant"] += rng.poisson(rules.blocked_offensive_deaths)
            t["casualties_peacekeeper"] += rng.poisson(rules.blocked_offensive_peacekeeper_deaths)
            attacker.ambition *= 0.8
            self.log("offensive_blocked", f"{attacker.name} launches an offensive; "
                     f"{', '.join(blockers)} stop it")
            self._mark_front("offensive", attacker)
            return
        share = min(1.0, rules.offensive_depth_per_power * power * (1 - 0.5 * interpose))
        own = self.control == attacker.sign
        distance = fields.chebyshev_distance(own, limit=max(self.control.shape))
        defender_cells = (self.control == defender.sign) & self.terrain.passable
        depth = math.ceil(share * distance[defender_cells].max()) if defender_cells.any() else 0
        taken = (distance <= depth) & ~own & self.terrain.passable
        taken_cells = np.argwhere(taken)
        self.control[taken] = attacker.sign
        t["cells_changed_control"] += int(taken.sum())
        defender_population = self.population_a if defender.side == "A" else self.population_b
        civilians = rng.poisson(rules.offensive_civilian_death_share
                                * defender_population[taken].sum())
        fled = defender_population[taken].sum()
        defender_population[taken] = 0.0
        self.displaced += float(fled)
        combatants = rng.poisson(rules.offensive_combatant_deaths * (0.5 + share))
        t["casualties_combatant"] += combatants
        t["casualties_civilian"] += civilians
        t["battle_deaths"] += combatants + civilians
        if interpose:
            t["casualties_peacekeeper"] += rng.poisson(2 * interpose)
        attacker.ambition *= 1 - share
        defender.commitment *= 0.5
        for party in self.parties:
            party.trust = min(party.trust, 0.05)
        self._mark_front("offensive", attacker)
        self.log("offensive", f"{attacker.name} launches a major offensive and takes "
                 f"{len(taken_cells)} cells; {fled:,.0f} civilians flee")
        for party in self.parties:
            self._place_units(party, sum(1 for u in self.armed_units if u.party is party)
                              or 0)
        if self.config.scenario.collapse.offensive:
            self._collapse(f"major offensive by {attacker.name}")

    def _interposition(self, attacker: Party) -> tuple[float, float, list[str]]:
        """Line cover of enforcing and interposing forces willing to stand (0..1 each)."""
        free_enforce, free_interpose, blockers = 1.0, 1.0, []
        for mission in self.deployed_missions():
            willing = 1 - max(0.0, mission.favour(attacker))
            cover = mission.line_cover() * willing
            if mission.mandate == "enforce":
                free_enforce *= 1 - cover
                blockers.append(mission.name)
            elif mission.mandate == "interpose":
                free_interpose *= 1 - cover
        return 1 - free_enforce, 1 - free_interpose, blockers

    def _mark_front(self, kind: str, attacker: Party) -> None:
        front = np.argwhere(fields.frontier(self.control.astype(np.int8), attacker.sign,
                                            self.terrain.passable))
        for x, y in front[:: max(1, len(front) // 6)]:
            self.markers.append((kind, int(x), int(y)))
        self.tension[fields.box_sum(
            fields.frontier(self.control.astype(np.int8), attacker.sign,
                            self.terrain.passable).astype(float), 2) > 0] = 1.0

    # ------------------------------------------------------------ civilians

    def _rumours_and_riots(self) -> None:
        rules, rng = self.rules, self.rng
        spec = self.config.rumours
        settlements = self._settlements
        if spec.rate_per_year and len(settlements):
            for _ in range(rng.poisson(spec.rate_per_year * self.days_per_step / 365)):
                x, y = settlements[rng.integers(len(settlements))]
                false = rng.random() < spec.false_share
                strength = rules.rumour_tension
                monitored = sum(m.presence[x, y] * rules.monitoring_weight[m.mandate]
                                for m in self.deployed_missions())
                debunked = false and rng.random() < 1 - math.exp(-monitored
                                                                / rules.monitoring_scale)
                if debunked:
                    strength *= 0.3
                reach = fields.window(self.control.shape, x, y, rules.rumour_reach_cells)
                self.tension[reach] = np.minimum(1.0, self.tension[reach] + strength)
                self.tally["rumours"] += 1
                truth = "false" if false else "true"
                ending = " and is debunked by monitors" if debunked else ""
                self.log("rumour", f"a {truth} rumour spreads from the settlement at "
                         f"({x}, {y}){ending}")
        mixed = self._mixed_settlements
        tense = self.tension[mixed[:, 0], mixed[:, 1]] > spec.riot_threshold
        for x, y in mixed[tense]:
            troops = self.coverage[x, y]
            prevented = min(1.0, troops / spec.troops_to_prevent) if spec.troops_to_prevent else 1
            if rng.random() < rules.riot_chance_per_step * (1 - prevented):
                self._riot(int(x), int(y), troops)

    def _riot(self, x: int, y: int, troops: float) -> None:
        rules, rng, t = self.rules, self.rng, self.tally
        t["riots"] += 1
        t["casualties_civilian"] += rng.poisson(rules.riot_civilian_deaths * self.tension[x, y])
        if troops > 0:
            t["casualties_peacekeeper"] += rng.poisson(0.5)
        self._displace(np.array([[x, y]]), rules.riot_displaced_share)
        self.tension[fields.window(self.control.shape, x, y, 1)] = 1.0
        self.markers.append(("riot", x, y))
        self.log("riot", f"riot in the mixed settlement at ({x}, {y})")

    # ------------------------------------------------------------ outcomes

    def reach_settlement(self, mediator: Mediator) -> None:
        self.settlement_reached = True
        self.settlement_progress = 1.0
        for party in self.parties:
            party.commitment = max(party.commitment, 0.9)
            party.ambition *= 0.3
            party.hostility *= 0.5
            party.hostility_floor *= 0.5
        self.log("settlement", f"settlement reached through {mediator.name}; both sides "
                 "implement it")

    def _check_collapse(self) -> None:
        collapse = self.config.scenario.collapse
        self._battle_deaths.append(self.tally["battle_deaths"])
        window = max(1, math.ceil(collapse.window_days / self.days_per_step))
        recent = sum(self._battle_deaths[-window:])
        if recent >= collapse.battle_deaths:
            self._collapse(f"sustained fighting: {recent:.0f} battle deaths within "
                           f"{collapse.window_days} days")

    def _collapse(self, cause: str) -> None:
        if self.collapse_day is not None:
            return
        self.collapse_day = self.day + self.days_per_step
        self.collapse_cause = cause
        self.log("collapse", f"the ceasefire collapses ({cause})", self.collapse_day)

    def log(self, kind: str, text: str, day: int | None = None) -> None:
        """Add a plain-language line to the event log."""
        self.event_log.append({"day": self.day if day is None else day, "kind": kind,
                               "text": text})

    # ------------------------------------------------------------ tally

    def _report_keys(self) -> list[str]:
        keys = ["day"] + list(self._empty_tally())
        keys += ["tension_mean", "tension_peak", "hotspots", "displaced",
                 "settlement_progress", "troops_deployed", "monitors_deployed"]
        for party in self.parties:
            keys += [f"commitment_{party.name}", f"trust_{party.name}",
                     f"strength_{party.name}"]
            keys += [f"legitimacy_{party.name}_{m.name}" for m in self.missions]
        return keys

    def _empty_tally(self) -> dict[str, float]:
        tally = {}
        for party in self.parties:
            tally[f"violations_{party.name}"] = 0
            tally[f"reported_{party.name}"] = 0
        for key in ("violations", "involuntary", "attributed_involuntary", "retaliations",
                    "incidents", "riots", "rumours", "offensives", "casualties_combatant",
                    "casualties_civilian", "casualties_peacekeeper", "battle_deaths",
                    "cells_changed_control"):
            tally[key] = 0
        return tally

    def _finish_tally(self) -> None:
        t = self.tally
        t["violations"] = sum(t[f"violations_{p.name}"] for p in self.parties)
        t["incidents"] = t["violations"] + t["riots"] + t["offensives"]
        t["day"] = self.day + self.days_per_step
        t["tension_mean"] = float(self.tension[self.terrain.passable].mean())
        t["tension_peak"] = float(self.tension.max())
        t["hotspots"] = int((self.tension >= self.rules.hotspot_tension).sum())
        t["displaced"] = round(self.displaced)
        t["settlement_progress"] = self.settlement_progress
        t["troops_deployed"] = self.troops_deployed()
        t["monitors_deployed"] = self.monitors_deployed()
        for party in self.parties:
            t[f"commitment_{party.name}"] = party.commitment
            t[f"trust_{party.name}"] = party.trust
            t[f"strength_{party.name}"] = party.strength
            for mission in self.missions:
                t[f"legitimacy_{party.name}_{mission.name}"] = (
                    party.legitimacy[mission.name] if mission.deployed else math.nan
                )


def _reporter(key: str):
    return lambda model: model.tally[key]


def _spread(available: int, count: int, total: int) -> np.ndarray:
    """``count`` indices spread evenly over the first ``available`` of ``total``."""
    if count <= 0 or total == 0:
        return np.empty(0, dtype=int)
    pool = max(1, min(total, max(available, count)))
    return (np.floor((np.arange(count) + 0.5) * pool / count).astype(int)) % total
