"""Time per step of one page session, model and drawing (milliseconds).

    python benchmarks/app_step.py [--scenario classroom] [--steps 52]

On the server, per Step: the model step; the map's frame (what changed) and the
charts' new rows; the summary and the event log as HTML. In the browser (a real
headless Chromium on a running page): drawing the map canvas and the six charts,
read from the timings the page's own drawing code records. CPU time of this process
for the server part (``time.process_time``), so other work on the machine counts
little.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.page.session import Session, catalogue  # noqa: E402
from sim.page.texts import log_html, summary_html  # noqa: E402


def cpu_ms(work) -> float:
    start = time.process_time()
    work()
    return 1000 * (time.process_time() - start)


def server_side(scenario: str, steps: int) -> dict[str, list[float]]:
    session = Session(catalogue(), scenario)
    session.scene()
    rows = [0]

    def send_rows() -> None:
        rows[0] = session.rows_since(rows[0])[0]

    parts: dict[str, list[float]] = {"model step": [], "map frame + chart rows": [],
                                     "summary + event log": []}
    for _ in range(steps):
        parts["model step"].append(cpu_ms(session.step))
        parts["map frame + chart rows"].append(cpu_ms(lambda: (session.frame(), send_rows())))
        parts["summary + event log"].append(cpu_ms(lambda: (summary_html(session),
                                                            log_html(session))))
    return parts


def browser_side(steps: int) -> dict[str, list[float]]:
    """Drawing times the page records, over ``steps`` Steps in headless Chromium."""
    from playwright.sync_api import sync_playwright

    from benchmarks.classroom_load import CHROMIUM, CHROMIUM_ARGS, ROOT, Server, free_port

    server = Server(ROOT, free_port())
    parts: dict[str, list[float]] = {"browser: map drawn": [], "browser: charts drawn": []}
    try:
        server.wait_ready()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1800})
            page.goto(server.url)
            page.get_by_role("button", name="Step", exact=True).wait_for(timeout=60_000)
            for n in range(1, steps + 1):
                page.get_by_role("button", name="Step", exact=True).click()
                page.wait_for_function(
                    "d => Number(document.querySelector('.peacesim-map canvas').dataset.day)"
                    " === d && document.querySelector('.peacesim-charts').dataset.rows == d / 7",
                    arg=7 * n, timeout=60_000)
                parts["browser: map drawn"].append(float(page.evaluate(
                    "document.querySelector('.peacesim-map canvas').dataset.drawMs")))
                parts["browser: charts drawn"].append(float(page.evaluate(
                    "document.querySelector('.peacesim-charts').dataset.drawMs")))
            browser.close()
    finally:
        server.stop()
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="classroom")
    parser.add_argument("--steps", type=int, default=52)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    parts = server_side(args.scenario, args.steps)
    if not args.no_browser:
        parts.update(browser_side(min(args.steps, 20)))
    print(f"{args.scenario}: a Step from day 0 on, milliseconds (median, max); "
          f"load average {Path('/proc/loadavg').read_text().split()[0]}")
    for label, values in parts.items():
        print(f"  {label:28s} {statistics.median(values):7.2f} {max(values):7.2f}")
    total = sum(statistics.median(v) for v in parts.values())
    print(f"  {'one step, model + drawing':28s} {total:7.2f}  (sum of the medians)")


if __name__ == "__main__":
    main()
