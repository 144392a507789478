"""Behavioural constants of the model: rates, weights and scales shared by all scenarios.

Scenario files set the actors; these numbers set how actors behave. Each is stated
with its unit; ``docs/ODD.md`` explains where each enters and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rules:
    # --- violations (ArmedUnit)
    violation_rate: float = 0.03
    """Deliberate violations per unit-day at full pressure, tension 0.5, undeterred."""
    involuntary_rate: float = 0.0035
    """Involuntary violations (local commanders, irregulars, accidents) per unit-day."""
    fire_range_cells: int = 4
    combatant_deaths_per_violation: float = 0.08
    civilian_deaths_per_violation: float = 0.05
    """Expected civilian deaths when the target cell holds a settlement's population."""
    peacekeeper_deaths_per_violation: float = 0.02
    """Expected peacekeeper deaths when peacekeepers stand in the target cell."""
    displaced_share_under_fire: float = 0.03
    """Share of a cell's civilians who flee after the cell is hit."""

    # --- grievance and retaliation
    grievance_per_blamed_violation: float = 0.3
    grievance_halflife_days: float = 21.0
    grievance_reach_cells: int = 3
    retaliation_threshold: float = 0.2
    """A deliberate violation by a unit holding more grievance counts as a retaliation."""

    # --- tension field
    tension_per_violation: float = 0.2
    tension_halflife_days: float = 28.0
    tension_diffusion: float = 0.25
    hotspot_tension: float = 0.5

    # --- peacekeeping and monitoring
    reach_cells: int = 3
    """Cells around a peacekeeping or observer unit that it covers."""
    troops_deterrence_scale: float = 300.0
    """Respected troops within reach that deter a violation with probability 1 - 1/e."""
    mandate_deterrence: dict[str, float] = field(
        default_factory=lambda: {"observe": 0.25, "interpose": 0.7, "enforce": 1.0, "monitor": 0.05}
    )
    troops_per_km_scale: float = 20.0
    """Troops per km of contact line giving cover 1 - 1/e against an offensive."""
    monitoring_scale: float = 100.0
    """Personnel within reach that detect a violation with probability 1 - 1/e."""
    monitoring_weight: dict[str, float] = field(
        default_factory=lambda: {"observe": 1.0, "interpose": 0.7, "enforce": 0.6, "monitor": 2.0}
    )
    legitimacy_rate_per_year: float = 1.5
    """Speed at which a party's view of a mission moves toward its target (per year)."""
    patron_contributor_penalty: float = 0.3
    """Legitimacy lost with the other party when a patron of one side contributes."""

    # --- leadership (Party)
    trust_loss_per_blamed_violation: float = 0.01
    commitment_loss_per_blamed_violation: float = 0.004
    trust_recovery_per_year: float = 0.3
    commitment_recovery_per_year: float = 0.1
    offensive_hazard_per_year: float = 3.0
    """Yearly hazard of an offensive per unit of positive offensive drive."""
    offensive_power_threshold: float = 1.0

    # --- offensives
    offensive_depth_per_power: float = 0.35
    """Share of the defender's depth taken per unit of power ratio (before interposition)."""
    offensive_combatant_deaths: float = 60.0
    offensive_civilian_death_share: float = 0.002
    blocked_offensive_deaths: float = 8.0
    blocked_offensive_peacekeeper_deaths: float = 4.0

    # --- mediation
    talks_commitment_threshold: float = 0.45
    talks_tension_threshold: float = 0.35
    progress_per_round: float = 0.1
    """Settlement progress per successful round at credibility 1."""
    failed_rounds_to_collapse: int = 3

    # --- patrons
    patron_growth_per_supply: float = 0.2
    """Extra strength growth per year at supply 1."""
    patron_hostility_per_supply: float = 0.6
    discredit_per_year: float = 1.0

    # --- rumours and riots
    rumour_tension: float = 0.5
    rumour_reach_cells: int = 6
    riot_chance_per_step: float = 0.6
    riot_civilian_deaths: float = 6.0
    riot_displaced_share: float = 0.2


RULES = Rules()
