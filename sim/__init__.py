"""peacesim: an agent-based simulation of ceasefires and peacekeeping."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("peacesim")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

from .config import Scenario, ScenarioError, available_scenarios, load_scenario
from .model import ConflictModel
from .runner import RunResult, run
from .sweep import SweepError, sweep

__all__ = [
    "ConflictModel",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "SweepError",
    "__version__",
    "available_scenarios",
    "load_scenario",
    "run",
    "sweep",
]
