"""One browser's run on the classroom page: scenario, what-if settings, model, table.

The page builds one :class:`Session` per browser tab, so thirty students get thirty
models. Nothing here depends on Solara: the page is a thin view of this object.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pandas as pd

from .config import SCENARIO_DIR, Scenario, ScenarioError, load_scenario
from .metrics import summarize
from .model import ConflictModel
from .runner import table_of
from .whatif import Knob, knobs_for

EXTRA_DIRS_ENV = "PEACESIM_SCENARIO_DIRS"
"""Extra folders of scenario files for the page (``os.pathsep``-separated)."""


def catalogue(extra_dirs: list[Path] | None = None) -> dict[str, Path]:
    """Scenario name -> file: ``scenarios/`` first, then each extra folder.

    Without ``extra_dirs``, folders come from the environment variable
    ``PEACESIM_SCENARIO_DIRS``. A name already taken keeps its first file.
    """
    if extra_dirs is None:
        extra_dirs = [Path(p) for p in os.environ.get(EXTRA_DIRS_ENV, "").split(os.pathsep) if p]
    found: dict[str, Path] = {}
    for folder in [SCENARIO_DIR, *extra_dirs]:
        for path in sorted(Path(folder).glob("*.toml")):
            found.setdefault(path.stem, path)
    return found


class Session:
    """A scenario with what-if overrides and a seed, and the model being stepped.

    ``apply`` validates new settings before replacing the run, so a bad value leaves
    the current run untouched. Steps and resets hold a lock: the play loop and the
    buttons may call them from different threads.
    """

    def __init__(self, scenarios: dict[str, Path], name: str | None = None):
        if not scenarios:
            raise ScenarioError(f"no scenario files found in {SCENARIO_DIR}")
        self.scenarios = scenarios
        self.lock = threading.RLock()
        self.select(name or ("classroom" if "classroom" in scenarios else next(iter(scenarios))))

    # ------------------------------------------------------------ settings

    def select(self, name: str) -> None:
        """Switch to scenario ``name`` with its own settings and seed 0."""
        if name not in self.scenarios:
            raise ScenarioError(f"{name}: no such scenario; known: {', '.join(self.scenarios)}")
        base = load_scenario(self.scenarios[name])
        with self.lock:
            self.name = name
            self.base: Scenario = base
            self.knobs: list[Knob] = knobs_for(base)
            self.apply({}, 0)

    def apply(self, overrides: dict[str, Any], seed: int) -> None:
        """Replace the run with one under ``overrides`` (dotted paths) and ``seed``."""
        scenario = load_scenario(self.base, overrides) if overrides else self.base
        with self.lock:
            self.overrides = dict(overrides)
            self.seed = seed
            self.scenario = scenario
            self.reset()

    def reset(self) -> None:
        """Start the current settings again from day 0."""
        with self.lock:
            self.model = ConflictModel(self.scenario, rng=self.seed)

    # ------------------------------------------------------------ stepping

    @property
    def horizon(self) -> int:
        """The scenario's horizon in days."""
        return self.scenario.scenario.horizon_days

    @property
    def day(self) -> int:
        """Days simulated so far."""
        return self.model.steps * self.model.days_per_step

    @property
    def finished(self) -> bool:
        return self.day >= self.horizon

    def step(self) -> bool:
        """One step of ``days_per_step`` days; False (and no step) at the horizon."""
        with self.lock:
            if self.finished:
                return False
            self.model.step()
            return True

    # ------------------------------------------------------------ results

    def table(self) -> pd.DataFrame:
        """The per-step table so far (empty before the first step)."""
        with self.lock:
            return table_of(self.model)

    def summary(self) -> dict[str, Any] | None:
        """The run's metrics so far (``sim.metrics.summarize``); None before the first step."""
        with self.lock:
            table = table_of(self.model)
            return summarize(self.model, table, self.seed) if len(table) else None

    def events(self) -> list[dict]:
        """The event log so far: dicts with ``day``, ``kind``, ``text``."""
        with self.lock:
            return list(self.model.event_log)
