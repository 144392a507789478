"""Shared fixtures: scenarios built from the classroom file with changes."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import pytest

from sim.config import SCENARIO_DIR, Scenario, validate

CLASSROOM = tomllib.loads((SCENARIO_DIR / "classroom.toml").read_text())


def classroom(**sections: Any) -> Scenario:
    """The classroom scenario with whole sections replaced or added.

    ``classroom(contingents=[], observers=[{...}])``; ``scenario={...}`` and
    ``map={...}`` and ``rumours={...}`` are merged into the file's tables.
    """
    raw = copy.deepcopy(CLASSROOM)
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(raw.get(key), dict):
            raw[key].update(value)
        else:
            raw[key] = value
    return validate(raw, "test")


def party(name: str, side: str, **fields: Any) -> dict[str, Any]:
    base = {"name": name, "side": side, "units": 20, "strength": 1.0, "ambition": 0.3,
            "commitment": 0.6, "hostility": 0.35, "trust": 0.4}
    return base | fields


def contingent(name: str = "pk", **fields: Any) -> dict[str, Any]:
    return {"name": name, "contributor": "neutral states", "troops": 1500,
            "mandate": "interpose", "bias": 0.0, "patrol": "line"} | fields


@pytest.fixture
def make_classroom():
    return classroom
