"""A protocol-level client of the classroom page: one real websocket session that does
not render.

It speaks to ``peacesim app`` as the page's own JavaScript does: it fetches the page
(for the session cookie), opens the Jupyter-protocol websocket of a new virtual
kernel, asks Solara to run the app, keeps every widget's state from the server's
``comm_open`` and ``update`` messages, and clicks buttons by sending the same
``custom`` click events a browser sends. The map is "on screen" when the server's
picture of it arrives: a frame message of the map widget (canvas page) or a new PNG in
the map's image widget (the older picture page); the day counter likewise.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import struct
import time
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import connect

DAY = re.compile(r"Day ([\d,]+) of")


def _message(msg_type: str, content: dict, session: str) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
                       "session": session, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": []}


def _decode(raw: str | bytes) -> dict:
    """A Jupyter websocket message: JSON text, or the binary form with buffers."""
    if isinstance(raw, str):
        return json.loads(raw)
    count = struct.unpack("!i", raw[:4])[0]
    offsets = [*struct.unpack("!" + "I" * count, raw[4:4 * (count + 1)]), len(raw)]
    msg = json.loads(raw[offsets[0]:offsets[1]].decode())
    msg["buffers"] = [raw[a:b] for a, b in zip(offsets[1:-1], offsets[2:], strict=True)]
    return msg


class PageClient:
    """One page session over its websocket. Times are ``time.perf_counter`` seconds."""

    def __init__(self, url: str):
        self.url = url.rstrip("/") + "/"
        self.session = uuid.uuid4().hex
        self.models: dict[str, dict[str, Any]] = {}
        self.day = 0
        self.map_day = -1
        self.map_frames = 0
        self.map_id: str | None = None
        self.day_id: str | None = None
        self.picture_column: str | None = None
        self.errors: list[str] = []
        self._finished = asyncio.Event()
        self._changed = asyncio.Event()
        self._ws = None
        self._reader: asyncio.Task | None = None

    # ------------------------------------------------------------ connection

    async def open(self) -> None:
        """Load the page and run the app until its widgets are all known."""
        cookie = await asyncio.to_thread(self._cookie)
        kernel = uuid.uuid4()
        ws_url = (self.url.replace("http", "ws", 1)
                  + f"jupyter/api/kernels/{kernel}/channels?session_id={uuid.uuid4()}")
        self._ws = await connect(ws_url, additional_headers={"Cookie": cookie},
                                 max_size=None, open_timeout=60)
        self._reader = asyncio.create_task(self._read())
        control = str(uuid.uuid4())
        await self._send("comm_open", {"comm_id": control, "target_name": "solara.control",
                                       "data": {}})
        await self._send("comm_msg", {"comm_id": control, "data": {
            "method": "run", "args": {"path": "/", "dark": False}}})
        await asyncio.wait_for(self._finished.wait(), 120)
        self._find_widgets()

    def _cookie(self) -> str:
        with urllib.request.urlopen(self.url, timeout=60) as response:
            response.read()
            found = [h.split(";")[0] for h in response.headers.get_all("Set-Cookie") or []]
        return "; ".join(found)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    async def _send(self, msg_type: str, content: dict) -> None:
        await self._ws.send(json.dumps(_message(msg_type, content, self.session)))

    # ------------------------------------------------------------ incoming

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                self._handle(_decode(raw))
        except Exception as err:  # a dropped connection is an error of this session
            if not isinstance(err, asyncio.CancelledError):
                self.errors.append(f"websocket: {err!r}")

    def _handle(self, msg: dict) -> None:
        kind = msg["header"]["msg_type"]
        content = msg.get("content", {})
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(content["data"]["state"])
            self._check_picture(content["comm_id"], content["data"])
        elif kind == "comm_msg":
            data = content.get("data", {})
            method = data.get("method")
            comm = content.get("comm_id")
            if method == "finished":
                self._finished.set()
            elif method in ("update", "echo_update") and comm in self.models:
                self.models[comm].update(data.get("state", {}))
                if comm == self.day_id:
                    self._read_day()
                self._check_picture(comm, data)
            elif method == "custom" and comm == self.map_id:
                frame = data.get("content", {})
                if frame.get("type") == "frame":
                    self.day = frame["day"]
                    self._map_shown(frame["day"])
        elif kind == "error" or (kind == "stream" and content.get("name") == "stderr"):
            self.errors.append(str(content)[:300])

    def _check_picture(self, comm: str, data: dict) -> None:
        """The picture page: a new PNG in the map's column is a new map on screen."""
        if self.picture_column is None:
            return
        state = data.get("state", {})
        paths = [p[0] for p in data.get("buffer_paths", [])]
        children = self.models[self.picture_column].get("children", [])
        changed = (comm == self.picture_column and "children" in state) or (
            f"IPY_MODEL_{comm}" in children and ("value" in state or "value" in paths)
            and self.models[comm].get("_model_name") == "ImageModel")
        has_picture = any(self.models.get(str(c).removeprefix("IPY_MODEL_"), {})
                          .get("_model_name") == "ImageModel" for c in children)
        if changed and has_picture:
            self._map_shown(self.day)

    def _map_shown(self, day: int) -> None:
        self.map_day = day
        self.map_frames += 1
        self._changed.set()

    def _read_day(self) -> None:
        found = DAY.search(" ".join(str(c) for c in self.models[self.day_id].get("children", [])))
        if found:
            self.day = int(found.group(1).replace(",", ""))
            self._changed.set()

    # ------------------------------------------------------------ the page's widgets

    def _find_widgets(self) -> None:
        for comm, state in self.models.items():
            classes = str(state.get("class_", "")) + " " + " ".join(state.get("_dom_classes", []))
            if state.get("_model_name") == "AnyModel" and state.get("kind") == "map":
                self.map_id = self.day_id = comm
                self._send_later({"type": "ready"})
            elif "peacesim-day" in classes:
                self.day_id = comm
                self._read_day()
        if self.map_id is None:  # the picture page: a PNG inside the map's column
            for comm, state in self.models.items():
                if "peacesim-map" in str(state.get("class_", "")):
                    self.picture_column = comm
        if self.day_id is None or (self.map_id is None and self.picture_column is None):
            raise RuntimeError("the page has no day counter or no map")

    def _send_later(self, content: dict) -> None:
        asyncio.get_running_loop().create_task(self._send("comm_msg", {
            "comm_id": self.map_id, "data": {"method": "custom", "content": content}}))

    def button(self, label: str) -> str | None:
        """The model id of the enabled button showing ``label``, or None."""
        for comm, state in self.models.items():
            if (state.get("_model_name") == "BtnModel" and state.get("children") == [label]
                    and not state.get("disabled")):
                return comm
        return None

    async def click(self, label: str) -> None:
        comm = self.button(label)
        if comm is None:
            raise RuntimeError(f"no enabled button '{label}' on the page")
        event = next((e for e in self.models[comm].get("_events", [])
                      if e.startswith("click")), "click")
        await self._send("comm_msg", {"comm_id": comm, "data": {
            "method": "custom", "content": {"event": event, "data": {}}}})

    async def until(self, done: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``done()`` holds (True) or ``timeout`` seconds pass (False)."""
        deadline = time.perf_counter() + timeout
        while not done():
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))
        return True
