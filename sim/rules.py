"""Behavioural constants of the model: every rate, weight, scale and threshold.

Scenario files set the actors; these numbers set how actors behave. Each field has a
unit, a plausible range ``(low, high)`` for sensitivity analysis and calibration, hard
bounds a value must respect, and a one-line reason; ``docs/ODD.md`` says where each
enters. ``peacesim rules`` prints the table; a TOML file of ``name = value`` lines
(``--rules FILE``) or a scenario's ``[rules]`` table replaces any of them.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHARE = (0.0, 1.0)
"""Hard bounds of a share or probability."""
POSITIVE = (0.0, math.inf)
"""Hard bounds of a rate, a scale or a count."""


class RulesError(ValueError):
    """A rules value or file that cannot be used: one line, no traceback."""


def rule(value: float, unit: str, low: float, high: float, reason: str,
         bounds: tuple[float, float] = POSITIVE, group: str = "") -> Any:
    """A field of :class:`Rules` with its unit, plausible range, hard bounds and reason."""
    return dataclasses.field(default=value, metadata={
        "unit": unit, "range": (low, high), "bounds": bounds, "reason": reason,
        "group": group})


@dataclass(frozen=True)
class Rules:
    # --- violations (sim/submodels/violations.py)
    violation_rate: float = rule(
        0.03, "violations per unit-day", 0.01, 0.08,
        "deliberate violations at full pressure, tension 0.4, undeterred: about one a month "
        "for a unit of a hostile, uncommitted side", group="violations")
    involuntary_rate: float = rule(
        0.0035, "violations per unit-day", 0.001, 0.01,
        "incidents no leadership ordered (local commanders, irregulars, accidents): about "
        "one a year per unit", group="violations")
    calm_fire_factor: float = rule(
        0.2, "multiplier", 0.05, 0.5,
        "deliberate fire where tension is 0, relative to the rate; units still probe a "
        "quiet line", group="violations")
    tension_fire_factor: float = rule(
        1.6, "multiplier per unit tension", 0.8, 3.0,
        "added fire per unit of local tension: tense places fire most", group="violations")
    involuntary_deterred_share: float = rule(
        0.5, "share", 0.0, 1.0,
        "part of the deterrence field that also stops involuntary incidents (troops nearby "
        "restrain local commanders, not accidents)", SHARE, "violations")
    fire_range_cells: int = rule(
        4, "cells", 2, 8, "reach of small arms and mortars across the line (8 km at 2 km a "
        "cell)", group="violations")
    combatant_deaths_per_violation: float = rule(
        0.08, "deaths per violation", 0.02, 0.2,
        "most ceasefire violations kill no one; about one in twelve kills a combatant",
        group="violations")
    civilian_deaths_per_violation: float = rule(
        0.05, "deaths per violation", 0.01, 0.15,
        "expected civilian deaths when the target cell holds a settlement's population",
        group="violations")
    peacekeeper_deaths_per_violation: float = rule(
        0.02, "deaths per violation", 0.005, 0.05,
        "expected peacekeeper deaths when armed peacekeepers stand in the target cell",
        group="violations")
    settlement_population_factor: float = rule(
        10.0, "multiplier", 5.0, 30.0,
        "civilians of a settlement cell against an ordinary cell; also the population that "
        "exposes civilians fully to fire", group="violations")

    # --- displacement (sim/submodels/displacement.py)
    displaced_share_under_fire: float = rule(
        0.03, "share of a cell's civilians", 0.01, 0.1,
        "civilians who flee a cell after it is hit", SHARE, "displacement")

    # --- grievance and retaliation (sim/submodels/grievance.py)
    grievance_per_blamed_violation: float = rule(
        0.3, "pressure per blamed violation", 0.1, 0.6,
        "a hit blamed on the other side adds to a unit's pressure to fire", group="grievance")
    grievance_halflife_days: float = rule(
        21.0, "days", 7.0, 60.0, "grievance fades over weeks without new hits",
        group="grievance")
    grievance_reach_cells: int = rule(
        3, "cells", 1, 6, "units near a hit share the grievance", group="grievance")
    retaliation_threshold: float = rule(
        0.2, "grievance", 0.05, 0.5,
        "a deliberate violation by a unit holding more grievance counts as a retaliation",
        group="grievance")

    # --- tension (sim/submodels/tension.py)
    tension_per_violation: float = rule(
        0.2, "tension", 0.05, 0.4, "rise of tension at the target cell of a violation",
        SHARE, "tension")
    shooter_tension_share: float = rule(
        0.5, "share", 0.0, 1.0,
        "rise at the shooter's cell, as a share of the rise at the target", SHARE, "tension")
    tension_halflife_days: float = rule(
        28.0, "days", 7.0, 90.0, "tension fades within weeks of quiet", group="tension")
    tension_diffusion: float = rule(
        0.25, "share per step", 0.05, 0.5,
        "share of a cell's tension that spreads to its neighbours each step", SHARE, "tension")
    offensive_front_cells: int = rule(
        2, "cells", 1, 4, "cells on either side of a new front set to full tension by an "
        "offensive", group="tension")

    # --- mission posting (sim/submodels/posting.py)
    front_depth_cells: int = rule(
        2, "cells", 1, 4, "armed units stand within this many cells of the contact line",
        group="posting")
    reach_cells: int = rule(
        3, "cells", 1, 6, "cells around a peacekeeping or observer unit that it covers "
        "(6 km at 2 km a cell)", group="posting")

    # --- coverage and deterrence (sim/submodels/deterrence.py)
    troops_deterrence_scale: float = rule(
        300.0, "troops", 100.0, 1000.0,
        "respected troops within reach that deter a violation with probability 1 - 1/e",
        group="deterrence")
    deterrence_observe: float = rule(
        0.25, "weight", 0.05, 0.5, "deterrence of an 'observe' mandate (lightly armed, "
        "steps aside)", SHARE, "deterrence")
    deterrence_interpose: float = rule(
        0.7, "weight", 0.4, 1.0, "deterrence of an 'interpose' mandate (stands between the "
        "lines)", SHARE, "deterrence")
    deterrence_enforce: float = rule(
        1.0, "weight", 0.7, 1.0, "deterrence of an 'enforce' mandate (may use force)",
        SHARE, "deterrence")
    deterrence_monitor: float = rule(
        0.05, "weight", 0.0, 0.2, "deterrence of unarmed observers (none physical; a little "
        "reputational)", SHARE, "deterrence")
    favoured_shield: float = rule(
        1.0, "share of bias", 0.5, 1.0,
        "a partisan force deters the side it favours less, by this share of its bias",
        SHARE, "deterrence")
    opposed_deterrence_bonus: float = rule(
        0.5, "share of bias", 0.0, 1.0,
        "a partisan force deters the side it opposes more, by this share of its bias",
        group="deterrence")
    troops_per_km_scale: float = rule(
        20.0, "troops per km", 5.0, 60.0,
        "troops per km of contact line giving cover 1 - 1/e against an offensive",
        group="deterrence")

    # --- attribution and reporting (sim/submodels/attribution.py)
    monitoring_scale: float = rule(
        100.0, "personnel", 30.0, 300.0,
        "personnel within reach that detect a violation with probability 1 - 1/e",
        group="attribution")
    monitoring_observe: float = rule(
        1.0, "weight", 0.5, 1.5, "monitoring weight of an 'observe' mandate", group="attribution")
    monitoring_interpose: float = rule(
        0.7, "weight", 0.3, 1.2, "monitoring weight of an 'interpose' mandate",
        group="attribution")
    monitoring_enforce: float = rule(
        0.6, "weight", 0.3, 1.2, "monitoring weight of an 'enforce' mandate",
        group="attribution")
    monitoring_monitor: float = rule(
        2.0, "weight", 1.0, 3.0, "monitoring weight of observers (watching is their job)",
        group="attribution")

    # --- leadership (sim/submodels/leadership.py)
    legitimacy_rate_per_year: float = rule(
        1.5, "per year", 0.5, 4.0,
        "speed at which a party's view of a mission moves toward its target",
        group="leadership")
    overreach_legitimacy_cost: float = rule(
        0.5, "share per unit overreach", 0.2, 1.0,
        "legitimacy lost by a mission acting beyond its mandate (at overreach 1)", SHARE,
        "leadership")
    patron_contributor_penalty: float = rule(
        0.3, "legitimacy", 0.1, 0.5,
        "legitimacy lost with the other party when a patron of one side contributes troops",
        SHARE, "leadership")
    trust_loss_per_blamed_violation: float = rule(
        0.01, "trust per violation", 0.002, 0.03,
        "each blamed violation costs trust in the other side", SHARE, "leadership")
    commitment_loss_per_blamed_violation: float = rule(
        0.004, "commitment per violation", 0.001, 0.01,
        "each blamed violation costs commitment to the ceasefire", SHARE, "leadership")
    trust_recovery_per_year: float = rule(
        0.3, "per year", 0.1, 1.0, "trust relaxes toward commitment", group="leadership")
    commitment_recovery_per_year: float = rule(
        0.1, "per year", 0.02, 0.5, "commitment relaxes toward its initial value",
        group="leadership")
    hostility_relax_per_year: float = rule(
        1.0, "per year", 0.3, 3.0, "hostility relaxes toward its floor", group="leadership")
    demand_notice_days: int = rule(
        30, "days", 7, 90, "a mission whose end a party demands leaves this many days "
        "later ('within a month', 000_9af0c8ce76d75530.txt on Abkhazia)", group="leadership")

    # --- offensives and interposition (sim/submodels/offensives.py)
    offensive_hazard_per_year: float = rule(
        3.0, "per year per unit drive", 1.0, 10.0,
        "yearly hazard of an offensive per unit of positive offensive drive",
        group="offensives")
    offensive_power_threshold: float = rule(
        1.0, "power ratio", 0.8, 1.5, "power ratio above which an offensive promises gain",
        group="offensives")
    hostility_drive_weight: float = rule(
        0.3, "drive", 0.0, 0.6, "drive from hostility times distrust", group="offensives")
    commitment_restraint: float = rule(
        0.6, "drive", 0.3, 1.0, "restraint from commitment to the ceasefire",
        group="offensives")
    progress_restraint: float = rule(
        0.5, "drive", 0.2, 1.0, "restraint from settlement progress", group="offensives")
    trust_restraint: float = rule(
        0.2, "drive", 0.0, 0.5, "restraint from trust in the other side", group="offensives")
    offensive_depth_per_power: float = rule(
        0.35, "share of depth per power ratio", 0.15, 0.6,
        "share of the defender's depth taken per unit of power ratio", group="offensives")
    interpose_slowing: float = rule(
        0.5, "share", 0.2, 0.8, "depth an interposing force denies at full cover", SHARE,
        "offensives")
    enforce_block_power: float = rule(
        1.5, "power ratio", 1.0, 3.0,
        "power ratio up to which a fully covering enforcing force blocks an offensive for "
        "certain", group="offensives")
    blocked_ambition_keep: float = rule(
        0.8, "share", 0.5, 1.0, "ambition left after a blocked offensive", SHARE, "offensives")
    offensive_combatant_deaths: float = rule(
        60.0, "deaths", 20.0, 200.0, "combatant deaths of an offensive taking half the depth",
        group="offensives")
    offensive_deaths_base: float = rule(
        0.5, "share", 0.2, 1.0, "combatant deaths of an offensive that takes nothing, as a "
        "share of offensive_combatant_deaths", group="offensives")
    offensive_civilian_death_share: float = rule(
        0.002, "share of civilians", 0.0005, 0.01,
        "share of the civilians in taken cells killed", SHARE, "offensives")
    blocked_offensive_deaths: float = rule(
        8.0, "deaths", 2.0, 20.0, "attacker deaths of a blocked offensive", group="offensives")
    blocked_offensive_peacekeeper_deaths: float = rule(
        4.0, "deaths", 1.0, 10.0, "peacekeeper deaths when an offensive is blocked",
        group="offensives")
    interposed_peacekeeper_deaths: float = rule(
        2.0, "deaths at full cover", 0.5, 6.0,
        "peacekeeper deaths when an offensive passes through interposing forces",
        group="offensives")
    defender_commitment_keep: float = rule(
        0.5, "share", 0.2, 0.9, "defender's commitment left after an offensive", SHARE,
        "offensives")
    trust_after_offensive: float = rule(
        0.05, "trust", 0.0, 0.2, "each party's trust falls at least to this after an "
        "offensive", SHARE, "offensives")

    # --- mediation and settlement (sim/submodels/mediation.py)
    talks_commitment_threshold: float = rule(
        0.45, "commitment", 0.3, 0.6, "both parties need more commitment for a round to "
        "succeed", SHARE, "mediation")
    talks_tension_threshold: float = rule(
        0.35, "tension", 0.2, 0.6, "line tension must be below this for a round to succeed",
        SHARE, "mediation")
    progress_per_round: float = rule(
        0.1, "progress", 0.03, 0.2, "settlement progress per successful round at "
        "credibility 1", SHARE, "mediation")
    commitment_per_round: float = rule(
        0.03, "commitment", 0.0, 0.06, "commitment gained per successful round at "
        "credibility 1", SHARE, "mediation")
    commitment_loss_failed_round: float = rule(
        0.01, "commitment", 0.0, 0.03, "commitment lost per failed round", SHARE, "mediation")
    failed_rounds_to_collapse: int = rule(
        3, "rounds", 2, 6, "failed rounds in a row that collapse the talks", group="mediation")
    talks_collapse_progress_keep: float = rule(
        0.7, "share", 0.4, 1.0, "progress left after the talks collapse", SHARE, "mediation")
    commitment_loss_talks_collapse: float = rule(
        0.05, "commitment", 0.0, 0.1, "commitment lost when the talks collapse", SHARE,
        "mediation")
    implementation_floor: float = rule(
        0.5, "probability", 0.3, 0.8, "chance a party implements a signed agreement at zero "
        "credibility and commitment (it rises linearly to 1)", SHARE, "mediation")
    progress_after_refusal: float = rule(
        0.6, "progress", 0.3, 0.9, "progress left when a party refuses to implement", SHARE,
        "mediation")
    commitment_loss_refusal: float = rule(
        0.1, "commitment", 0.0, 0.2, "commitment lost by a party refusing to implement",
        SHARE, "mediation")
    settled_commitment: float = rule(
        0.9, "commitment", 0.7, 1.0, "commitment of each party at least, once a settlement "
        "is implemented", SHARE, "mediation")
    settled_ambition_keep: float = rule(
        0.3, "share", 0.1, 0.6, "ambition left after a settlement", SHARE, "mediation")
    settled_hostility_keep: float = rule(
        0.5, "share", 0.2, 0.8, "hostility (and its floor) left after a settlement", SHARE,
        "mediation")

    # --- patrons and spoilers (sim/submodels/patrons.py)
    patron_growth_per_supply: float = rule(
        0.2, "per year at supply 1", 0.05, 0.4, "extra strength growth from a patron's supply",
        group="patrons")
    patron_hostility_per_supply: float = rule(
        0.6, "hostility at supply 1", 0.2, 0.9, "floor under the client's hostility from "
        "supply", SHARE, "patrons")
    discredit_per_year: float = rule(
        1.0, "per year at discredit 1", 0.2, 3.0, "decay of a mediator's credibility with "
        "the client under an information campaign", group="patrons")

    # --- rumours and riots (sim/submodels/rumours.py)
    rumour_tension: float = rule(
        0.5, "tension", 0.2, 0.8, "rise of tension where a rumour spreads", SHARE, "rumours")
    debunked_rumour_strength: float = rule(
        0.3, "share", 0.0, 0.6, "effect left of a false rumour that monitors debunk", SHARE,
        "rumours")
    rumour_reach_cells: int = rule(
        6, "cells", 3, 10, "cells around its settlement a rumour reaches", group="rumours")
    riot_chance_per_step: float = rule(
        0.6, "probability per step", 0.2, 0.9, "chance a tense, unprotected mixed settlement "
        "riots in a step", SHARE, "rumours")
    riot_civilian_deaths: float = rule(
        6.0, "deaths at tension 1", 2.0, 20.0, "civilian deaths of a riot (Kosovo, March "
        "2004: 19 dead in many riots, 004_81e203a96fa22155.txt)", group="rumours")
    riot_peacekeeper_deaths: float = rule(
        0.5, "deaths", 0.0, 2.0, "peacekeeper casualties of a riot they stand in",
        group="rumours")
    riot_displaced_share: float = rule(
        0.2, "share of a cell's civilians", 0.05, 0.5, "civilians who flee a riot", SHARE,
        "rumours")
    riot_reach_cells: int = rule(
        1, "cells", 0, 3, "cells around a riot set to full tension", group="rumours")

    # --- observation (sim/metrics.py; not behaviour)
    hotspot_tension: float = rule(
        0.5, "tension", 0.3, 0.8, "a cell at least this tense counts as a hotspot", SHARE,
        "observation")
    quiet_violations_per_year: float = rule(
        52.0, "violations per year", 12.0, 365.0, "violations a year at which the quiet part "
        "of the stability index is 1/e (one a week)", group="observation")

    def mandate_deterrence(self, mandate: str) -> float:
        """Deterrence weight of a mandate (observe, interpose, enforce, monitor)."""
        return getattr(self, f"deterrence_{mandate}")

    def monitoring_weight(self, mandate: str) -> float:
        """Monitoring weight of a mandate (observe, interpose, enforce, monitor)."""
        return getattr(self, f"monitoring_{mandate}")

    def replace(self, changes: dict[str, Any], label: str = "rules") -> Rules:
        """These rules with ``changes`` (name -> value) applied; RulesError if one is bad."""
        return dataclasses.replace(self, **{name: checked(name, value, label)
                                            for name, value in changes.items()})


FIELDS: dict[str, dataclasses.Field] = {f.name: f for f in dataclasses.fields(Rules)}
RULES = Rules()
"""The rules every run uses unless a scenario or ``--rules`` file replaces some."""
BEHAVIOURAL = [name for name, f in FIELDS.items() if f.metadata["group"] != "observation"]
"""Fields that set behaviour (those calibration and sensitivity analysis vary)."""


def checked(name: str, value: Any, label: str = "rules") -> float | int:
    """``value`` for rule ``name`` if it is allowed; RulesError (one line) if not."""
    field = FIELDS.get(name)
    if field is None:
        raise RulesError(f"{label}: unknown rule '{name}'; see 'peacesim rules' for the "
                         "names")
    integer = isinstance(field.default, int)
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "a whole number" if integer else "a number"
        raise RulesError(f"{label}: {name} = {value!r}: must be {kind}")
    if integer and value != int(value):
        raise RulesError(f"{label}: {name} = {value!r}: must be a whole number")
    low, high = field.metadata["bounds"]
    if not math.isfinite(value) or not low <= value <= high:
        allowed = f"between {low:g} and {high:g}" if math.isfinite(high) else f"at least {low:g}"
        raise RulesError(f"{label}: {name} = {value!r}: must be {allowed}")
    return int(value) if integer else float(value)


def load_rules(path: str | Path, base: Rules = RULES) -> Rules:
    """``base`` with the values of a TOML file of ``name = value`` lines."""
    return base.replace(read_rules_file(path), str(path))


def read_rules_file(path: str | Path) -> dict[str, Any]:
    """The ``name = value`` table of a rules file, checked; RulesError if it is not."""
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError(f"{label}: cannot read the rules file: "
                         f"{getattr(err, 'strerror', None) or err}") from None
    try:
        values = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as err:
        raise RulesError(f"{label}: not valid TOML: {err}") from None
    values = values.get("rules", values) if set(values) <= {"rules"} else values
    for name, value in values.items():
        checked(name, value, label)
    return values


def table() -> list[dict[str, Any]]:
    """Every rule as a row: name, value, unit, low, high, group, reason."""
    return [{"name": name, "value": f.default, "unit": f.metadata["unit"],
             "low": f.metadata["range"][0], "high": f.metadata["range"][1],
             "group": f.metadata["group"], "reason": f.metadata["reason"]}
            for name, f in FIELDS.items()]
