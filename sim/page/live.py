"""A page's live parts: its session, the browser views, the player, reactive values.

A step updates the map, the charts, the summary and the log directly (``RunView``);
the page itself is redrawn only through these reactive values, each read only by the
component that shows it: ``stand`` (whether Step is possible and why not: the
buttons), ``playing``, ``notice`` (why play stopped) and ``expired``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import solara
from solara.server import kernel_context

from .play import STEWARD, Player, idle_seconds
from .run_panel import play_callbacks
from .session import Session, catalogue
from .views import RunView

log = logging.getLogger("peacesim.page")

NOTICES = {
    "hidden": "Paused: this tab was hidden. Press Play to go on.",
    "closed": "Paused: the page lost its connection to the server.",
}


def current_context() -> Any:
    """This page's kernel context, or None outside the Solara server."""
    return kernel_context.get_current_context() if kernel_context.has_current_context() else None


def page_connected(context: Any) -> bool:
    """True while at least one browser page of this kernel is connected."""
    if context is None:
        return True
    return any(s == kernel_context.PageStatus.CONNECTED for s in context.page_status.values())


def in_context(context: Any, work: Callable[[], None]) -> Callable[[], None]:
    """``work`` run inside the page's kernel context (for threads of the page)."""
    def run() -> None:
        if context is None:
            work()
        else:
            with context:
                work()
    return run


class Live:
    """A page's session, its browser views, its player and its reactive values."""

    def __init__(self, context: Any):
        self.context = context
        self.session = Session(catalogue())
        self.stand = solara.reactive(self.standing())
        self.playing = solara.reactive(False)
        self.notice: solara.Reactive[str | None] = solara.reactive(None)
        self.expired = solara.reactive(False)
        self.view = RunView(self.session, self.hidden)
        publish, stopped = play_callbacks(self.view, self.bump, self.stopped)
        self.player = Player(self.session, publish, stopped, lambda: page_connected(context))
        STEWARD.watch(self.session, in_context(context, self.expire))
        if context is not None:
            context.on_close(self.close)

    def standing(self) -> tuple[int, bool, str | None]:
        """(run, finished, failure): what the buttons and the error line depend on."""
        return self.session.run, self.session.finished, self.session.failure

    def bump(self) -> None:
        """The run moved on: the summary and the log, and the buttons if Step's state
        changed (only then is a part of the page redrawn)."""
        self.view.refresh_text()
        self.stand.value = self.standing()

    def thread(self, work: Callable[[], None]) -> threading.Thread:
        return threading.Thread(target=in_context(self.context, work), daemon=True,
                                name="peacesim-play")

    def hidden(self, hidden: bool) -> None:
        self.session.touch()
        if hidden and self.player.playing:
            self.player.stop("hidden")

    def stopped(self, reason: str) -> None:
        if reason == "closed":
            log.warning("playing stopped on day %d: the page was closed", self.session.day)
        self.playing.value = False
        self.notice.value = NOTICES.get(reason)
        self.bump()

    def play(self, on: bool) -> None:
        self.session.touch()
        if on and not self.session.finished:
            self.notice.value = None
            self.player.start(self.thread)
            self.playing.value = True
        else:
            self.player.stop("paused")
            self.playing.value = False

    def step(self) -> None:
        self.session.touch()
        if self.session.step():
            self.view.update()
        self.bump()

    def new_run(self) -> None:
        self.view.new_run()
        self.notice.value = None
        self.bump()

    def expire(self) -> None:
        """Idle too long: stop, drop the model, say so on the page."""
        self.player.stop("expired")
        self.session.release()
        self.playing.value = False
        self.expired.value = True
        log.info("a session idle for %.0f s expired", idle_seconds())

    def restart(self) -> None:
        """After expiry: the same settings again from day 0."""
        self.session.touch()
        self.session.reset()
        STEWARD.watch(self.session, in_context(self.context, self.expire))
        self.expired.value = False
        self.new_run()

    def close(self) -> None:
        """The page's kernel is closing: stop and let go of everything."""
        self.player.stop("closed")
        STEWARD.forget(self.session)
        self.session.release()
