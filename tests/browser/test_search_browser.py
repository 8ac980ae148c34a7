"""Search in a real browser: the fast subset of the query benchmark, languages kept apart, highlights.

Each query is typed into Material's search box as a person would (tests/helpers.search_ui); the
whole benchmark with its figures is `make bench-search`.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from helpers import LANGUAGE_PREFIX, search_ui

QUERIES = yaml.safe_load((Path(__file__).resolve().parent.parent / "search" / "queries.yml").read_text(encoding="utf-8"))
FAST = [(language, entry) for language, entries in QUERIES.items() for entry in entries if entry.get("fast") and not entry.get("needs")]


def results(page, site_url, language, query):
    items, _ = search_ui(page, site_url + LANGUAGE_PREFIX[language], query)
    pages = []
    for links in items:
        parts = [urlsplit(link) for link in links]
        pages.append((parts[0].path.lstrip("/"), {part.fragment for part in parts if part.fragment}))
    return pages


def test_the_subset_is_large_enough():
    for language in QUERIES:
        assert sum(1 for lang, _ in FAST if lang == language) >= 10


@pytest.mark.parametrize("language,entry", FAST, ids=[f"{language}-{entry['q']}" for language, entry in FAST])
def test_expected_page_is_in_the_top_five(page, site_url, language, entry):
    prefix = LANGUAGE_PREFIX[language]
    expected = {prefix + path for path in ([entry["expect"]] if isinstance(entry["expect"], str) else entry["expect"])}
    found = results(page, site_url, language, entry["q"])
    top = [(path, anchors) for path, anchors in found[:5]]
    assert any(path in expected and (not entry.get("anchor") or entry["anchor"] in anchors) for path, anchors in top), top
    # Results in the page's language only.
    for path, _ in found:
        assert path.startswith("zh/") == (language == "zh"), f"/{path} is not a {language} page"
    assert page.outside_requests == []


@pytest.mark.parametrize("language,query,term", [("ja", "苦情", "クレーム"), ("zh", "客诉", "投诉")])
def test_a_result_highlights_the_match_on_its_page(page, site_url, language, query, term):
    results(page, site_url, language, query)
    page.locator(".md-search-result__list > li a.md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path.endswith("/playbooks/complaint-handling/")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert term in {text.strip() for text in marks.all_inner_texts()}


@pytest.mark.parametrize("language,query", [("ja", "翻訳の状況"), ("zh", "翻译状态")])
def test_translation_status_is_not_searchable(page, site_url, language, query):
    assert all(not path.endswith("translation-status/") for path, _ in results(page, site_url, language, query))


@pytest.mark.parametrize("language,query", [("ja", "基本の件数を超えた分の料金"), ("zh", "超出基本件数的部分")])
def test_generated_checklists_are_searchable_in_their_language(page, site_url, language, query):
    # Words only in a checklist's data (data/checklists/answering-service-selection.yml), not in any page.
    found = [path for path, _ in results(page, site_url, language, query)]
    prefix = LANGUAGE_PREFIX[language]
    assert prefix + "checklists/" in found and prefix + "playbooks/answering-service/" in found, found
