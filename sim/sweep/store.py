"""The results store of a sweep: a folder holding ``design.json`` and Parquet datasets.

Layout under ``out``::

    design.json                 the design and its hash (a different design is refused)
    runs/<run_id>.parquet       one row per finished run: ids, seed, parameters, summary
    timeseries/<run_id>.parquet the run's per-step table (with ``--timeseries``)
    failures/<run_id>.json      a run that failed: seed, parameters, error, traceback
    damaged/                    files found damaged, set aside (their runs are redone)
    .lock                       held while a sweep writes here

Only the process that owns the store writes to it, one file per finished run, whole
or not at all (:func:`sim.outputs.write_atomic`); a killed sweep leaves only finished
runs behind. A run counts as done only if its files read back as one Parquet row; a
damaged one (truncated, empty) is set aside and the run is made again. A failed run
is not done either: the next run of the same command tries it again.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..metrics import flatten
from ..outputs import TMP_SUFFIX, write_atomic, write_text
from ..runner import steps_for
from ..workers import Failure
from .design import Design, Run, SweepError

FAILURE_COLUMNS = ["run_id", "point", "rep", "seed", "scenario", "overrides", "error"]


def summary_row(run: Run, summary: dict[str, Any],
                extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The stored row of a run: ids, seed, parameters (by dotted path), metrics, and
    the columns the design's ``extract`` read."""
    metrics = {k: v for k, v in flatten(summary).items() if k != "seed"}
    return {"run_id": run.run_id, "point": run.point, "rep": run.rep, "seed": run.seed,
            **run.params, **metrics, **(extra or {})}


class Store:
    """A sweep's results folder, opened (and locked) for one design."""

    def __init__(self, out: Path | str, design: Design, restart: bool = False):
        self.out = Path(out)
        self.design = design
        self.runs_dir = self.out / "runs"
        self.timeseries_dir = self.out / "timeseries"
        self.failures_dir = self.out / "failures"
        self.damaged_dir = self.out / "damaged"
        self.set_aside: list[tuple[Path, str]] = []
        """Files found damaged and moved to ``damaged/``, with what was wrong."""
        self.notes: list[str] = []
        """What opening the store repaired, in words (e.g. a rebuilt design.json)."""
        self.out.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.out)
        try:
            self._open(restart)
        except BaseException:
            self.close()
            raise

    def _open(self, restart: bool) -> None:
        folders = (self.runs_dir, self.timeseries_dir, self.failures_dir)
        if restart:  # runs go before the new design.json, so they can never mix
            for folder in (*folders, self.damaged_dir):
                shutil.rmtree(folder, ignore_errors=True)
        for folder in folders:
            folder.mkdir(exist_ok=True)
            for leftover in folder.glob(f".*{TMP_SUFFIX}"):
                leftover.unlink()
        if not restart:
            self._check_design()
        write_text(self.out / "design.json", json.dumps(
            {"hash": self.design.digest(), **self.design.to_dict()}, indent=1) + "\n")

    def close(self) -> None:
        """Release the lock on ``out`` (reading the store stays possible)."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ the design

    def _check_design(self) -> None:
        """Refuse a store of another design; rebuild a missing or damaged design.json
        when every stored run belongs to this design."""
        design_file = self.out / "design.json"
        digest = self.design.digest()
        problem = "no design.json"
        if design_file.exists():
            try:
                stored = json.loads(design_file.read_text(encoding="utf-8"))["hash"]
            except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
                problem = f"design.json is damaged ({_reason(err)})"
            else:
                if stored != digest:
                    raise SweepError(
                        f"{design_file}: holds a different sweep (design {stored}, this one "
                        f"{digest}); use another --out, or --restart to discard its runs")
                return
        files = sorted(self.runs_dir.glob("*.parquet"))
        runs = {run.run_id: run for run in self.design.runs()}
        points: dict[int, tuple[str, int]] = {}
        for path in files:
            mismatch = self._mismatch(path, runs, points)
            if mismatch:
                raise SweepError(f"{self.out}: {problem} and its stored runs are not of this "
                                 f"sweep ({path.name}: {mismatch}); use another --out, or "
                                 "--restart to discard them")
        shutil.rmtree(self.failures_dir, ignore_errors=True)  # tried again in any case
        self.failures_dir.mkdir()
        if problem != "no design.json" or files:
            self.notes.append(f"{self.out}: {problem}; rebuilt it after checking that the "
                              f"{len(files)} stored runs belong to this sweep")

    def _mismatch(self, path: Path, runs: dict[str, Run],
                  points: dict[int, tuple[str, int]]) -> str | None:
        """Why a stored run is not that run of this design (None if it is, or if its
        file is damaged: it is then set aside and made again). ``points`` caches each
        point's scenario hash and length in days."""
        try:
            row = pq.read_table(path).to_pylist()[0]
        except (OSError, pa.ArrowException, IndexError):
            return None
        run = runs.get(path.stem)
        if run is None or row.get("run_id") != path.stem:
            return "no such run in this design"
        if row.get("seed") != run.seed:
            return f"seed {row.get('seed')}, this sweep's {run.seed}"
        if run.point not in points:
            scenario = self.design.scenario_for(run.params)
            points[run.point] = (scenario.config_hash(), steps_for(scenario, self.design.days)
                                 * scenario.scenario.days_per_step)
        config_hash, days = points[run.point]
        if row.get("config_hash") != config_hash:
            return "other scenario values"
        if row.get("days") != days:
            return f"{row.get('days')} days, this sweep's {days}"
        return None

    # ------------------------------------------------------------ runs

    def done(self) -> set[str]:
        """Run ids stored whole; a damaged run file is set aside (its run is redone)."""
        finished = set()
        for path in sorted(self.runs_dir.glob("*.parquet")):
            files = [path]
            if self.design.timeseries:
                files.append(self.timeseries_dir / path.name)
            problem = next((p for p in map(_damage, files) if p), None)
            if problem is None:
                finished.add(path.stem)
                continue
            for file in files:
                if file.exists():
                    self._set_aside(file, problem)
        return finished

    def _set_aside(self, path: Path, reason: str) -> None:
        self.damaged_dir.mkdir(exist_ok=True)
        target = self.damaged_dir / f"{path.parent.name}-{path.name}"
        os.replace(path, target)
        self.set_aside.append((path, reason))

    def put(self, run: Run, summary: dict[str, Any], timeseries: pd.DataFrame | None,
            extra: dict[str, Any] | None = None) -> None:
        """Store one finished run; its summary row is written last and marks it done."""
        if timeseries is not None:
            table = pa.Table.from_pandas(
                timeseries.assign(run_id=run.run_id)[["run_id", *timeseries.columns]],
                preserve_index=False)
            write_atomic(self.timeseries_dir / f"{run.run_id}.parquet",
                         lambda tmp: pq.write_table(table, tmp))
        row = pa.Table.from_pylist([summary_row(run, summary, extra)])
        write_atomic(self.runs_dir / f"{run.run_id}.parquet",
                     lambda tmp: pq.write_table(row, tmp))
        (self.failures_dir / f"{run.run_id}.json").unlink(missing_ok=True)

    def put_failure(self, run: Run, failure: Failure) -> None:
        """Record a run that failed (it stays not done, so a rerun tries it again)."""
        record = {"run_id": run.run_id, "point": run.point, "rep": run.rep, "seed": run.seed,
                  "scenario": self.design.scenario.scenario.name,
                  "overrides": {**self.design.overrides, **run.params},
                  "error": failure.error, "traceback": failure.traceback}
        write_text(self.failures_dir / f"{run.run_id}.json",
                   json.dumps(record, indent=1, default=str) + "\n")

    def summaries(self) -> pd.DataFrame:
        """Every stored run, one row each, ordered by point and replication."""
        return read_runs(self.out)

    def failures(self) -> pd.DataFrame:
        """Every recorded failed run (without tracebacks), by point and replication."""
        return read_failures(self.out)


