"""Comparison tables and the cost simulator in a real browser: the simulator gives the hook's
costs for the same inputs, columns sort by mouse and keyboard, the simulator works by keyboard
alone, tables stay readable at phone width, and the page without JavaScript."""

import datetime
import sys

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from kb.comparisons import UI, cheapest, costs_at, grouped, load_comparisons  # noqa: E402
from kb.pages import page_paths  # noqa: E402

PAGE = "playbooks/answering-service/"
TABLE = '.kb-compare[data-compare="answering-service-plans"]'
SIMULATOR = '.kb-simulator[data-simulator="answering-service-plans"]'
PREFIX = {"ja": "", "zh": "zh/"}


@pytest.fixture(scope="module")
def plans():
    catalog = load_comparisons(ROOT / "data" / "comparisons", ROOT, page_paths(ROOT / "docs"), datetime.date.today())
    return catalog.comparisons["answering-service-plans"]


def expected_summary(table, language: str, calls: int, hours: str) -> str:
    """The sentence the simulator should announce, built from the hook's own costs and text."""
    ui = UI[language]
    costs = costs_at(table, calls, hours)
    best = [row for row in table.rows if row.id in cheapest(costs)]
    if not best:
        return ui["sim_none"].format(hours=ui["hours"][hours])
    template = ui["sim_result_tie"] if len(best) > 1 else ui["sim_result"]
    return template.format(
        calls=grouped(calls),
        hours=ui["hours"][hours],
        plan=best[0].cells["plan"](language),
        cost=ui["yen"].format(n=grouped(costs[best[0].id])),
    )


def simulated(page) -> dict:
    """What the simulator shows: plan id -> (monthly cost, covers the needed hours)."""
    rows = page.locator(f"{SIMULATOR} tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.plan, Number(r.dataset.cost), r.dataset.eligible === 'true'])"
    )
    return {plan: (cost, eligible) for plan, cost, eligible in rows}


INPUTS = [
    (0, "weekday-daytime"),
    (30, "weekday-daytime"),
    (50, "weekday-daytime"),  # exactly the light plan's included calls
    (51, "weekday-daytime"),
    (100, "every-day-daytime"),
    (150, "every-day-daytime"),
    (200, "24h"),
    (1234, "weekday-daytime"),
]


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_simulator_gives_the_hooks_costs(page, site_url, plans, language):
    page.goto(site_url + PREFIX[language] + PAGE)
    assert page.locator(SIMULATOR).is_visible()
    for calls, hours in INPUTS:
        page.locator(f"{SIMULATOR} [data-kb-calls]").fill(str(calls))
        page.locator(f"{SIMULATOR} [data-kb-hours]").select_option(hours)
        every = costs_at(plans, calls)
        eligible = costs_at(plans, calls, hours)
        assert simulated(page) == {plan: (cost, plan in eligible) for plan, cost in every.items()}, (calls, hours)
        assert set(page.locator(SIMULATOR).get_attribute("data-kb-cheapest").split()) == cheapest(eligible)
        assert page.locator(f"{SIMULATOR} [data-kb-result]").inner_text() == expected_summary(plans, language, calls, hours)
    assert page.outside_requests == []


def test_simulator_and_table_agree_at_every_standard_volume(page, site_url, plans):
    page.goto(site_url + PAGE)
    page.locator(f"{SIMULATOR} [data-kb-hours]").select_option("weekday-daytime")
    for calls in plans.data.volumes:
        page.locator(f"{SIMULATOR} [data-kb-calls]").fill(str(calls))
        shown = page.locator(f'{TABLE} td[data-volume="{calls}"]').evaluate_all(
            "cells => cells.map(c => [c.closest('tr').dataset.row, Number(c.dataset.cost)])"
        )
        assert {plan: (cost, True) for plan, cost in shown} == {plan: (cost, True) for plan, (cost, _) in simulated(page).items()}


def test_simulator_refuses_what_is_not_a_number_of_calls(page, site_url):
    page.goto(site_url + PAGE)
    calls = page.locator(f"{SIMULATOR} [data-kb-calls]")
    for value in ("-3", "", "2.5"):
        calls.fill(value)
        assert page.locator(f"{SIMULATOR} [data-kb-result]").inner_text() == UI["ja"]["sim_invalid"]
        assert calls.get_attribute("aria-invalid") == "true"
        assert page.locator(f"{SIMULATOR} tbody tr").count() == 0
    calls.fill("10")
    assert calls.get_attribute("aria-invalid") is None
    assert page.locator(f"{SIMULATOR} tbody tr").count() == 6


