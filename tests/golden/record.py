"""Record the golden outputs: hashes of every shipped scenario's ``timeseries.csv`` and
``summary.json`` at seeds 0-4, as ``peacesim run`` writes them.

    python -m tests.golden.record     # rewrites tests/golden/hashes.json

Re-record only on purpose, when a change of behaviour is intended and its effect on
``peacesim patterns`` and the README's comparison has been measured.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sim import available_scenarios, load_scenario, run
from sim.outputs import dump_json

SEEDS = range(5)
HASHES = Path(__file__).with_name("hashes.json")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def outputs(name: str, seed: int) -> dict[str, str]:
    """Hashes of the two files ``peacesim run NAME --seed SEED`` writes."""
    result = run(load_scenario(name), seed=seed)
    return {
        "timeseries.csv": digest(result.timeseries.to_csv(index=False, float_format="%.6g")),
        "summary.json": digest(dump_json(result.summary)),
    }


def record() -> dict[str, dict[str, str]]:
    return {f"{name}/{seed}": outputs(name, seed)
            for name in available_scenarios() for seed in SEEDS}


if __name__ == "__main__":
    HASHES.write_text(json.dumps(record(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {HASHES}")
