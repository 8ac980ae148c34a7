"""The built site's search data: one Pagefind index per language, no full index shipped with every page."""

import json

from bs4 import BeautifulSoup

from helpers import html_file, indexed_pages
from kb.published_urls import read_site


def test_pagefind_has_an_index_per_language(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"ja", "zh"}
    assert all(language["page_count"] >= 10 for language in entry["languages"].values())


def test_material_index_is_only_settings(built_site):
    index = built_site / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    assert data["docs"] == []
    assert index.stat().st_size < 10_000
    assert "\\u200b" in data["config"]["separator"]


def test_the_search_worker_is_ours_and_knows_the_language(built_site):
    for language in ("ja", "zh"):
        document = BeautifulSoup(html_file(built_site, language, "playbooks/returning-calls/").read_text(encoding="utf-8"), "html.parser")
        config = json.loads(document.select_one("#__config").string)
        assert config["search"].endswith(f"assets/search/worker.js?lang={language}")


def test_every_page_is_indexed_in_its_language_except_excluded_ones(built_site):
    pages = {url for url, page in read_site(built_site).items() if not page.redirect}
    indexed = indexed_pages(built_site)
    assert set(indexed) == pages - {"/translation-status/", "/zh/translation-status/"}  # search: exclude: true
    for url, page in indexed.items():
        assert page["language"] == ("zh" if url.startswith("/zh/") else "ja")
    assert "その日のうちに折り返します" in indexed["/playbooks/returning-calls/"]["text"]
    heading = BeautifulSoup(html_file(built_site, "zh", "playbooks/returning-calls/").read_text(encoding="utf-8"), "html.parser").h1
    for permalink in heading.select(".headerlink"):
        permalink.decompose()
    assert indexed["/zh/playbooks/returning-calls/"]["title"] == heading.get_text(strip=True)
