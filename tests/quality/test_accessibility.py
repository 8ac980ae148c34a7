"""axe-core finds no serious or critical violation; the main widgets work by keyboard alone."""

import pytest

from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    "playbooks/returning-calls/",
    "playbooks/after-hours-contact/",
    "playbooks/declining-clients/",
    "playbooks/complaint-handling/",
    "playbooks/answering-service/",
    "checklists/",
    "comparisons/",
]


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
