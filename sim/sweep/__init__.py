"""Parameter sweeps: designs, a resumable Parquet store, local or Dask execution,
and the analysis of the results (``sim.sweep(...)``, ``peacesim sweep``)."""

from .api import sweep
from .design import SweepError

__all__ = ["SweepError", "sweep"]
