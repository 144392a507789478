"""The typed schema of a scenario file: one pydantic model per table.

Every value is bounded (``limits``) and finite. Checks that span tables (names,
references, days, the map, the resource limits) are in ``checks`` and run when a
whole :class:`Scenario` is validated.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..rules import RulesError, checked
from . import checks
from .errors import Problem
from .limits import (
    LIMITS,
    MAX_BATTLE_DEATHS,
    MAX_DAY,
    MAX_EVENTS,
    MAX_MEDIATORS,
    MAX_MISSIONS,
    MAX_NAME_CHARS,
    MAX_PATRONS,
    MAX_POPULATION_PER_CELL,
    MAX_TEXT_CHARS,
    STRENGTH_GROWTH_RANGE,
)

NAME_PATTERN = r"^[a-z][a-z0-9_]*$"


def _between(low: float, high: float):
    def check(value: float) -> float:
        if not low <= value <= high:
            raise ValueError(f"must be between {low:g} and {high:g}")
        return value

    return AfterValidator(check)


def _at_least(low: float):
    def check(value: float) -> float:
        if value < low:
            raise ValueError(f"must be at least {low:g}")
        return value

    return AfterValidator(check)


Fraction = Annotated[float, _between(0, 1)]
Bias = Annotated[float, _between(-1, 1)]
Count = Annotated[int, _at_least(0)]
"""Troops or monitors: the upper bound is a resource limit (``Limits.personnel``)."""
Day = Annotated[int, _between(0, MAX_DAY)]
Name = Annotated[str, Field(pattern=NAME_PATTERN, max_length=MAX_NAME_CHARS)]
Text = Annotated[str, Field(max_length=MAX_TEXT_CHARS)]


class Section(BaseModel):
    """Base of every table: unknown keys are refused, numbers are finite, ``source``
    cites documents."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    source: dict[str, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sources_name_fields(self):
        unknown = sorted(set(self.source) - set(type(self).model_fields) - {"layout"})
        if unknown:
            allowed = ", ".join(k for k in type(self).model_fields if k != "source")
            raise ValueError(f"source names unknown field '{unknown[0]}'; fields are: {allowed}")
        return self


class Collapse(Section):
    """When a ceasefire counts as collapsed."""

    battle_deaths: Annotated[int, _between(1, MAX_BATTLE_DEATHS)] = 25
    """Battle-related deaths (combatant + civilian from fire) within ``window_days``."""
    window_days: Annotated[int, _between(7, MAX_DAY)] = 365
    offensive: bool = True
    """A major offensive that is not stopped collapses the ceasefire."""


class ScenarioInfo(Section):
    name: Name
    title: Text
    description: Text = ""
    day_zero: Text = ""
    """Calendar date of day 0 (the ceasefire or deployment), free text."""
    days_per_step: Annotated[int, _between(1, 365)] = 7
    horizon_days: Annotated[int, _between(7, MAX_DAY)] = 1825
    collapse: Collapse = Field(default_factory=Collapse)


LEGEND = {
    "A": "territory held by side A",
    "B": "territory held by side B",
    "a": "settlement of side A",
    "b": "settlement of side B",
    "m": "mixed settlement (both sides' civilians)",
    "=": "buffer zone (held by neither side)",
    "+": "road or corridor in the buffer zone",
    "#": "impassable (mountains, water)",
}
"""Characters of a map ``layout``."""


def layout_rows(layout: str) -> list[str]:
    """The non-blank rows of an ASCII layout, stripped."""
    return [r.strip() for r in layout.strip("\n").splitlines() if r.strip()]


