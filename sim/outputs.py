"""Writing a run's files: timeseries.csv, summary.json, manifest.json, events.csv,
overview.png."""

from __future__ import annotations

import json
import os
import platform
import sys
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .runner import RunResult

FILES = ("timeseries.csv", "summary.json", "manifest.json", "events.csv", "overview.png")


TMP_SUFFIX = ".tmp"
"""Ends the name of a file being written (``.<name>.tmp`` beside its final path)."""


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` whole or not at all: ``write(tmp)`` fills a temporary file beside
    it, which is flushed to disk and renamed over ``path``."""
    tmp = path.with_name(f".{path.name}{TMP_SUFFIX}")
    try:
        write(tmp)
        with open(tmp, "rb") as done:
            os.fsync(done.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; return the path."""
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


def manifest(result: RunResult, overrides: dict[str, Any], days: int | None) -> dict[str, Any]:
    """Everything needed to reproduce the run: config after overrides, seed, versions."""
    packages = {name: version(name) for name in ("peacesim", "mesa", "numpy", "pandas")}
    return {
        "scenario": result.scenario.scenario.name,
        "seed": result.seed,
        "days": days,
        "overrides": overrides,
        "config_hash": result.scenario.config_hash(),
        "config": result.scenario.to_dict(),
        "versions": {**packages, "python": platform.python_version()},
        "command": " ".join(["peacesim", *sys.argv[1:]]) if sys.argv else "",
    }


def write_run(result: RunResult, out: Path, overrides: dict[str, Any] | None = None,
              days: int | None = None, figure: bool = True) -> list[Path]:
    """Write the run's files into ``out`` (created if needed); return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def text(name: str, content: str) -> None:
        written.append(write_text(out / name, content))

    text("timeseries.csv", result.timeseries.to_csv(index=False, float_format="%.6g"))
    text("summary.json", dump_json(result.summary))
    text("manifest.json", dump_json(manifest(result, overrides or {}, days)))
    text("events.csv", result.events.to_csv(index=False))
    if figure:
        from .plots import overview_figure

        fig = overview_figure(result.model, result.timeseries, result.summary)
        path = out / "overview.png"
        write_atomic(path, lambda p: fig.savefig(p, dpi=110, format="png"))
        written.append(path)
    return written


def describe(summary: dict[str, Any]) -> str:
    """A short plain-text reading of a summary, for the terminal."""
    lines = [f"scenario {summary['scenario']}, seed {summary['seed']}, {summary['days']} days"]
    if summary["ceasefire_held"]:
        lines.append("ceasefire: held" + (" (settlement reached)"
                                          if summary["settlement_reached"] else " (frozen)"))
    else:
        lines.append(f"ceasefire: collapsed on day {summary['collapse_day']}: "
                     f"{summary['collapse_cause']}")
    sides = ", ".join(f"{k} {v}" for k, v in summary["violations_by_side"].items())
    lines.append(f"violations: {summary['violations_total']} ({sides}); "
                 f"retaliations {summary['retaliations']}; riots {summary['riots']}; "
                 f"offensives {summary['offensives']}")
    c = summary["casualties"]
    lines.append(f"casualties: combatant {c['combatant']}, civilian {c['civilian']}, "
                 f"peacekeeper {c['peacekeeper']}; displaced {summary['displaced']:,}")
    lines.append(f"settlement progress {summary['settlement_progress']:.2f}; "
                 f"peak tension {summary['peak_tension']:.2f}; "
                 f"stability index {summary['stability_index']:.3f}")
    return "\n".join(lines)
