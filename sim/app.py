"""The classroom page (Solara): pick a scenario, change one thing, watch it, compare.

Served by ``peacesim app``. Each browser tab gets its own :class:`~sim.session.Session`
(built in ``Page`` with ``use_memo``), so a class of thirty gets thirty models.
Playing stops when the tab closes: the play loop runs while the page is connected.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import solara
from solara.server import kernel_context

from .compare import Comparison, compare
from .config import ScenarioError
from .plots import map_figure, timeline_figure, to_png
from .runner import table_of
from .session import Session, catalogue
from .whatif import Knob, overrides_from, parse, parse_seed, scenario_sources, shown

log = logging.getLogger("peacesim.app")

CHART_EVERY_S = 2.0
"""While playing, the six charts redraw at most this often (seconds); the map every step."""
PLAY_GAP_S = 0.25
"""Pause between steps while playing (seconds): about four weeks a second."""
MAX_REPS = 200
MAX_LOG_LINES = 200


# ---------------------------------------------------------------- helpers


def page_connected(context: Any) -> bool:
    """True while at least one browser page of this kernel is connected."""
    if context is None:
        return True
    statuses = list(context.page_status.values())
    return any(s == kernel_context.PageStatus.CONNECTED for s in statuses)


def current_context() -> Any:
    """This session's kernel context, or None outside the Solara server."""
    return kernel_context.get_current_context() if kernel_context.has_current_context() else None


def field_errors(knobs: list[Knob], drafts: dict[str, Any]) -> dict[str, str]:
    """Knob path -> message for every typed value that is not allowed."""
    errors = {}
    for knob in knobs:
        if knob.path in drafts:
            try:
                parse(knob, drafts[knob.path])
            except ScenarioError as err:
                errors[knob.path] = str(err)
    return errors


def table_html(rows: list[tuple[str, str]], css_class: str) -> str:
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                   for k, v in rows)
    return f'<table class="{css_class}">{body}</table>'


STYLE = """
.peacesim-table { border-collapse: collapse; font-size: 14px; width: 100%; }
.peacesim-table th { text-align: left; font-weight: 500; padding: 2px 10px 2px 0;
  color: #444; vertical-align: top; }
.peacesim-table td { padding: 2px 0; }
.peacesim-table tr + tr { border-top: 1px solid #eee; }
.peacesim-log { max-height: 320px; overflow-y: auto; font-size: 14px; line-height: 1.5; }
.peacesim-log .day { color: #666; display: inline-block; min-width: 5.5em; }
.peacesim-sources { font-size: 13px; color: #333; }
.peacesim-title { font-weight: 500; font-size: 16px; margin: 6px 0; }
.peacesim-status { font-size: 18px; font-weight: 500; }
.peacesim-group { font-weight: 500; margin-top: 14px; }
.peacesim-help { font-size: 13px; color: #555; margin: 4px 0; }
.peacesim-reading { font-size: 14px; white-space: pre-line; margin-top: 8px; }
.peacesim-slider-label { font-size: 13px; color: #444; margin-top: 6px; }
.peacesim-compare-table td, .peacesim-compare-table th { padding: 2px 8px; font-size: 13px; }
.peacesim-compare-table { border-collapse: collapse; }
.peacesim-compare-table tr + tr { border-top: 1px solid #eee; }
"""


# ---------------------------------------------------------------- panels


@solara.component
def Note(text: str, css_class: str = "peacesim-help"):
    """A block of plain text (escaped)."""
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=[css_class])


class Drawer:
    """Draws a session's pictures in one background thread, one slot at a time.

    Each slot (``map``, ``charts``) holds at most one waiting request: a newer one
    replaces it, and the picture being drawn is always finished and shown, so a fast
    Play shows every map the machine has time to draw, never none. Slots are served
    in the order given, so the map is drawn before the charts.
    """

    def __init__(self, slots: tuple[str, ...]) -> None:
        self.slots = slots
        self.lock = threading.Lock()
        self.waiting: dict[str, tuple[Callable[[], bytes], Callable[[Any], None]]] = {}
        self.busy = False

    def request(self, slot: str, render: Callable[[], bytes],
                publish: Callable[[Any], None]) -> None:
        with self.lock:
            self.waiting[slot] = (render, publish)
            if self.busy:
                return
            self.busy = True
        threading.Thread(target=self._work, daemon=True).start()

    def _work(self) -> None:
        while True:
            with self.lock:
                if not self.waiting:
                    self.busy = False
                    return
                slot = min(self.waiting, key=self.slots.index)
                render, publish = self.waiting.pop(slot)
            try:
                publish(render())
            except Exception as err:  # shown on the page; the traceback goes to the log
                log.exception("drawing the %s failed", slot)
                publish(err)


