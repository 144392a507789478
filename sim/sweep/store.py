"""The results store of a sweep: a folder holding ``design.json`` and Parquet datasets.

Layout under ``out``::

    design.json                 the design and its hash (a changed design is refused)
    runs/<run_id>.parquet       one row per run: ids, seed, parameters, flat summary
    timeseries/<run_id>.parquet the run's per-step table (with ``--timeseries``)

Only the process that owns the store writes to it, one file per finished run,
through a temporary name and ``os.replace``: a run is stored whole or not at all,
and a killed sweep leaves only finished runs behind.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..metrics import flatten
from .design import Design, Run, SweepError

TMP_SUFFIX = ".tmp"


def summary_row(run: Run, summary: dict[str, Any]) -> dict[str, Any]:
    """The stored row of a run: ids, seed, parameters (by dotted path), metrics."""
    metrics = {k: v for k, v in flatten(summary).items() if k != "seed"}
    return {"run_id": run.run_id, "point": run.point, "rep": run.rep, "seed": run.seed,
            **run.params, **metrics}


class Store:
    """A sweep's results folder, opened for one design."""

    def __init__(self, out: Path | str, design: Design, restart: bool = False):
        self.out = Path(out)
        self.runs_dir = self.out / "runs"
        self.timeseries_dir = self.out / "timeseries"
        digest = design.digest()
        design_file = self.out / "design.json"
        if design_file.is_file() and not restart:
            try:
                stored = json.loads(design_file.read_text(encoding="utf-8")).get("hash")
            except (json.JSONDecodeError, AttributeError):
                stored = None
            if stored != digest:
                raise SweepError(
                    f"{design_file}: holds a different sweep (design {stored}, this one "
                    f"{digest}); use another --out, or --restart to discard its runs")
        elif (self.runs_dir.exists() or self.timeseries_dir.exists()) and not restart:
            raise SweepError(f"{self.out}: holds runs but no design.json; use another --out, "
                             "or --restart to discard them")
        if restart:  # runs go before the new design.json, so they can never mix
            for folder in (self.runs_dir, self.timeseries_dir):
                shutil.rmtree(folder, ignore_errors=True)
        self.out.mkdir(parents=True, exist_ok=True)
        self._write_atomic(design_file, lambda tmp: tmp.write_text(
            json.dumps({"hash": digest, **design.to_dict()}, indent=1) + "\n", encoding="utf-8"))
        for folder in (self.runs_dir, self.timeseries_dir):
            folder.mkdir(exist_ok=True)
            for leftover in folder.glob(f"*{TMP_SUFFIX}"):
                leftover.unlink()

    @staticmethod
    def _write_atomic(path: Path, write) -> None:
        tmp = path.with_name(path.name + TMP_SUFFIX)
        write(tmp)
        os.replace(tmp, path)

    def done(self) -> set[str]:
        """Run ids already stored."""
        return {p.stem for p in self.runs_dir.glob("*.parquet")}

    def put(self, run: Run, summary: dict[str, Any], timeseries: pd.DataFrame | None) -> None:
        """Store one finished run; its summary row is written last and marks it done."""
        if timeseries is not None:
            table = pa.Table.from_pandas(
                timeseries.assign(run_id=run.run_id)[["run_id", *timeseries.columns]],
                preserve_index=False)
            self._write_atomic(self.timeseries_dir / f"{run.run_id}.parquet",
                               lambda tmp: pq.write_table(table, tmp))
        row = pa.Table.from_pylist([summary_row(run, summary)])
        self._write_atomic(self.runs_dir / f"{run.run_id}.parquet",
                           lambda tmp: pq.write_table(row, tmp))

    def summaries(self) -> pd.DataFrame:
        """Every stored run, one row each, ordered by point and replication."""
        return read_runs(self.out)


def read_runs(out: Path | str) -> pd.DataFrame:
    """The runs stored under a sweep's ``out``, one row each, by point and replication."""
    return _read(sorted((Path(out) / "runs").glob("*.parquet")), ["point", "rep"])


def read_timeseries(out: Path | str) -> pd.DataFrame:
    """The per-step tables stored under ``out`` (``--timeseries``), stacked, with ``run_id``."""
    return _read(sorted((Path(out) / "timeseries").glob("*.parquet")), ["run_id", "step"])


def _read(files: Iterable[Path], order: list[str]) -> pd.DataFrame:
    tables = [pq.read_table(f) for f in files]
    if not tables:
        return pd.DataFrame(columns=order)
    table = pa.concat_tables(tables, promote_options="permissive")
    return table.to_pandas().sort_values(order, kind="stable").reset_index(drop=True)
