"""Bounds on what one command (or API call) may ask for, checked before any work starts.

A request beyond them would hang or exhaust memory instead of failing; each bound is
named in the error that refuses it. Values given on the command line must also be
finite numbers (no NaN or infinity).
"""

from __future__ import annotations

import math
from typing import Any

MAX_DAYS = 36_500
"""Days one run may cover: 100 years, the longest horizon a scenario may have."""
MAX_REPS = 10_000
"""Replications per variant, design point or pattern experiment."""
MAX_SAMPLE_N = 65_536
"""A sampled sweep's ``--n`` (2^16): Sobol base samples, Morris trajectories, LHS points."""
MAX_SWEEP_RUNS = 1_000_000
"""Runs in one sweep (design points x replications)."""


def non_finite(value: Any) -> bool:
    """Whether ``value`` is, or holds (in lists and tables), a NaN or an infinity."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(non_finite(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(non_finite(v) for v in value)
    return False
