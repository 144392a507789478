"""A class on one server: N sessions of the classroom page against one ``peacesim app``.

    python benchmarks/classroom_load.py --sessions 30 --json results/class_30.json
    python benchmarks/classroom_load.py --sessions 10 --browsers 2 --root /other/checkout

Starts the page, then every session does what a student does: load the page (it opens
on the classroom scenario), press Reset, press Step 20 times waiting each time for the
new day and the new map, then Play for 20 s and Pause. ``--browsers`` of the sessions
are real headless Chromium contexts (Playwright, Debian's chromium); the others are
protocol-level clients (``benchmarks/page_client.py``: real websocket sessions of the
page that do not render), so that the server, not the browsers, is what is measured.

Measured: page load; step-to-screen latency for the day counter and for the map (p50,
p95, max); days advanced per second in Play (the slowest session too); the server's
CPU time per session-step (``/proc/PID/stat`` of the server process, from the first
Reset to the last Pause, divided by all steps all sessions took) and per page load;
its resident memory before and after; errors (a session that failed or timed out,
and error lines in the server's log). ``--root`` serves another checkout of the
project with this interpreter (a "before" measurement of older code).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.page_client import PageClient  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WAIT_S = 60.0
"""How long one step may take to reach the screen before the session counts as failed."""
TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- the server


class Server:
    """``peacesim app`` in its own process, from ``root``, on a free port."""

    def __init__(self, root: Path, port: int):
        self.url = f"http://127.0.0.1:{port}/"
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
        env = {**os.environ, "PYTHONPATH": str(root), "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false"}
        self.process = subprocess.Popen([sys.executable, "-m", "sim", "app", "--port", str(port)],
                                        cwd=root, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited: {Path(self.log.name).read_text()}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("the server did not answer")

    def cpu_s(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime

    def memory_mb(self, key: str = "VmRSS") -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def error_lines(self) -> list[str]:
        text = Path(self.log.name).read_text()
        return [line for line in text.splitlines()
                if "Traceback" in line or " ERROR " in line or line.startswith("ERROR")]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.unlink(self.log.name)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------- one student


class Record:
    """What one session measured."""

    def __init__(self, kind: str):
        self.kind = kind
        self.load_s = float("nan")
        self.day_s: list[float] = []
        self.map_s: list[float] = []
        self.steps = 0
        self.play_days = 0
        self.play_s = float("nan")
        self.error: str | None = None


class Protocol:
    """A protocol-level session (``PageClient``)."""

    def __init__(self, url: str):
        self.client = PageClient(url)

    async def load(self) -> None:
        await self.client.open()

    def day(self) -> int:
        return self.client.day

    async def press(self, label: str) -> None:
        await self.client.click(label)

    async def wait_day(self, day: int) -> bool:
        return await self.client.until(lambda: self.client.day == day, WAIT_S)

    async def wait_map(self, day: int) -> bool:
        return await self.client.until(lambda: self.client.map_day >= day, WAIT_S)

    async def close(self) -> None:
        await self.client.close()


class Browser:
    """A real Chromium context on the page (Playwright)."""

    def __init__(self, url: str, browser):
        self.url, self.browser = url, browser

    async def load(self) -> None:
        self.context = await self.browser.new_context(viewport={"width": 1500, "height": 1800})
        self.page = await self.context.new_page()
        await self.page.goto(self.url)
        await self.page.get_by_role("button", name="Step", exact=True).wait_for(
            timeout=WAIT_S * 1000)

    async def _text(self) -> str:
        return await self.page.locator(".peacesim-day").first.inner_text()

    async def day_now(self) -> int:
        text = await self._text()
        return int(text.split()[1].replace(",", ""))

    def day(self) -> int:
        return self._day

    async def press(self, label: str) -> None:
        self._day = await self.day_now()
        await self.page.get_by_role("button", name=label, exact=True).first.click()

    async def wait_day(self, day: int) -> bool:
        try:
            await self.page.wait_for_function(
                "d => { const e = document.querySelector('.peacesim-day');"
                " return e && e.innerText.replace(/,/g, '').includes('Day ' + d + ' of'); }",
                arg=day, timeout=WAIT_S * 1000, polling="raf")
        except Exception:
            return False
        return True

    async def wait_map(self, day: int) -> bool:
        # canvas page: the map canvas says which day it shows; picture page: a new image
        try:
            await self.page.wait_for_function(
                "d => { const c = document.querySelector('.peacesim-map canvas');"
                " if (c) return Number(c.dataset.day) >= d;"
                " const i = document.querySelector('.peacesim-map img');"
                " if (!i || !i.complete) return false;"
                " if (i.src !== window.__lastMap) { window.__lastMap = i.src; return true; }"
                " return false; }", arg=day, timeout=WAIT_S * 1000, polling="raf")
        except Exception:
            return False
        return True

    async def close(self) -> None:
        await self.context.close()


async def student(session, record: Record, loaded: asyncio.Barrier, ready: asyncio.Event,
                  steps: int, play_s: float, days_per_step: int) -> None:
    """Load; wait for the class; Reset; ``steps`` Steps; Play ``play_s`` s; Pause."""
    try:
        start = time.perf_counter()
        await session.load()
        record.load_s = time.perf_counter() - start
    except Exception as err:
        record.error = f"load: {err!r}"
    await loaded.wait()
    await ready.wait()
    if record.error:
        return
    try:
        if isinstance(session, Browser):
            await session.page.evaluate("window.__lastMap = (document.querySelector("
                                        "'.peacesim-map img') || {}).src")
        await session.press("Reset")
        if not await session.wait_day(0):
            raise RuntimeError("Reset did not show day 0")
        day = 0
        for _ in range(steps):
            start = time.perf_counter()
            await session.press("Step")
            day += days_per_step
            if not await session.wait_day(day):
                raise RuntimeError(f"the day did not reach {day}")
            record.day_s.append(time.perf_counter() - start)
            if not await session.wait_map(day):
                raise RuntimeError(f"the map did not show day {day}")
            record.map_s.append(time.perf_counter() - start)
            record.steps += 1
        await session.press("Play")
        start = time.perf_counter()
        await asyncio.sleep(play_s)
        await session.press("Pause")
        record.play_s = time.perf_counter() - start
        await asyncio.sleep(1.0)  # the last frame in flight
        last = session.day() if isinstance(session, Protocol) else await session.day_now()
        record.play_days = last - day
        record.steps += record.play_days // days_per_step
    except Exception as err:
        record.error = f"{record.kind}: {err!r}"


# ---------------------------------------------------------------- the class


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def drive(server: Server, sessions: int, browsers: int, steps: int,
                play_s: float) -> dict:
    from playwright.async_api import async_playwright

    records = [Record("browser" if i < browsers else "protocol") for i in range(sessions)]
    loaded = asyncio.Barrier(sessions + 1)
    ready = asyncio.Event()
    async with async_playwright() as playwright:
        chromium = None
        if browsers:
            chromium = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                        args=CHROMIUM_ARGS)
        clients = [Browser(server.url, chromium) if r.kind == "browser" else
                   Protocol(server.url) for r in records]
        rss_before = server.memory_mb()
        cpu_start = server.cpu_s()
        tasks = []
        for client, record in zip(clients, records, strict=True):
            tasks.append(asyncio.create_task(student(client, record, loaded, ready, steps,
                                                     play_s, days_per_step=7)))
            await asyncio.sleep(0.05)
        await loaded.wait()
        cpu_loaded = server.cpu_s()
        ready.set()
        await asyncio.gather(*tasks)
        cpu_end = server.cpu_s()
        rss_after = server.memory_mb()
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()
        if chromium is not None:
            await chromium.close()
    ok = [r for r in records if r.error is None]
    day_s = [t for r in records for t in r.day_s]
    map_s = [t for r in records for t in r.map_s]
    browser_map = [t for r in records if r.kind == "browser" for t in r.map_s]
    play = [r.play_days / r.play_s for r in ok if r.play_s == r.play_s]
    total_steps = sum(r.steps for r in records)
    loads = [r.load_s for r in records if r.load_s == r.load_s]
    server_errors = server.error_lines()
    return {
        "sessions": sessions,
        "browsers": browsers,
        "protocol_clients": sessions - browsers,
        "errors": sum(r.error is not None for r in records) + len(server_errors),
        "error_messages": [r.error for r in records if r.error][:10] + server_errors[:10],
        "page_load_median_s": statistics.median(loads) if loads else float("nan"),
        "day_latency_p50_s": percentile(day_s, 0.5),
        "day_latency_p95_s": percentile(day_s, 0.95),
        "day_latency_max_s": max(day_s, default=float("nan")),
        "map_latency_p50_s": percentile(map_s, 0.5),
        "map_latency_p95_s": percentile(map_s, 0.95),
        "map_latency_max_s": max(map_s, default=float("nan")),
        "browser_map_latency_p95_s": percentile(browser_map, 0.95),
        "play_days_per_s_median": statistics.median(play) if play else float("nan"),
        "play_days_per_s_min": min(play, default=0.0),
        "sessions_whose_play_advanced": sum(r.play_days > 0 for r in ok),
        "session_steps": total_steps,
        "server_cpu_s_loading": round(cpu_loaded - cpu_start, 2),
        "server_cpu_ms_per_page_load": 1000 * (cpu_loaded - cpu_start) / sessions,
        "server_cpu_s_stepping": round(cpu_end - cpu_loaded, 2),
        "server_cpu_ms_per_step": 1000 * (cpu_end - cpu_loaded) / max(1, total_steps),
        "server_rss_mb_idle": round(rss_before, 1),
        "server_rss_mb": round(rss_after, 1),
        "server_rss_mb_per_session": round((rss_after - rss_before) / sessions, 2),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
    }


COLUMNS = [("sessions", "sessions", "{}"), ("browsers", "of them browsers", "{}"),
           ("page_load_median_s", "page load, median s", "{:.1f}"),
           ("day_latency_p50_s", "step to day, p50 s", "{:.2f}"),
           ("day_latency_p95_s", "p95 s", "{:.2f}"),
           ("map_latency_p50_s", "step to map, p50 s", "{:.2f}"),
           ("map_latency_p95_s", "p95 s", "{:.2f}"),
           ("play_days_per_s_min", "Play days/s, slowest", "{:.1f}"),
           ("server_cpu_ms_per_step", "server CPU ms per session-step", "{:.1f}"),
           ("server_rss_mb", "server RSS MB", "{:.0f}"),
           ("server_rss_mb_per_session", "MB per session", "{:.1f}"),
           ("errors", "errors", "{}")]


def table(results: list[dict]) -> str:
    """The results as a Markdown table, one row per run."""
    lines = ["| " + " | ".join(label for _, label, _ in COLUMNS) + " | load average |",
             "|" + "---|" * (len(COLUMNS) + 1)]
    for r in results:
        cells = [form.format(r[key]) for key, _, form in COLUMNS]
        lines.append("| " + " | ".join(cells) + f" | {' '.join(r['loadavg'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--browsers", type=int, default=None,
                        help="how many sessions are real browsers (default: 1 up to 2 "
                             "sessions, else 2)")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--play-s", type=float, default=20.0)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout to serve (default: this one)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--table", type=Path, nargs="+", metavar="JSON",
                        help="print the table of earlier results instead of measuring")
    args = parser.parse_args(argv)
    if args.table:
        print(table([json.loads(path.read_text()) for path in args.table]))
        return {}
    browsers = args.browsers if args.browsers is not None else min(args.sessions,
                                                                   1 if args.sessions <= 2
                                                                   else 2)
    server = Server(args.root.resolve(), free_port())
    try:
        server.wait_ready()
        time.sleep(1.0)
        result = asyncio.run(drive(server, args.sessions, browsers, args.steps, args.play_s))
    finally:
        server.stop()
    result["root"] = str(args.root.resolve())
    text = json.dumps(result, indent=1)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n")
    print(text)
    return result


if __name__ == "__main__":
    main()
