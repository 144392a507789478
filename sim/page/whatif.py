"""What-if knobs of a scenario: the settings a class changes, as dotted overrides.

Each :class:`Knob` names one override path (``contingents.blue_helmets.troops``),
its label with units and range, and the scenario's own value. ``parse`` turns what
a student typed into a value or a one-line :class:`~sim.config.ScenarioError`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from ..config import Scenario, ScenarioError

Kind = Literal["count", "number", "fraction", "bias", "day", "choice"]
WHOLE = re.compile(r"[0-9]+")
"""A whole number as typed: ASCII digits only (no sign, no superscripts)."""

MAX_TROOPS = 100_000
MAX_SEED = 2**32 - 1
MANDATES = ("observe", "interpose", "enforce")


@dataclass(frozen=True)
class Knob:
    """One what-if setting: an override ``path`` with its allowed range."""

    path: str
    label: str
    kind: Kind
    value: Any
    """The scenario's own value (None: a withdrawal day that is not set)."""
    group: str
    low: float = 0.0
    high: float = 1.0
    choices: tuple[str, ...] = ()
    blank: Any = None
    """What an empty ``day`` field means (None: the setting is removed)."""


def _mission_knobs(scenario: Scenario, horizon: int) -> list[Knob]:
    knobs: list[Knob] = []
    a, b = scenario.party("A").name, scenario.party("B").name
    bias_label = f"bias (-1 favours {b} .. +1 favours {a})"
    for c in scenario.contingents:
        group = f"Contingent {c.name}" + (f" ({c.contributor})" if c.contributor else "")
        path = f"contingents.{c.name}"
        for part in c.battalions:
            knobs.append(Knob(f"{path}.battalions.{part.name}.troops",
                              f"{part.name} troops (0 .. {MAX_TROOPS:,})", "count",
                              part.troops, group, 0, MAX_TROOPS))
            knobs.append(Knob(f"{path}.battalions.{part.name}.bias", f"{part.name} {bias_label}",
                              "bias", part.bias, group, -1, 1))
        if not c.battalions:
            knobs.append(Knob(f"{path}.troops", f"troops (0 .. {MAX_TROOPS:,})", "count",
                              c.troops, group, 0, MAX_TROOPS))
            knobs.append(Knob(f"{path}.bias", bias_label, "bias", c.bias, group, -1, 1))
        knobs.append(Knob(f"{path}.mandate", "mandate", "choice", c.mandate, group,
                          choices=MANDATES))
        knobs.append(_withdrawal_knob(scenario, c.name, path, c.withdraw_day, group, horizon))
    for o in scenario.observers:
        group = f"Observer mission {o.name}"
        path = f"observers.{o.name}"
        knobs.append(Knob(f"{path}.monitors", f"monitors (0 .. {MAX_TROOPS:,})", "count",
                          o.monitors, group, 0, MAX_TROOPS))
        knobs.append(Knob(f"{path}.withdraw_day",
                          f"withdrawal day (0 .. {horizon:,}; blank: stays)", "day",
                          o.withdraw_day, group, 0, horizon))
    return knobs


def _withdrawal_knob(scenario: Scenario, mission: str, path: str, withdraw_day: int | None,
                     group: str, horizon: int) -> Knob:
    """The day a contingent leaves: its own ``withdraw_day``, or, when a dated
    ``withdraw`` event takes it out, that event's day (blank: it stays to the end)."""
    event = next((e for e in sorted(scenario.events, key=lambda e: e.day)
                  if e.kind == "withdraw" and e.contingent == mission), None)
    if event is None or withdraw_day is not None:
        return Knob(f"{path}.withdraw_day", f"withdrawal day (0 .. {horizon:,}; blank: stays)",
                    "day", withdraw_day, group, 0, horizon)
    stays = max(horizon + 1, event.day)
    return Knob(f"events.{event.name}.day",
                f"withdrawal day (the event {event.name}: 0 .. {horizon:,}; blank: stays)",
                "day", event.day if event.day <= horizon else None, group, 0, horizon,
                blank=stays)


