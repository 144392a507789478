"""Tables and figures of a finished sweep.

Outcomes per run: ``collapsed`` (0/1), ``days_held`` (day of collapse, or the
run's length if the ceasefire held: time to collapse censored at the horizon) and
``casualties`` (combatant + civilian + peacekeeper). Written under ``out``:

- ``runs.csv``: the stored runs with the three outcomes;
- ``failures.csv``: the runs that failed (run id, seed, overrides, error), left out of
  everything else;
- ``effects.csv`` / ``effects.png``: each parameter's effect on the outcomes, pooled
  over the other parameters, with 95 % intervals (Wilson for the collapse
  probability, Student t for the means); sampled parameters are cut in quartiles;
- ``heatmap.png`` for a two-parameter grid: collapse probability and mean casualties;
- ``sensitivity.csv`` / ``sensitivity.png`` for sampled designs: Sobol (S1, ST),
  Morris (mu_star, sigma) or, for Latin hypercubes, RBD-FAST (S1) indices of the
  per-point means.
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy import stats

from .design import RBD_HARMONICS, Design

OUTCOMES = {
    "collapsed": "collapse probability",
    "days_held": "days held",
    "casualties": "casualties (all)",
}
SAMPLED_BINS = 4
Z95 = 1.959963984540054


def outcomes(runs: pd.DataFrame) -> pd.DataFrame:
    """``runs`` with the columns ``collapsed``, ``days_held`` and ``casualties`` added."""
    collapsed = ~runs["ceasefire_held"].astype(bool)
    days_held = runs["collapse_day"].where(collapsed, runs["days"]).astype(float)
    casualties = runs[[c for c in runs if c.startswith("casualties_")]].sum(axis=1)
    return runs.assign(collapsed=collapsed.astype(float), days_held=days_held,
                       casualties=casualties.astype(float))


def wilson(successes: float, n: int) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion."""
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n**2)) / (1 + Z95**2 / n)
    return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


