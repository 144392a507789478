"""The run's summary and event log as HTML, for the widgets that show them."""

from __future__ import annotations

import html

from .session import Session

MAX_LOG_LINES = 200


def table_html(rows: list[tuple[str, str]], css_class: str) -> str:
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                   for k, v in rows)
    return f'<table class="{css_class}">{body}</table>'


def summary_rows(session: Session) -> list[tuple[str, str]] | None:
    """The run's ceasefire metrics so far in words and numbers; None before day 1."""
    summary = session.summary()
    if summary is None:
        return None
    if summary["collapse_day"] is not None:
        outcome = f"collapsed on day {summary['collapse_day']:,}: {summary['collapse_cause']}"
    elif summary["settlement_reached"]:
        outcome = "settlement reached; the ceasefire held"
    else:
        outcome = f"holding after {summary['days']:,} days"
    reported = summary["reported_by_side"]
    casualties = summary["casualties"]
    return [
        ("Ceasefire", outcome),
        ("Stability index (0 .. 1)", f"{summary['stability_index']:.2f}"),
        ("Violations (reported)", "; ".join(f"{p} {n:,} ({reported[p]:,})"
                                            for p, n in summary["violations_by_side"].items())),
        ("Retaliations / riots / offensives",
         f"{summary['retaliations']:,} / {summary['riots']:,} / {summary['offensives']:,}"),
        ("Casualties", f"combatants {casualties['combatant']:,}, civilians "
                       f"{casualties['civilian']:,}, peacekeepers {casualties['peacekeeper']:,}"),
        ("Peak tension (0 .. 1)", f"{summary['peak_tension']:.2f}"),
        ("Territory changed hands", f"{summary['territory_changed_pct']:.1f} % of the map"),
        ("Civilians displaced", f"{summary['displaced']:,}"),
        ("Talks: settlement progress (0 .. 1)", f"{summary['settlement_progress']:.2f}"),
        ("Peacekeepers deployed now", f"{session.troops_deployed():,} troops"),
    ]




def summary_html(session: Session) -> str:
    rows = summary_rows(session)
    if rows is None:
        return '<div class="peacesim-help">No days simulated yet.</div>'
    return table_html(rows, "peacesim-table")


def log_html(session: Session) -> str:
    """The event log, newest first, with its count."""
    events = session.events()
    head = (f'<div class="peacesim-log-count">{len(events)} '
            f'event{"" if len(events) == 1 else "s"}</div>')
    if not events:
        return head + '<div class="peacesim-help">Nothing has happened yet.</div>'
    lines = "".join(
        f'<div><span class="day">day {e["day"]:,}</span> {html.escape(e["text"])}</div>'
        for e in reversed(events[-MAX_LOG_LINES:]))
    return head + f'<div class="peacesim-log">{lines}</div>'
