"""Scenario files: the typed schema, loading, and dotted name-addressed overrides.

A scenario is one TOML file (see ``docs/ODD.md`` and the README for the format).
Every table may carry a ``source`` table mapping a field name to the passage of a
source document it comes from, e.g. ``source = { troops = "001_...txt: capped at
1,960 troops" }``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .rules import RulesError, checked

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"


class ScenarioError(ValueError):
    """A user mistake in a scenario file or an override: one line, no traceback."""


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
NonNegative = Annotated[float, _at_least(0)]
Count = Annotated[int, _at_least(0)]
Day = Annotated[int, _at_least(0)]
Name = Annotated[str, Field(pattern=NAME_PATTERN)]


class Section(BaseModel):
    """Base of every table: unknown keys are refused; ``source`` cites documents."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sources_name_fields(self):
        unknown = sorted(set(self.source) - set(type(self).model_fields) - {"layout"})
        if unknown:
            allowed = ", ".join(k for k in type(self).model_fields if k != "source")
            raise ValueError(f"source names unknown field '{unknown[0]}'; fields are: {allowed}")
        return self


class Collapse(Section):
    """When a ceasefire counts as collapsed."""

    battle_deaths: Annotated[int, _at_least(1)] = 25
    """Battle-related deaths (combatant + civilian from fire) within ``window_days``."""
    window_days: Annotated[int, _at_least(7)] = 365
    offensive: bool = True
    """A major offensive that is not stopped collapses the ceasefire."""


class ScenarioInfo(Section):
    name: Name
    title: str
    description: str = ""
    day_zero: str = ""
    """Calendar date of day 0 (the ceasefire or deployment), free text."""
    days_per_step: Annotated[int, _between(1, 365)] = 7
    horizon_days: Annotated[int, _between(7, 36500)] = 1825
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


class MapSpec(Section):
    """The grid. Without ``layout`` the map is two halves split by a buffer zone."""

    width: Annotated[int, _between(8, 2000)] = 40
    height: Annotated[int, _between(4, 2000)] = 24
    km_per_cell: Annotated[float, _between(0.01, 1000)] = 2.0
    buffer_cells: Annotated[int, _between(0, 50)] = 2
    """Width of the generated buffer zone (cells); ignored with a layout."""
    settlements: Annotated[int, _between(0, 500)] = 6
    """Generated settlements per side; ignored with a layout."""
    mixed_settlements: Annotated[int, _between(0, 100)] = 0
    """Generated mixed settlements in the buffer zone; ignored with a layout."""
    population_per_cell: NonNegative = 500.0
    """Civilians per ordinary cell; settlements hold ten times as many."""
    layout: str | None = None
    """ASCII map, one character per cell, rows top to bottom; see LEGEND."""

    @model_validator(mode="after")
    def _layout_matches(self):
        if self.layout is None:
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
    units: Annotated[int, _between(1, 100000)] = 20
    strength: Annotated[float, _between(0.01, 1000)] = 1.0
    strength_growth: Annotated[float, _between(-1, 10)] = 0.0
    """Fractional growth of strength per year (0.1 = +10 %/yr)."""
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
    contributor: str
    troops: Count
    bias: Bias = 0.0


class Contingent(Section):
    """A peacekeeping contingent. Bias > 0 favours side A, < 0 favours side B."""

    name: Name
    contributor: str = ""
    troops: Count = 0
    troops_per_unit: Annotated[int, _between(1, 100000)] = 100
    mandate: Literal["observe", "interpose", "enforce"] = "interpose"
    bias: Bias = 0.0
    patrol: Literal["line", "hotspots", "settlements"] = "line"
    deploy_day: Day = 0
    withdraw_day: Day | None = None
    overreach: Fraction = 0.0
    consent: dict[str, Fraction] = Field(default_factory=dict)
    """Consent per party name, 0..1; a party not named consents fully."""
    battalions: list[Battalion] = Field(default_factory=list)
    """A mixed force: then ``troops`` and ``bias`` come from the battalions."""


class Observers(Section):
    """An unarmed monitoring mission."""

    name: Name
    monitors: Count = 0
    monitors_per_team: Annotated[int, _between(1, 10000)] = 10
    deploy_day: Day = 0
    withdraw_day: Day | None = None
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
    troops_to_prevent: NonNegative = 400.0
    """Peacekeepers within reach of a settlement that stop a riot for certain."""


EventKind = Literal[
    "deploy", "drawdown", "withdraw", "mandate_end", "demand_withdrawal", "patron_surge"
]


