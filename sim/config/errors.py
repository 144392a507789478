"""The errors of scenario input."""

from __future__ import annotations

Loc = tuple[str | int, ...]


class ScenarioError(ValueError):
    """A user mistake in a scenario file or an override: one line, no traceback.

    Characters that are not printable (a newline typed into a value or a name) are
    written as escapes, so the message stays one line whatever it quotes.
    """

    def __init__(self, message: str):
        super().__init__(one_line(message))


def one_line(text: str) -> str:
    """``text`` with every character that is not printable escaped (``\\n``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class Problem(ValueError):
    """A check of a table that fails at ``loc``, a path of keys and list indices
    relative to that table (``("contingents", 0, "withdraw_day")``). The one-line
    error names the whole path, shows the value there (unless ``show_value`` is
    false) and adds ``message``."""

    def __init__(self, loc: Loc, message: str, show_value: bool = True):
        self.loc = tuple(loc)
        self.message = message
        self.show_value = show_value
        where = key_of(self.loc)
        super().__init__(f"{where}: {message}" if where else message)


def key_of(loc: Loc) -> str:
    """``("contingents", 0, "troops")`` -> ``"contingents[0].troops"``."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