def _lock(out: Path) -> Any:
    """Hold ``out/.lock`` (released when closed, or when this process ends)."""
    handle = open(out / ".lock", "a+")  # noqa: SIM115 - held open for the store's life
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        owner = handle.read().strip() or "another process"
        handle.close()
        raise SweepError(f"{out}: another sweep ({owner}) is writing here; wait for it "
                         "to finish, or use another --out") from None
    handle.truncate(0)
    handle.write(f"pid {os.getpid()}\n")
    handle.flush()
    return handle


def _damage(path: Path) -> str | None:
    """What is wrong with a stored Parquet file of one run (None if nothing)."""
    try:
        if path.stat().st_size == 0:
            return "empty file"
        meta = pq.ParquetFile(path).metadata
    except FileNotFoundError:
        return "missing"
    except (OSError, pa.ArrowException) as err:
        return f"not a readable Parquet file ({_reason(err)})"
    if "run_id" not in meta.schema.names:
        return "no run_id column"
    if path.parent.name == "runs" and meta.num_rows != 1:
        return f"{meta.num_rows} rows instead of 1"
    return None


def _reason(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return (text[0] if text else type(err).__name__)[:160]


def read_runs(out: Path | str) -> pd.DataFrame:
    """The runs stored under a sweep's ``out``, one row each, by point and replication."""
    return _read(sorted((Path(out) / "runs").glob("*.parquet")), ["point", "rep"])


def read_timeseries(out: Path | str) -> pd.DataFrame:
    """The per-step tables stored under ``out`` (``--timeseries``), stacked, with ``run_id``."""
    return _read(sorted((Path(out) / "timeseries").glob("*.parquet")), ["run_id", "step"])


def read_failures(out: Path | str) -> pd.DataFrame:
    """The failed runs recorded under ``out``: run id, point, rep, seed, scenario,
    overrides, error (one line); tracebacks stay in ``failures/<run_id>.json``."""
    records = []
    for path in sorted((Path(out) / "failures").glob("*.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as err:
            raise SweepError(f"{path}: damaged ({_reason(err)}); delete it and run the "
                             "sweep again") from None
    return pd.DataFrame(records, columns=FAILURE_COLUMNS).sort_values(
        ["point", "rep"], kind="stable").reset_index(drop=True)


def _read(files: list[Path], order: list[str]) -> pd.DataFrame:
    tables = []
    for path in files:
        try:
            tables.append(pq.read_table(path))
        except (OSError, pa.ArrowException) as err:
            raise SweepError(f"{path}: damaged ({_reason(err)}); run the sweep's command "
                             "again to set it aside and redo its run") from None
    if not tables:
        return pd.DataFrame(columns=order)
    table = pa.concat_tables(tables, promote_options="permissive")
    return table.to_pandas().sort_values(order, kind="stable").reset_index(drop=True)
