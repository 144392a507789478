"""Helpers shared by the classroom exercises: replication counts, figures and tables.

Everything here goes through peacesim's public API (``sim.load_scenario``,
``sim.run``, ``sim.compare``). Three environment variables steer a whole session:

- ``PEACESIM_REPS``: replications per variant (default 20, a classroom-sized number;
  the test suite sets 2, ``make figures`` 40);
- ``PEACESIM_SEED``: the first seed (default 1); runs use seeds SEED .. SEED+REPS-1,
  so groups given different seeds see how much 20 runs can vary;
- ``PEACESIM_FIGURES``: the folder the figures are written to (default the
  repository's ``results/exercises/``, not under version control; ``make figures``
  writes the committed ones in ``results/figures/``).

A run that fails is left out of a figure or table and counted in its title or
reading (``Comparison.reading()``), never stopping the notebook.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

import sim
from sim.compare import BASELINE, Comparison
from sim.workers import Failure, attempt

REPS_VARIABLE = "PEACESIM_REPS"
SEED_VARIABLE = "PEACESIM_SEED"
FIGURES_VARIABLE = "PEACESIM_FIGURES"
DEFAULT_REPS = 20
DEFAULT_FIGURES = Path(__file__).resolve().parent.parent / "results" / "exercises"
FIGURE_DPI = 100
LINE_STYLES = ["-", "--", "-.", ":"]
"""Variants differ by line style as well as colour, so overlapping lines stay visible."""


def _whole_number(variable: str, default: int, low: int) -> int:
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < low:
        raise ValueError(f"{variable}={text!r}: must be a whole number of at least {low}")
    return int(text)


def reps(default: int = DEFAULT_REPS) -> int:
    """Replications per variant: ``$PEACESIM_REPS`` or ``default`` (at least 2)."""
    return _whole_number(REPS_VARIABLE, default, 2)


def first_seed(default: int = 1) -> int:
    """The first seed of every experiment: ``$PEACESIM_SEED`` or ``default``."""
    return _whole_number(SEED_VARIABLE, default, 0)


def figures_dir() -> Path:
    """The folder figures go to (created if missing)."""
    folder = Path(os.environ.get(FIGURES_VARIABLE) or DEFAULT_FIGURES)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(fig: Figure, name: str) -> Figure:
    """Write ``fig`` as ``<figures>/<name>.png`` (small, 100 dpi); return it for display."""
    fig.savefig(figures_dir() / f"{name}.png", dpi=FIGURE_DPI)
    return fig


def colours(names: list[str]) -> dict[str, str]:
    """One colour per variant, in the order matplotlib (and the survival plot) uses."""
    return {name: f"C{i}" for i, name in enumerate(names)}


def relabel(fig: Figure, labels: Mapping[str, str], title: str | None = None) -> Figure:
    """Rename variants in the legends of ``fig`` (e.g. 'baseline' -> 'as deployed')
    and move each legend to the right of its plot (widening the figure), clear of the
    curves."""
    width, height = fig.get_size_inches()
    fig.set_size_inches(width + 1.8, height)
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        handles = legend.legend_handles
        texts = [labels.get(t.get_text(), t.get_text()) for t in legend.get_texts()]
        heading = title if title is not None else legend.get_title().get_text()
        ax.legend(handles, texts, title=heading, fontsize=8, title_fontsize=8,
                  loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def summary_table(comparison: Comparison, metrics: list[str],
                  labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Metric x variant: ``mean [95% interval]`` as text, ready to read aloud."""
    table = comparison.table()
    table = table[table["metric"].isin(metrics)]
    shares = {"ceasefire_held", "settlement_reached"}

    def cell(row: pd.Series) -> str:
        if row["metric"] in shares:
            return f"{row['mean']:.0%} [{row['ci_low']:.0%}, {row['ci_high']:.0%}]"
        if row["metric"] == "stability_index":
            return f"{row['mean']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]"
        return f"{row['mean']:,.0f} [{row['ci_low']:,.0f}, {row['ci_high']:,.0f}]"

    table = table.assign(text=table.apply(cell, axis=1))
    wide = table.pivot(index="label", columns="variant", values="text")
    wide = wide[[BASELINE, *comparison.variants]]
    order = [table.loc[table["metric"] == m, "label"].iloc[0] for m in metrics]
    wide = wide.loc[order]
    wide.columns = [dict(labels or {}).get(c, c) for c in wide.columns]
    wide.index.name = None
    return wide