class MapSpec(Section):
    """The grid. Without ``layout`` the map is two halves split by a buffer zone.
    Its cells (width x height) are limited by ``Limits.cells``."""

    width: Annotated[int, _between(8, 2000)] = 40
    height: Annotated[int, _between(4, 2000)] = 24
    km_per_cell: Annotated[float, _between(0.01, 1000)] = 2.0
    buffer_cells: Annotated[int, _between(0, 50)] = 2
    """Width of the generated buffer zone (cells, at most width - 2); ignored with a
    layout."""
    settlements: Annotated[int, _between(0, 500)] = 6
    """Generated settlements per side; ignored with a layout."""
    mixed_settlements: Annotated[int, _between(0, 100)] = 0
    """Generated mixed settlements in the buffer zone; ignored with a layout."""
    population_per_cell: Annotated[float, _between(0, MAX_POPULATION_PER_CELL)] = 500.0
    """Civilians per ordinary cell; settlements hold ten times as many."""
    layout: str | None = None
    """ASCII map, one character per cell, rows top to bottom; see LEGEND."""

    @model_validator(mode="after")
    def _layout_matches(self):
        if self.layout is None:
            if self.buffer_cells > self.width - 2:
                raise Problem(("buffer_cells",), f"must leave each side a column of the "
                              f"map: at most width - 2 = {self.width - 2}")
            return self
        rows = layout_rows(self.layout)
        if len(rows) != self.height:
            raise ValueError(f"layout has {len(rows)} rows: must match height = {self.height}")
        for i, row in enumerate(rows, start=1):
            if len(row) != self.width:
                raise ValueError(
                    f"layout row {i} has {len(row)} characters: must match width = {self.width}"
                )
            bad = sorted(set(row) - set(LEGEND))
            if bad:
                raise ValueError(
                    f"layout row {i} has '{bad[0]}': allowed characters are " + " ".join(LEGEND)
                )
        return self


class Party(Section):
    """A side's leadership. Strength is relative (the two parties' ratio matters)."""

    name: Name
    side: Literal["A", "B"]
    units: Annotated[int, _at_least(1)] = 20
    """Armed units (``Limits.units_per_party``; at most one per passable cell held)."""
    strength: Annotated[float, _between(0.01, 1000)] = 1.0
    strength_growth: Annotated[float, _between(*STRENGTH_GROWTH_RANGE)] = 0.0
    """Fractional growth of strength per year (0.1 = +10 %/yr), -0.5 .. 10."""
    ambition: Fraction = 0.3
    """0 = status quo, 1 = revisionist."""
    commitment: Fraction = 0.6
    hostility: Fraction = 0.3
    trust: Fraction = 0.4
    demands_withdrawal_below: Fraction | None = None
    """Demand the end of a mission whose legitimacy falls below this (None: never)."""


class Battalion(Section):
    """One national battalion of a mixed force."""

    name: Name
    contributor: Text
    """Who sends it; a patron's exact name when a patron sends it."""
    troops: Count
    bias: Bias = 0.0


class Contingent(Section):
    """A peacekeeping contingent. Bias > 0 favours side A, < 0 favours side B."""

    name: Name
    contributor: Text = ""
    """Who sends it; a patron's exact name when a patron sends it (the other side then
    grants it less legitimacy)."""
    troops: Count = 0
    troops_per_unit: Annotated[int, _between(1, 100000)] = 100
    mandate: Literal["observe", "interpose", "enforce"] = "interpose"
    bias: Bias = 0.0
    patrol: Literal["line", "hotspots", "settlements"] = "line"
    deploy_day: Day = 0
    withdraw_day: Day | None = None
    """On or after ``deploy_day``; None: stays."""
    overreach: Fraction = 0.0
    consent: dict[str, Fraction] = Field(default_factory=dict)
    """Consent per party name, 0..1; a party not named consents fully."""
    battalions: list[Battalion] = Field(default_factory=list, max_length=MAX_MISSIONS)
    """A mixed force: then ``troops`` and ``bias`` come from the battalions."""


class Observers(Section):
    """An unarmed monitoring mission."""

    name: Name
    monitors: Count = 0
    monitors_per_team: Annotated[int, _between(1, 10000)] = 10
    deploy_day: Day = 0
    withdraw_day: Day | None = None
    """On or after ``deploy_day``; None: stays."""
    bias: Bias = 0.0
    consent: dict[str, Fraction] = Field(default_factory=dict)


class Mediator(Section):
    name: Name
    credibility: Fraction = 0.6
    talks_every_days: Annotated[int, _between(1, 3650)] = 90
    start_day: Day = 0


class Patron(Section):
    """An outside power backing ``client`` (a party name)."""

    name: Name
    client: Name
    supply: Fraction = 0.3
    """0..1: adds up to +20 %/yr strength growth and raises the client's hostility."""
    discredit: Fraction = 0.0
    """0..1: information campaign lowering the mediator's credibility with the client."""


