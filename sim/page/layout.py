"""The page (``Page``): scenario and what-if on the left; the run and Compare on the right.

One :class:`~sim.page.session.Session` per browser tab (built in ``Page`` with
``use_memo``). Changes that only the run panel shows (a step, a frame, play starting
or stopping) go through per-page reactive values, so the left column is not redrawn.
"""

from __future__ import annotations

from .offline import telemetry_off

telemetry_off()  # before Solara is imported, however the page is started

import logging  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import solara  # noqa: E402
from solara.server import kernel_context  # noqa: E402

from ..config import ScenarioError  # noqa: E402
from .compare_view import CompareView  # noqa: E402
from .controls import ScenarioPanel, WhatIfPanel, field_errors  # noqa: E402
from .play import STEWARD, Player, idle_seconds  # noqa: E402
from .run_panel import RunPanel, play_callbacks  # noqa: E402
from .session import Session, catalogue  # noqa: E402
from .style import STYLE  # noqa: E402
from .views import RunView  # noqa: E402
from .whatif import overrides_from, parse, parse_seed  # noqa: E402

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
        self.version = solara.reactive(0)
        self.playing = solara.reactive(False)
        self.notice: solara.Reactive[str | None] = solara.reactive(None)
        self.expired = solara.reactive(False)
        self.view = RunView(self.session, self.hidden)
        publish, stopped = play_callbacks(self.view, self.bump, self.stopped)
        self.player = Player(self.session, publish, stopped, lambda: page_connected(context))
        STEWARD.watch(self.session, in_context(context, self.expire))
        if context is not None:
            context.on_close(self.close)

    def bump(self) -> None:
        self.version.value += 1

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


@solara.component
def Expired(live: Live):
    minutes = idle_seconds() / 60
    with solara.Card("This session has ended"):
        solara.Info(f"Nobody used this page for {minutes:g} minutes, so its run was closed "
                    "to free the server for others. Your settings are kept; press Start "
                    "again to run them from day 0.", classes=["peacesim-expired"])
        solara.Button("Start again", on_click=live.restart, color="primary")


@solara.component
def RunArea(live: Live, reset: Callable[[], None]):
    """The run panel, reading the page's reactive values (only it redraws on a step)."""
    if live.expired.value:
        Expired(live)
        return
    RunPanel(live.session, live.view, live.player, live.playing.value, live.play, live.step,
             reset, live.version.value, live.notice.value)


@solara.component
def Page():
    context = solara.use_memo(current_context, [])
    live = solara.use_memo(lambda: Live(context), [])
    session = live.session
    drafts, set_drafts = solara.use_state({})
    seed_text, set_seed_text = solara.use_state("0")
    apply_error, set_apply_error = solara.use_state(None)
    pick_error, set_pick_error = solara.use_state(None)
    name, set_name = solara.use_state(session.name)
    run, set_run = solara.use_state(session.run)
    errors = field_errors(session.knobs, drafts)

    def pick(chosen: str) -> None:
        live.play(False)
        try:
            session.select(chosen)
        except ScenarioError as err:  # a broken scenario file: say so, keep the current one
            set_pick_error(str(err))
            return
        set_pick_error(None)
        set_drafts({})
        set_seed_text("0")
        set_apply_error(None)
        set_name(chosen)
        set_run(session.run)
        live.expired.value = False
        live.new_run()

    def reset() -> None:
        live.play(False)
        if errors:
            return
        try:
            values = {k.path: parse(k, drafts[k.path]) for k in session.knobs if k.path in drafts}
            session.apply(overrides_from(session.knobs, values), parse_seed(seed_text))
        except ScenarioError as err:
            set_apply_error(str(err))
            return
        set_apply_error(None)
        set_run(session.run)
        live.expired.value = False
        live.new_run()

    solara.Style(STYLE)
    solara.Title("peacesim: ceasefire classroom")
    with solara.Column(style={"padding": "12px", "max-width": "1800px"}):
        solara.Text("peacesim: ceasefires and peacekeeping",
                    style={"font-size": "24px", "font-weight": "500"})
        with solara.Columns([1, 3]):
            with solara.Column():
                ScenarioPanel(session, name, pick, pick_error)
                WhatIfPanel(session, drafts, set_drafts, seed_text, set_seed_text, errors,
                            apply_error, reset).key(f"what-if-{name}")
            with solara.Column():
                RunArea(live, reset)
                CompareView(session, run).key(f"compare-{name}")
