"""Reading and validating scenarios, with one-line errors: ``file: key = value: what
is allowed``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import nesting
from .errors import Loc, Problem, ScenarioError, key_of
from .limits import LIMITS, MAX_FILE_BYTES, Limits
from .overrides import apply_overrides
from .schema import Scenario

SCENARIO_DIR = Path(__file__).resolve().parent.parent.parent / "scenarios"


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
    name_or_path: str | Path | Scenario,
    overrides: dict[str, Any] | None = None,
    limits: Limits = LIMITS,
) -> Scenario:
    """Read, override and validate a scenario; raise ScenarioError on user mistakes."""
    if isinstance(name_or_path, Scenario):
        raw, label = name_or_path.to_dict(), name_or_path.scenario.name
    else:
        path = scenario_path(name_or_path)
        label = _display(path)
        raw = read_toml(path, label)
    raw = apply_overrides(raw, overrides or {}, label)
    return validate(raw, label, overrides, limits)


def read_toml(path: Path, label: str) -> dict[str, Any]:
    """The tables of a scenario file of at most MAX_FILE_BYTES, nested at most MAX_DEPTH."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise ScenarioError(f"{label}: cannot be read: {err.strerror or err}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(f"{label}: larger than {MAX_FILE_BYTES:,} bytes, the most a "
                            "scenario file may hold")
    try:
        return nesting.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ScenarioError(f"{label}: not a UTF-8 text file") from None
    except ScenarioError as err:
        raise ScenarioError(f"{label}: {err}") from None


def validate(
    raw: dict[str, Any],
    label: str,
    overrides: dict[str, Any] | None = None,
    limits: Limits = LIMITS,
) -> Scenario:
    """A Scenario from parsed tables, or a one-line ScenarioError naming ``label``."""
    if nesting.depth_beyond(raw):
        raise ScenarioError(f"{label}: {nesting.TOO_DEEP}")
    try:
        return Scenario.model_validate(raw, context={"limits": limits})
    except ValidationError as err:
        message = format_error(err, raw, label)
        loc, _, _ = _first(err)
        named = named_path(raw, loc)
        if overrides and named in overrides:
            message += f" (from --set {named}={overrides[named]})"
        raise ScenarioError(message) from None


def named_path(raw: Any, loc: Loc) -> str:
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


def _first(err: ValidationError) -> tuple[Loc, str, dict]:
    """Location, message and details of the first problem; a Problem raised by a check
    adds its own location to the table's."""
    first = err.errors()[0]
    loc = tuple(first["loc"])
    problem = (first.get("ctx") or {}).get("error")
    if isinstance(problem, Problem):
        return loc + problem.loc, problem.message, first
    return loc, first["msg"], first


LENGTH_UNITS = {"string_too_long": "characters", "too_long": "entries"}


def format_error(err: ValidationError, raw: dict[str, Any], label: str) -> str:
    """One line: ``file: key = value: what is allowed`` (+ how many more errors)."""
    loc, message, first = _first(err)
    kind = first["type"]
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    problem = (first.get("ctx") or {}).get("error")
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
    elif kind in LENGTH_UNITS:
        message = f"must have at most {first['ctx']['max_length']:,} {LENGTH_UNITS[kind]}"
    else:
        message = message.replace("Input should be", "must be")
    more = len(err.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    if not loc:
        return f"{label}: {message}{tail}"
    value = _value_at(raw, loc)
    hidden = (value is _MISSING or kind in ("extra_forbidden", "too_long")
              or isinstance(value, dict | list) or (isinstance(value, str) and "\n" in value)
              or (isinstance(problem, Problem) and not problem.show_value))
    shown = "" if hidden else f" = {_short(value)}"
    return f"{label}: {key_of(loc)}{shown}: {message}{tail}"


_MISSING = object()


def _value_at(raw: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            raw = raw[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return raw


def _short(value: Any) -> str:
    if isinstance(value, int) and abs(value) > 10**60:
        return f"a number of about {int(abs(value).bit_length() * 0.30103) + 1} digits"
    try:
        text = repr(value) if isinstance(value, str | float) else json.dumps(value)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
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