class Event(Section):
    """A dated event. Fields used depend on ``kind``."""

    name: Name
    day: Day
    kind: EventKind
    contingent: Name | None = None
    """deploy, drawdown, withdraw, mandate_end, demand_withdrawal: the mission."""
    troops: Count | None = None
    """deploy, drawdown: troops after the event."""
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
        needs = {
            "deploy": ("contingent",),
            "drawdown": ("contingent", "troops"),
            "withdraw": ("contingent",),
            "mandate_end": ("contingent",),
            "demand_withdrawal": ("contingent", "party"),
            "patron_surge": ("patron", "supply"),
        }[self.kind]
        for field in needs:
            if getattr(self, field) is None:
                raise ValueError(f"kind '{self.kind}' needs '{field}'")
        return self


class Scenario(Section):
    """A whole scenario file, validated."""

    scenario: ScenarioInfo
    map: MapSpec = Field(default_factory=MapSpec)
    parties: list[Party]
    contingents: list[Contingent] = Field(default_factory=list)
    observers: list[Observers] = Field(default_factory=list)
    mediators: list[Mediator] = Field(default_factory=list)
    patrons: list[Patron] = Field(default_factory=list)
    rumours: Rumours = Field(default_factory=Rumours)
    events: list[Event] = Field(default_factory=list)
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
    def _cross_references(self):
        if sorted(p.side for p in self.parties) != ["A", "B"]:
            raise ValueError("parties: need exactly two parties, one with side 'A', one with 'B'")
        parties = [p.name for p in self.parties]
        missions = [c.name for c in self.contingents] + [o.name for o in self.observers]
        for kind, names in (
            ("parties", parties),
            ("missions", missions),
            ("mediators", [m.name for m in self.mediators]),
            ("patrons", [p.name for p in self.patrons]),
            ("events", [e.name for e in self.events]),
        ):
            duplicated = {n for n in names if names.count(n) > 1}
            if duplicated:
                raise ValueError(f"{kind}: name '{sorted(duplicated)[0]}' is used twice")
        allowed = ", ".join(parties)
        for section, entries in (("contingents", self.contingents), ("observers", self.observers)):
            for i, entry in enumerate(entries):
                for party in entry.consent:
                    if party not in parties:
                        raise ValueError(
                            f"{section}[{i}].consent.{party}: unknown party; allowed: {allowed}"
                        )
        for i, patron in enumerate(self.patrons):
            if patron.client not in parties:
                raise ValueError(
                    f"patrons[{i}].client = '{patron.client}': unknown party; allowed: {allowed}"
                )
        for i, event in enumerate(self.events):
            if event.contingent is not None and event.contingent not in missions:
                raise ValueError(
                    f"events[{i}].contingent = '{event.contingent}': unknown mission; "
                    f"allowed: {', '.join(missions) or 'none defined'}"
                )
            if event.party is not None and event.party not in parties:
                raise ValueError(
                    f"events[{i}].party = '{event.party}': unknown party; allowed: {allowed}"
                )
            patrons = [p.name for p in self.patrons]
            if event.patron is not None and event.patron not in patrons:
                raise ValueError(
                    f"events[{i}].patron = '{event.patron}': unknown patron; "
                    f"allowed: {', '.join(patrons) or 'none defined'}"
                )
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


# ---------------------------------------------------------------- loading


