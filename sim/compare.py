"""Baseline against what-if variants over the same seeds: intervals, survival, hazards.

``compare(scenario, {"no_force": {"contingents.blue_helmets.troops": 0}}, reps=30)``
runs the baseline and every variant on seeds ``seed .. seed + reps - 1`` and returns
a :class:`Comparison` with one row per run, a metric table with 95% intervals,
Kaplan-Meier survival curves of the ceasefire and Cox hazard ratios (lifelines).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import pandas as pd
from lifelines import CoxPHFitter, KaplanMeierFitter
from matplotlib.figure import Figure
from scipy import stats

from .config import Scenario, load_scenario
from .metrics import flatten
from .runner import RunResult, run
from .workers import local_pool

BASELINE = "baseline"

METRICS = {
    "ceasefire_held": "ceasefire held at the horizon (share)",
    "violations_total": "violations",
    "retaliations": "retaliations",
    "offensives": "major offensives",
    "riots": "riots",
    "casualties_combatant": "combatant casualties",
    "casualties_civilian": "civilian casualties",
    "casualties_peacekeeper": "peacekeeper casualties",
    "displaced": "displaced civilians",
    "settlement_reached": "settlement reached (share)",
    "stability_index": "stability index (0..1)",
}


def process_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` processes (None for 1: run in this process)."""
    return local_pool(workers) if workers > 1 else None


