"""The real site: strict build, URL contract, languages, anchors, no outside hosts."""

import re

import pytest
from bs4 import BeautifulSoup

from helpers import CONTRACT_PATHS, LANGUAGE_PREFIX, html_file

SITE_NAME = {"ja": "カスタマーサポート ナレッジベース", "zh": "客户服务知识库"}
KANA = re.compile(r"[\u3041-\u30ff]")
ASCII_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_ids(document) -> list[str]:
    article = document.select_one("article.md-content__inner")
    return [h["id"] for h in article.select("h2[id], h3[id]")]


def test_strict_build_has_no_warnings(site_build):
    _, log = site_build
    assert "WARNING" not in log
    assert "Traceback" not in log


@pytest.mark.parametrize("language", ["ja", "zh"])
@pytest.mark.parametrize("path", CONTRACT_PATHS)
def test_contract_page_exists_in_its_language(built_site, language, path):
    file = html_file(built_site, language, path)
    assert file.exists(), f"/{LANGUAGE_PREFIX[language]}{path} is missing"
    document = soup(file)
    assert document.html["lang"] == language
    title = document.title.get_text()
    assert title.endswith(SITE_NAME[language])
    if language == "zh":
        assert not KANA.search(title), f"Japanese kana in a Chinese title: {title}"


@pytest.mark.parametrize("path", CONTRACT_PATHS)
def test_page_pairs_have_the_same_heading_ids(built_site, path):
    ja_ids = article_ids(soup(html_file(built_site, "ja", path)))
    zh_ids = article_ids(soup(html_file(built_site, "zh", path)))
    assert ja_ids == zh_ids
    for heading_id in ja_ids:
        assert ASCII_ID.fullmatch(heading_id), f"heading id '{heading_id}' on /{path} is not an explicit ASCII id"


@pytest.mark.parametrize("language,other", [("ja", "zh"), ("zh", "ja")])
@pytest.mark.parametrize("path", CONTRACT_PATHS)
def test_language_switcher_leads_to_the_same_page(built_site, path, language, other):
    document = soup(html_file(built_site, language, path))
    link = document.select_one(f'a.md-select__link[hreflang="{other}"]')
    assert link is not None, "no language switcher entry"
    href = link["href"]
    base = built_site if href.startswith("/") else html_file(built_site, language, path).parent
    target = (base / href.lstrip("/")).resolve()
    assert target == html_file(built_site, other, path).parent.resolve()


def test_every_language_has_its_own_404(built_site):
    assert soup(built_site / "404.html").html["lang"] == "ja"
    assert soup(built_site / "zh" / "404.html").html["lang"] == "zh"


def test_every_page_is_noindex(built_site):
    for file in built_site.rglob("*.html"):
        robots = soup(file).select_one('meta[name="robots"]')
        assert robots is not None and "noindex" in robots["content"], file