def scenario_path(name_or_path: str | Path) -> Path:
    """A path as given, or the file ``scenarios/<name>.toml``."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ScenarioError(f"{path}: no such scenario file")
        return path
    candidate = SCENARIO_DIR / f"{name_or_path}.toml"
    if not candidate.is_file():
        known = ", ".join(available_scenarios()) or "none"
        raise ScenarioError(f"{name_or_path}: no such scenario; known scenarios: {known}")
    return candidate


def available_scenarios() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def load_scenario(
    name_or_path: str | Path | Scenario, overrides: dict[str, Any] | None = None
) -> Scenario:
    """Read, override and validate a scenario; raise ScenarioError on user mistakes."""
    if isinstance(name_or_path, Scenario):
        raw, label = name_or_path.to_dict(), name_or_path.scenario.name
    else:
        path = scenario_path(name_or_path)
        label = _display(path)
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise ScenarioError(f"{label}: not valid TOML: {err}") from None
        except UnicodeDecodeError:
            raise ScenarioError(f"{label}: not a UTF-8 text file") from None
    raw = apply_overrides(raw, overrides or {}, label)
    return validate(raw, label, overrides)


def validate(raw: dict[str, Any], label: str, overrides: dict[str, Any] | None = None) -> Scenario:
    try:
        return Scenario.model_validate(raw)
    except ValidationError as err:
        message = format_error(err, raw, label)
        named = named_path(raw, err.errors()[0]["loc"])
        if overrides and named in overrides:
            message += f" (from --set {named}={overrides[named]})"
        raise ScenarioError(message) from None


def named_path(raw: dict[str, Any], loc: tuple) -> str:
    """An error location as an override path: list indices become entry names."""
    parts, node = [], raw
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            parts.append(str(node.get("name", part)) if isinstance(node, dict) else str(part))
        else:
            node = node.get(part) if isinstance(node, dict) else None
            parts.append(str(part))
    return ".".join(parts)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def format_error(err: ValidationError, raw: dict[str, Any], label: str) -> str:
    """One line: ``file: key = value: what is allowed`` (+ how many more errors)."""
    first = err.errors()[0]
    loc = first["loc"]
    key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    message = first["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    kind = first["type"]
    if kind == "extra_forbidden":
        model = _model_at(Scenario, loc[:-1])
        allowed = ", ".join(k for k in model.model_fields) if model else ""
        message = f"unknown key; allowed keys: {allowed}"
    elif kind == "missing":
        message = "required key is missing"
    elif kind == "literal_error":
        message = "must be " + message.removeprefix("Input should be ")
    elif kind == "string_pattern_mismatch":
        message = "must be lower-case letters, digits and '_', starting with a letter"
    else:
        message = message.replace("Input should be", "must be")
    more = len(err.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    if not loc:
        return f"{label}: {message}{tail}"
    value = _value_at(raw, loc)
    hidden = value is _MISSING or kind == "extra_forbidden" or isinstance(value, dict | list)
    shown = "" if hidden else f" = {_short(value)}"
    return f"{label}: {key}{shown}: {message}{tail}"


_MISSING = object()


def _value_at(raw: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            raw = raw[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return raw


def _short(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        nested = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        if not nested:
            return None
        model = nested[0]
    return model


# ---------------------------------------------------------------- overrides


def parse_assignment(text: str) -> tuple[str, Any]:
    """``'contingents.russia.bias=0'`` -> ``('contingents.russia.bias', 0)``.

    The value is read as a TOML value (numbers, booleans, quoted strings, arrays);
    anything else is taken as a bare string.
    """
    path, sep, value = text.partition("=")
    path = path.strip()
    if not sep or not path:
        raise ScenarioError(f"--set {text}: expected PATH=VALUE, e.g. contingents.pk.troops=0")
    return path, parse_value(value.strip())


def parse_value(text: str) -> Any:
    if text.lower() in ("null", "none"):
        return None
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def apply_overrides(raw: dict[str, Any], overrides: dict[str, Any], label: str) -> dict[str, Any]:
    """Set dotted paths; list entries are addressed by their ``name``."""
    raw = copy.deepcopy(raw)
    for path, value in overrides.items():
        parts = path.split(".")
        node: Any = raw
        for depth, part in enumerate(parts[:-1]):
            where = ".".join(parts[: depth + 1])
            if isinstance(node, list):
                names = [e.get("name") for e in node if isinstance(e, dict)]
                match = [e for e in node if isinstance(e, dict) and e.get("name") == part]
                if not match:
                    raise ScenarioError(
                        f"{label}: --set {path}: no entry named '{part}' in "
                        f"{'.'.join(parts[:depth])}; names: {', '.join(map(str, names)) or 'none'}"
                    )
                node = match[0]
            elif isinstance(node, dict):
                if part not in node:
                    node[part] = _absent_section(node, parts, depth, path, label)
                node = node[part]
            else:
                raise ScenarioError(f"{label}: --set {path}: '{where}' holds a value, not a table")
        if isinstance(node, list):
            raise ScenarioError(
                f"{label}: --set {path}: '{parts[-1]}' names an entry; give a field after it"
            )
        node[parts[-1]] = value
    return raw


def _absent_section(node: dict, parts: list[str], depth: int, path: str, label: str) -> Any:
    """An empty table or list to fill for a section the file leaves out, or an error."""
    part = parts[depth]
    if depth == 0 and part in Scenario.model_fields:
        field = Scenario.model_fields[part]
        return [] if getattr(field.annotation, "__origin__", None) is list else {}
    if depth > 0 and part in ("consent", "collapse", "source"):
        return {}
    allowed = ", ".join(Scenario.model_fields if depth == 0 else node)
    raise ScenarioError(
        f"{label}: --set {path}: unknown key '{'.'.join(parts[: depth + 1])}'; allowed: {allowed}"
    )




def layout_rows(layout: str) -> list[str]:
    """The non-blank rows of an ASCII layout, stripped."""
    return [r.strip() for r in layout.strip("\n").splitlines() if r.strip()]

