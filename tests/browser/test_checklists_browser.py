"""Checklists in a real browser: ticks persist per checklist and item id, across reloads,
languages, pages and item reordering; progress, reset, print; and the page without JavaScript."""

import re

import pytest

from checklist_fixture import make_checklist_site
from helpers import build_fixture_site

PAGE = "playbooks/after-hours-contact/"
LIST = '.kb-checklist[data-checklist="after-hours-call"]'


def box(page, checklist, item):
    return page.locator(f'.kb-checklist[data-checklist="{checklist}"] input[data-item="{item}"]')


def progress(page, selector=LIST):
    return page.locator(f"{selector} .kb-checklist__progress").inner_text()


def test_ticks_survive_reload_and_language_switch(page, site_url):
    page.goto(site_url + PAGE)
    assert progress(page) == "完了 0/9"
    page.locator(f'{LIST} label[for="checklist-after-hours-call--email-first"]').click()
    box(page, "after-hours-call", "call-window").check()
    assert progress(page) == "完了 2/9"

    page.reload()
    assert box(page, "after-hours-call", "email-first").is_checked()
    assert box(page, "after-hours-call", "call-window").is_checked()
    assert not box(page, "after-hours-call", "needed-today").is_checked()
    assert progress(page) == "完了 2/9"

    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh"]').click()
    page.wait_for_url(site_url + "zh/" + PAGE)
    assert box(page, "after-hours-call", "email-first").is_checked()
    assert box(page, "after-hours-call", "call-window").is_checked()
    assert progress(page) == "已完成 2/9"
    # Another checklist on the same page is not affected.
    assert progress(page, '.kb-checklist[data-checklist="voicemail-message"]') == "已完成 0/8"

    page.goto(site_url + "zh/checklists/")
    assert box(page, "after-hours-call", "call-window").is_checked()
    assert page.outside_requests == []


def test_unticking_and_reset(page, site_url):
    page.goto(site_url + PAGE)
    for item in ("checked-website", "needed-today", "logged"):
        box(page, "after-hours-call", item).check()
    box(page, "after-hours-call", "needed-today").uncheck()
    page.reload()
    assert progress(page) == "完了 2/9"

    page.locator(f"{LIST} [data-kb-reset]").click()
    assert progress(page) == "完了 0/9"
    assert page.locator(f"{LIST} input:checked").count() == 0
    page.reload()
    assert page.locator(f"{LIST} input:checked").count() == 0
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kb-checklist:after-hours-call:'))") == []


def test_print_shows_every_item_and_no_site_chrome(page, site_url):
    page.goto(site_url + "checklists/")
    box(page, "same-day-callback", "prepared").check()
    page.emulate_media(media="print")
    items = page.locator(".kb-checklist input[data-item]")
    assert items.count() > 50
    for index in range(items.count()):
        assert items.nth(index).is_visible()
    assert page.locator(".kb-checklist__tools").first.is_hidden()
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    # Checkboxes print as boxes: a visible border, filled when ticked.
    style = page.eval_on_selector(
        'input[data-item="prepared"]', "e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).backgroundColor]"
    )
    assert style == ["solid", "rgb(0, 0, 0)"]


def test_print_button_prints_only_its_checklist(page, site_url):
    page.goto(site_url + PAGE)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1 } }")
    page.locator('.kb-checklist[data-checklist="voicemail-message"] [data-kb-print]').click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert page.locator('.kb-checklist[data-checklist="voicemail-message"]').is_visible()
    assert page.locator(LIST).is_hidden()
    assert page.locator("article h1").is_hidden()
    # One checklist fits on one sheet: no blank trailing page.
    assert len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4"))) == 1
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(LIST).is_visible()
    assert page.locator("article h1").is_visible()


def test_without_javascript_the_checklist_is_a_plain_form(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        first = box(page, "after-hours-call", "checked-website")
        page.locator(f'{LIST} label[for="checklist-after-hours-call--checked-website"]').click()
        assert first.is_checked()
        assert page.locator(f"{LIST} .kb-checklist__tools").is_hidden()
    finally:
        context.close()


@pytest.fixture
def fixture_site(tmp_path, serve):
    project = make_checklist_site(tmp_path / "project")
    (project / "site").mkdir()
    url = serve(project / "site")

    def build():
        result = build_fixture_site(project)
        assert result.returncode == 0, result.stdout

    build()
    return project, url, build


def test_ticks_follow_item_ids_when_items_are_reordered(page, fixture_site):
    project, url, rebuild = fixture_site
    page.goto(url + "guide/")
    box(page, "demo", "second").check()
    box(page, "demo", "fourth").check()

    data = project / "data" / "checklists" / "demo.yml"
    head, _, items = data.read_text(encoding="utf-8").partition("items:\n")
    blocks = ["  - id:" + block for block in items.split("  - id:")[1:]]
    new_item = "  - id: new\n    text: {ja: 新しい項目, zh: 新项目}\n"
    # Reversed, with the first item removed and a new one in front.
    data.write_text(head + "items:\n" + new_item + "".join(reversed(blocks[1:])), encoding="utf-8")
    rebuild()

    page.reload()
    labels = page.locator(".kb-checklist label").all_inner_texts()
    assert labels == ["新しい項目", "四つ目", "三つ目", "二つ目"]
    checked = page.locator(".kb-checklist input:checked").evaluate_all("boxes => boxes.map(b => b.dataset.item)")
    assert checked == ["fourth", "second"]
    assert progress(page, ".kb-checklist") == "完了 2/4"

    page.goto(url + "zh/guide/")
    assert page.locator(".kb-checklist input:checked").evaluate_all("boxes => boxes.map(b => b.dataset.item)") == ["fourth", "second"]
    assert page.outside_requests == []