@solara.component
def LiveImage(render: Callable[[], bytes], key: Any, drawer: Drawer, slot: str):
    """A PNG drawn by ``drawer`` for ``key``; the previous picture stays up until a
    newer one is ready."""
    picture, set_picture = solara.use_state(None)
    solara.use_effect(lambda: drawer.request(slot, render, set_picture), [key])
    css_class = f"peacesim-{slot}"
    with solara.Column(classes=[css_class]):
        if isinstance(picture, Exception):
            solara.Error(f"Could not draw this picture: {picture}")
        elif picture is None:
            Note("drawing ...")
        else:
            solara.Image(picture, width="100%")


@solara.component
def ScenarioPanel(session: Session, name: str, on_pick: Callable[[str], None],
                  error: str | None):
    """Picker, title, the student-facing description and the scenario's sources.

    ``name`` (the session's scenario) is passed so the panel redraws when it changes."""
    info = session.base.scenario
    with solara.Card("Scenario"):
        # keyed by the error too: after a refused pick the picker shows the current scenario
        solara.Select(label="Scenario", values=list(session.scenarios), value=session.name,
                      on_value=on_pick, classes=["peacesim-picker"]).key(f"picker-{name}-{error}")
        if error:
            solara.Error(error, classes=["peacesim-pick-error"])
        Note(info.title, "peacesim-title")
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(info.description.strip())
                    .replace("\n\n", "<br><br>"), classes=["peacesim-description"])
        scale = (f"One step is {info.days_per_step} days; the run covers {info.horizon_days:,} "
                 f"days; one map cell is {session.base.map.km_per_cell:g} km.")
        Note(scale)
        sources = scenario_sources(session.base)
        with solara.Details(f"Sources ({len(sources)})"):
            items = "".join(f"<li><b>{html.escape(field)}</b>: {html.escape(text)}</li>"
                            for field, text in sources) or "<li>none given</li>"
            solara.HTML(tag="ul", unsafe_innerHTML=items, classes=["peacesim-sources"])


@solara.component
def KnobField(knob: Knob, value: Any, error: str | None, on_value: Callable[[Any], None]):
    """One what-if control: a slider, a choice, or a number field with its message."""
    if knob.kind in ("bias", "fraction"):
        Note(f"{knob.label}: {float(value):{'+.2f' if knob.kind == 'bias' else '.2f'}}",
             "peacesim-slider-label")
        solara.SliderFloat("", value=float(value), min=knob.low, max=knob.high,
                           step=0.05, on_value=on_value, thumb_label=True)
    elif knob.kind == "choice":
        solara.Select(label=knob.label, values=list(knob.choices), value=value,
                      on_value=on_value)
    else:
        solara.InputText(knob.label, value=value, on_value=on_value, error=error or False,
                         message=error, continuous_update=False,
                         classes=[f"peacesim-knob-{knob.path.replace('.', '-')}"])


