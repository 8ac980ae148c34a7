"""Search glue: the synonym file, what is indexed, the settings the browser loads."""

import json

import pytest

from helpers import ROOT
from kb.errors import KbError
from kb.pagefind_service import PagefindError, PagefindService
from kb.search import (
    PAGEFIND_CONFIG,
    SEPARATOR,
    WARM_UP_PAGES,
    boost,
    index_labels,
    indexed_document,
    is_excluded,
    load_synonyms,
    normalize,
    pagefind_url,
    search_settings,
    site_bundle,
)


def test_normalize_folds_width_and_case():
    assert normalize(" ＦＡＸ ") == "fax"
    assert normalize("ｸﾚｰﾑ") == "クレーム"
    assert normalize("１９時") == "19時"


def test_the_site_synonym_file_loads_and_is_normalised():
    synonyms = load_synonyms(ROOT / "data" / "search-synonyms.yml", "data/search-synonyms.yml")
    assert ["クレーム", "苦情", "文句"] in synonyms["ja"]
    assert any("客诉" in group and "投诉" in group for group in synonyms["zh"])
    assert all(term == normalize(term) for groups in synonyms.values() for group in groups for term in group)


def test_a_missing_synonym_file_means_no_synonyms(tmp_path):
    assert load_synonyms(tmp_path / "none.yml", "none.yml") == {"ja": [], "zh": []}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ja:\n  - [クレーム, 苦情]\n  - [苦情, 文句]\n", "x.yml:3: ja: '苦情' is already in group 1: merge the two groups"),
        ("ja:\n  - [ＦＡＸ, fax]\n", "x.yml:2: ja[0]: 'fax' is listed twice in the same group"),
        ("zh:\n  - [投诉]\n", "x.yml:2: zh[0]: a synonym group needs at least two terms"),
        ("zh:\n  - [投诉, 1]\n", "x.yml:2: zh[0][1]: Input should be a valid string"),
        ("- [a, b]\n", "x.yml:1: the synonym file must be a mapping"),
        ("ja: [[クレーム, '  ']]\n", "x.yml:1: ja[0][1]: text is empty"),
    ],
)
def test_bad_synonym_files_name_file_and_line(tmp_path, text, expected):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KbError) as error:
        load_synonyms(path, "x.yml")
    assert str(error.value).startswith(expected)


def test_pages_are_indexed_unless_excluded():
    assert indexed_document("<h1>題名</h1>", "題名", "ja", excluded=True) is None
    assert "<article data-pagefind-body><h1>" in indexed_document("<h1>題名</h1>", "題名", "ja", excluded=False)
    assert '<article data-pagefind-body data-pagefind-meta="boost:0.5">' in indexed_document("<p>本文</p>", "題名", "ja", False, 0.5)
    assert is_excluded({"search": {"exclude": True}})
    assert not is_excluded({"search": {"boost": 2}}) and not is_excluded({})


def test_boost_reads_material_front_matter():
    assert boost({"search": {"boost": 0.5}}) == 0.5
    assert boost({"search": {"boost": 2}}) == 2.0
    assert boost({}) == boost({"search": {"boost": "high"}}) == boost({"search": {"boost": True}}) == 1.0


def test_settings_replace_the_full_index():
    settings = search_settings(["ja", "zh"], {"ja": [["クレーム", "苦情"]], "zh": []})
    assert settings["docs"] == []
    assert settings["config"]["separator"] == SEPARATOR
    assert settings["config"]["synonyms"] == {"ja": [["クレーム", "苦情"]], "zh": []}
    assert len(json.dumps(settings)) < 1000


def test_pagefind_skips_what_is_not_content():
    assert ".headerlink" in PAGEFIND_CONFIG["exclude_selectors"]


def test_pagefind_reads_the_article_as_the_theme_lays_it_out_in_its_language():
    document = indexed_document('<h1 id="a">回电</h1>\n<p>正文</p>', "回电", "zh", excluded=False)
    article = '<article data-pagefind-body><h1 id="a">回电</h1>\n<p>正文</p></article>'
    assert document == f'<!doctype html><html lang="zh"><body>{article}</body></html>'
    # Material adds a heading with the page title when the content has none (partials/content.html).
    assert "<article data-pagefind-body><h1>A &amp; B</h1><p>正文</p></article>" in indexed_document("<p>正文</p>", "A & B", "zh", False)


