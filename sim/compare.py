"""Baseline against what-if variants over the same seeds: intervals, survival, hazards.

``compare(scenario, {"no_force": {"contingents.blue_helmets.troops": 0}}, reps=30)``
runs the baseline and every variant on seeds ``seed .. seed + reps - 1`` and returns
a :class:`Comparison` with one row per run, a metric table with 95% intervals,
Kaplan-Meier survival curves of the ceasefire and Cox hazard ratios (lifelines). A
run that fails is recorded in ``Comparison.failures`` and left out of the numbers;
the other runs go on.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pandas as pd
from lifelines import CoxPHFitter, KaplanMeierFitter
from matplotlib.figure import Figure
from scipy import stats

from .config import Scenario, ScenarioError, load_scenario, parse_assignment
from .limits import MAX_REPS, non_finite
from .metrics import flatten
from .runner import RunResult, run, steps_for
from .workers import Failure, local_pool, run_tasks

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


def process_pool(workers: int) -> Executor | None:
    """A pool of ``workers`` processes (None for 1: run in this process)."""
    return local_pool(workers) if workers > 1 else None


@dataclass(frozen=True)
class Replication:
    """One run of a comparison: a variant's scenario and a seed."""

    variant: str
    scenario: Scenario
    seed: int


def summary_row(
    replication: Replication,
    days: int | None = None,
    extract: Callable[[RunResult], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One run as a flat row: the summary plus what ``extract`` reads from the result."""
    result = run(replication.scenario, seed=replication.seed, days=days)
    row = flatten(result.summary)
    if extract is not None:
        row.update(extract(result))
    return row


FAILURE_COLUMNS = ["variant", "seed", "scenario", "overrides", "error", "traceback"]


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
    """One row per finished run: ``variant``, ``seed`` and the flattened summary."""
    failures: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=FAILURE_COLUMNS))
    """One row per run that failed: ``variant``, ``seed``, ``scenario``, ``overrides``
    (the variant's), ``error`` (one line) and ``traceback``; left out of every number."""

    @property
    def attempted(self) -> int:
        """Runs asked for: finished and failed."""
        return len(self.runs) + len(self.failures)

    def durations(self) -> pd.DataFrame:
        """Time to collapse (days) and whether it was observed, per finished run."""
        if self.runs.empty:
            return pd.DataFrame(columns=["variant", "duration", "collapsed"])
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
            if sum(events) > 0 and len(base) and len(other):
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
            group = self.runs[self.runs["variant"] == name] if len(self.runs) else None
            for metric, label in METRICS.items():
                if group is not None and metric not in group:
                    continue
                values = group[metric] if group is not None else pd.Series(dtype=float)
                mean, low, high = mean_interval(values)
                rows.append({"variant": name, "metric": metric, "label": label,
                             "mean": mean, "ci_low": low, "ci_high": high})
        for name, fit in self.survival().items():
            median = float(fit.median_survival_time_)
            rows.append({"variant": name, "metric": "median_days_to_collapse",
                         "label": "median days to collapse (inf: more than half held)",
                         "mean": median, "ci_low": math.nan, "ci_high": math.nan})
        return pd.DataFrame(rows)

    def reading(self) -> str:
        """A short plain-language reading of the differences from the baseline; failed
        runs, if any, are counted first."""
        table = self.table().set_index(["variant", "metric"])
        ratios = self.hazard_ratios().set_index("variant")
        base_held = table.loc[(BASELINE, "ceasefire_held"), "mean"]
        base_v = table.loc[(BASELINE, "violations_total"), "mean"]
        opening = (f"the ceasefire held in {base_held:.0%} of baseline runs."
                   if not math.isnan(base_held) else "no baseline run finished.")
        lines = [f"Over {len(self.seeds)} seeds and {self.days} days, {opening}"]
        if len(self.failures):
            lines.append(self.failure_note())
        for name in self.variants:
            held = table.loc[(name, "ceasefire_held")]
            v = table.loc[(name, "violations_total"), "mean"]
            if math.isnan(held["mean"]):
                lines.append(f"{name}: no run finished.")
                continue
            text = (f"{name}: held in {held['mean']:.0%} (95% CI {held['ci_low']:.0%}-"
                    f"{held['ci_high']:.0%}); ")
            if math.isnan(base_v):
                lines.append(text + f"{v:.0f} violations on average.")
                continue
            change = "more" if v > base_v else "fewer"
            text += (f"{abs(v - base_v):.0f} {change} violations "
                     f"on average ({v:.0f} vs {base_v:.0f})")
            hr = ratios.loc[name]
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

    def failure_note(self, shown: int = 3) -> str:
        """``2 of 60 runs failed and are left out: baseline seed 4 (ValueError: ...), ...``"""
        listed = [f"{f.variant} seed {f.seed} ({f.error})"
                  for f in self.failures.head(shown).itertuples()]
        more = len(self.failures) - len(listed)
        return (f"{len(self.failures)} of {self.attempted} runs failed and are left out: "
                + "; ".join(listed) + (f"; and {more} more" if more else "") + ".")

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

    With an ``executor`` (e.g. :func:`process_pool`) runs go to its workers; the
    result is the same either way, and ``extract`` (a function of a RunResult giving
    extra columns) must then be module-level, as it is pickled. A run that raises
    (in the model or in ``extract``) is recorded in ``Comparison.failures`` and the
    others go on. ``progress`` is called once per run.
    """
    if not 1 <= reps <= MAX_REPS:
        raise ScenarioError(f"reps {reps}: must be from 1 to {MAX_REPS:,}")
    base = load_scenario(scenario) if not isinstance(scenario, Scenario) else scenario
    seeds = [seed + i for i in range(reps)]
    overrides = {BASELINE: {}, **variants}
    configs = {name: (load_scenario(base, changes) if changes else base)
               for name, changes in overrides.items()}
    replications = [Replication(name, config, s) for name, config in configs.items()
                    for s in seeds]
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    failures: list[dict[str, Any]] = []

    def done(replication: Replication, outcome: dict[str, Any] | Failure) -> None:
        if isinstance(outcome, Failure):
            failures.append({"variant": replication.variant, "seed": replication.seed,
                             "scenario": base.scenario.name,
                             "overrides": overrides[replication.variant],
                             "error": outcome.error, "traceback": outcome.traceback})
        else:
            rows[replication.variant, replication.seed] = outcome
        if progress:
            progress()

    run_tasks(partial(summary_row, days=days, extract=extract), replications, done, executor)
    runs = pd.DataFrame([{"variant": r.variant, **rows[r.variant, r.seed]}
                         for r in replications if (r.variant, r.seed) in rows])
    order = {(r.variant, r.seed): i for i, r in enumerate(replications)}
    failed = pd.DataFrame(sorted(failures, key=lambda f: order[f["variant"], f["seed"]]),
                          columns=FAILURE_COLUMNS)
    horizon = (int(runs["days"].max()) if len(runs)
               else steps_for(base, days) * base.scenario.days_per_step)
    return Comparison(base.scenario.name, dict(variants), seeds, horizon, runs, failed)


def parse_variant(text: str) -> tuple[str, dict[str, Any]]:
    """``'no_force:contingents.pk.troops=0,contingents.pk.bias=0'`` -> name, overrides."""
    name, sep, body = text.partition(":")
    if not sep or not name or not body:
        raise ScenarioError(f"--variant {text}: expected NAME:PATH=VALUE[,PATH=VALUE]")
    if name == BASELINE:
        raise ScenarioError(f"--variant {text}: '{BASELINE}' is reserved for the unchanged run")
    changes = dict(parse_assignment(part) for part in body.split(","))
    for path, value in changes.items():
        if non_finite(value):
            raise ScenarioError(f"--variant {text}: {path} must be a finite number "
                                "(no nan or inf)")
    return name, changes


