"""The classroom page in headless Chromium against a real ``peacesim app`` server.

The map and the charts are canvases drawn in the browser: the tests read what a
person sees from their pixels (territory colours, units, series lines) and from the
text around them."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WAIT_MS = 30_000
TROOPS = ".peacesim-knob-contingents-blue_helmets-troops input"
WEST_LAND, EAST_LAND = (198, 215, 239), (242, 196, 195)
WEST_UNIT, EAST_UNIT = (59, 111, 182), (192, 80, 77)
NEUTRAL_PEACEKEEPER = (38, 166, 77)
COUNT_COLOURS = """([selector, colours]) => {
  const c = document.querySelector(selector);
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const counts = colours.map(() => 0);
  for (let i = 0; i < data.length; i += 4) {
    colours.forEach(([r, g, b], k) => {
      if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12)
        counts[k]++;
    });
  }
  return counts;
}"""


def colour_counts(page: Page, selector: str, *colours: tuple[int, int, int]) -> list[int]:
    return page.evaluate(COUNT_COLOURS, [selector, [list(c) for c in colours]])


def hex_rgb(text: str) -> tuple[int, int, int]:
    return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))


def day_is(page: Page, day: int, horizon: str = "1,825") -> None:
    expect(page.locator(".peacesim-day")).to_have_text(f"Day {day:,} of {horizon}",
                                                       timeout=WAIT_MS)


def map_shows(page: Page, day: int) -> None:
    page.wait_for_function("d => Number(document.querySelector('.peacesim-map canvas')"
                           ".dataset.day) === d", arg=day, timeout=WAIT_MS)


def map_pixels(page: Page) -> str:
    return page.evaluate("document.querySelector('.peacesim-map canvas').toDataURL()")


def chart_rows(page: Page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('.peacesim-chart canvas')]"
                         ".map(c => c.dataset.rows)")


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


def pick(page: Page, name: str) -> None:
    page.locator(".peacesim-picker .v-select__slot").click()
    page.get_by_role("option", name=name).click()


def test_page_loads_with_no_request_beyond_this_machine(visit, server, screenshots):
    v = visit()
    page = v.page
    day_is(page, 0)
    expect(page.locator(".peacesim-title")).to_contain_text("Classroom")
    expect(page.locator(".peacesim-description")).to_contain_text("buffer zone")
    page.get_by_text("Sources (1)").click()
    expect(page.locator(".peacesim-sources")).to_contain_text("25 battle-related deaths")
    expect(page.locator(".peacesim-chart canvas")).to_have_count(6)
    page.screenshot(path=screenshots / "01_loaded.png")
    hosts = {urlsplit(url).netloc for url in v.requests if not url.startswith(("blob:", "data:"))}
    assert hosts == {f"127.0.0.1:{server.port}"}, sorted(hosts)
    assert any(url.startswith("ws://") for url in v.requests)  # the page's live channel
    assert any("anywidget" in url for url in v.requests)  # the widgets' loader, served here
    assert v.failures == []
    assert server.egress.seen == []  # nor from the server (version check, telemetry)


def test_the_map_shows_the_scenarios_territory_and_units(visit, screenshots):
    page = visit().page
    step(page)  # the contingent deploys in the first step
    map_shows(page, 7)
    canvas = ".peacesim-map canvas"
    west, east, west_units, east_units, peacekeepers = colour_counts(
        page, canvas, WEST_LAND, EAST_LAND, WEST_UNIT, EAST_UNIT, NEUTRAL_PEACEKEEPER)
    assert west > 1000 and east > 1000  # each side holds about half of the map
    assert 0.7 < west / east < 1.4
    assert west_units > 100 and east_units > 100 and peacekeepers > 100
    assert page.locator(canvas).get_attribute("data-units") == "40"  # 20 + 20 armed units
    assert page.locator(canvas).get_attribute("data-mission-units") == "15"
    legend = page.locator(".peacesim-map .peacesim-legend")
    for entry in ("held by west", "held by east", "buffer zone", "impassable", "settlement",
                  "peacekeepers"):
        expect(legend).to_contain_text(entry)
    scale = page.locator(".peacesim-bias-scale")
    expect(scale).to_contain_text("favours east")
    expect(scale).to_contain_text("favours west")
    expect(scale).to_contain_text("blue_helmets +0.00")
    page.locator(".peacesim-map").screenshot(path=screenshots / "02_map.png")


def test_a_step_changes_the_map_and_the_charts(visit, screenshots):
    page = visit().page
    map_shows(page, 0)
    before = map_pixels(page)
    assert chart_rows(page) == ["0"] * 6
    for n in range(1, 6):
        step(page)
        day_is(page, 7 * n)
        map_shows(page, 7 * n)
    assert map_pixels(page) != before  # tension and markers moved
    page.wait_for_function("() => [...document.querySelectorAll('.peacesim-chart canvas')]"
                           ".every(c => c.dataset.rows === '5')", timeout=WAIT_MS)
    series = {"tension": "#e67e22", "attitudes": "#3b6fb6", "legitimacy": "#1b9e77",
              "troops": "#27ae60"}
    for chart, colour in series.items():
        drawn, = colour_counts(page, f".peacesim-chart-{chart} canvas", hex_rgb(colour))
        assert drawn > 5, chart  # the series is drawn (35 days of a 5-year axis)
    legends = page.locator(".peacesim-chart-legend")
    expect(legends.nth(0)).to_contain_text("west: reported")
    expect(page.locator(".peacesim-chart-legitimacy .peacesim-chart-legend")).to_contain_text(
        "blue helmets, as east rates it")
    expect(page.locator(".peacesim-summary")).to_contain_text("holding after 35 days")
    expect(page.locator(".peacesim-events")).to_contain_text("contingent blue_helmets deploys")
    page.screenshot(path=screenshots / "03_stepped.png")


def test_picking_a_scenario_changes_the_map(visit, screenshots):
    page = visit().page
    map_shows(page, 0)
    before = map_pixels(page)
    pick(page, "river_valley")
    expect(page.locator(".peacesim-title")).to_contain_text("River valley", timeout=WAIT_MS)
    day_is(page, 0, "730")
    page.wait_for_function("old => document.querySelector('.peacesim-map canvas')"
                           ".toDataURL() !== old", arg=before, timeout=WAIT_MS)
    # the what-if controls follow the scenario: its contingent, observers and patron
    for label in ("Contingent lean_force", "Observer mission monitors", "Patron arms_supplier"):
        expect(page.get_by_text(label)).to_be_visible()
    step(page)
    day_is(page, 7, "730")
    page.screenshot(path=screenshots / "04_scenario_river_valley.png")


def test_a_broken_scenario_file_shows_its_error_and_keeps_the_run(visit):
    page = visit().page
    step(page)
    day_is(page, 7)
    pick(page, "broken_valley")
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
    assert page.locator(".peacesim-map canvas").get_attribute("data-mission-units") == "0"
    page.screenshot(path=screenshots / "05_what_if_no_troops.png")


def test_compare_view_reads_like_the_command_line(visit, screenshots):
    page = visit().page
    set_troops(page, "0")
    reset(page)
    day_is(page, 0)
    type_into(page, ".peacesim-compare-reps input", "8")
    page.get_by_role("button", name="Run comparison").click()
    expect(page.locator(".peacesim-compare-progress")).to_contain_text("of 16 runs done",
                                                                       timeout=WAIT_MS)
    step(page)  # the page stays responsive while the comparison runs in its thread
    day_is(page, 7)
    expect(page.locator(".peacesim-survival img")).to_be_visible(timeout=120_000)
    result = page.locator(".peacesim-compare-result")
    expect(result).to_contain_text("the scenario as written")
    expect(result).to_contain_text("your what-if")
    expect(result).not_to_contain_text("what_if")
    expect(result).to_contain_text("ceasefire held at the horizon")
    expect(result.locator("tr", has_text="ceasefire held")).to_contain_text("% [")
    expect(page.locator(".peacesim-reading")).to_contain_text("Over 8 seeds")
    page.screenshot(path=screenshots / "06_compare.png")


def test_compare_marks_what_happened_in_a_mission_scenario(visit):
    page = visit().page
    pick(page, "karabakh_2020")
    day_is(page, 0, "1,826")
    withdrawal = page.locator(".peacesim-knob-events-withdrawal_2024-day input")
    expect(withdrawal).to_have_value("1253")  # the withdrawal the scenario's event sets
    type_into(page, ".peacesim-compare-reps input", "2")
    type_into(page, ".peacesim-compare-days input", "70")
    page.get_by_role("button", name="Run comparison").click()
    row = page.locator(".peacesim-compare-result tr.peacesim-history")
    expect(row).to_contain_text("ended as it happened: offensive by azerbaijan, then "
                                "displacement", timeout=120_000)
    expect(page.locator(".peacesim-history-note")).to_contain_text("What happened")


def test_two_browsers_keep_independent_models(visit, screenshots):
    first, second = visit().page, visit().page
    first.get_by_role("button", name="Play", exact=True).click()
    for n in range(1, 4):  # the second steps by hand while the first plays
        step(second)
        day_is(second, 7 * n)
    first.wait_for_function("() => Number(document.querySelector('.peacesim-map canvas')"
                            ".dataset.day) > 0", timeout=WAIT_MS)  # the map keeps up
    first.get_by_role("button", name="Pause", exact=True).click()
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
    first.screenshot(path=screenshots / "07_two_browsers_first.png")


@pytest.mark.parametrize(("field", "text", "message"), [
    (TROOPS, "abc", "'abc' is not a number"),
    (TROOPS, "-5", "must be between 0 and 100,000"),
    (TROOPS, "nan", "'nan' is not a finite number"),
    (TROOPS, "1e400", "'1e400' is not a finite number"),
    (".peacesim-knob-rumours-rate_per_year input", "inf", "'inf' is not a finite number"),
    (".peacesim-knob-seed input", "seven", "seed: 'seven' must be a whole number"),
    (".peacesim-knob-seed input", "²", "seed: '²' must be a whole number"),
])
def test_a_bad_value_shows_a_message_not_a_traceback(visit, server, field, text, message):
    page = visit().page
    step(page)
    day_is(page, 7)
    type_into(page, field, text)
    expect(page.get_by_text(message).first).to_be_visible(timeout=WAIT_MS)
    expect(page.locator(".peacesim-settings-error")).to_be_visible()
    reset(page)
    page.wait_for_timeout(500)
    day_is(page, 7)  # the run is untouched
    assert "Traceback" not in page.locator("body").inner_text()
    assert "Traceback" not in server.log()


def test_a_hidden_tab_stops_playing(visit):
    page = visit().page
    page.evaluate("window.mapCanvas = document.querySelector('.peacesim-map canvas')")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible(timeout=WAIT_MS)
    page.evaluate("Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
                  " document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator(".peacesim-notice")).to_contain_text("this tab was hidden",
                                                             timeout=WAIT_MS)
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    stopped = page.locator(".peacesim-day").inner_text()
    page.wait_for_timeout(1000)
    assert page.locator(".peacesim-day").inner_text() == stopped
    assert stopped.startswith("Day ")
    # the notice did not rebuild the map: the same canvas, still showing its run
    assert page.evaluate("window.mapCanvas === document.querySelector('.peacesim-map canvas')")


def test_playing_stops_when_the_tab_closes(visit, server):
    page = visit().page
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator(".peacesim-day")).not_to_have_text("Day 0 of 1,825", timeout=WAIT_MS)
    before = server.log().count("playing stopped")
    page.close()
    deadline = time.monotonic() + 20
    while server.log().count("playing stopped") == before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert server.log().count("playing stopped") == before + 1, server.log()[-2000:]
    assert "the page was closed" in server.log()


def test_an_idle_session_expires_with_a_notice(visit, short_idle_server, screenshots):
    page = visit(short_idle_server).page
    step(page)
    day_is(page, 7)
    expect(page.locator(".peacesim-expired")).to_contain_text("Nobody used this page",
                                                              timeout=WAIT_MS)
    page.screenshot(path=screenshots / "08_expired.png")
    page.get_by_role("button", name="Start again").click()
    day_is(page, 0)
    map_shows(page, 0)
    step(page)
    day_is(page, 7)


def test_the_server_made_no_outside_request_all_along(server):
    """Last in this module: after loading, stepping, playing and comparing."""
    assert server.egress.seen == []
