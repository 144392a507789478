"""Execute the exercise notebooks top to bottom with this interpreter's kernel.

    python notebooks/run_exercises.py [--reps N] [--figures DIR] [NOTEBOOK ...]

Used by ``make figures`` (full replications, figures into ``results/figures/``) and
by ``tests/test_notebooks.py`` (few replications, figures into a temporary folder).
The notebooks on disk are not modified: outputs stay out of version control.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent
KERNEL_NAME = "peacesim"


def notebooks() -> list[Path]:
    """The exercises, in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _kernel_manager(folder: Path) -> KernelManager:
    """A kernel running this very interpreter, whatever kernels Jupyter knows of."""
    spec_dir = folder / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "peacesim", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    specs = KernelSpecManager(kernel_dirs=[str(folder)])
    return KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)


def execute(path: Path, reps: int | None = None, figures: Path | None = None,
            timeout: int = 900, extra_cells: Sequence[str] = ()) -> nbformat.NotebookNode:
    """Run the notebook at ``path``; return it with outputs. Raises on any cell error.

    ``reps`` and ``figures`` set ``PEACESIM_REPS`` and ``PEACESIM_FIGURES`` for the
    kernel; None keeps the current environment's values (or the notebook defaults).
    ``extra_cells`` are code run after the notebook's own cells, in the same kernel.
    """
    nb = nbformat.read(path, as_version=4)
    nb.cells.extend(nbformat.v4.new_code_cell(text) for text in extra_cells)
    saved = {k: os.environ.get(k) for k in ("PEACESIM_REPS", "PEACESIM_FIGURES", "MPLBACKEND")}
    if reps is not None:
        os.environ["PEACESIM_REPS"] = str(reps)
    if figures is not None:
        os.environ["PEACESIM_FIGURES"] = str(figures.resolve())  # the kernel runs elsewhere
    os.environ.pop("MPLBACKEND", None)  # the kernel picks its own inline backend
    try:
        with tempfile.TemporaryDirectory() as folder:
            client = NotebookClient(nb, km=_kernel_manager(Path(folder)), timeout=timeout,
                                    resources={"metadata": {"path": str(path.parent)}})
            client.execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="*", type=Path, help="default: every exercise")
    parser.add_argument("--reps", type=int, help="replications per variant")
    parser.add_argument("--figures", type=Path, help="folder for the figures")
    args = parser.parse_args(argv)
    for path in args.notebook or notebooks():
        if not path.is_file():
            print(f"{path}: no such notebook", file=sys.stderr)
            return 2
        start = time.perf_counter()
        execute(path, args.reps, args.figures)
        print(f"{path.name}: ran in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
