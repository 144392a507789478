"""The map and the charts of a session, drawn in the browser (anywidget + canvas).

The widgets' JavaScript (``js/map.js``, ``js/charts.js``) travels inline with the
widget over the page's own websocket, and anywidget's loader comes from its wheel's
nbextension served by the page, so nothing is fetched from elsewhere. Python sends
model state as custom messages with binary buffers (``state.FrameEncoder``), never
pictures; a view that opens, or misses a message, says ``ready`` and gets a whole
frame and every row again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import anywidget
import ipywidgets
import traitlets

from .charts import chart_spec
from .session import Session
from .texts import log_html, summary_html

log = logging.getLogger("peacesim.page")
JS = Path(__file__).parent / "js"


class MapView(anywidget.AnyWidget):
    """The map canvas with the day counter and the legend."""

    _esm = (JS / "map.js").read_text()
    kind = traitlets.Unicode("map").tag(sync=True)


class ChartView(anywidget.AnyWidget):
    """The six charts, each a canvas with its legend above it."""

    _esm = (JS / "charts.js").read_text()
    kind = traitlets.Unicode("charts").tag(sync=True)


class RunView:
    """Sends a session's run to its map and charts; passes on what the browser says.

    ``on_hidden(hidden)`` is called when the tab is hidden (True) or shown again."""

    def __init__(self, session: Session, on_hidden: Callable[[bool], None]):
        self.session = session
        self.on_hidden = on_hidden
        self.map = MapView()
        self.charts = ChartView()
        self.summary = ipywidgets.HTML()
        self.summary.add_class("peacesim-summary")
        self.log = ipywidgets.HTML()
        self.log.add_class("peacesim-events")
        self.rows_sent = 0
        self.events_shown: tuple[int, int] | None = None
        self.refresh_text()
        self.map.on_msg(self._from_map)
        self.charts.on_msg(self._from_charts)

    def _from_map(self, _widget, content: dict, _buffers) -> None:
        if content.get("type") == "ready":
            self.send_scene()
        elif content.get("type") == "visibility":
            self.on_hidden(bool(content.get("hidden")))

    def _from_charts(self, _widget, content: dict, _buffers) -> None:
        if content.get("type") == "ready":
            self.send_spec()

    def send_scene(self) -> None:
        """The map's fixed part and a whole frame (a new view or a new run)."""
        with self.session.lock:
            if self.session.model is None:
                return
            self.map.send(*self.session.scene())
            self.map.send(*self.session.frame())

    def send_spec(self) -> None:
        """The charts' spec and every row so far."""
        session = self.session
        with session.lock:
            if session.model is None:
                return
            parties, missions = session.names()
            spec = chart_spec(parties, missions, session.horizon, session.days_per_step)
            spec["run"] = session.run
            self.charts.send(spec)
            self.rows_sent = 0
            self.send_rows()

    def send_rows(self) -> None:
        """The rows added since the last ones sent."""
        with self.session.lock:
            count, columns = self.session.rows_since(self.rows_sent)
            if count > self.rows_sent:
                self.charts.send({"type": "rows", "run": self.session.run,
                                  "start": self.rows_sent, "columns": columns})
                self.rows_sent = count

    def new_run(self) -> None:
        """After a reset or a new scenario: everything again."""
        self.send_scene()
        self.send_spec()

    def update(self) -> None:
        """After steps: the map's changes and the new rows."""
        with self.session.lock:
            if self.session.model is None:
                return
            self.map.send(*self.session.frame())
            self.send_rows()

    def refresh_text(self) -> None:
        """The summary and, when it grew, the event log (one widget update each)."""
        session = self.session
        with session.lock:
            if session.model is None:
                return
            self.summary.value = summary_html(session)
            shown = (session.run, len(session.events()))
            if shown != self.events_shown:
                self.events_shown = shown
                self.log.value = log_html(session)

    def close(self) -> None:
        for widget in (self.map, self.charts, self.summary, self.log):
            widget.close()
