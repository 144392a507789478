"""Scenario files: the typed schema, its limits, the checks across tables, loading
with one-line errors, and dotted name-addressed overrides.

A scenario is one TOML file (``docs/scenarios.md`` describes the format and its
limits). Every table may carry a ``source`` table mapping a field name to the passage
of a source document it comes from, e.g. ``source = { troops = "001_...txt: capped at
1,960 troops" }``.
"""

from .errors import Problem, ScenarioError
from .limits import LIMITS, Limits
from .loading import (
    SCENARIO_DIR,
    available_scenarios,
    format_error,
    load_scenario,
    named_path,
    scenario_path,
    validate,
)
from .overrides import apply_overrides, parse_assignment, parse_value
from .schema import (
    EVENT_FIELDS,
    LEGEND,
    NAME_PATTERN,
    Battalion,
    Collapse,
    Contingent,
    Event,
    MapSpec,
    Mediator,
    Observers,
    Party,
    Patron,
    Rumours,
    Scenario,
    ScenarioInfo,
    layout_rows,
)

__all__ = [
    "EVENT_FIELDS", "LEGEND", "LIMITS", "NAME_PATTERN", "SCENARIO_DIR", "Battalion",
    "Collapse", "Contingent", "Event", "Limits", "MapSpec", "Mediator", "Observers", "Party",
    "Patron", "Problem", "Rumours", "Scenario", "ScenarioError", "ScenarioInfo",
    "apply_overrides", "available_scenarios", "format_error", "layout_rows",
    "load_scenario", "named_path", "parse_assignment", "parse_value", "scenario_path",
    "validate",
]
