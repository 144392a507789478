"""The classroom page in headless Chromium against a real ``peacesim app`` server."""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WAIT_MS = 30_000
TROOPS = ".peacesim-knob-contingents-blue_helmets-troops input"


def day_is(page: Page, day: int, horizon: str = "1,825") -> None:
    expect(page.locator(".peacesim-day")).to_have_text(f"Day {day:,} of {horizon}",
                                                       timeout=WAIT_MS)


def map_src(page: Page) -> str:
    return page.locator(".peacesim-map img").get_attribute("src") or ""


def wait_new_map(page: Page, old_src: str) -> None:
    page.wait_for_function(
        "old => { const i = document.querySelector('.peacesim-map img');"
        " return i && i.src !== old && i.complete; }", arg=old_src, timeout=WAIT_MS)


def step(page: Page) -> None:
    page.get_by_role("button", name="Step", exact=True).click()


def reset(page: Page) -> None:
    page.get_by_role("button", name="Reset", exact=True).first.click()


def type_into(page: Page, css: str, text: str) -> None:
    """Type into a field and press Enter; again if a redraw of the page reset the field
    in between (the server holds the value, the browser only the keystrokes)."""
    field = page.locator(css)
    for _ in range(3):
        field.fill(text)
        field.press("Enter")
        page.wait_for_timeout(300)
        if field.input_value() == text:
            return
    assert field.input_value() == text


def set_troops(page: Page, text: str) -> None:
    type_into(page, TROOPS, text)


def test_page_loads_with_no_request_beyond_this_machine(visit, server, screenshots):
    v = visit()
    page = v.page
    day_is(page, 0)
    expect(page.locator(".peacesim-title")).to_contain_text("Classroom")
    expect(page.locator(".peacesim-description")).to_contain_text("buffer zone")
    page.get_by_text("Sources (1)").click()
    expect(page.locator(".peacesim-sources")).to_contain_text("25 battle-related deaths")
    expect(page.locator(".peacesim-charts img")).to_be_visible(timeout=WAIT_MS)
    page.screenshot(path=screenshots / "01_loaded.png")
    hosts = {urlsplit(url).netloc for url in v.requests if not url.startswith(("blob:", "data:"))}
    assert hosts == {f"127.0.0.1:{server.port}"}, sorted(hosts)
    assert any(url.startswith("ws://") for url in v.requests)  # the page's live channel
    assert len(v.requests) > 5
    assert v.failures == []
    assert server.egress.seen == []  # nor from the server (e.g. a version check)


def test_step_advances_the_day_and_redraws(visit, screenshots):
    page = visit().page
    timings = []
    for n in range(1, 6):
        old = map_src(page)
        start = time.perf_counter()
        step(page)
        day_is(page, 7 * n)
        shown = time.perf_counter()
        wait_new_map(page, old)
        timings.append({"day_text_s": round(shown - start, 3),
                        "map_redrawn_s": round(time.perf_counter() - start, 3)})
    expect(page.locator(".peacesim-summary")).to_contain_text("holding after 35 days")
    expect(page.locator(".peacesim-log")).to_contain_text("contingent blue_helmets deploys")
    page.wait_for_timeout(2500)  # the charts follow the map
    page.screenshot(path=screenshots / "02_stepped.png")
    (screenshots / "step_latency.json").write_text(json.dumps(timings, indent=1) + "\n")


def test_picking_a_scenario_changes_the_map(visit, screenshots):
    page = visit().page
    before = page.locator(".peacesim-map img").screenshot()
    old = map_src(page)
    page.locator(".peacesim-picker .v-select__slot").click()
    page.get_by_role("option", name="river_valley").click()
    expect(page.locator(".peacesim-title")).to_contain_text("River valley", timeout=WAIT_MS)
    day_is(page, 0, "730")
    wait_new_map(page, old)
    after = page.locator(".peacesim-map img").screenshot()
    assert after != before
    # the what-if controls follow the scenario: its contingent, observers and patron
    for label in ("Contingent lean_force", "Observer mission monitors", "Patron arms_supplier"):
        expect(page.get_by_text(label)).to_be_visible()
    step(page)
    day_is(page, 7, "730")
    page.wait_for_timeout(2000)
    page.screenshot(path=screenshots / "03_scenario_river_valley.png")


def test_a_broken_scenario_file_shows_its_error_and_keeps_the_run(visit):
    page = visit().page
    step(page)
    day_is(page, 7)
    page.locator(".peacesim-picker .v-select__slot").click()
    page.get_by_role("option", name="broken_valley").click()
    expect(page.locator(".peacesim-pick-error")).to_contain_text(
        "contingents[0].bias = 1.7: must be between -1 and 1", timeout=WAIT_MS)
    expect(page.locator(".peacesim-title")).to_contain_text("Classroom")
    expect(page.locator(".peacesim-picker .v-select__selection")).to_have_text("classroom")
    day_is(page, 7)


