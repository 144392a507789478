"""What the page sends the browser: whole and partial frames, the charts' spec, the
compare table's wording."""

from pathlib import Path

import numpy as np
import pytest

from sim.page.charts import chart_spec
from sim.page.compare_view import cell_text, documented_outcome
from sim.page.session import Session, catalogue

DATA = Path(__file__).parent / "data"


def apply_frame(content, buffers, layers):
    """Do what js/map.js does with a frame; returns the layers after it."""
    k = 0
    for name in ("control", "tension"):
        if content[name] == "full":
            layers[name] = np.frombuffer(buffers[k], dtype=np.uint8).copy()
            k += 1
        elif content[name] == "delta":
            at = np.frombuffer(buffers[k], dtype=np.uint32)
            layers[name][at] = np.frombuffer(buffers[k + 1], dtype=np.uint8)
            k += 2
    for name in ("units", "mission_units"):
        if content[name] == "full":
            layers[name] = np.frombuffer(buffers[k], dtype=np.uint16).reshape(-1, 3)
            k += 1
    assert k == len(buffers)
    return layers


def test_frames_rebuild_the_model_layers_exactly():
    session = Session(catalogue(), "karabakh_2020")  # an offensive changes control
    scene, terrain = session.scene()
    assert (scene["width"], scene["height"]) == session.model.control.shape
    assert [p["name"] for p in scene["parties"]] == ["azerbaijan", "karabakh_armenians"]
    passable = np.frombuffer(terrain[0], dtype=np.uint8)
    assert passable.size == scene["width"] * scene["height"]
    layers = {}
    kinds = set()
    for _ in range(80):
        content, buffers = session.frame()
        kinds.update(content[n] for n in ("control", "tension"))
        layers = apply_frame(content, buffers, layers)
        model = session.model
        control = model.control.T.ravel()
        expected = np.select([control == 1, control == -1], [1, 2], 0)
        assert np.array_equal(layers["control"], expected)
        assert np.abs(layers["tension"] / 255 - model.tension.T.ravel()).max() <= 0.5 / 255 + 1e-9
        assert len(layers["units"]) == len(model.armed_units)
        session.step(3)
    assert {"full", "delta", "same"} <= kinds  # partial frames were sent


def test_a_new_view_gets_a_whole_frame():
    session = Session(catalogue())
    session.frame()
    session.step()
    assert session.frame()[0]["control"] == "same"
    session.scene()  # a view said 'ready'
    content, _ = session.frame()
    assert content["seq"] == 1 and content["control"] == "full"


def test_chart_spec_names_series_in_words_for_each_party_and_mission():
    spec = chart_spec([("karabakh_armenians", "B"), ("azerbaijan", "A")],
                      [("russia", True), ("monitoring_centre", False)], 1826, 7)
    charts = {c["id"]: c for c in spec["charts"]}
    assert list(charts) == ["violations", "casualties", "tension", "attitudes", "legitimacy",
                            "troops"]
    labels = [s["label"] for s in charts["legitimacy"]["series"]]
    assert "russia, as karabakh armenians rates it" in labels
    assert not any("_" in label for c in charts.values() for s in c["series"]
                   for label in [s["label"]])
    widths = [s["width"] for s in charts["legitimacy"]["series"]]
    assert widths[0] > widths[-1]  # a line beneath another still shows at its edges
    assert charts["legitimacy"]["ymax"] > 1  # a rating of 1.0 is not on the frame
    assert charts["violations"]["symmetric"]
    assert "azerbaijan above the line, karabakh armenians below" in charts["violations"][
        "title"]
    assert [s["key"] for s in charts["troops"]["series"]] == ["troops_deployed",
                                                              "monitors_deployed"]


@pytest.mark.parametrize(("metric", "values", "text"), [
    ("ceasefire_held", (0.0, 0.0, 0.1104), "0% [0%, 11%]"),
    ("violations_total", (123.4, 100.2, 140.9), "123 [100, 141]"),
    ("stability_index", (0.5, 0.4, 0.6), "0.50 [0.40, 0.60]"),
    ("median_days_to_collapse", (float("inf"), float("nan"), float("nan")),
     "more than half held"),
])
def test_compare_cells_read_as_on_the_command_line(metric, values, text):
    assert cell_text(metric, *values) == text


def test_the_historical_outcome_is_known_for_mission_scenarios():
    label, source = documented_outcome("karabakh_2020")
    assert label == "offensive by azerbaijan, then displacement" and source
    assert documented_outcome("classroom") is None