def mean_interval(values: pd.Series) -> tuple[float, float, float]:
    """Mean and its 95 % Student t interval (NaN bounds for fewer than 2 values)."""
    n, mean = len(values), float(values.mean())
    if n < 2:
        return mean, math.nan, math.nan
    half = stats.t.ppf(0.975, n - 1) * float(values.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half


def grid_position(design: Design, runs: pd.DataFrame, parameter: str) -> pd.Series:
    """Each run's position in the --grid values of ``parameter`` (robust to null values)."""
    values = [json.dumps(v) for v in design.grid[parameter]]
    return runs["point"].map(lambda p: values.index(json.dumps(design.points[p][parameter])))


def _levels(design: Design, runs: pd.DataFrame, parameter: str) -> tuple[pd.Series, list]:
    """The group of each run and the value shown for each group: the grid values in the
    order given, or the mean of each quartile of a sampled parameter."""
    if parameter in design.grid:
        return grid_position(design, runs, parameter), list(design.grid[parameter])
    values = runs[parameter].astype(float)
    bins = pd.qcut(values, SAMPLED_BINS, labels=False, duplicates="drop")
    return bins, list(values.groupby(bins).mean())


def effects(design: Design, runs: pd.DataFrame) -> pd.DataFrame:
    """One row per parameter and level: runs, and each outcome with its 95 % interval."""
    rows = []
    for parameter in design.parameters:
        groups, shown = _levels(design, runs, parameter)
        for position, group in runs.groupby(groups, sort=True):
            row = {"parameter": parameter, "value": shown[int(position)], "runs": len(group)}
            low, high = wilson(float(group["collapsed"].sum()), len(group))
            row |= {"collapsed": group["collapsed"].mean(), "collapsed_lo": low,
                    "collapsed_hi": high}
            for outcome in ("days_held", "casualties"):
                mean, low, high = mean_interval(group[outcome])
                row |= {outcome: mean, f"{outcome}_lo": low, f"{outcome}_hi": high}
            rows.append(row)
    return pd.DataFrame(rows)


def sensitivity(design: Design, runs: pd.DataFrame) -> pd.DataFrame:
    """Sensitivity indices of the per-point mean outcomes (sampled designs only)."""
    from SALib.analyze import morris, rbd_fast, sobol

    problem, x = design.problem(), design.sample_matrix()
    means = runs.groupby("point")[list(OUTCOMES)].mean().reindex(range(len(x)))
    rows = []
    for outcome in OUTCOMES:
        y = means[outcome].to_numpy()
        if np.isnan(y).any() or np.ptp(y) == 0:
            continue  # a constant outcome has no variance to apportion
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            if design.sample == "sobol":
                result = sobol.analyze(problem, y, calc_second_order=False, seed=design.seed)
                indices = {"S1": "S1_conf", "ST": "ST_conf"}
            elif design.sample == "morris":
                result = morris.analyze(problem, x, y, seed=design.seed)
                indices = {"mu_star": "mu_star_conf", "sigma": None}
            else:
                result = rbd_fast.analyze(problem, x, y, M=RBD_HARMONICS, seed=design.seed)
                indices = {"S1": "S1_conf"}
        for index, conf in indices.items():
            for i, name in enumerate(problem["names"]):
                rows.append({"method": design.sample, "outcome": outcome, "parameter": name,
                             "index": index, "value": float(result[index][i]),
                             "conf": float(result[conf][i]) if conf else math.nan})
    return pd.DataFrame(rows, columns=["method", "outcome", "parameter", "index", "value",
                                       "conf"])


def _label(value: object) -> str:
    return "null" if value is None else str(value)


def effects_figure(table: pd.DataFrame) -> Figure:
    parameters = list(dict.fromkeys(table["parameter"]))
    fig = Figure(figsize=(4 * len(OUTCOMES), 2.8 * len(parameters)))
    axes = fig.subplots(len(parameters), len(OUTCOMES), squeeze=False)
    for row, parameter in zip(axes, parameters, strict=True):
        part = table[table["parameter"] == parameter]
        values = list(part["value"])
        numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        x = np.array(values, dtype=float) if numeric else np.arange(len(values))
        for ax, (outcome, label) in zip(row, OUTCOMES.items(), strict=True):
            error = [part[outcome] - part[f"{outcome}_lo"], part[f"{outcome}_hi"] - part[outcome]]
            error = np.clip(np.nan_to_num(error), 0, None)
            ax.errorbar(x, part[outcome], yerr=error, marker="o", capsize=3)
            ax.set_xlabel(parameter)
            ax.set_ylabel(label)
            if not numeric:
                ax.set_xticks(x, [_label(v) for v in values])
    fig.suptitle("effect of each parameter (mean and 95 % interval; days held: until "
                 "collapse, or the whole run if the ceasefire held)")
    fig.tight_layout()
    return fig


def heatmap_figure(design: Design, runs: pd.DataFrame) -> Figure:
    rows_path, cols_path = design.parameters
    placed = runs.assign(row=grid_position(design, runs, rows_path),
                         col=grid_position(design, runs, cols_path))
    fig = Figure(figsize=(11, 4.5))
    axes = fig.subplots(1, 2)
    for ax, outcome in zip(axes, ("collapsed", "casualties"), strict=True):
        grid = placed.pivot_table(index="row", columns="col", values=outcome, aggfunc="mean")
        image = ax.imshow(grid.to_numpy(dtype=float), origin="lower", aspect="auto",
                          cmap="viridis")
        ax.set_xticks(range(grid.shape[1]), [_label(v) for v in design.grid[cols_path]],
                      rotation=45)
        ax.set_yticks(range(grid.shape[0]), [_label(v) for v in design.grid[rows_path]])
        ax.set_xlabel(cols_path)
        ax.set_ylabel(rows_path)
        ax.set_title(f"mean {OUTCOMES[outcome]}")
        for (i, j), value in np.ndenumerate(grid.to_numpy(dtype=float)):
            ax.text(j, i, f"{value:.2g}", ha="center", va="center", color="white", fontsize=8)
        fig.colorbar(image, ax=ax)
    fig.tight_layout()
    return fig


def sensitivity_figure(table: pd.DataFrame) -> Figure:
    outcomes_present = list(dict.fromkeys(table["outcome"]))
    fig = Figure(figsize=(4.5 * len(outcomes_present), 3.5))
    axes = fig.subplots(1, len(outcomes_present), squeeze=False)
    for ax, outcome in zip(axes[0], outcomes_present, strict=True):
        part = table[table["outcome"] == outcome]
        indices = list(dict.fromkeys(part["index"]))
        names = list(dict.fromkeys(part["parameter"]))
        width = 0.8 / len(indices)
        for k, index in enumerate(indices):
            sub = part[part["index"] == index]
            ax.bar(np.arange(len(names)) + k * width, sub["value"], width,
                   yerr=np.nan_to_num(sub["conf"].to_numpy()), capsize=3, label=index)
        ax.set_xticks(np.arange(len(names)) + 0.4 - width / 2, names, rotation=20,
                      fontsize=7)
        ax.set_title(OUTCOMES[outcome])
        ax.legend()
    fig.suptitle(f"{table['method'].iloc[0]} sensitivity indices")
    fig.tight_layout()
    return fig


def analyse(design: Design, runs: pd.DataFrame, failures: pd.DataFrame,
            out: Path) -> list[Path]:
    """Write the tables and figures of a sweep under ``out`` from its finished runs
    (failed ones are listed in ``failures.csv`` and left out); return their paths."""
    written = [out / "runs.csv", out / "failures.csv"]
    failures.assign(overrides=[json.dumps(o) for o in failures["overrides"]]).to_csv(
        written[1], index=False)
    if runs.empty:
        runs.to_csv(written[0], index=False)
        return written
    runs = outcomes(runs)
    runs.to_csv(written[0], index=False)
    figures: dict[str, Figure] = {}
    if design.parameters:
        table = effects(design, runs)
        table.to_csv(out / "effects.csv", index=False)
        written.append(out / "effects.csv")
        figures["effects.png"] = effects_figure(table)
    if len(design.grid) == 2:
        figures["heatmap.png"] = heatmap_figure(design, runs)
    if design.sample:
        indices = sensitivity(design, runs)
        indices.to_csv(out / "sensitivity.csv", index=False)
        written.append(out / "sensitivity.csv")
        if len(indices):
            figures["sensitivity.png"] = sensitivity_figure(indices)
    for name, fig in figures.items():
        fig.savefig(out / name, dpi=100)
        written.append(out / name)
    return written
