"""In a real browser: switching language keeps the page, and nothing leaves 127.0.0.1."""


def test_switch_from_japanese_to_chinese_keeps_the_page(page, site_url):
    page.goto(site_url + "playbooks/after-hours-contact/")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh"]').click()
    page.wait_for_url(site_url + "zh/playbooks/after-hours-contact/")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.outside_requests == []


def test_switch_back_to_japanese(page, site_url):
    page.goto(site_url + "zh/glossary/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="ja"]').click()
    page.wait_for_url(site_url + "glossary/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.outside_requests == []
