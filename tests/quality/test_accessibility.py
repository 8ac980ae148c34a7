"""axe-core finds no serious or critical violation; the main widgets work by keyboard alone."""

import pytest

from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def playbook_pages() -> list[str]:
    """Every playbook page, sub-pages included (as URL paths), from the Japanese and Chinese sources."""
    found = set()
    for language in ("ja", "zh"):
        folder = ROOT / "docs" / language
        for source in (folder / "playbooks").rglob("*.md"):
            path = source.relative_to(folder).with_suffix("").as_posix()
            found.add(path.removesuffix("/index").removesuffix("index") + "/")
    return sorted(found)


PAGES = ["", *playbook_pages(), "checklists/", "comparisons/"]


@pytest.mark.parametrize("prefix", ["", "zh/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violations(page, site_url, prefix, path):
    page.goto(site_url + prefix + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_every_contract_playbook_is_checked():
    for name in ("returning-calls", "after-hours-contact", "declining-clients", "complaint-handling", "answering-service"):
        assert f"playbooks/{name}/" in PAGES


def focus_by_tab(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only, as a user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with Tab")


def test_search_finds_and_opens_a_page_by_keyboard(page, site_url):
    page.goto(site_url + "zh/")
    page.wait_for_load_state("networkidle")  # a person starts typing once the page has loaded
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("回电")
    page.keyboard.press("End")  # the key after an IME commit, which sends the query (tests/helpers.search_ui)
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.md-search-result') !== null")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target.split("#")[0] + "*")
    assert page.url.startswith(site_url + "zh/")
    assert page.outside_requests == []


def test_checklist_boxes_work_by_keyboard(page, site_url):
    page.goto(site_url + "playbooks/after-hours-contact/")
    checklist = '.kb-checklist[data-checklist="after-hours-call"]'

    def progress():
        return page.locator(f"{checklist} .kb-checklist__progress").inner_text()

    focus_by_tab(page, f"{checklist} input[data-item]")
    first = page.locator(f'{checklist} input[data-item="{page.evaluate("document.activeElement.dataset.item")}"]')
    page.keyboard.press("Space")
    assert first.is_checked() and progress() == "完了 1/9"
    page.keyboard.press("Space")
    assert not first.is_checked() and progress() == "完了 0/9"
    page.keyboard.press("Space")
    focus_by_tab(page, f"{checklist} input[data-item]:not(:checked)")
    page.keyboard.press("Space")
    assert progress() == "完了 2/9"
    focus_by_tab(page, f"{checklist} [data-kb-reset]")
    page.keyboard.press("Enter")
    assert page.locator(f"{checklist} input:checked").count() == 0
    assert progress() == "完了 0/9"


def test_search_and_language_switcher_work_by_keyboard(page, site_url):
    page.goto(site_url + "playbooks/after-hours-contact/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    # Tab goes through the whole page before it wraps to the header: the playbook's own
    # controls (two checklists here, 21 stops) come first, so allow for a long page.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "zh":
            break
    else:
        pytest.fail("the language switcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "zh/playbooks/after-hours-contact/")
