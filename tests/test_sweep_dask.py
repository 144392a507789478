"""A sweep through a real Dask scheduler and worker equals the process pool's."""

import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from support import free_port

from sim.cli import main

BIN = Path(sys.executable).parent
SWEEP = ["sweep", "classroom", "--grid", "contingents.blue_helmets.troops=0,1500",
         "--grid", "parties.east.hostility=0.2,0.6", "--reps", "3", "--days", "364",
         "--seed", "5", "--timeseries"]
START_S = 90


def wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    deadline = time.monotonic() + START_S
    while True:
        try:
            with Client(address, timeout=5) as client:
                client.wait_for_workers(count, timeout=max(1, deadline - time.monotonic()))
                return
        except (OSError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-thread workers on 127.0.0.1; yields the address."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    commands = [
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--no-dashboard"],
        [str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nworkers", "2",
         "--nthreads", "1", "--no-dashboard", "--local-directory", str(tmp_path / "work")],
    ]
    processes = []
    with open(tmp_path / "cluster.log", "w") as log:
        try:
            for command in commands:
                processes.append(subprocess.Popen(command, stdout=log,
                                                  stderr=subprocess.STDOUT))
            wait_for_workers(address, 2)
            yield address
        finally:
            for process in reversed(processes):
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


@pytest.mark.cluster
def test_dask_cluster_gives_the_process_pools_results(tmp_path, cluster):
    on_dask, in_pool = tmp_path / "dask", tmp_path / "pool"
    assert main([*SWEEP, "--scheduler", cluster, "--out", str(on_dask)]) == 0
    assert main([*SWEEP, "--workers", "2", "--out", str(in_pool)]) == 0
    dask_runs, pool_runs = pd.read_csv(on_dask / "runs.csv"), pd.read_csv(in_pool / "runs.csv")
    assert len(dask_runs) == 12 and dask_runs["run_id"].is_unique
    pd.testing.assert_frame_equal(dask_runs, pool_runs)
    for run_id in ("p0000-r000", "p0003-r002"):
        pd.testing.assert_frame_equal(
            pd.read_parquet(on_dask / "timeseries" / f"{run_id}.parquet"),
            pd.read_parquet(in_pool / "timeseries" / f"{run_id}.parquet"))
