"""Reading TOML text within limits: nesting depth and the length of numbers."""

from __future__ import annotations

import sys
import tomllib
from typing import Any

from .errors import ScenarioError
from .limits import MAX_DEPTH

TOO_DEEP = f"tables and arrays nest more than {MAX_DEPTH} deep"


class NotToml(ScenarioError):
    """Text that is not valid TOML."""


class NestedTooDeep(ScenarioError):
    """Tables and arrays nested more than MAX_DEPTH deep."""


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads`` within limits. The parser recurses once per level, so text
    nested hundreds deep would exhaust Python's stack; an integer longer than Python
    converts (``sys.get_int_max_str_digits``) raises a plain ValueError."""
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise NotToml(f"not valid TOML: {err}") from None
    except RecursionError:
        raise NestedTooDeep(TOO_DEEP) from None
    except ValueError:
        raise NotToml(f"not valid TOML: a number has more than "
                      f"{sys.get_int_max_str_digits():,} digits") from None
    if depth_beyond(value, MAX_DEPTH):
        raise NestedTooDeep(TOO_DEEP)
    return value


def depth_beyond(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether dicts and lists nest more than ``limit`` deep. Stops at the first branch
    that does, so a structure that contains itself is answered too."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, list | tuple):
            children = list(node)
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