def test_a_what_if_setting_and_reset_change_the_run(visit, screenshots):
    page = visit().page
    for _ in range(3):
        step(page)
    day_is(page, 21)
    summary = page.locator(".peacesim-summary")
    expect(summary).to_contain_text("1,500 troops")
    set_troops(page, "0")
    reset(page)
    day_is(page, 0)
    expect(page.get_by_text("Running with: blue_helmets.troops = 0")).to_be_visible()
    for _ in range(3):
        step(page)
    day_is(page, 21)
    expect(summary).to_contain_text("0 troops")
    expect(summary).not_to_contain_text("1,500 troops")
    expect(page.locator("body")).not_to_contain_text("deploys with")  # no one deploys
    page.wait_for_timeout(2500)
    page.screenshot(path=screenshots / "04_what_if_no_troops.png")


def test_compare_view_draws_survival_curves_and_the_table(visit, screenshots):
    page = visit().page
    set_troops(page, "0")
    reset(page)
    day_is(page, 0)
    type_into(page, ".peacesim-compare-reps input", "8")
    page.get_by_role("button", name="Run comparison").click()
    expect(page.locator(".peacesim-compare-progress")).to_contain_text("of 16 runs done",
                                                                       timeout=WAIT_MS)
    # the page stays responsive while the comparison runs in its thread
    step(page)
    day_is(page, 7)
    expect(page.locator(".peacesim-survival img")).to_be_visible(timeout=120_000)
    result = page.locator(".peacesim-compare-result")
    expect(result).to_contain_text("baseline")
    expect(result).to_contain_text("what_if")
    expect(result).to_contain_text("ceasefire held at the horizon")
    expect(page.locator(".peacesim-reading")).to_contain_text("Over 8 seeds")
    page.screenshot(path=screenshots / "05_compare.png")


def test_two_browsers_keep_independent_models(visit, screenshots):
    first, second = visit().page, visit().page
    first_map = map_src(first)
    first.get_by_role("button", name="Play").click()
    for n in range(1, 4):  # the second steps by hand while the first plays
        step(second)
        day_is(second, 7 * n)
    wait_new_map(first, first_map)  # the map keeps up while playing
    first.get_by_role("button", name="Pause").click()
    first_day = first.locator(".peacesim-day")
    expect(first_day).not_to_have_text("Day 0 of 1,825")
    first.wait_for_timeout(800)
    paused = first_day.inner_text()
    second.wait_for_timeout(800)
    day_is(second, 21)
    assert first_day.inner_text() == paused  # pausing really stops the first model
    set_troops(second, "0")
    reset(second)
    day_is(second, 0)
    expect(first.locator(".peacesim-summary")).to_contain_text("1,500 troops")
    first.screenshot(path=screenshots / "06_two_browsers_first.png")
    second.screenshot(path=screenshots / "06_two_browsers_second.png")


def test_a_bad_number_shows_a_message_not_a_traceback(visit, server, screenshots):
    page = visit().page
    step(page)
    day_is(page, 7)
    set_troops(page, "abc")
    expect(page.get_by_text("'abc' is not a number").first).to_be_visible(timeout=WAIT_MS)
    expect(page.locator(".peacesim-settings-error")).to_be_visible()
    reset(page)
    page.wait_for_timeout(500)
    day_is(page, 7)  # the run is untouched
    set_troops(page, "-5")
    expect(page.get_by_text("must be between 0 and 100,000").first).to_be_visible()
    type_into(page, ".peacesim-knob-seed input", "seven")
    expect(page.get_by_text("seed: 'seven' must be a whole number").first).to_be_visible()
    page.screenshot(path=screenshots / "07_bad_value.png")
    assert "Traceback" not in page.locator("body").inner_text()
    assert "Traceback" not in server.log()


def test_playing_stops_when_the_tab_closes(visit, server):
    page = visit().page
    page.get_by_role("button", name="Play").click()
    expect(page.locator(".peacesim-day")).not_to_have_text("Day 0 of 1,825", timeout=WAIT_MS)
    before = server.log().count("playing stopped")
    page.close()
    deadline = time.monotonic() + 20
    while server.log().count("playing stopped") == before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert server.log().count("playing stopped") == before + 1, server.log()[-2000:]
    assert "the page was closed" in server.log()


def test_the_server_made_no_outside_request_all_along(server):
    """Last in this module: after loading, stepping, playing and comparing."""
    assert server.egress.seen == []