def outcome_bars(comparison: Comparison, metrics: Mapping[str, str], title: str,
                 labels: Mapping[str, str] | None = None) -> Figure:
    """One panel per metric: the mean of each variant with its 95% interval.

    ``metrics`` maps a metric of ``Comparison.table()`` to its axis label (with units).
    """
    table = comparison.table().set_index(["variant", "metric"])
    names = [BASELINE, *comparison.variants]
    shown = [dict(labels or {}).get(n, n) for n in names]
    fig = Figure(figsize=(3.3 * len(metrics) + 1, 4.2), layout="constrained")
    axes = fig.subplots(1, len(metrics), squeeze=False)[0]
    palette = colours(names)
    for ax, (metric, ylabel) in zip(axes, metrics.items(), strict=True):
        rows = table.loc[[(n, metric) for n in names]]
        means = rows["mean"].to_numpy(float)
        errors = np.clip(np.vstack([means - rows["ci_low"].to_numpy(float),
                                    rows["ci_high"].to_numpy(float) - means]), 0, None)
        ax.bar(range(len(names)), means, yerr=errors, capsize=4,
               color=[palette[n] for n in names], alpha=0.85)
        ax.set_xticks(range(len(names)), shown, rotation=20, ha="right", fontsize=8)
        ax.set_ylabel(ylabel)
        if metric in ("ceasefire_held", "settlement_reached"):
            ax.set_ylim(0, 1.05)
            ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    fig.suptitle(f"{title} ({comparison.days / 365:.0f}-year runs)\nbars: mean over "
                 f"{len(comparison.seeds)} runs; whiskers: 95% interval", fontsize=10)
    return fig


def level_curve(comparison: Comparison, levels: Mapping[str, float], metric: str,
                xlabel: str, ylabel: str, title: str, log: bool = False) -> Figure:
    """A metric (mean, 95% band) against a numeric level that each variant sets."""
    table = comparison.table().set_index(["variant", "metric"])
    order = sorted(levels, key=levels.get)
    x = np.array([levels[n] for n in order], dtype=float)
    rows = table.loc[[(n, metric) for n in order]]
    fig = Figure(figsize=(7, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ax.fill_between(x, rows["ci_low"], rows["ci_high"], color="C0", alpha=0.2,
                    label="95% interval")
    ax.plot(x, rows["mean"], "o-", color="C0", label=f"mean over {len(comparison.seeds)} runs")
    if log:
        positive = x[x > 0]
        ax.set_xscale("symlog", linthresh=positive.min() if len(positive) else 1.0)
        ax.margins(x=0.08)
    ax.set_xticks(x)
    if metric in ("ceasefire_held", "settlement_reached"):
        ax.set_ylim(-0.02, 1.05)
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.6g}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    return fig


def band_over_time(scenarios: Mapping[str, sim.Scenario], panels: Mapping[str, str],
                   seeds: list[int], title: str, days: int | None = None,
                   smooth_steps: int = 1, cumulative: Collection[str] = ()) -> Figure:
    """Median and interquartile band over ``seeds`` of per-step columns, per variant.

    ``panels`` maps a column of ``RunResult.timeseries`` to its axis label (with
    units); each gets its own panel, stacked, sharing the time axis. ``smooth_steps``
    > 1 averages each run over that many steps first (a rolling mean), so that
    weekly counts read as rates; columns named in ``cumulative`` are summed up to
    each step instead (e.g. riots so far). A run that fails is left out, counted in
    the title and printed.
    """
    fig = Figure(figsize=(7.5, 1.2 + 2.6 * len(panels)), layout="constrained")
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    palette = colours(list(scenarios))
    failed: list[str] = []
    for style, (name, scenario) in zip(LINE_STYLES * 4, scenarios.items(), strict=False):
        tables = []
        for seed in seeds:
            outcome = attempt(partial(sim.run, scenario, days=days), seed)
            if isinstance(outcome, Failure):
                failed.append(f"{name}, seed {seed}: {outcome.error}")
            else:
                tables.append(outcome.timeseries.set_index("day"))
        if not tables:
            continue
        for ax, column in zip(axes, panels, strict=True):
            frame = pd.concat([_per_step(t[column].astype(float), column in cumulative,
                                         smooth_steps) for t in tables], axis=1)
            years = frame.index.to_numpy() / 365
            ax.fill_between(years, frame.quantile(0.25, axis=1), frame.quantile(0.75, axis=1),
                            color=palette[name], alpha=0.2, linewidth=0)
            ax.plot(years, frame.median(axis=1), color=palette[name], ls=style, lw=1.6,
                    label=name)
    for ax, ylabel in zip(axes, panels.values(), strict=True):
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.6g}")
    axes[0].legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    axes[-1].set_xlabel("years since day 0")
    left_out = f" ({len(failed)} failed runs left out)" if failed else ""
    fig.suptitle(f"{title}\nline: median of {len(seeds)} runs{left_out}; band: middle half "
                 "of runs", fontsize=10)
    if failed:
        print(f"{len(failed)} runs failed and are left out of the figure:", *failed, sep="\n  ")
    return fig


def _per_step(values: pd.Series, cumulative: bool, smooth_steps: int) -> pd.Series:
    if cumulative:
        return values.cumsum()
    return values.rolling(smooth_steps, min_periods=1).mean()
