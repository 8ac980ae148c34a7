"""Content: every contract page is real text in both languages, with unique titles."""

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from helpers import CONTRACT_PATHS, html_file

PLAYBOOKS = [path for path in CONTRACT_PATHS if path.startswith("playbooks/")]
# Sections every playbook has (README "Adding a page"), the same ids in both languages.
PLAYBOOK_SECTIONS = {"when-to-use", "steps", "phrases", "do-dont", "escalation", "checklist"}
STUB_WORDS = ("作成中", "正在编写", "lorem", "TODO")


def article(site, language, path):
    document = BeautifulSoup(html_file(site, language, path).read_text(encoding="utf-8"), "html.parser")
    return document, document.select_one("article.md-content__inner")


@pytest.mark.parametrize("language", ["ja", "zh"])
@pytest.mark.parametrize("path", CONTRACT_PATHS)
def test_page_is_real_content(built_site, language, path):
    _, body = article(built_site, language, path)
    text = re.sub(r"\s+", "", body.get_text())
    assert len(text) >= 300, f"/{path} ({language}) has only {len(text)} characters"
    assert not any(word in text for word in STUB_WORDS), f"/{path} ({language}) still reads like a stub"


@pytest.mark.parametrize("language", ["ja", "zh"])
@pytest.mark.parametrize("path", PLAYBOOKS)
def test_playbook_has_every_section(built_site, language, path):
    _, body = article(built_site, language, path)
    ids = {heading["id"] for heading in body.select("h2[id]")}
    assert PLAYBOOK_SECTIONS <= ids, f"missing sections: {PLAYBOOK_SECTIONS - ids}"


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_titles_are_unique_within_a_language(built_site, language):
    titles = Counter(article(built_site, language, path)[0].title.get_text() for path in CONTRACT_PATHS)
    assert [title for title, count in titles.items() if count > 1] == []