def knobs_for(scenario: Scenario) -> list[Knob]:
    """The what-if knobs of ``scenario``, grouped by mission, mediator, patron, rumours."""
    horizon = scenario.scenario.horizon_days
    knobs = _mission_knobs(scenario, horizon)
    for m in scenario.mediators:
        knobs.append(Knob(f"mediators.{m.name}.credibility", "credibility (0 .. 1)", "fraction",
                          m.credibility, f"Mediator {m.name}"))
    for p in scenario.patrons:
        group = f"Patron {p.name} (backs {p.client})"
        knobs.append(Knob(f"patrons.{p.name}.supply", "supply (0 .. 1)", "fraction", p.supply,
                          group))
        knobs.append(Knob(f"patrons.{p.name}.discredit",
                          "discrediting the mediator (0 .. 1)", "fraction", p.discredit, group))
    knobs.append(Knob("rumours.rate_per_year", "rumours per year (0 .. 365)", "number",
                      scenario.rumours.rate_per_year, "Civilians", 0, 365))
    return knobs


def _number(text: str, what: str) -> float:
    """A finite number from what was typed (no nan, inf or overflow such as 1e400)."""
    try:
        value = float(text)
    except ValueError:
        raise ScenarioError(f"{what}: '{text}' is not a number") from None
    if not math.isfinite(value):
        raise ScenarioError(f"{what}: '{text}' is not a finite number")
    return value


def whole_number(text: Any, what: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` typed in digits 0-9; ScenarioError if not."""
    text = str(text).strip().replace(",", "").replace("_", "")
    if not WHOLE.fullmatch(text) or not low <= int(text) <= high:
        raise ScenarioError(f"{what}: '{text}' must be a whole number from {low:,} to {high:,}")
    return int(text)


def parse(knob: Knob, text: Any) -> Any:
    """The value of ``knob`` from what was typed or picked; ScenarioError if not allowed."""
    what = knob.path
    if knob.kind == "choice":
        if text not in knob.choices:
            raise ScenarioError(f"{what}: '{text}': must be one of {', '.join(knob.choices)}")
        return text
    if not isinstance(text, str):
        text = str(text)
    text = text.strip().replace(",", "").replace("_", "")
    if knob.kind == "day" and text == "":
        return knob.blank
    if knob.kind in ("count", "day"):
        value = _number(text, what)
        if value != int(value):
            raise ScenarioError(f"{what}: '{text}' is not a whole number")
        value = int(value)
    else:
        value = _number(text, what)
    if not knob.low <= value <= knob.high:
        raise ScenarioError(f"{what} = {text}: must be between {knob.low:,g} and {knob.high:,g}")
    return value


def parse_seed(text: str) -> int:
    """A replication seed: a whole number from 0 to 2**32 - 1."""
    return whole_number(text, "seed", 0, MAX_SEED)


def shown(value: Any) -> str:
    """A knob value as the text a field starts with."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def overrides_from(knobs: list[Knob], values: dict[str, Any]) -> dict[str, Any]:
    """The overrides among ``values`` (path -> parsed value) that differ from the scenario."""
    own = {k.path: k.blank if k.value is None else k.value for k in knobs}
    return {path: value for path, value in values.items() if path in own and value != own[path]}


def scenario_sources(scenario: Scenario) -> list[tuple[str, str]]:
    """Every ``source`` note of a scenario as (dotted field, passage), in file order."""
    found: list[tuple[str, str]] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for field, passage in (node.get("source") or {}).items():
                found.append((f"{where}.{field}".lstrip("."), passage))
            for key, value in node.items():
                if key != "source":
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, entry in enumerate(node):
                name = entry.get("name") if isinstance(entry, dict) else None
                walk(entry, f"{where}.{name}" if name else f"{where}[{i}]")

    walk(scenario.to_dict(), "")
    return found
