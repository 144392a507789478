"""The page (``Page``): scenario and what-if on the left; the run and Compare on the right.

One :class:`~sim.page.session.Session` per browser tab (built in ``Page`` with
``use_memo``). Changes that only the run panel shows (a step, a frame, play starting
or stopping) go through per-page reactive values, so the left column is not redrawn.
"""

from __future__ import annotations

from .offline import telemetry_off

telemetry_off()  # before Solara is imported, however the page is started

from collections.abc import Callable  # noqa: E402

import solara  # noqa: E402

from ..config import ScenarioError  # noqa: E402
from .compare_view import CompareView  # noqa: E402
from .controls import ScenarioPanel, WhatIfPanel, field_errors  # noqa: E402
from .live import Live, current_context  # noqa: E402
from .play import idle_seconds  # noqa: E402
from .run_panel import RunPanel  # noqa: E402
from .style import STYLE  # noqa: E402
from .whatif import overrides_from, parse, parse_seed  # noqa: E402


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
    RunPanel(live, reset)


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
                            apply_error, reset, run).key(f"what-if-{name}")
            with solara.Column():
                RunArea(live, reset)
                CompareView(session, run).key(f"compare-{name}")
