"""What-if knobs of a scenario: the settings a class changes, as dotted overrides.

Each :class:`Knob` names one override path (``contingents.blue_helmets.troops``),
its label with units and range, and the scenario's own value. ``parse`` turns what
a student typed into a value or a one-line :class:`~sim.config.ScenarioError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .config import Scenario, ScenarioError

Kind = Literal["count", "number", "fraction", "bias", "day", "choice"]

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
        knobs.append(Knob(f"{path}.withdraw_day",
                          f"withdrawal day (0 .. {horizon:,}; blank: stays)", "day",
                          c.withdraw_day, group, 0, horizon))
    for o in scenario.observers:
        group = f"Observer mission {o.name}"
        path = f"observers.{o.name}"
        knobs.append(Knob(f"{path}.monitors", f"monitors (0 .. {MAX_TROOPS:,})", "count",
                          o.monitors, group, 0, MAX_TROOPS))
        knobs.append(Knob(f"{path}.withdraw_day",
                          f"withdrawal day (0 .. {horizon:,}; blank: stays)", "day",
                          o.withdraw_day, group, 0, horizon))
    return knobs


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
    try:
        return float(text)
    except ValueError:
        raise ScenarioError(f"{what}: '{text}' is not a number") from None


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
        return None
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
    text = str(text).strip()
    if not text.isdigit() or int(text) > MAX_SEED:
        raise ScenarioError(f"seed: '{text}' must be a whole number from 0 to {MAX_SEED:,}")
    return int(text)


def shown(value: Any) -> str:
    """A knob value as the text a field starts with."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def overrides_from(knobs: list[Knob], values: dict[str, Any]) -> dict[str, Any]:
    """The overrides among ``values`` (path -> parsed value) that differ from the scenario."""
    by_path = {k.path: k for k in knobs}
    return {path: value for path, value in values.items()
            if path in by_path and value != by_path[path].value}


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
