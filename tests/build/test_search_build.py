"""The built site's search data: one Pagefind index per language, no full index shipped with every page."""

import json

from bs4 import BeautifulSoup

from helpers import html_file


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


def test_articles_are_marked_for_indexing_except_excluded_pages(built_site):
    for language in ("ja", "zh"):

        def article(path, language=language):
            document = BeautifulSoup(html_file(built_site, language, path).read_text(encoding="utf-8"), "html.parser")
            return document.select_one("article.md-content__inner")

        assert article("playbooks/returning-calls/").has_attr("data-pagefind-body")
        assert article("checklists/").has_attr("data-pagefind-body")
        assert not article("translation-status/").has_attr("data-pagefind-body")