@solara.component
def WhatIfPanel(session: Session, drafts: dict[str, Any], set_drafts: Callable,
                seed_text: str, set_seed_text: Callable, errors: dict[str, str],
                apply_error: str | None, on_reset: Callable[[], None], version: int):
    """Controls for the knobs that matter; Reset applies them and starts again.

    ``version`` counts changes to the session, so the panel redraws after a Reset."""
    def setter(path: str) -> Callable[[Any], None]:
        return lambda value: set_drafts({**drafts, path: value})

    with solara.Card("What if ...?"):
        Note("Change one thing, then press Reset to run it from day 0.")
        group = None
        for knob in session.knobs:
            if knob.group != group:
                group = knob.group
                Note(group, "peacesim-group")
            value = drafts.get(knob.path, knob.value if knob.kind in ("bias", "fraction",
                                                                       "choice")
                               else shown(knob.value))
            KnobField(knob, value, errors.get(knob.path), setter(knob.path))
        Note("Chance", "peacesim-group")
        seed_error = None
        try:
            parse_seed(seed_text)
        except ScenarioError as err:
            seed_error = str(err)
        solara.InputText("seed (whole number, 0 or more): same seed, same run",
                         value=seed_text, on_value=set_seed_text, error=seed_error or False,
                         message=seed_error, continuous_update=False,
                         classes=["peacesim-knob-seed"])
        if errors or seed_error:
            solara.Error("Some settings are not allowed (see the red fields); the current "
                         "run is unchanged.", classes=["peacesim-settings-error"])
        if apply_error:
            solara.Error(apply_error, classes=["peacesim-apply-error"])
        if session.overrides:
            changes = ", ".join(f"{p.split('.', 1)[1]} = {v}" for p, v in
                                session.overrides.items())
            Note(f"Running with: {changes}")
        with solara.Row():
            solara.Button("Reset", on_click=on_reset, color="primary", outlined=True)
            solara.Button("Scenario's own settings",
                          on_click=lambda: (set_drafts({}), set_seed_text("0")), text=True)


@solara.component
def SummaryPanel(session: Session, version: int):
    """The run's ceasefire-stability metrics so far, in words and numbers."""
    summary = solara.use_memo(session.summary, [version])
    with solara.Card("This run so far"):
        if summary is None:
            Note("No days simulated yet.")
            return
        if summary["collapse_day"] is not None:
            outcome = f"collapsed on day {summary['collapse_day']:,}: {summary['collapse_cause']}"
        elif summary["settlement_reached"]:
            outcome = "settlement reached; the ceasefire held"
        else:
            outcome = f"holding after {summary['days']:,} days"
        side = summary["violations_by_side"]
        reported = summary["reported_by_side"]
        casualties = summary["casualties"]
        rows = [
            ("Ceasefire", outcome),
            ("Stability index (0 .. 1)", f"{summary['stability_index']:.2f}"),
            ("Violations (reported)", "; ".join(f"{p} {n:,} ({reported[p]:,})"
                                                for p, n in side.items())),
            ("Retaliations / riots / offensives",
             f"{summary['retaliations']:,} / {summary['riots']:,} / {summary['offensives']:,}"),
            ("Casualties", f"combatants {casualties['combatant']:,}, civilians "
                           f"{casualties['civilian']:,}, peacekeepers "
                           f"{casualties['peacekeeper']:,}"),
            ("Peak tension (0 .. 1)", f"{summary['peak_tension']:.2f}"),
            ("Territory changed hands", f"{summary['territory_changed_pct']:.1f} % of the map"),
            ("Civilians displaced", f"{summary['displaced']:,}"),
            ("Talks: settlement progress (0 .. 1)", f"{summary['settlement_progress']:.2f}"),
            ("Peacekeepers deployed now", f"{session.model.troops_deployed():,} troops"),
        ]
        solara.HTML(tag="div", unsafe_innerHTML=table_html(rows, "peacesim-table"),
                    classes=["peacesim-summary"])


@solara.component
def EventLog(session: Session, version: int):
    """What happened, in plain words, newest first."""
    events = solara.use_memo(session.events, [version])
    with solara.Card(f"Event log ({len(events)} event{'' if len(events) == 1 else 's'})"):
        if not events:
            Note("Nothing has happened yet.")
            return
        lines = "".join(
            f'<div><span class="day">day {e["day"]:,}</span> {html.escape(e["text"])}</div>'
            for e in reversed(events[-MAX_LOG_LINES:]))
        solara.HTML(tag="div", unsafe_innerHTML=lines, classes=["peacesim-log"])


def number(value: float) -> str:
    """Two decimals below 10 (shares, indices), whole numbers above (counts)."""
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.0f}"


def comparison_html(result: Comparison) -> str:
    """The metric table: one row per metric, baseline and what-if with 95% intervals."""
    table = result.table()
    variants = list(dict.fromkeys(table["variant"]))
    head = "".join(f"<th>{html.escape(v)}</th>" for v in variants)
    rows = []
    for label, group in table.groupby("label", sort=False):
        cells = []
        for variant in variants:
            row = group[group["variant"] == variant].iloc[0]
            text = number(row["mean"])
            if row["ci_low"] == row["ci_low"] and row["ci_low"] != row["ci_high"]:
                text += f" ({number(row['ci_low'])} .. {number(row['ci_high'])})"
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append(f"<tr><th>{html.escape(str(label))}</th>{''.join(cells)}</tr>")
    return (f'<table class="peacesim-compare-table"><tr><th>metric: mean (95% interval)</th>'
            f"{head}</tr>{''.join(rows)}</table>")


