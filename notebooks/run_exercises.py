"""Build the exercise notebooks from their sources, and execute them top to bottom.

    python notebooks/run_exercises.py [--reps N] [--figures DIR] [SOURCE ...]
    python notebooks/run_exercises.py --write-ipynb

Each exercise's source is a jupytext percent-format file, ``notebooks/NN_name.py``
(edit that one); ``NN_name.ipynb`` beside it is generated from it, without outputs,
by ``--write-ipynb`` (``tests/test_notebooks.py`` fails when the two differ).
Executing runs the source's cells in a kernel on this interpreter: ``make figures``
with full replications and ``--figures results/figures``, the tests with few
replications into a temporary folder. Without ``--figures`` figures go under
``results/exercises/`` (untracked). Files on disk are not modified by executing.
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

import jupytext
import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent
KERNEL_NAME = "peacesim"


def notebooks() -> list[Path]:
    """The exercises' sources (``NN_name.py``), in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))


def build(source: Path) -> nbformat.NotebookNode:
    """The notebook of a source file: its cells, no outputs, cell ids ``NN-cc``."""
    nb = jupytext.read(source)
    nb.metadata.pop("jupytext", None)
    nb.metadata["language_info"] = {"name": "python"}
    for number, cell in enumerate(nb.cells):
        cell.id = f"{source.stem[:2]}-{number:02d}"
    return nb


def generated(source: Path) -> Path:
    """Where the ``.ipynb`` generated from ``source`` lives."""
    return source.with_suffix(".ipynb")


def write_ipynb(source: Path) -> Path:
    """(Re)write the ``.ipynb`` of ``source``; return its path."""
    path = generated(source)
    nbformat.write(build(source), path)
    return path


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
    """Run the notebook whose source is ``path``; return it with outputs. Raises on
    any cell error.

    ``reps`` and ``figures`` set ``PEACESIM_REPS`` and ``PEACESIM_FIGURES`` for the
    kernel; None keeps the current environment's values (or the notebook defaults).
    ``extra_cells`` are code run after the notebook's own cells, in the same kernel.
    """
    nb = build(path)
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
    parser.add_argument("source", nargs="*", type=Path,
                        help="NN_name.py sources (default: every exercise)")
    parser.add_argument("--reps", type=int, help="replications per variant")
    parser.add_argument("--figures", type=Path, help="folder for the figures")
    parser.add_argument("--write-ipynb", action="store_true",
                        help="only (re)write each source's .ipynb, without running it")
    args = parser.parse_args(argv)
    for path in args.source or notebooks():
        if not path.is_file() or path.suffix != ".py":
            print(f"{path}: no such notebook source (NN_name.py)", file=sys.stderr)
            return 2
        if args.write_ipynb:
            print(f"wrote {write_ipynb(path)}")
            continue
        start = time.perf_counter()
        execute(path, args.reps, args.figures)
        print(f"{path.name}: ran in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
