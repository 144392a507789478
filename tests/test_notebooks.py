"""Every exercise notebook runs top to bottom in a real kernel and writes its figures.

The kernel is this interpreter (``notebooks/run_exercises.py`` writes a kernelspec
for ``sys.executable``), so a fresh ``make venv`` is all it needs. Replications are
cut to 2 per variant; figures go to a temporary folder, never over the committed
ones in ``results/figures/``.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def _runner():
    spec = importlib.util.spec_from_file_location("run_exercises",
                                                  NOTEBOOKS / "run_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUNNER = _runner()
EXERCISES = RUNNER.notebooks()


def test_there_are_four_exercises():
    assert len(EXERCISES) >= 4


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_notebook_runs_and_saves_its_figures(path: Path, tmp_path: Path):
    nb = RUNNER.execute(path, reps=2, figures=tmp_path, timeout=300)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    expected = set(re.findall(r'"(ex\d+_\w+)"\)', source))
    assert expected, "each exercise saves at least one figure"
    written = {p.stem for p in tmp_path.glob("*.png")}
    assert written == expected
    for name in expected:
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000
    images = sum("image/png" in out.get("data", {}) for c in nb.cells
                 if c.cell_type == "code" for out in c.outputs)
    assert images >= len(expected), "every saved figure is also shown in the notebook"
    printed = "".join(out.get("text", "") for c in nb.cells if c.cell_type == "code"
                      for out in c.outputs)
    assert "2 replications per variant" in printed
