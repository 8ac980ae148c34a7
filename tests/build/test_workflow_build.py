"""Contributor workflow in real builds: translation notices, status page, edit links, reviews, URL contract.

A fixture site holds page pairs in every state: up to date, outdated (source
changed after the stamp), missing in zh (built from ja by static-i18n's
fallback), missing in ja (static-i18n falls back to the default language only;
hooks/translations.py builds the zh page on the ja side too).
"""

import re

import pytest
from bs4 import BeautifulSoup

from helpers import build_fixture_site, html_file, indexed_pages, make_project
from kb.published_urls import Manifest, broken_promises, current_entries, read_site
from kb.translations import content_hash

PAGE = "---\ntitle: {title}\ndescription: 説明\nowner: {owner}\nreviewed: {reviewed}\n{extra}---\n\n# {title}\n\n{body}\n"
EDIT = "https://github.com/example-org/cs-knowledge-base/edit/main/docs/"
PLAYBOOK_JA = "## 手順 {#steps}\n\n手順です。\n\n## 言い回し {#phrases}\n\n言い回しです。\n"
PLAYBOOK_ZH = "## 步骤 {#steps}\n\n步骤。\n\n## 话术 {#phrases}\n\n话术。\n"


def write(project, language, name, title, body="本文です。", extra="", reviewed="2026-11-01", owner="責任者"):
    file = project / "docs" / language / name
    file.parent.mkdir(parents=True, exist_ok=True)
    text = PAGE.format(title=title, owner=owner, reviewed=reviewed, extra=extra, body=body)
    file.write_text(text, encoding="utf-8")
    return text


def stamp_for(source_text, language="ja"):
    return f'translation: {{source: {language}, source_hash: "{content_hash(source_text)}"}}\n'


def make_workflow_site(folder):
    project = make_project(folder)
    for name, ja_title, zh_title, ja_body, zh_body in [
        ("index.md", "ホーム", "首页", "ホームです。", "首页。"),
        ("same.md", "同じ", "相同", "変わらない本文。", "不变的正文。"),
        ("playbooks/demo.md", "デモ", "演示", PLAYBOOK_JA, PLAYBOOK_ZH),
    ]:
        source = write(project, "ja", name, ja_title, ja_body)
        write(project, "zh", name, zh_title, zh_body, extra=stamp_for(source), owner="主管")
    old = PAGE.format(title="変更", owner="責任者", reviewed="2026-11-01", extra="", body="古い本文。")
    write(project, "ja", "changed.md", "変更", "新しい本文。")
    write(project, "zh", "changed.md", "已更改", "译文。", extra=stamp_for(old), owner="主管")
    old_zh = PAGE.format(title="中文原文", owner="主管", reviewed="2026-11-01", extra="", body="旧的中文正文。")
    write(project, "zh", "from-zh.md", "中文原文", "新的中文正文。", owner="主管")
    write(project, "ja", "from-zh.md", "中国語が原文", "訳文です。", extra=stamp_for(old_zh, "zh"))
    write(project, "ja", "only-ja.md", "日本語だけ", "日本語だけの本文。")
    write(project, "zh", "only-zh.md", "只有中文", "只有中文的正文。", owner="主管")
    source = write(project, "ja", "overdue.md", "期限切れ", "本文。", reviewed="2020-01-01", extra="review_interval_months: 6\n")
    write(project, "zh", "overdue.md", "过期", "正文。", extra=stamp_for(source), owner="主管")
    for language, title in (("ja", "翻訳の状態"), ("zh", "翻译状态")):
        write(project, language, "translation-status.md", title, "<!-- md:translation-status -->", extra="search:\n  exclude: true\n")
    return project