class Cancelled(Exception):
    """The comparison was abandoned (new request, or the page closed)."""


@solara.component
def CompareView(session: Session, version: int):
    """Baseline against the current what-if settings over N seeds, in a thread.

    ``version`` counts changes to the session (new settings after a Reset)."""
    reps_text, set_reps_text = solara.use_state("10")
    days_text, set_days_text = solara.use_state(str(session.horizon))
    request, set_request = solara.use_state(None)
    progress, set_progress = solara.use_state((0, 0))

    reps_error = days_error = None
    if not reps_text.strip().isdigit() or not 2 <= int(reps_text) <= MAX_REPS:
        reps_error = f"seeds: '{reps_text}' must be a whole number from 2 to {MAX_REPS}"
    if not days_text.strip().isdigit() or not 7 <= int(days_text) <= session.horizon:
        days_error = f"days: '{days_text}' must be a whole number from 7 to {session.horizon:,}"

    def start():
        if reps_error or days_error:
            return
        set_request({"scenario": session.base, "overrides": dict(session.overrides),
                     "seed": session.seed, "reps": int(reps_text), "days": int(days_text),
                     "at": time.monotonic()})

    def work(cancel: threading.Event) -> Comparison | None:
        if request is None:
            return None
        total = 2 * request["reps"]
        done = [0]
        set_progress((0, total))

        def tick() -> None:
            if cancel.is_set():
                raise Cancelled
            done[0] += 1
            set_progress((done[0], total))

        try:
            return compare(request["scenario"], {"what_if": request["overrides"]},
                           reps=request["reps"], seed=request["seed"], days=request["days"],
                           progress=tick)
        except Cancelled:
            return None

    result = solara.use_thread(work, dependencies=[request], intrusive_cancel=False)
    running = request is not None and result.state in (
        solara.ResultState.STARTING, solara.ResultState.WAITING, solara.ResultState.RUNNING)

    with solara.Card("Compare: baseline against your what-if, over many seeds"):
        what_if = ", ".join(f"{p} = {v}" for p, v in session.overrides.items())
        Note("What-if settings: " + (what_if or "none yet (set some and press Reset; "
                                     "until then both columns are the same)"))
        with solara.Row():
            solara.InputText("seeds (2 .. 200)", value=reps_text, on_value=set_reps_text,
                             error=reps_error or False, message=reps_error,
                             classes=["peacesim-compare-reps"])
            solara.InputText(f"days per run (7 .. {session.horizon:,})", value=days_text,
                             on_value=set_days_text, error=days_error or False,
                             message=days_error, classes=["peacesim-compare-days"])
            solara.Button("Run comparison", on_click=start, disabled=running, color="primary")
        if running:
            done, total = progress
            solara.ProgressLinear(100 * done / total if total else True)
            Note(f"{done} of {total} runs done", "peacesim-compare-progress")
        if result.state == solara.ResultState.ERROR:
            solara.Error(f"The comparison failed: {result.error}")
        comparison = result.value if not running else None
        if comparison is not None:
            CompareResult(comparison)


@solara.component
def CompareResult(comparison: Comparison):
    png = solara.use_memo(lambda: to_png(comparison.survival_figure(), dpi=80), [comparison])
    table = solara.use_memo(lambda: comparison_html(comparison), [comparison])
    reading = solara.use_memo(comparison.reading, [comparison])
    with solara.Columns([1, 1]):
        with solara.Column(classes=["peacesim-survival"]):
            solara.Image(png)
        with solara.Column():
            solara.HTML(tag="div", unsafe_innerHTML=table, classes=["peacesim-compare-result"])
    Note(reading, "peacesim-reading")


# ---------------------------------------------------------------- the page


