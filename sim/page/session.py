"""One browser's run on the classroom page: scenario, what-if settings, model, frames.

The page builds one :class:`Session` per browser tab, so thirty students get thirty
models. Nothing here depends on Solara: the page is a view of this object. A step that
raises is recorded as the session's ``failure`` (the run stops there; the page says
so and keeps working), never passed on to the page.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from ..config import SCENARIO_DIR, Scenario, ScenarioError, load_scenario
from ..model import ConflictModel
from ..runner import table_of
from . import state
from .whatif import Knob, knobs_for

log = logging.getLogger("peacesim.page")

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
    the current run untouched. Steps, resets and frames hold a lock: the play thread and
    the buttons call them from different threads. ``run`` counts runs (each reset is a
    new one); ``last_active`` (``time.monotonic`` seconds) is the last thing a person did.
    """

    def __init__(self, scenarios: dict[str, Path], name: str | None = None):
        if not scenarios:
            raise ScenarioError(f"no scenario files found in {SCENARIO_DIR}")
        self.scenarios = scenarios
        self.lock = threading.RLock()
        self.run = 0
        self.frames = state.FrameEncoder()
        self.touch()
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
            self.model: ConflictModel | None = ConflictModel(self.scenario, rng=self.seed)
            self.failure: str | None = None
            self.markers: list[tuple[str, int, int]] = []
            self.frames.restart()
            self.run += 1

    def touch(self) -> None:
        """A person did something on the page now."""
        self.last_active = time.monotonic()

    def release(self) -> None:
        """Drop the model (an expired or closed session); ``reset`` builds it again."""
        with self.lock:
            self.model = None

    # ------------------------------------------------------------ stepping

    @property
    def horizon(self) -> int:
        """The scenario's horizon in days."""
        return self.scenario.scenario.horizon_days

    @property
    def days_per_step(self) -> int:
        return self.scenario.scenario.days_per_step

    @property
    def day(self) -> int:
        """Days simulated so far."""
        return state.day(self.model, self.days_per_step) if self.model is not None else 0

    @property
    def finished(self) -> bool:
        """At the horizon, failed, or released: no step is possible."""
        return self.model is None or self.failure is not None or self.day >= self.horizon

    def step(self, count: int = 1) -> int:
        """Up to ``count`` steps of ``days_per_step`` days; the number taken (0 at the
        horizon). A step that raises stops the run and sets ``failure``."""
        taken = 0
        with self.lock:
            while taken < count and not self.finished:
                try:
                    self.model.step()
                except Exception as err:  # the traceback goes to the server's log
                    log.exception("%s seed %d: a step from day %d failed", self.name,
                                  self.seed, self.day)
                    self.failure = (f"The run stopped on day {self.day:,}: the model failed "
                                    f"({type(err).__name__}: {err}). This is a fault in the "
                                    "model, not in your settings; change a setting or the "
                                    "seed and press Reset, or pick another scenario.")
                    break
                taken += 1
                self.markers += state.step_markers(self.model)
        return taken

    def status(self) -> str:
        """The day counter line: ``Day 35 of 1,825`` and how the run stands."""
        text = f"Day {self.day:,} of {self.horizon:,}"
        if self.model is None:
            return text
        collapsed = state.collapse_day(self.model)
        if self.failure:
            text += ": the run stopped (see the message above)"
        elif collapsed is not None:
            text += f": ceasefire collapsed on day {collapsed:,}"
        elif self.day >= self.horizon:
            text += ": end of the run"
        return text

    # ------------------------------------------------------------ what the page shows

    def scene(self) -> tuple[dict, list[bytes]]:
        """The map's fixed part for this run, and the next frame is whole."""
        with self.lock:
            self.frames.restart()
            content, buffers = state.scene(self.model, self.horizon,
                                           self.base.map.km_per_cell)
            content["run"] = self.run
            return content, buffers

    def frame(self) -> tuple[dict, list[bytes]]:
        """The map's next frame (what changed since the last), with the markers of the
        steps since then."""
        with self.lock:
            content, buffers = self.frames.encode(self.model, self.day, self.status(),
                                                  self.markers)
            content["run"] = self.run
            self.markers = []
            return content, buffers

    def rows_since(self, start: int) -> tuple[int, dict[str, list]]:
        """The number of rows now, and the per-step table's rows from ``start`` on."""
        with self.lock:
            return state.row_count(self.model), state.rows_since(self.model, start)

    def names(self) -> tuple[list[tuple[str, str]], list[tuple[str, bool]]]:
        with self.lock:
            return state.names(self.model)

    def table(self):
        """The per-step table so far (a DataFrame; empty before the first step)."""
        with self.lock:
            return table_of(self.model)

    def summary(self) -> dict[str, Any] | None:
        """The run's metrics so far (``sim.metrics.summarize``); None before the first step."""
        with self.lock:
            return state.summary(self.model, self.seed) if self.model is not None else None

    def events(self) -> list[dict]:
        """The event log so far, by day: dicts with ``day``, ``kind``, ``text``."""
        with self.lock:
            return state.events(self.model) if self.model is not None else []

    def troops_deployed(self) -> int:
        with self.lock:
            return state.troops_deployed(self.model) if self.model is not None else 0
