"""Watching one run: Step / Play / Reset, the speed, the map, the summary, the charts and
the event log. The map and charts are drawn in the browser (``views.RunView``); the
summary and the log are widgets the run updates directly (not through a redraw of the
page), after each Step and every ``SUMMARY_EVERY_S`` seconds while playing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import solara

from .play import SPEEDS
from .views import RunView

if TYPE_CHECKING:
    from .live import Live

SUMMARY_EVERY_S = 2.0


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
        # one slot that is always there: a message coming or going must not shift the
        # map and the charts to other places in the tree (that would make new views)
        with solara.Column(classes=["peacesim-messages"]):
            if failure:
                solara.Error(failure, classes=["peacesim-run-error"])
            if live.notice.value:
                solara.Info(live.notice.value, classes=["peacesim-notice"])
        with solara.Columns([3, 2]):
            solara.display(live.view.map)
            with solara.Card("This run so far"):
                solara.display(live.view.summary)
        solara.display(live.view.charts)
        with solara.Card("Event log"):
            solara.display(live.view.log)


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
