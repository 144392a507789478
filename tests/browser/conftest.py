"""A real ``peacesim app`` server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from support import free_port

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SCREENSHOTS = ROOT / "results" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1500, "height": 2300}
"""Tall enough that a screenshot shows the whole page (it scrolls inside itself)."""
START_TIMEOUT_S = 90


def peacesim_command() -> list[str]:
    script = Path(sys.executable).with_name("peacesim")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sim"]


class EgressTrap:
    """A local stand-in for an HTTP(S) proxy: the server's outside requests made through
    Python's HTTP libraries (which honour ``HTTPS_PROXY``) arrive here and are recorded
    (e.g. ``CONNECT pypi.org:443``) instead of leaving the machine."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.address = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed
                return
            with connection:
                connection.settimeout(2)
                try:
                    first = connection.recv(200).split(b"\r\n")[0]
                except OSError:
                    first = b"(nothing sent)"
                self.seen.append(first.decode(errors="replace"))

    def close(self) -> None:
        self.listener.close()


class Server:
    """The page's server process, its address and its log."""

    def __init__(self, log_path: Path, extra_env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_path
        self._log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.egress = EgressTrap()
        proxy = {name: self.egress.address for name in
                 ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}
        # telemetry asked for on purpose: the page must switch it off by itself
        env = {**os.environ, **proxy, "NO_PROXY": "127.0.0.1,localhost",
               "no_proxy": "127.0.0.1,localhost", "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "true",
               **(extra_env or {})}
        self.process = subprocess.Popen(
            [*peacesim_command(), "app", "--port", str(self.port), "--scenario-dir", str(DATA),
             "--scenario-dir", str(DATA / "page_broken")],
            stdout=self._log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"peacesim app exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"peacesim app did not answer within {START_TIMEOUT_S} s:\n{self.log()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self._log.close()
        self.egress.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("app") / "server.log")
    server.wait_ready()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def short_idle_server(tmp_path_factory):
    """A second server whose sessions expire after 4 s without use."""
    server = Server(tmp_path_factory.mktemp("app_idle") / "server.log",
                    {"PEACESIM_PAGE_IDLE_S": "4"})
    server.wait_ready()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"{CHROMIUM} is missing: run 'make browser' (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class Visit:
    """One browser context on the page, recording every request it makes."""

    def __init__(self, browser, server: Server):
        self.context = browser.new_context(viewport=VIEWPORT)
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on("requestfailed", lambda r: self.failures.append(r.url))
        self.page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.page.on("response", lambda r: self.failures.append(f"{r.status} {r.url}")
                     if r.status >= 400 else None)
        self.page.goto(server.url)
        self.page.get_by_role("button", name="Step").wait_for(timeout=60_000)
        self.page.wait_for_function(
            "() => { const c = document.querySelector('.peacesim-map canvas');"
            " return c && c.dataset.day !== undefined; }", timeout=60_000)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened: list[Visit] = []

    def open_visit(on: Server = server) -> Visit:
        opened.append(Visit(browser, on))
        return opened[-1]

    yield open_visit
    for v in opened:
        v.close()
