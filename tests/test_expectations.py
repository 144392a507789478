"""The instructor's-guide table: shares with intervals and ranges over seed blocks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _measure():
    sys.path.insert(0, str(NOTEBOOKS))  # measure_expectations imports run_exercises
    try:
        spec = importlib.util.spec_from_file_location(
            "measure_expectations", NOTEBOOKS / "measure_expectations.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(NOTEBOOKS))
    return module


def test_expectations_give_shares_and_block_ranges():
    held = [True, True, False, True, False, False, False, False]  # seeds 1-4 then 1-4
    runs = pd.DataFrame({
        "notebook": "01_x", "experiment": "k",
        "variant": ["baseline"] * 4 + ["no_force"] * 4,
        "seed": [1, 2, 3, 4] * 2,
        "ceasefire_held": held,
        "settlement_reached": [False] * 8,
        "collapse_day": [None, None, 300, None, 100, 200, 300, 500],
        "violations_total": [10, 20, 30, 40, 100, 100, 100, 100],
        "riots": [0] * 8,
        "casualties_civilian": [1] * 8,
    })
    table = _measure().expectations(runs, block=2).set_index("variant")
    assert table.loc["baseline", "runs"] == 4
    assert table.loc["baseline", "ceasefire_held"].startswith("75% [")
    assert table.loc["baseline", "ceasefire_held_blocks"] == "50%-100%"  # seeds 1-2, 3-4
    assert table.loc["no_force", "ceasefire_held"].startswith("0% [0%, ")
    assert table.loc["baseline", "median_collapse_day"] == "300"
    assert table.loc["no_force", "median_collapse_day"] == "250"
    assert table.loc["baseline", "violations_total"] == "25 (15-35)"
    assert table.loc["baseline", "settlement_reached_blocks"] == "0%-0%"
