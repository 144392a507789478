"""Overrides: ``--set PATH=VALUE`` by dotted path, list entries addressed by name."""

from __future__ import annotations

import copy
from typing import Any

from . import nesting
from .errors import ScenarioError
from .schema import Scenario


def parse_assignment(text: str) -> tuple[str, Any]:
    """``'contingents.russia.bias=0'`` -> ``('contingents.russia.bias', 0)``.

    The value is read as a TOML value (numbers, booleans, quoted strings, arrays);
    anything else is taken as a bare string.
    """
    path, sep, value = text.partition("=")
    path = path.strip()
    if not sep or not path:
        raise ScenarioError(f"--set {text}: expected PATH=VALUE, e.g. contingents.pk.troops=0")
    try:
        return path, parse_value(value.strip())
    except ScenarioError as err:
        raise ScenarioError(f"--set {path}: {err}") from None


def parse_value(text: str) -> Any:
    """A TOML value, ``null``/``none`` for None, or else the text itself; NestedTooDeep
    for arrays nested more than MAX_DEPTH deep."""
    if text.lower() in ("null", "none"):
        return None
    try:
        return nesting.loads(f"v = {text}")["v"]
    except nesting.NotToml:
        return text


def apply_overrides(raw: dict[str, Any], overrides: dict[str, Any], label: str) -> dict[str, Any]:
    """Set dotted paths; list entries are addressed by their ``name``."""
    raw = copy.deepcopy(raw)
    for path, value in overrides.items():
        if not isinstance(path, str):
            raise ScenarioError(f"{label}: override {path!r}: a path must be text, "
                                "e.g. contingents.pk.troops")
        parts = path.split(".")
        node: Any = raw
        for depth, part in enumerate(parts[:-1]):
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
                _holds_a_value(parts, depth, path, label)
        if isinstance(node, list):
            raise ScenarioError(
                f"{label}: --set {path}: '{parts[-1]}' names an entry; give a field after it"
            )
        if not isinstance(node, dict):
            _holds_a_value(parts, len(parts) - 1, path, label)
        node[parts[-1]] = value
    return raw


def _holds_a_value(parts: list[str], depth: int, path: str, label: str) -> None:
    where = ".".join(parts[:depth])
    raise ScenarioError(f"{label}: --set {path}: '{where}' holds a value, not a table")


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