def soup(site, language, path):
    return BeautifulSoup(html_file(site, language, path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_workflow_site(tmp_path_factory.mktemp("workflow") / "project")
    result = build_fixture_site(project)
    assert result.returncode == 0, result.stdout
    return project, project / "site", result.stdout


def test_the_fixture_builds_strict_with_reminders_as_info_lines(built):
    _, _, log = built
    assert "WARNING" not in log and "Traceback" not in log
    assert re.search(r"INFO +- +docs/ja/overdue\.md: overdue review: last reviewed 2020-01-01, due 2020-07-01 \(every 6 months\)", log)
    assert "INFO    -  docs/zh/only-zh.md: not yet translated: built from the 'zh' page at /only-zh/ too" in log
    assert "docs/ja/same.md: overdue" not in log


def notice(site, language, path):
    return soup(site, language, path).select_one("article .kb-translation-notice")


def test_an_outdated_translation_says_so_in_its_language_with_a_link_to_the_source(built):
    _, site, _ = built
    box = notice(site, "zh", "changed/")
    assert box["data-kb-notice"] == "outdated"
    assert box.select_one(".admonition-title").get_text() == "本译文可能已经过时。"
    assert re.fullmatch(r"原文（日语）已于\d{4}年\d{1,2}月\d{1,2}日更新。查看日语原文", box.get_text("", strip=True).split("。", 1)[1])
    link = box.select_one("a")
    assert link["hreflang"] == "ja"
    assert (html_file(site, "zh", "changed/").parent / link["href"]).resolve() == (site / "changed").resolve()


def test_an_outdated_japanese_translation_of_a_chinese_page_says_so_in_japanese(built):
    _, site, _ = built
    box = notice(site, "ja", "from-zh/")
    assert box.select_one(".admonition-title").get_text() == "この翻訳は古くなっている可能性があります。"
    assert "翻訳元の中国語ページが" in box.get_text() and box.select_one("a").get_text() == "中国語の原文を見る"
    assert (html_file(site, "ja", "from-zh/").parent / box.select_one("a")["href"]).resolve() == (site / "zh" / "from-zh").resolve()
    assert notice(site, "zh", "from-zh/") is None


@pytest.mark.parametrize(
    "language,path", [("zh", "same/"), ("zh", "overdue/"), ("ja", "changed/"), ("ja", "same/"), ("ja", "only-ja/"), ("zh", "only-zh/")]
)
def test_fresh_translations_and_sources_have_no_notice(built, language, path):
    assert notice(built[1], language, path) is None


def test_a_missing_translation_falls_back_with_a_notice_in_the_language_of_the_site(built):
    _, site, _ = built
    document = soup(site, "zh", "only-ja/")
    assert document.html["lang"] == "zh"
    box = document.select_one("article .kb-translation-notice")
    assert box["data-kb-notice"] == "missing"
    assert box.get_text(" ", strip=True) == "本页尚未翻译成中文。 以下为日语原文。"
    assert document.select_one('article div[lang="ja"]').get_text(strip=True).startswith("日本語だけ")


@pytest.mark.parametrize(
    "language,path,file",
    [("zh", "only-ja/", "ja/only-ja.md"), ("ja", "only-zh/", "zh/only-zh.md")],
)
def test_a_page_missing_in_one_language_is_built_from_the_other_with_switchers_both_ways(built, language, path, file):
    _, site, _ = built
    other = "ja" if language == "zh" else "zh"
    document = soup(site, language, path)
    assert document.html["lang"] == language
    assert document.select_one("article .kb-translation-notice")["data-kb-notice"] == "missing"
    assert document.select_one(f'article div[lang="{other}"]') is not None
    assert document.select_one("a[rel=edit]")["href"] == EDIT + file
    for here, there in ((language, other), (other, language)):
        switch = soup(site, here, path).select_one(f'a.md-select__link[hreflang="{there}"]')
        assert (html_file(site, here, path).parent / switch["href"]).resolve() == html_file(site, there, path).parent.resolve()


def test_the_japanese_notice_for_a_page_only_in_chinese(built):
    box = notice(built[1], "ja", "only-zh/")
    assert box.get_text(" ", strip=True) == "このページはまだ日本語に翻訳されていません。 以下は中国語の原文です。"


def status_rows(site, language):
    table = soup(site, language, "translation-status/").select_one("table.kb-translation-status")
    return {
        row["data-page"]: {cell["data-lang"]: cell["data-state"] for cell in row.select("td[data-lang]")}
        for row in table.select("tbody tr")
    }


def test_status_page_lists_every_pair_with_its_state(built):
    _, site, _ = built
    expected = {
        "index": {"ja": "source", "zh": "up-to-date"},
        "same": {"ja": "source", "zh": "up-to-date"},
        "playbooks/demo": {"ja": "source", "zh": "up-to-date"},
        "changed": {"ja": "source", "zh": "outdated"},
        "from-zh": {"ja": "outdated", "zh": "source"},
        "only-ja": {"ja": "source", "zh": "missing"},
        "only-zh": {"ja": "missing", "zh": "source"},
        "overdue": {"ja": "source", "zh": "up-to-date"},
        "translation-status": {"ja": "source", "zh": "outdated"},
    }
    assert status_rows(site, "ja") == expected
    assert status_rows(site, "zh") == expected


def test_status_page_is_localised_and_shows_owner_review_and_due_date(built):
    _, site, _ = built
    ja, zh = soup(site, "ja", "translation-status/"), soup(site, "zh", "translation-status/")
    assert [th.get_text() for th in ja.select("thead th")] == ["ページ", "原文", "日本語", "中国語", "担当", "最終確認日", "次回確認期限"]
    assert [th.get_text() for th in zh.select("thead th")] == ["页面", "原文", "日语", "中文", "负责人", "最近审核", "下次审核期限"]
    row = ja.select_one('tr[data-page="overdue"]')
    assert [td.get_text() for td in row.select("td")][3:] == ["責任者", "2020年1月1日", "2020年7月1日（確認期限切れ）"]
    assert zh.select_one('tr[data-page="same"] td[data-overdue]')["data-overdue"] == "no"
    assert "共9个页面" in zh.select_one(".kb-status-summary").get_text()


def test_status_page_is_excluded_from_search(built):
    _, site, _ = built
    indexed = indexed_pages(site)
    assert "/translation-status/" not in indexed and "/zh/translation-status/" not in indexed
    assert "/same/" in indexed and "/zh/same/" in indexed


def test_translation_notices_are_not_searchable(built):
    # Staff searching "翻訳" or "原文" want pages about it, not every page that happens to carry a notice.
    _, site, _ = built
    indexed = indexed_pages(site)
    assert "本译文可能已经过时" not in indexed["/zh/changed/"]["text"]
    assert "译文" in indexed["/zh/changed/"]["text"]
    assert "本页尚未翻译成中文" not in indexed["/zh/only-ja/"]["text"]
    assert "日本語だけの本文" in indexed["/zh/only-ja/"]["text"]


@pytest.mark.parametrize(
    "language,path,file",
    [
        ("ja", "same/", "ja/same.md"),
        ("zh", "same/", "zh/same.md"),
        ("zh", "playbooks/demo/", "zh/playbooks/demo.md"),
        ("ja", "", "ja/index.md"),
        ("zh", "", "zh/index.md"),
        ("zh", "only-ja/", "ja/only-ja.md"),
    ],
)
def test_edit_link_opens_the_file_of_that_language(built, language, path, file):
    assert soup(built[1], language, path).select_one("a[rel=edit]")["href"] == EDIT + file


def test_every_page_shows_owner_review_and_last_update_in_its_language(built):
    _, site, _ = built
    labels = {"ja": ["担当：", "最終確認日：", "最終更新："], "zh": ["负责人：", "最近审核：", "最近更新："]}
    for language, prefix in (("ja", ""), ("zh", "zh/")):
        for file in (site / prefix).glob("**/index.html") if prefix else site.glob("**/index.html"):
            if not prefix and file.is_relative_to(site / "zh"):
                continue
            facts = [
                fact.get_text() for fact in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select(".kb-page-info__fact")
            ]
            assert [fact.split("：")[0] + "：" for fact in facts] == labels[language], file


def test_url_manifest_catches_a_removed_page_and_a_removed_heading_id(tmp_path):
    project = make_workflow_site(tmp_path / "project")
    assert build_fixture_site(project, tmp_path / "before").returncode == 0
    manifest = Manifest(current_entries(read_site(tmp_path / "before")), {})
    assert manifest.pages["/zh/playbooks/demo/"] == ["steps", "phrases"]

    (project / "docs" / "ja" / "same.md").unlink()
    (project / "docs" / "zh" / "same.md").unlink()
    zh = project / "docs" / "zh" / "playbooks" / "demo.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("{#phrases}", "{#wording}"), encoding="utf-8")
    assert build_fixture_site(project, tmp_path / "after").returncode == 0
    problems = [line.split(": ")[0] for line in broken_promises(manifest, read_site(tmp_path / "after"))]
    assert problems == ["/same/", "/zh/playbooks/demo/#phrases", "/zh/same/"]

    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("redirect_maps: {}", 'redirect_maps: {"same.md": "changed.md"}'), encoding="utf-8"
    )
    assert build_fixture_site(project, tmp_path / "redirected").returncode == 0
    retired = Manifest(manifest.pages, {"/zh/playbooks/demo/#phrases": "renamed to #wording in the Chinese page"})
    assert broken_promises(retired, read_site(tmp_path / "redirected")) == []


def test_one_redirect_entry_redirects_in_both_languages(tmp_path):
    project = make_workflow_site(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("redirect_maps: {}", 'redirect_maps: {"old.md": "playbooks/demo.md#steps"}'),
        encoding="utf-8",
    )
    result = build_fixture_site(project)
    assert result.returncode == 0, result.stdout
    site = project / "site"
    for old, new, language in (("old", "playbooks/demo", "ja"), ("zh/old", "zh/playbooks/demo", "zh")):
        document = BeautifulSoup((site / old / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert document.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
        assert document.html["lang"] == language
        refresh = document.select_one('meta[http-equiv="refresh"]')
        target = refresh["content"].split("url=", 1)[1]
        assert target.endswith("/#steps")
        assert (site / old / target.split("#")[0]).resolve() == (site / new).resolve()


def test_a_page_only_in_chinese_may_be_in_an_explicit_nav(tmp_path):
    """The real site lists every page in `nav` (strict): the Japanese build must find a Chinese-only page too."""
    project = make_workflow_site(tmp_path / "project")
    pages = sorted(
        p.relative_to(project / "docs" / language).as_posix()
        for language in ("ja", "zh")
        for p in (project / "docs" / language).rglob("*.md")
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "nav:\n" + "".join(f"  - {page}\n" for page in dict.fromkeys(pages)), encoding="utf-8"
    )
    result = build_fixture_site(project)
    assert result.returncode == 0, result.stdout
    assert "WARNING" not in result.stdout
    nav = [link.get_text(strip=True) for link in soup(project / "site", "ja", "").select("nav.md-nav--primary a.md-nav__link")]
    assert "只有中文" in nav
