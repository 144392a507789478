"""Golden outputs: every shipped scenario at seeds 0-4 gives the recorded
``timeseries.csv`` and ``summary.json`` byte for byte (``tests/golden/record.py``)."""

from __future__ import annotations

import json

import pytest

from tests.golden.record import HASHES, outputs

GOLDEN = json.loads(HASHES.read_text())


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_outputs_match_the_recorded_hashes(key):
    name, seed = key.split("/")
    assert outputs(name, int(seed)) == GOLDEN[key]