class Rumours(Section):
    rate_per_year: Annotated[float, _between(0, 365)] = 0.0
    false_share: Fraction = 0.5
    riot_threshold: Fraction = 0.6
    """Settlement tension above which a mixed settlement riots."""
    troops_to_prevent: Annotated[float, _between(0, LIMITS.personnel)] = 400.0
    """Peacekeepers within reach of a settlement that stop a riot for certain (0: riots
    never happen)."""


EventKind = Literal[
    "deploy", "drawdown", "withdraw", "mandate_end", "demand_withdrawal", "patron_surge"
]

EVENT_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "deploy": (("contingent",), ("troops",)),
    "drawdown": (("contingent", "troops"), ()),
    "withdraw": (("contingent",), ()),
    "mandate_end": (("contingent",), ()),
    "demand_withdrawal": (("contingent", "party"), ("notice_days",)),
    "patron_surge": (("patron", "supply"), ()),
}
"""Fields each event kind needs, and those it may take, beside name, day and kind."""


class Event(Section):
    """A dated event. Each kind takes only its own fields (``EVENT_FIELDS``)."""

    name: Name
    day: Day
    kind: EventKind
    contingent: Name | None = None
    """deploy, drawdown, withdraw, mandate_end, demand_withdrawal: the mission."""
    troops: Count | None = None
    """deploy, drawdown: troops (or monitors) after the event."""
    party: Name | None = None
    """demand_withdrawal: the party demanding."""
    notice_days: Day = 30
    """demand_withdrawal: the mission leaves this many days after the demand."""
    patron: Name | None = None
    """patron_surge: the patron."""
    supply: Fraction | None = None
    """patron_surge: the patron's new supply level."""

    @model_validator(mode="after")
    def _fields_for_kind(self):
        needs, takes = EVENT_FIELDS[self.kind]
        for field in needs:
            if getattr(self, field) is None:
                raise ValueError(f"kind '{self.kind}' needs '{field}'")
        own = {"name", "day", "kind", "source", *needs, *takes}
        for field in type(self).model_fields:
            given = getattr(self, field) != type(self).model_fields[field].default
            if field not in own and field in self.model_fields_set and given:
                allowed = ", ".join(["name", "day", "kind", *needs, *takes])
                raise Problem((field,), f"kind '{self.kind}' does not take '{field}'; "
                              f"its keys: {allowed}")
        return self


class Scenario(Section):
    """A whole scenario file, validated (``checks`` for what spans tables).

    Validation takes the resource limits from the context ``{"limits": Limits}``
    (default ``LIMITS``).
    """

    scenario: ScenarioInfo
    map: MapSpec = Field(default_factory=MapSpec)
    parties: list[Party]
    contingents: list[Contingent] = Field(default_factory=list, max_length=MAX_MISSIONS)
    observers: list[Observers] = Field(default_factory=list, max_length=MAX_MISSIONS)
    mediators: list[Mediator] = Field(default_factory=list, max_length=MAX_MEDIATORS)
    patrons: list[Patron] = Field(default_factory=list, max_length=MAX_PATRONS)
    rumours: Rumours = Field(default_factory=Rumours)
    events: list[Event] = Field(default_factory=list, max_length=MAX_EVENTS)
    rules: dict[str, Any] = Field(default_factory=dict)
    """Behavioural constants this scenario replaces (``sim.rules``; ``peacesim rules``)."""

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, rules: dict[str, Any]) -> dict[str, float | int]:
        try:
            return {name: checked(name, value, "rules") for name, value in rules.items()}
        except RulesError as err:
            raise ValueError(str(err).removeprefix("rules: ")) from None

    @model_validator(mode="after")
    def _checks(self, info: ValidationInfo):
        limits = (info.context or {}).get("limits", LIMITS)
        checks.check_scenario(self, limits)
        return self

    @property
    def days(self) -> int:
        return self.scenario.horizon_days

    def party(self, side: str) -> Party:
        return next(p for p in self.parties if p.side == side)

    def to_dict(self) -> dict[str, Any]:
        """The scenario as plain data (an empty ``rules`` table left out)."""
        return self.model_dump(mode="json", exclude={"rules"} if not self.rules else None)

    def config_hash(self) -> str:
        """First 16 hex digits of the SHA-256 of the canonical JSON of the config."""
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]