def test_simulator_works_by_keyboard_alone(page, site_url, plans):
    page.goto(site_url + PAGE)
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-kb-calls')"):
            break
    else:
        pytest.fail("the simulator's calls field cannot be reached with Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("120")
    result = page.locator(f"{SIMULATOR} [data-kb-result]")
    assert result.get_attribute("role") == "status"  # a live region: screen readers hear each new result
    assert result.inner_text() == expected_summary(plans, "ja", 120, "weekday-daytime")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-kb-hours')")
    page.keyboard.press("ArrowDown")
    assert page.locator(f"{SIMULATOR} [data-kb-hours]").input_value() == "every-day-daytime"
    assert result.inner_text() == expected_summary(plans, "ja", 120, "every-day-daytime")
    page.keyboard.press("ArrowDown")
    assert result.inner_text() == expected_summary(plans, "ja", 120, "24h")

    # Enter in the field recomputes and never submits the form anywhere.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("40")
    page.keyboard.press("Enter")
    assert page.url == site_url + PAGE
    assert result.inner_text() == expected_summary(plans, "ja", 40, "24h")


def row_ids(page, table=TABLE):
    return page.locator(f"{table} tbody tr").evaluate_all("rows => rows.map(r => r.dataset.row)")


def test_columns_sort_by_click_and_by_keyboard(page, site_url, plans):
    page.goto(site_url + PAGE)
    data_order = [row.id for row in plans.rows]
    assert row_ids(page) == data_order
    fee = page.locator(f"{TABLE} thead th").nth(2)
    assert fee.inner_text() == "月額基本料金"
    fee.click()
    by_fee = [row.id for row in sorted(plans.rows, key=lambda row: row.cells["monthly-fee"])]
    assert row_ids(page) == by_fee
    assert fee.get_attribute("aria-sort") == "ascending"
    fee.click()
    assert row_ids(page) == list(reversed(by_fee))
    assert fee.get_attribute("aria-sort") == "descending"

    # Keyboard: the headers are in the tab order, Enter sorts.
    at_200 = page.locator(f"{TABLE} thead th").last
    at_200.focus()
    page.keyboard.press("Enter")
    costs = costs_at(plans, 200)
    assert row_ids(page) == sorted(data_order, key=lambda row_id: costs[row_id])
    assert fee.get_attribute("aria-sort") is None and at_200.get_attribute("aria-sort") == "ascending"


def test_level_columns_sort_by_level_not_by_text(page, site_url):
    page.goto(site_url + "zh/playbooks/after-hours-contact/")
    table = '.kb-compare[data-compare="contact-channels"]'
    page.locator(f"{table} thead th").nth(1).click()  # immediacy: low, medium, high
    levels = page.locator(f"{table} tbody tr td:nth-of-type(1)").evaluate_all("cells => cells.map(c => Number(c.dataset.sort))")
    assert levels == sorted(levels) and levels[0] == 1 and levels[-1] == 3
    assert row_ids(page, table)[0] == "letter"


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_tables_and_simulator_fit_a_phone_screen(browser, site_url, tmp_path, language):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="ja-JP")
    page = context.new_page()
    try:
        page.goto(site_url + PREFIX[language] + PAGE)
        # The page itself never scrolls sideways: wide tables scroll inside their own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        wrapper = page.locator(f"{TABLE} .md-typeset__scrollwrap")
        assert wrapper.evaluate("w => getComputedStyle(w).overflowX") == "auto"
        assert wrapper.evaluate("w => w.scrollWidth > w.clientWidth")
        box = wrapper.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        page.locator(f"{TABLE} thead th").first.focus()  # focusable headers let the keyboard scroll it
        for selector in ("[data-kb-calls]", "[data-kb-hours]", "[data-kb-result]"):
            field = page.locator(f"{SIMULATOR} {selector}").bounding_box()
            assert field["x"] >= 0 and field["x"] + field["width"] <= 375, selector
        page.locator(SIMULATOR).screenshot(path=str(tmp_path / f"simulator-{language}-375.png"))
        wrapper.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / f"table-{language}-375.png"))
        # At this width the tables scroll: axe checks, among others, that the keyboard can reach them.
        page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        context.close()


def test_without_javascript_the_table_is_plain_and_the_simulator_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        assert page.locator(f'{TABLE} td[data-volume="200"]').first.is_visible()
        assert page.locator(SIMULATOR).is_hidden()
        assert page.locator(f"{TABLE} [data-kb-sort-hint]").is_hidden()
    finally:
        context.close()