def summary_row(
    scenario: Scenario,
    seed: int,
    days: int | None = None,
    extract: Callable[[RunResult], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One run as a flat row: the summary plus what ``extract`` reads from the result."""
    result = run(scenario, seed=seed, days=days)
    row = flatten(result.summary)
    if extract is not None:
        row.update(extract(result))
    return row


def replicate(
    scenario: Scenario,
    seeds: list[int],
    days: int | None = None,
    progress: Callable[[], None] | None = None,
    executor: Executor | None = None,
    extract: Callable[[RunResult], dict[str, Any]] | None = None,
) -> pd.DataFrame:
    """One flattened summary row per seed, in seed order.

    With an ``executor`` (e.g. a ``ProcessPoolExecutor``) runs go to its workers;
    rows are collected in seed order, so the table is the same either way.
    ``extract`` must then be a module-level function (it is pickled).
    """
    return pd.DataFrame(_rows([(scenario, s) for s in seeds], days, progress, executor, extract))


def _rows(
    tasks: list[tuple[Scenario, int]],
    days: int | None,
    progress: Callable[[], None] | None,
    executor: Executor | None,
    extract: Callable[[RunResult], dict[str, Any]] | None,
) -> list[dict[str, Any]]:
    if executor is None:
        pending = (summary_row(scenario, seed, days, extract) for scenario, seed in tasks)
    else:
        futures = [executor.submit(summary_row, scenario, seed, days, extract)
                   for scenario, seed in tasks]
        pending = (future.result() for future in futures)
    rows = []
    for row in pending:
        rows.append(row)
        if progress:
            progress()
    return rows


def mean_interval(values: pd.Series) -> tuple[float, float, float]:
    """Mean and 95% interval: Wilson for shares of booleans, Student t otherwise."""
    data = values.dropna().astype(float).to_numpy()
    n = len(data)
    if n == 0:
        return math.nan, math.nan, math.nan
    mean = float(data.mean())
    if values.dropna().map(type).eq(bool).all():
        z = 1.959964
        centre = (mean + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(mean * (1 - mean) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return mean, max(0.0, centre - half), min(1.0, centre + half)
    if n == 1 or data.std() == 0:
        return mean, mean, mean
    half = stats.t.ppf(0.975, n - 1) * data.std(ddof=1) / math.sqrt(n)
    low = mean - half if data.min() < 0 else max(0.0, mean - half)
    return mean, low, mean + half


@dataclass
class Comparison:
    """Runs of a baseline and its variants over the same seeds."""

    scenario: str
    variants: dict[str, dict[str, Any]]
    seeds: list[int]
    days: int
    runs: pd.DataFrame
    """One row per run: ``variant``, ``seed`` and the flattened summary."""

    def durations(self) -> pd.DataFrame:
        """Time to collapse (days) and whether it was observed, per run."""
        observed = ~self.runs["ceasefire_held"].astype(bool)
        duration = self.runs["collapse_day"].where(observed, self.runs["days"]).astype(float)
        return pd.DataFrame({"variant": self.runs["variant"], "duration": duration,
                             "collapsed": observed.astype(int)})

    def survival(self) -> dict[str, KaplanMeierFitter]:
        """A Kaplan-Meier fit of ceasefire survival per variant."""
        fits = {}
        data = self.durations()
        for name, group in data.groupby("variant", sort=False):
            fit = KaplanMeierFitter(label=str(name))
            fit.fit(group["duration"], group["collapsed"])
            fits[str(name)] = fit
        return fits

    def hazard_ratios(self) -> pd.DataFrame:
        """Cox hazard ratio of collapse, each variant against the baseline, with 95% CI.

        Undefined (NaN) when neither group has a collapse; when only one group has
        collapses the Cox estimate diverges, so a small ridge penalty (0.01) keeps it
        finite and the row is flagged ``separated``.
        """
        data = self.durations()
        base = data[data["variant"] == BASELINE]
        rows = []
        for name in self.variants:
            other = data[data["variant"] == name]
            both = pd.concat([base, other])
            both = both.assign(treated=(both["variant"] == name).astype(int))
            events = (base["collapsed"].sum(), other["collapsed"].sum())
            row = {"variant": name, "hazard_ratio": math.nan, "ci_low": math.nan,
                   "ci_high": math.nan, "separated": min(events) == 0}
            if sum(events) > 0:
                fitter = CoxPHFitter(penalizer=0.01 if min(events) == 0 else 0.0)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    fitter.fit(both[["duration", "collapsed", "treated"]],
                               duration_col="duration", event_col="collapsed")
                summary = fitter.summary.loc["treated"]
                row.update(hazard_ratio=float(summary["exp(coef)"]),
                           ci_low=float(summary["exp(coef) lower 95%"]),
                           ci_high=float(summary["exp(coef) upper 95%"]))
            rows.append(row)
        return pd.DataFrame(rows)

    def table(self) -> pd.DataFrame:
        """Metric x variant: mean with 95% interval, plus median time to collapse."""
        rows = []
        for name in [BASELINE, *self.variants]:
            group = self.runs[self.runs["variant"] == name]
            for metric, label in METRICS.items():
                if metric not in group:
                    continue
                mean, low, high = mean_interval(group[metric])
                rows.append({"variant": name, "metric": metric, "label": label,
                             "mean": mean, "ci_low": low, "ci_high": high})
        for name, fit in self.survival().items():
            median = float(fit.median_survival_time_)
            rows.append({"variant": name, "metric": "median_days_to_collapse",
                         "label": "median days to collapse (inf: more than half held)",
                         "mean": median, "ci_low": math.nan, "ci_high": math.nan})
        return pd.DataFrame(rows)

    def reading(self) -> str:
        """A short plain-language reading of the differences from the baseline."""
        table = self.table().set_index(["variant", "metric"])
        ratios = self.hazard_ratios().set_index("variant")
        base_held = table.loc[(BASELINE, "ceasefire_held"), "mean"]
        lines = [f"Over {len(self.seeds)} seeds and {self.days} days, the ceasefire held in "
                 f"{base_held:.0%} of baseline runs."]
        for name in self.variants:
            held = table.loc[(name, "ceasefire_held")]
            base_v = table.loc[(BASELINE, "violations_total"), "mean"]
            v = table.loc[(name, "violations_total"), "mean"]
            hr = ratios.loc[name]
            change = "more" if v > base_v else "fewer"
            text = (f"{name}: held in {held['mean']:.0%} (95% CI {held['ci_low']:.0%}-"
                    f"{held['ci_high']:.0%}); {abs(v - base_v):.0f} {change} violations "
                    f"on average ({v:.0f} vs {base_v:.0f})")
            if not math.isnan(hr["hazard_ratio"]):
                direction = "higher" if hr["hazard_ratio"] > 1 else "lower"
                flag = " (one group had no collapses: the ratio is a bound)" if hr[
                    "separated"] else ""
                significant = hr["ci_low"] > 1 or hr["ci_high"] < 1
                text += (f"; collapse hazard {hr['hazard_ratio']:.2f}x the baseline's "
                         f"({direction}, 95% CI {hr['ci_low']:.2f}-{hr['ci_high']:.2f}"
                         f"{', clear' if significant else ', not distinguishable from 1'})"
                         f"{flag}")
            else:
                text += "; no collapses in either, so no hazard ratio"
            lines.append(text + ".")
        return "\n".join(lines)

    def survival_figure(self) -> Figure:
        """Kaplan-Meier curves of ceasefire survival, one per variant, with 95% bands.

        Each variant has its own line style and width, so curves that coincide (same
        seeds, same history until a change takes effect) stay visible.
        """
        fig = Figure(figsize=(7, 4.2), layout="constrained")
        ax = fig.add_subplot()
        styles = [("-", 3.0), ("--", 2.0), (":", 2.0), ("-.", 1.5)]
        for i, fit in enumerate(self.survival().values()):
            style, width = styles[i % len(styles)]
            fit.plot_survival_function(ax=ax, ci_show=True, linestyle=style, linewidth=width,
                                       ci_alpha=0.15)
        ax.set_xlabel("days since day 0")
        ax.set_ylabel("share of runs with the ceasefire holding")
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlim(0, self.days)
        ax.set_title(f"{self.scenario}: ceasefire survival over {len(self.seeds)} seeds")
        ax.legend(title="variant")
        return fig


def compare(
    scenario: Scenario | str,
    variants: dict[str, dict[str, Any]],
    reps: int,
    seed: int = 0,
    days: int | None = None,
    progress: Callable[[], None] | None = None,
    executor: Executor | None = None,
    extract: Callable[[RunResult], dict[str, Any]] | None = None,
) -> Comparison:
    """Run the baseline and each variant (a dict of overrides) over the same seeds.

    ``executor`` and ``extract`` as in :func:`replicate`; all runs are submitted at
    once so the workers stay busy across variants.
    """
    base = load_scenario(scenario) if not isinstance(scenario, Scenario) else scenario
    seeds = [seed + i for i in range(reps)]
    configs = {name: (load_scenario(base, overrides) if overrides else base)
               for name, overrides in [(BASELINE, {}), *variants.items()]}
    tasks = [(config, s) for config in configs.values() for s in seeds]
    runs = pd.DataFrame(_rows(tasks, days, progress, executor, extract))
    runs.insert(0, "variant", [name for name in configs for _ in seeds])
    return Comparison(base.scenario.name, dict(variants), seeds, int(runs["days"].max()),
                      runs)


def parse_variant(text: str) -> tuple[str, dict[str, Any]]:
    """``'no_force:contingents.pk.troops=0,contingents.pk.bias=0'`` -> name, overrides."""
    from .config import ScenarioError, parse_assignment

    name, sep, body = text.partition(":")
    if not sep or not name or not body:
        raise ScenarioError(f"--variant {text}: expected NAME:PATH=VALUE[,PATH=VALUE]")
    if name == BASELINE:
        raise ScenarioError(f"--variant {text}: '{BASELINE}' is reserved for the unchanged run")
    return name, dict(parse_assignment(part) for part in body.split(","))


