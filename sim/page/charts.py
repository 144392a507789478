"""The six charts of a run, as a spec the browser draws (``js/charts.js``).

Each chart names its columns of the per-step table, with labels in plain words,
colours, dashes and widths. Lines that can lie on top of each other (legitimacy at
1.0, say) are drawn widest first, so the one beneath still shows at its edges.
"""

from __future__ import annotations

from typing import Any

from .state import PARTY_COLOURS

MISSION_COLOURS = ["#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"]
DASHES = [[], [7, 4], [2, 3], [10, 3, 2, 3]]
SIDE_SIGN = {"A": 1, "B": -1}


def human(name: str) -> str:
    """A scenario name as words: ``karabakh_armenians`` -> ``karabakh armenians``."""
    return name.replace("_", " ")


def _line(key: str, label: str, colour: str, *, dash: list[int] | None = None,
          width: float = 2.0, **extra: Any) -> dict[str, Any]:
    return {"key": key, "label": label, "colour": colour, "dash": dash or [],
            "width": width, "kind": "line", **extra}


def _violations(parties: list[tuple[str, str]]) -> dict[str, Any]:
    series = []
    for i, (party, side) in enumerate(parties):
        unit, fill = PARTY_COLOURS[i % len(PARTY_COLOURS)]
        sign = SIDE_SIGN.get(side, 1)
        series.append({"key": f"violations_{party}", "label": f"{human(party)}: not reported",
                       "colour": fill, "kind": "bar", "sign": sign})
        series.append({"key": f"reported_{party}", "label": f"{human(party)}: reported",
                       "colour": unit, "kind": "bar", "sign": sign})
    above = [human(p) for p, s in parties if SIDE_SIGN.get(s, 1) > 0]
    below = [human(p) for p, s in parties if SIDE_SIGN.get(s, 1) < 0]
    where = f" ({', '.join(above)} above the line, {', '.join(below)} below)" if below else ""
    return {"id": "violations", "title": "Ceasefire violations per step" + where,
            "ylabel": "violations per step", "symmetric": bool(below), "series": series,
            "note": "Each bar is one step; the dark part was reported to the other side."}


def _legitimacy(parties: list[tuple[str, str]],
                missions: list[tuple[str, bool]]) -> dict[str, Any]:
    series = []
    for i, (party, _) in enumerate(parties):
        for k, (mission, _) in enumerate(missions):
            series.append(_line(f"legitimacy_{party}_{mission}",
                                f"{human(mission)}, as {human(party)} rates it",
                                MISSION_COLOURS[k % len(MISSION_COLOURS)],
                                dash=DASHES[i % len(DASHES)],
                                width=max(1.5, 5.0 - 2.0 * i)))
    return {"id": "legitimacy", "title": "How each party rates each mission (legitimacy)",
            "ylabel": "0 .. 1", "ymin": -0.03, "ymax": 1.05, "series": series,
            "note": "A gap: the mission is not deployed."}


def chart_spec(parties: list[tuple[str, str]], missions: list[tuple[str, bool]],
               horizon: int, days_per_step: int) -> dict[str, Any]:
    """The spec message: the charts in the order shown, their series, the x range."""
    colours = [unit for unit, _ in PARTY_COLOURS]
    attitudes = []
    for i, (party, _) in enumerate(parties):
        colour = colours[i % len(colours)]
        width = max(1.5, 4.5 - 1.5 * i)  # equal values: the first party's line shows beneath
        attitudes.append(_line(f"commitment_{party}", f"{human(party)}: commitment", colour,
                               width=width))
        attitudes.append(_line(f"trust_{party}", f"{human(party)}: trust", colour,
                               dash=[2, 3], width=width))
    attitudes.append(_line("settlement_progress", "talks: settlement progress", "#555555",
                           dash=[7, 4]))
    charts = [
        _violations(parties),
        {"id": "casualties", "title": "Casualties since day 0", "ylabel": "people",
         "series": [_line("casualties_combatant", "combatants", "#555555", cumsum=True),
                    _line("casualties_civilian", "civilians", "#c0392b", cumsum=True),
                    _line("casualties_peacekeeper", "peacekeepers", "#27ae60", cumsum=True)]},
        {"id": "tension", "title": "Tension", "ylabel": "0 .. 1", "ymin": 0, "ymax": 1.02,
         "series": [_line("tension_mean", "mean over the map", "#e67e22", width=2.5),
                    _line("tension_peak", "the most tense cell", "#e67e22", dash=[2, 3])]},
        {"id": "attitudes", "title": "Commitment to the ceasefire, trust, talks",
         "ylabel": "0 .. 1", "ymin": -0.03, "ymax": 1.05, "series": attitudes},
        _legitimacy(parties, missions),
        {"id": "troops", "title": "Peacekeepers deployed", "ylabel": "personnel",
         "series": [_line("troops_deployed", "peacekeeping troops", "#27ae60", step=True)]
         + ([_line("monitors_deployed", "unarmed monitors", "#7f8c8d", step=True,
                   dash=[7, 4])] if any(not armed for _, armed in missions) else [])},
    ]
    for chart in charts:
        chart["days_per_step"] = days_per_step
    return {"type": "spec", "x_max_years": max(horizon, days_per_step) / 365,
            "charts": charts}