def test_pagefind_urls_start_at_the_site_root():
    assert pagefind_url("") == "/"
    assert pagefind_url("zh/playbooks/missed-calls/") == "/zh/playbooks/missed-calls/"


def test_the_pagefind_service_indexes_pages_as_they_come_and_leaves_out_its_warm_up(tmp_path):
    from pagefind_bin_extended import get_executable

    service = PagefindService(str(get_executable()), PAGEFIND_CONFIG, ["ja", "zh"])
    service.warm_up(WARM_UP_PAGES)  # a Japanese and a Chinese page in an index that is never written
    pages = {
        service.add_page(
            "/", '<html lang="ja"><body><article data-pagefind-body><h1>折り返し電話</h1></article></body></html>', "ja"
        ): "docs/ja/index.md",
    }
    service.finish("ja")  # the Japanese part is built while the Chinese pages still come
    pages[service.add_page("/zh/", '<html lang="zh"><body><article data-pagefind-body><h1>回电</h1></article></body></html>', "zh")] = (
        "docs/zh/index.md"
    )
    japanese = service.part("ja")
    chinese = service.part("zh")
    assert service.problems(pages) == []
    service.stop_in_background()
    assert not any(path.startswith("fragment/zh_") for path in japanese)
    files = site_bundle([japanese, chinese])
    entry = json.loads(files["pagefind-entry.json"])
    assert {language: value["page_count"] for language, value in entry["languages"].items()} == {"ja": 1, "zh": 1}
    assert "pagefind.js" in files and "pagefind-ui.js" not in files
    assert any(path.startswith("fragment/ja_") for path in files) and any(path.startswith("fragment/zh_") for path in files)


def test_a_page_goes_to_the_index_of_its_own_language_while_it_is_open():
    from pagefind_bin_extended import get_executable

    service = PagefindService(str(get_executable()), PAGEFIND_CONFIG, ["ja"])
    try:
        with pytest.raises(PagefindError, match="no search index for the language 'zh'"):
            service.add_page("/zh/", "<html></html>", "zh")
        service.finish("ja")
        with pytest.raises(PagefindError, match="already finished"):
            service.add_page("/", "<html></html>", "ja")
    finally:
        service.close()


def test_the_site_serves_one_bundle_without_pagefinds_ui_and_with_one_stable_entry():
    japanese = {"pagefind.js": b"engine", "pagefind-ui.js": b"ui", "fragment/ja_1.pf_fragment": b"1"}
    japanese["pagefind-entry.json"] = b'{"version": "1", "languages": {"ja": {"page_count": 1}}}'
    chinese = {"pagefind.js": b"engine", "fragment/zh_2.pf_fragment": b"2"}
    chinese["pagefind-entry.json"] = b'{"version": "1", "languages": {"zh": {"page_count": 2}}}'
    assert site_bundle([chinese, japanese]) == {
        "pagefind.js": b"engine",
        "fragment/ja_1.pf_fragment": b"1",
        "fragment/zh_2.pf_fragment": b"2",
        "pagefind-entry.json": b'{"languages":{"ja":{"page_count":1},"zh":{"page_count":2}},"version":"1"}',
    }


def test_a_stopped_pagefind_service_is_an_error_not_a_hang(tmp_path):
    from pagefind_bin_extended import get_executable

    service = PagefindService(str(get_executable()), PAGEFIND_CONFIG, ["ja"])
    service.close()
    with pytest.raises(PagefindError):
        service.add_page("/", "<html></html>", "ja")


def test_a_part_awaited_when_the_service_is_closed_is_an_error_not_a_hang():
    from pagefind_bin_extended import get_executable

    service = PagefindService(str(get_executable()), PAGEFIND_CONFIG, ["ja"])
    service.finish("ja")
    service.close()  # as `mkdocs serve` does when a build fails while the bundle's writer thread waits
    with pytest.raises(PagefindError, match="stopped"):
        service.part("ja", timeout=5)


def test_labels_become_indexable():
    html = '<input id="a"><label for="a">同僚が<b>すでに</b>折り返していない &amp; &#34;確認&#34;</label><label for="b"><svg></svg></label>'
    marked = index_labels(html)
    assert (
        '<label for="a" data-pagefind-index-attrs="data-search-text" '
        'data-search-text="同僚が すでに 折り返していない &amp; &#34;確認&#34;">'
    ) in marked
    assert marked.endswith('<label for="b"><svg></svg></label>')  # no text, nothing to index
    assert index_labels(marked) == marked
