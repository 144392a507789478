"""The page's left column: the scenario picker and the what-if controls."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import solara

from ..config import ScenarioError
from .session import Session
from .whatif import Knob, parse, parse_seed, scenario_sources, shown


@solara.component
def Note(text: str, css_class: str = "peacesim-help"):
    """A block of plain text (escaped)."""
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=[css_class])


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


def label_and_hint(label: str) -> tuple[str, str]:
    """``withdrawal day (0 .. 730; blank: stays)`` -> the name above the field and the
    range shown under it, so neither is cut off in a narrow column."""
    name, _, hint = label.partition(" (")
    return name, hint.removesuffix(")")


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
        Note(f"One step is {info.days_per_step} days; the run covers {info.horizon_days:,} "
             f"days; one map cell is {session.base.map.km_per_cell:g} km.")
        sources = scenario_sources(session.base)
        with solara.Details(f"Sources ({len(sources)})"):
            items = "".join(f"<li><b>{html.escape(field)}</b>: {html.escape(text)}</li>"
                            for field, text in sources) or "<li>none given</li>"
            solara.HTML(tag="ul", unsafe_innerHTML=items, classes=["peacesim-sources"])


@solara.component
def KnobField(knob: Knob, value: Any, error: str | None, on_value: Callable[[Any], None]):
    """One what-if control: a slider, a choice, or a number field with its message."""
    name, hint = label_and_hint(knob.label)
    css = f"peacesim-knob-{knob.path.replace('.', '-')}"
    if knob.kind in ("bias", "fraction"):
        Note(f"{knob.label}: {float(value):{'+.2f' if knob.kind == 'bias' else '.2f'}}",
             "peacesim-slider-label")
        solara.SliderFloat("", value=float(value), min=knob.low, max=knob.high,
                           step=0.05, on_value=on_value, thumb_label=True)
    elif knob.kind == "choice":
        solara.Select(label=knob.label, values=list(knob.choices), value=value,
                      on_value=on_value, classes=[css])
    else:
        solara.InputText(name, value=value, on_value=on_value, error=error or False,
                         message=error or hint, continuous_update=False, classes=[css])


@solara.component
def WhatIfPanel(session: Session, drafts: dict[str, Any], set_drafts: Callable,
                seed_text: str, set_seed_text: Callable, errors: dict[str, str],
                apply_error: str | None, on_reset: Callable[[], None], run: int):
    """Controls for the knobs that matter; Reset applies them and starts again.

    ``run`` counts the session's runs, so the panel redraws after a Reset."""
    def setter(path: str) -> Callable[[Any], None]:
        return lambda value: set_drafts({**drafts, path: value})

    with solara.Card("What if ...?"):
        Note("Change one thing, then press Reset to run it from day 0.")
        group = None
        for knob in session.knobs:
            if knob.group != group:
                group = knob.group
                Note(group, "peacesim-group")
            own = knob.value if knob.kind in ("bias", "fraction", "choice") else shown(knob.value)
            KnobField(knob, drafts.get(knob.path, own), errors.get(knob.path),
                      setter(knob.path))
        Note("Chance", "peacesim-group")
        seed_error = None
        try:
            parse_seed(seed_text)
        except ScenarioError as err:
            seed_error = str(err)
        solara.InputText("seed", value=seed_text, on_value=set_seed_text,
                         error=seed_error or False,
                         message=seed_error or "a whole number, 0 or more: same seed, same run",
                         continuous_update=False, classes=["peacesim-knob-seed"])
        with solara.Column(classes=["peacesim-messages"]):  # fixed place in the tree
            if errors or seed_error:
                solara.Error("Some settings are not allowed (see the red fields); the "
                             "current run is unchanged.", classes=["peacesim-settings-error"])
            if apply_error:
                solara.Error(apply_error, classes=["peacesim-apply-error"])
            if session.overrides:
                changes = ", ".join(f"{p.split('.', 1)[1]} = {v}" for p, v in
                                    session.overrides.items())
                Note(f"Running with: {changes}")
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.Button("Reset", on_click=on_reset, color="primary", outlined=True)
            solara.Button("Scenario's own settings", classes=["peacesim-own-settings"],
                          on_click=lambda: (set_drafts({}), set_seed_text("0")), text=True)
