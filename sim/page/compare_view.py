"""Compare: the scenario as written against the student's what-if, over many seeds.

Runs in a thread of the page (the page stays usable); the table reads like the
command line's (``0% [0%, 11%]``), and for a scenario drawn from a real mission a
row gives the share of runs that ended as history did, with its source.
"""

from __future__ import annotations

import html
import math
import re
import threading
import time

import solara

from ..compare import Comparison, compare, mean_interval
from ..config import ScenarioError
from ..patterns import PATTERNS, outcome_label
from ..plots import to_png
from .controls import Note
from .session import Session
from .whatif import whole_number

MAX_REPS = 200
WHAT_IF = "your what-if"
COLUMN = {"baseline": "the scenario as written", WHAT_IF: "your what-if"}
SHARES = ("ceasefire_held", "settlement_reached")


def documented_outcome(scenario: str) -> tuple[str, str] | None:
    """(outcome label, source) of what happened in a scenario drawn from a real mission,
    from the pattern suite; None for a teaching scenario."""
    for pattern in PATTERNS:
        quoted = re.search(r"'([^']+)'", pattern.expected)
        if pattern.experiment.startswith(f"{scenario} as written") and quoted:
            return quoted.group(1), pattern.source
    return None


def cell_text(metric: str, mean: float, low: float, high: float) -> str:
    """As the command line writes it: ``0% [0%, 11%]`` for shares, ``12.5 [9.1, 15.9]``."""
    if math.isinf(mean):
        return "more than half held"
    if math.isnan(mean):
        return "-"
    if metric in SHARES or metric == "as_it_happened":
        return f"{mean:.0%} [{low:.0%}, {high:.0%}]"
    digits = 2 if abs(mean) < 10 else 0
    if math.isnan(low) or low == high:
        return f"{mean:,.{digits}f}"
    return f"{mean:,.{digits}f} [{low:,.{digits}f}, {high:,.{digits}f}]"


def comparison_html(result: Comparison, history: tuple[str, str] | None) -> str:
    """The metric table: one row per metric, a column per variant, 95% intervals."""
    table = result.table()
    variants = list(dict.fromkeys(table["variant"]))
    head = "".join(f"<th>{html.escape(COLUMN.get(v, v))}</th>" for v in variants)
    rows = []
    if history is not None:
        cells = []
        for variant in variants:
            runs = result.runs[result.runs["variant"] == variant]
            same = (runs["outcome"] == history[0]) | (runs["outcome_detail"] == history[0])
            cells.append(cell_text("as_it_happened", *mean_interval(same)))
        rows.append((f"ended as it happened: {history[0]}", cells, "peacesim-history"))
    for metric, group in table.groupby("metric", sort=False):
        cells = []
        for variant in variants:
            row = group[group["variant"] == variant]
            cells.append(cell_text(metric, *row[["mean", "ci_low", "ci_high"]].iloc[0])
                         if len(row) else "-")
        rows.append((str(group["label"].iloc[0]), cells, ""))
    body = "".join(f'<tr class="{css}"><th>{html.escape(label)}</th>'
                   + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
                   for label, cells, css in rows)
    return (f'<table class="peacesim-compare-table"><tr><th>mean [95% interval]</th>{head}'
            f"</tr>{body}</table>")


class Cancelled(Exception):
    """The comparison was abandoned (new request, or the page closed)."""


@solara.component
def CompareView(session: Session, run: int):
    """Baseline against the current what-if settings over N seeds, in a thread.

    ``run`` counts the session's runs (new settings after a Reset)."""
    reps_text, set_reps_text = solara.use_state("10")
    days_text, set_days_text = solara.use_state(str(session.horizon))
    request, set_request = solara.use_state(None)
    progress, set_progress = solara.use_state((0, 0))
    reps_error = days_error = None
    try:
        reps = whole_number(reps_text, "seeds", 2, MAX_REPS)
    except ScenarioError as err:
        reps_error = str(err)
    try:
        days = whole_number(days_text, "days", 7, session.horizon)
    except ScenarioError as err:
        days_error = str(err)

    def start():
        session.touch()
        if reps_error or days_error:
            return
        set_request({"scenario": session.base, "overrides": dict(session.overrides),
                     "seed": session.seed, "reps": reps, "days": days, "at": time.monotonic()})

    def work(cancel: threading.Event) -> Comparison | None:
        if request is None:
            return None
        total, done = 2 * request["reps"], [0]
        set_progress((0, total))

        def tick() -> None:
            if cancel.is_set():
                raise Cancelled
            done[0] += 1
            session.touch()  # a running comparison keeps the session alive
            set_progress((done[0], total))

        try:
            return compare(request["scenario"], {WHAT_IF: request["overrides"]},
                           reps=request["reps"], seed=request["seed"], days=request["days"],
                           progress=tick, extract=outcome_label)
        except Cancelled:
            return None

    result = solara.use_thread(work, dependencies=[request], intrusive_cancel=False)
    running = request is not None and result.state in (
        solara.ResultState.STARTING, solara.ResultState.WAITING, solara.ResultState.RUNNING)
    with solara.Card("Compare: the scenario as written against your what-if, over many seeds"):
        what_if = ", ".join(f"{p} = {v}" for p, v in session.overrides.items())
        Note("Your what-if: " + (what_if or "none yet (set some and press Reset; until then "
                                 "both columns are the same)"))
        with solara.Row(style={"flex-wrap": "wrap"}):
            solara.InputText("seeds", value=reps_text, on_value=set_reps_text,
                             error=reps_error or False, message=reps_error or "2 .. 200",
                             classes=["peacesim-compare-reps"])
            solara.InputText("days per run", value=days_text, on_value=set_days_text,
                             error=days_error or False,
                             message=days_error or f"7 .. {session.horizon:,}",
                             classes=["peacesim-compare-days"])
            solara.Button("Run comparison", on_click=start, disabled=running, color="primary")
        if running:
            done, total = progress
            solara.ProgressLinear(100 * done / total if total else True)
            Note(f"{done} of {total} runs done", "peacesim-compare-progress")
        if result.state == solara.ResultState.ERROR:
            solara.Error(f"The comparison failed: {result.error}. The page keeps working; "
                         "try other settings or fewer days.", classes=["peacesim-compare-error"])
        comparison = result.value if not running else None
        if comparison is not None:
            CompareResult(comparison, documented_outcome(comparison.scenario))


@solara.component
def CompareResult(comparison: Comparison, history: tuple[str, str] | None):
    png = solara.use_memo(lambda: to_png(comparison.survival_figure(), dpi=80), [comparison])
    table = solara.use_memo(lambda: comparison_html(comparison, history), [comparison])
    reading = solara.use_memo(comparison.reading, [comparison])
    with solara.Columns([1, 1]):
        with solara.Column(classes=["peacesim-survival"]):
            solara.Image(png)
        with solara.Column():
            solara.HTML(tag="div", unsafe_innerHTML=table, classes=["peacesim-compare-result"])
            if history is not None:
                Note(f"What happened: {history[0]} (source: {history[1]}).",
                     "peacesim-history-note")
    Note(reading, "peacesim-reading")
