"""The contributor workflow on the real site: edit links, page facts, status page, published URLs."""

import json

import pytest
from bs4 import BeautifulSoup

from helpers import CONTRACT_PATHS, ROOT, html_file
from kb.published_urls import broken_promises, load_manifest, read_site

EDIT = "https://github.com/example-org/cs-knowledge-base/edit/main/docs/"
MANIFEST = ROOT / "tests" / "urls" / "published.yml"


def soup(site, language, path):
    return BeautifulSoup(html_file(site, language, path).read_text(encoding="utf-8"), "html.parser")


def source_file(language, path):
    return f"{language}/{path.rstrip('/') or 'index'}.md"


@pytest.mark.parametrize("language", ["ja", "zh"])
@pytest.mark.parametrize("path", CONTRACT_PATHS)
def test_edit_link_opens_the_page_file_in_its_language_folder(built_site, language, path):
    link = soup(built_site, language, path).select_one("a[rel=edit]")
    assert link["href"] == EDIT + source_file(language, path)
    assert (ROOT / "docs" / source_file(language, path)).is_file()


@pytest.mark.parametrize("language,labels", [("ja", ["担当", "最終確認日", "最終更新"]), ("zh", ["负责人", "最近审核", "最近更新"])])
@pytest.mark.parametrize("path", CONTRACT_PATHS)
def test_every_page_shows_owner_review_and_last_update(built_site, language, path, labels):
    facts = soup(built_site, language, path).select(".kb-page-info__fact")
    assert [fact.get_text().split("：")[0] for fact in facts] == labels
    assert all(fact.get_text().split("：")[1].strip() for fact in facts)


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_status_page_lists_every_contract_page(built_site, language):
    rows = soup(built_site, language, "translation-status/").select("table.kb-translation-status tbody tr")
    listed = {row["data-page"] for row in rows}
    assert {path.rstrip("/") or "index" for path in CONTRACT_PATHS} <= listed
    states = {cell["data-state"] for row in rows for cell in row.select("td[data-state]")}
    assert states <= {"source", "up-to-date", "outdated", "missing"}


def test_status_page_is_not_in_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if "translation-status" in doc["location"]]


def test_no_published_url_or_playbook_heading_id_has_disappeared(built_site):
    assert broken_promises(load_manifest(MANIFEST), read_site(built_site)) == []


def test_the_manifest_covers_the_url_contract():
    pages = load_manifest(MANIFEST).pages
    for path in CONTRACT_PATHS:
        assert f"/{path}" in pages and f"/zh/{path}" in pages