@solara.component
def Page():
    session = solara.use_memo(lambda: Session(catalogue()), [])
    context = solara.use_memo(current_context, [])
    version, set_version = solara.use_state(0)
    charts, set_charts = solara.use_state(0)
    playing, set_playing = solara.use_state(False)
    drafts, set_drafts = solara.use_state({})
    seed_text, set_seed_text = solara.use_state("0")
    apply_error, set_apply_error = solara.use_state(None)
    pick_error, set_pick_error = solara.use_state(None)
    errors = field_errors(session.knobs, drafts)

    def redraw(charts_too: bool = True) -> None:
        set_version(lambda v: v + 1)
        if charts_too:
            set_charts(lambda c: c + 1)

    def pick(name: str) -> None:
        set_playing(False)
        try:
            session.select(name)
        except ScenarioError as err:  # a broken scenario file: say so, keep the current one
            set_pick_error(str(err))
            return
        set_pick_error(None)
        set_drafts({})
        set_seed_text("0")
        set_apply_error(None)
        redraw()

    def reset() -> None:
        set_playing(False)
        if errors:
            return
        try:
            values = {k.path: parse(k, drafts[k.path]) for k in session.knobs if k.path in drafts}
            session.apply(overrides_from(session.knobs, values), parse_seed(seed_text))
        except ScenarioError as err:
            set_apply_error(str(err))
            return
        set_apply_error(None)
        redraw()

    def step() -> None:
        session.step()
        redraw()

    def play_loop(cancel: threading.Event) -> None:
        if not playing:
            return
        last_charts = time.monotonic()
        while not cancel.is_set() and page_connected(context) and session.step():
            charts_due = time.monotonic() - last_charts >= CHART_EVERY_S
            if charts_due:
                last_charts = time.monotonic()
            redraw(charts_due)
            cancel.wait(PLAY_GAP_S)
        if not page_connected(context):
            log.warning("playing stopped on day %d: the page was closed", session.day)
            return
        set_playing(False)
        redraw()

    solara.use_thread(play_loop, dependencies=[playing], intrusive_cancel=False)

    solara.Style(STYLE)
    solara.Title("peacesim: ceasefire classroom")
    with solara.Column(style={"padding": "12px", "max-width": "1800px"}):
        solara.Text("peacesim: ceasefires and peacekeeping", style={"font-size": "24px",
                                                                    "font-weight": "500"})
        with solara.Columns([1, 3]):
            with solara.Column():
                ScenarioPanel(session, session.name, pick, pick_error)
                WhatIfPanel(session, drafts, set_drafts, seed_text, set_seed_text, errors,
                            apply_error, reset, version).key(f"what-if-{session.name}")
            with solara.Column():
                RunPanel(session, version, charts, playing, set_playing, step, reset)
                CompareView(session, version).key(f"compare-{session.name}")


@solara.component
def RunPanel(session: Session, version: int, charts: int, playing: bool,
             set_playing: Callable[[bool], None], step: Callable[[], None],
             reset: Callable[[], None]):
    """Step / Play / Reset, the day, the map, the summary, the charts and the event log."""
    drawer = solara.use_memo(lambda: Drawer(("map", "charts")), [])

    def draw_map() -> bytes:
        with session.lock:
            figure = map_figure(session.model)
        return to_png(figure)

    def draw_charts() -> bytes:
        with session.lock:
            figure = timeline_figure(session.model, table_of(session.model))
        return to_png(figure)

    model = session.model
    with solara.Card(f"Watch one run (seed {session.seed})"):
        with solara.Row(style={"align-items": "center"}):
            solara.Button("Step", on_click=step, disabled=playing or session.finished,
                          color="primary")
            solara.Button("Pause" if playing else "Play",
                          on_click=lambda: set_playing(not playing),
                          disabled=session.finished and not playing)
            solara.Button("Reset", on_click=reset)
            status = f"Day {session.day:,} of {session.horizon:,}"
            if model.collapse_day is not None:
                status += f": ceasefire collapsed on day {model.collapse_day:,}"
            elif session.finished:
                status += ": end of the run"
            solara.Text(status, classes=["peacesim-day", "peacesim-status"])
        with solara.Columns([3, 2]):
            LiveImage(draw_map, (id(session.model), version), drawer, "map")
            SummaryPanel(session, version)
        LiveImage(draw_charts, (id(session.model), charts), drawer, "charts")
        EventLog(session, version)
