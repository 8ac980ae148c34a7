"""Translation freshness, review dates and stamping: pure functions on page text and small page trees."""

import datetime

import pytest

from kb.errors import KbError
from kb.front_matter import check_front_matter
from kb.translation_cli import main, report
from kb.translations import (
    MISSING,
    OUTDATED,
    UP_TO_DATE,
    add_months,
    content_hash,
    is_overdue,
    render_missing_notice,
    render_outdated_notice,
    render_page_info,
    render_status,
    review_due,
    scan,
    stamped,
)

PAGE = "---\ntitle: {title}\ndescription: d\nowner: {owner}\nreviewed: {reviewed}\n{extra}---\n\n# {title}\n\n{body}\n"


def page(title="T", owner="担当者", reviewed="2026-11-01", extra="", body="本文です。"):
    return PAGE.format(title=title, owner=owner, reviewed=reviewed, extra=extra, body=body)


def write(docs, language, name, text):
    file = docs / language / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


# ------------------------------------------------------------------ hashing


def test_hash_covers_the_body_not_the_front_matter():
    assert content_hash(page(reviewed="2026-01-01", owner="a")) == content_hash(page(reviewed="2027-05-05", owner="b"))
    assert content_hash(page(body="本文です。")) != content_hash(page(body="本文を直しました。"))


def test_hash_ignores_line_endings_and_trailing_spaces():
    text = page(body="一行目\n二行目")
    assert content_hash(text) == content_hash(text.replace("\n", "\r\n"))
    assert content_hash(text) == content_hash(text.replace("一行目\n", "一行目  \n") + "\n\n")


def test_hash_is_a_short_hex_prefix():
    assert len(content_hash(page())) == 12
    assert int(content_hash(page()), 16) >= 0


# ------------------------------------------------------------------ review dates


@pytest.mark.parametrize(
    "day,months,expected",
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2026-11-22", 12, "2027-11-22"),
        ("2026-11-22", 3, "2027-02-22"),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(datetime.date.fromisoformat(day), months) == datetime.date.fromisoformat(expected)


def test_review_is_due_after_twelve_months_unless_the_page_says_otherwise():
    reviewed = datetime.date(2025, 6, 1)
    assert review_due(reviewed, None) == datetime.date(2026, 6, 1)
    assert review_due(reviewed, 6) == datetime.date(2025, 12, 1)
    assert not is_overdue(reviewed, None, datetime.date(2026, 6, 1))
    assert is_overdue(reviewed, None, datetime.date(2026, 6, 2))
    assert is_overdue(reviewed, 6, datetime.date(2026, 1, 1))


# ------------------------------------------------------------------ freshness of page pairs


@pytest.fixture
def docs(tmp_path):
    """Fixture pairs: unchanged source, changed source, missing translation, zh as the source, no stamp."""
    docs = tmp_path / "docs"
    source = page(title="原文", body="変わらない本文。")
    write(docs, "ja", "same.md", source)
    write(docs, "zh", "same.md", page(title="译文", extra=f'translation: {{source: ja, source_hash: "{content_hash(source)}"}}\n'))
    old_source = page(title="原文", body="古い本文。")
    write(docs, "ja", "changed.md", page(title="原文", body="新しい本文。"))
    write(docs, "zh", "changed.md", page(title="译文", extra=f'translation: {{source: ja, source_hash: "{content_hash(old_source)}"}}\n'))
    write(docs, "ja", "only-ja.md", page(title="日本語だけ"))
    zh_source = page(title="中文原文", body="中文正文。")
    write(docs, "zh", "from-zh.md", zh_source)
    write(docs, "ja", "from-zh.md", page(title="訳", extra=f'translation: {{source: zh, source_hash: "{content_hash(zh_source)}"}}\n'))
    write(docs, "ja", "unstamped.md", page(title="原文"))
    write(docs, "zh", "unstamped.md", page(title="译文"))
    return docs


def states(docs):
    return {pair.path: (pair.source_language, pair.state("ja"), pair.state("zh")) for pair in scan(docs)}


def test_states_of_fixture_pairs(docs):
    assert states(docs) == {
        "same": ("ja", UP_TO_DATE, UP_TO_DATE),
        "changed": ("ja", UP_TO_DATE, OUTDATED),
        "only-ja": ("ja", UP_TO_DATE, MISSING),
        "from-zh": ("zh", UP_TO_DATE, UP_TO_DATE),
        "unstamped": ("ja", UP_TO_DATE, OUTDATED),
    }


def test_editing_only_the_review_date_of_the_source_keeps_translations_fresh(docs):
    file = docs / "ja" / "same.md"
    file.write_text(file.read_text(encoding="utf-8").replace("reviewed: 2026-11-01", "reviewed: 2026-12-01"), encoding="utf-8")
    assert states(docs)["same"] == ("ja", UP_TO_DATE, UP_TO_DATE)


def test_a_changed_zh_source_makes_the_ja_translation_outdated(docs):
    file = docs / "zh" / "from-zh.md"
    file.write_text(file.read_text(encoding="utf-8").replace("中文正文。", "改过的中文正文。"), encoding="utf-8")
    assert states(docs)["from-zh"] == ("zh", OUTDATED, UP_TO_DATE)


# ------------------------------------------------------------------ stamping and the command


def test_stamping_adds_or_replaces_only_the_translation_entry():
    text = page(extra="search:\n  exclude: true\n")
    once = stamped(text, "ja", "0123456789ab")
    assert 'translation: {source: ja, source_hash: "0123456789ab"}\n---\n' in once
    assert "search:\n  exclude: true\n" in once
    twice = stamped(once.replace("source_hash: 0123456789ab}", "source_hash: 0123456789ab}"), "ja", "ba9876543210")
    assert twice.count("translation:") == 1 and "ba9876543210" in twice
    block = stamped(page(extra="translation:\n  source: ja\n  source_hash: 0123456789ab\nhide: [toc]\n"), "ja", "ffffffffffff")
    assert 'translation: {source: ja, source_hash: "ffffffffffff"}\nhide: [toc]\n' in block
    assert block.split("---\n", 2)[2] == page().split("---\n", 2)[2]


def test_stamped_front_matter_is_valid_even_for_a_hash_of_digits_only():
    check_front_matter(stamped(page(), "ja", "0123456789ab"), "docs/zh/x.md", "zh")
    digits = stamped(page(), "ja", "012345678901")
    assert check_front_matter(digits, "docs/zh/x.md", "zh").translation.source_hash == "012345678901"
    with pytest.raises(KbError, match=r"docs/zh/x.md:6: translation.source_hash: write the hash in quotes"):
        check_front_matter(digits.replace('"012345678901"', "12345678901"), "docs/zh/x.md", "zh")
    with pytest.raises(KbError, match="this page is itself in 'ja'"):
        check_front_matter(stamped(page(), "ja", "0123456789ab"), "docs/ja/x.md", "ja")


def test_the_command_lists_outdated_and_missing_translations(docs, capsys):
    assert main(["--docs", str(docs)], root=docs.parent) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("outdated  docs/zh/changed.md: source docs/ja/changed.md changed on ") for line in out)
    assert "missing   only-ja in 'zh': only docs/ja/only-ja.md exists" in out
    assert any(line.startswith("outdated  docs/zh/unstamped.md") for line in out)
    assert not any("same.md" in line or "from-zh" in line for line in out)


