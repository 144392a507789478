"""Watching one run: Step / Play / Reset, the speed, the map, the summary, the charts and
the event log. The map and charts are drawn in the browser (``views.RunView``); only
the summary and the log are Solara widgets, refreshed after each Step and every
``SUMMARY_EVERY_S`` seconds while playing."""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import solara

from .controls import Note
from .play import SPEEDS
from .session import Session
from .views import RunView

if TYPE_CHECKING:
    from .live import Live

SUMMARY_EVERY_S = 2.0
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


@solara.component
def SummaryPanel(live: Live):
    """The run's ceasefire-stability metrics so far (redrawn when ``live.version`` moves)."""
    session = live.session
    rows = solara.use_memo(lambda: summary_rows(session), [live.version.value, session.run])
    with solara.Card("This run so far"):
        if rows is None:
            Note("No days simulated yet.")
        else:
            solara.HTML(tag="div", unsafe_innerHTML=table_html(rows, "peacesim-table"),
                        classes=["peacesim-summary"])


@solara.component
def EventLog(live: Live):
    """What happened, in plain words, newest first."""
    session = live.session
    events = solara.use_memo(session.events, [live.version.value, session.run])
    with solara.Card(f"Event log ({len(events)} event{'' if len(events) == 1 else 's'})"):
        if not events:
            Note("Nothing has happened yet.")
            return
        lines = "".join(
            f'<div><span class="day">day {e["day"]:,}</span> {html.escape(e["text"])}</div>'
            for e in reversed(events[-MAX_LOG_LINES:]))
        solara.HTML(tag="div", unsafe_innerHTML=lines, classes=["peacesim-log"])


@solara.component
def RunPanel(live: Live, on_reset: Callable[[], None]):
    """The buttons, the speed, any notice, the map with the summary, charts and log."""
    session, player = live.session, live.player
    playing = live.playing.value
    _, finished, failure = live.stand.value
    speed, set_speed = solara.use_state(next(k for k, v in SPEEDS.items()
                                             if v == player.days_per_s))

    def pick_speed(label: str) -> None:
        player.days_per_s = SPEEDS[label]
        session.touch()
        set_speed(label)

    with solara.Card(f"Watch one run (seed {session.seed})"):
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "8px"}):
            solara.Button("Step", on_click=live.step, disabled=playing or finished,
                          color="primary")
            solara.Button("Pause" if playing else "Play",
                          on_click=lambda: live.play(not playing),
                          disabled=finished and not playing)
            solara.Button("Reset", on_click=on_reset)
            solara.Select(label="Play speed", values=list(SPEEDS), value=speed,
                          on_value=pick_speed, classes=["peacesim-speed"],
                          style={"max-width": "220px"})
        if failure:
            solara.Error(failure, classes=["peacesim-run-error"])
        if live.notice.value:
            solara.Info(live.notice.value, classes=["peacesim-notice"])
        with solara.Columns([3, 2]):
            solara.display(live.view.map)
            SummaryPanel(live)
        solara.display(live.view.charts)
        EventLog(live)


def play_callbacks(view: RunView, bump: Callable[[], None],
                   stopped: Callable[[str], None]) -> tuple[Callable, Callable]:
    """``publish`` (a frame after steps; the summary every ``SUMMARY_EVERY_S``) and
    ``stopped`` for a :class:`~sim.page.play.Player`."""
    last = [time.monotonic()]
    lock = threading.Lock()

    def publish() -> None:
        view.session.touch()
        view.update()
        with lock:
            due = time.monotonic() - last[0] >= SUMMARY_EVERY_S
            if due:
                last[0] = time.monotonic()
        if due:
            bump()

    def on_stopped(reason: str) -> None:
        view.update()
        stopped(reason)

    return publish, on_stopped
