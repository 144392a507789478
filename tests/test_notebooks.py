"""Every exercise notebook runs top to bottom in a real kernel and writes its figures;
each ``.ipynb`` is exactly what its jupytext source ``NN_name.py`` generates.

The kernel is this interpreter (``notebooks/run_exercises.py`` writes a kernelspec
for ``sys.executable``), so a fresh ``make venv`` is all it needs. Replications are
cut to 2 per variant; figures go to a temporary folder, never over the committed
ones in ``results/figures/``.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
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


def test_there_are_four_exercises_each_with_its_generated_notebook():
    assert len(EXERCISES) >= 4
    generated = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert generated == [RUNNER.generated(source) for source in EXERCISES], \
        "every .ipynb is generated from a NN_name.py source beside it"


@pytest.mark.parametrize("source", EXERCISES, ids=lambda p: p.stem)
def test_generated_notebook_is_in_sync_with_its_source(source: Path):
    on_disk = nbformat.read(RUNNER.generated(source), as_version=4)
    built = RUNNER.build(source)
    fix = f"run: python notebooks/run_exercises.py --write-ipynb {source.relative_to(ROOT)}"
    assert nbformat.writes(on_disk) == nbformat.writes(built), \
        f"{source.name} and its .ipynb differ; {fix}"
    assert not any(c.get("outputs") for c in on_disk.cells), "committed without outputs"


@pytest.mark.parametrize("source", EXERCISES, ids=lambda p: p.stem)
def test_notebook_runs_and_saves_its_figures(source: Path, tmp_path: Path):
    nb = RUNNER.execute(source, reps=2, figures=tmp_path, timeout=300)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    expected = set(re.findall(r'"(ex\d+_\w+)"\)', code))
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