def test_the_command_stamps_a_reviewed_translation(docs, capsys):
    assert main(["--docs", str(docs), "--stamp", str(docs / "zh" / "changed.md")], root=docs.parent) == 0
    assert "stamped" in capsys.readouterr().out
    assert states(docs)["changed"] == ("ja", UP_TO_DATE, UP_TO_DATE)
    assert main(["--docs", str(docs), "--stamp", str(docs / "ja" / "from-zh.md")], root=docs.parent) == 0
    assert "source: zh" in (docs / "ja" / "from-zh.md").read_text(encoding="utf-8")


def test_stamp_all_leaves_nothing_outdated(docs, capsys):
    assert main(["--docs", str(docs), "--stamp-all"], root=docs.parent) == 0
    assert {pair.path: pair.state("zh") for pair in scan(docs)}["unstamped"] == UP_TO_DATE
    assert [s for s in states(docs).values() if OUTDATED in s] == []
    assert report(scan(docs), docs.parent, datetime.date(2026, 12, 1)) == ["missing   only-ja in 'zh': only docs/ja/only-ja.md exists"]


def test_stamping_a_page_without_a_source_fails_with_one_line(docs, capsys):
    assert main(["--docs", str(docs), "--stamp", str(docs / "ja" / "only-ja.md")], root=docs.parent) == 2
    assert "no source page to stamp against" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["elsewhere.md", "docs/en/x.md", "docs/zh/notes.txt"])
def test_stamping_something_that_is_not_a_page_fails_with_one_line(docs, capsys, where):
    file = docs.parent / where
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("x", encoding="utf-8")
    assert main(["--docs", str(docs), "--stamp", str(file)], root=docs.parent) == 2
    assert capsys.readouterr().err.strip().endswith(("not a page under docs/<language>/", "no such page"))


def test_overdue_reviews_are_listed(docs):
    lines = report(scan(docs), docs.parent, datetime.date(2028, 1, 1))
    assert "overdue   docs/ja/same.md: reviewed 2026-11-01, review was due 2027-11-01" in lines


# ------------------------------------------------------------------ rendering


def test_notices_are_in_the_language_of_the_page():
    ja = render_outdated_notice("ja", "zh", datetime.date(2026, 12, 1), "../../zh/x/")
    zh = render_outdated_notice("zh", "ja", datetime.date(2026, 12, 1), "../../x/")
    assert "この翻訳は古くなっている可能性があります。" in ja and "2026年12月1日" in ja and "中国語の原文を見る" in ja
    assert "本译文可能已经过时。" in zh and "原文（日语）已于2026年12月1日更新。" in zh and 'hreflang="ja"' in zh
    assert "本页尚未翻译成中文。" in render_missing_notice("zh", "ja")
    assert "まだ日本語に翻訳されていません" in render_missing_notice("ja", "zh")


def test_page_info_is_localised_and_escaped():
    html = render_page_info("zh", "<b>主管</b>", datetime.date(2026, 11, 22), datetime.date(2026, 12, 1))
    assert "负责人：" in html and "最近审核：" in html and "最近更新：" in html
    assert "&lt;b&gt;主管&lt;/b&gt;" in html and "<b>" not in html
    assert '<time datetime="2026-12-01">2026年12月1日</time>' in html
    assert "担当：" in render_page_info("ja", "責任者", None, None)


def test_status_table_lists_every_pair_with_state_and_review_due(docs):
    html = render_status(scan(docs), "zh", datetime.date(2028, 1, 1), lambda path: f"../{path}/")
    assert '<tr data-page="changed">' in html
    assert '<td data-lang="zh" data-state="outdated">需更新</td>' in html
    assert '<td data-lang="zh" data-state="missing">未翻译</td>' in html
    assert '<td data-lang="ja" data-state="source">原文</td>' in html
    assert "已过审核期限" in html
    assert "共5个页面：译文已同步2个，需更新2个，未翻译1个，已过审核期限5个" in html
