"""Checklists in real builds: a fixture site with good and bad data, and the real site."""

import re

import pytest
from bs4 import BeautifulSoup

from checklist_fixture import error_lines, make_checklist_site
from helpers import ROOT, build_fixture_site, html_file

KANA = re.compile(r"[\u3041-\u30ff]")
# Which page embeds which checklist (the list; content branches keep these shortcodes).
EMBEDDED = {
    "playbooks/after-hours-contact/": ["after-hours-call", "voicemail-message"],
    "playbooks/returning-calls/": ["same-day-callback"],
    "playbooks/declining-clients/": ["declining-request"],
    "playbooks/complaint-handling/": ["complaint-first-response", "complaint-follow-up"],
    "playbooks/answering-service/": ["answering-service-selection"],
    "onboarding/": ["new-staff-first-week"],
}
ALL_IDS = sorted(checklist for ids in EMBEDDED.values() for checklist in ids)


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def site(tmp_path):
    return make_checklist_site(tmp_path / "project")


# ------------------------------------------------------------------ fixture site


def test_fixture_site_builds_with_checklists_in_both_languages(site):
    result = build_fixture_site(site)
    assert result.returncode == 0, result.stdout
    for language, label in (("ja", "一つ目"), ("zh", "第一项")):
        document = soup(html_file(site / "site", language, "guide/"))
        assert document.select_one('.kb-checklist[data-checklist="demo"] label').get_text() == label


def test_bad_checklist_fails_the_build_with_one_line(site):
    data = site / "data" / "checklists" / "demo.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("zh: 第三项", "zn: 第三项"), encoding="utf-8")
    result = build_fixture_site(site)
    assert result.returncode != 0
    # Once, although static-i18n builds the site once per language.
    assert error_lines(result.stdout) == ["data/checklists/demo.yml:11: items[2].text: missing required key 'zh'"]
    assert "Traceback" not in result.stdout


def test_unknown_checklist_in_a_page_fails_with_page_and_line(site):
    page = site / "docs" / "zh" / "guide.md"
    page.write_text(page.read_text(encoding="utf-8").replace("md:checklist demo", "md:checklist demo-typo"), encoding="utf-8")
    result = build_fixture_site(site)
    assert result.returncode != 0
    assert error_lines(result.stdout) == ["docs/zh/guide.md:12: unknown checklist 'demo-typo' (known: demo)"]
    assert "Traceback" not in result.stdout


def test_script_in_data_is_shown_as_text(site):
    data = site / "data" / "checklists" / "demo.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("一つ目", '"<script>alert(1)</script>"'), encoding="utf-8")
    result = build_fixture_site(site)
    assert result.returncode == 0, result.stdout
    for path in ("guide/", "checklists/"):
        html = html_file(site / "site", "ja", path).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        assert BeautifulSoup(html, "html.parser").select_one(".kb-checklist label").get_text() == "<script>alert(1)</script>"


# ------------------------------------------------------------------ the real site


@pytest.mark.parametrize("language", ["ja", "zh"])
@pytest.mark.parametrize("path", EMBEDDED)
def test_playbook_pages_embed_their_checklists(built_site, path, language):
    document = soup(html_file(built_site, language, path))
    blocks = document.select("article .kb-checklist")
    assert [block["data-checklist"] for block in blocks] == EMBEDDED[path]
    for block in blocks:
        boxes = block.select("input[type=checkbox][data-item]")
        assert 5 <= len(boxes) <= 10
        assert all(block.select_one(f'label[for="{box["id"]}"]') for box in boxes)
        if language == "zh":
            assert not KANA.search(block.get_text()), f"Japanese kana in the Chinese checklist {block['data-checklist']}"


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_checklists_page_lists_every_checklist_with_links_to_its_pages(built_site, language):
    index = html_file(built_site, language, "checklists/")
    document = soup(index)
    blocks = document.select("article .kb-checklist")
    assert sorted(block["data-checklist"] for block in blocks) == ALL_IDS
    for block in blocks:
        links = block.select(".kb-checklist__used-on a")
        assert links, f"{block['data-checklist']} names no page"
        for link in links:
            target, _, anchor = link["href"].partition("#")
            page = (index.parent / target / "index.html").resolve()
            assert page.exists(), link["href"]
            assert soup(page).select_one(f'.kb-checklist[id="{anchor}"]') is not None, link["href"]
    headings = [h["id"] for h in document.select("article h2")]
    assert headings == [
        "returning-calls",
        "after-hours-contact",
        "declining-clients",
        "complaint-handling",
        "answering-service",
        "onboarding",
    ]


def test_both_languages_store_ticks_under_the_same_ids(built_site):
    def ids(language):
        document = soup(html_file(built_site, language, "checklists/"))
        return [(box.find_parent(class_="kb-checklist")["data-checklist"], box["data-item"]) for box in document.select("input[data-item]")]

    assert ids("ja") == ids("zh")
    assert len(set(ids("ja"))) == len(ids("ja"))


def test_data_files_are_the_listed_checklists():
    assert sorted(path.stem for path in (ROOT / "data" / "checklists").glob("*.yml")) == ALL_IDS
