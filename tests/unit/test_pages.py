"""Pages as data names them: language-neutral paths and titles."""

from kb.pages import nav_order, page_path, page_paths, page_title, without_language


def test_page_path():
    assert page_path("playbooks/after-hours-contact.md") == "playbooks/after-hours-contact"
    assert page_path("playbooks/index.md") == "playbooks"
    assert page_path("index.md") == ""
    assert without_language("zh/playbooks/x.md") == "playbooks/x.md"
    assert without_language("assets/x.md") == "assets/x.md"


def test_page_paths_cover_both_languages_without_the_home_page(tmp_path):
    for relative in ("ja/index.md", "ja/onboarding.md", "zh/only-zh.md", "ja/playbooks/a.md", "zh/playbooks/a.md"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("# x\n", encoding="utf-8")
    assert page_paths(tmp_path) == {"onboarding", "only-zh", "playbooks/a"}


def test_page_title_from_front_matter_or_first_heading():
    assert page_title("---\ntitle: 題名\nowner: x\n---\n\n# 見出し\n") == "題名"
    assert page_title("---\nowner: x\n---\n\n# 見出し {#top}\n") == "見出し"
    assert page_title("---\ntitle: [broken\n---\n# 見出し\n") == "見出し"
    assert page_title("---\nreviewed: 2026-13-01\n---\n") is None
    assert page_title("no heading") is None


def test_nav_order():
    nav = ["index.md", {"プレイブック": ["playbooks/a.md", {"B": "playbooks/b.md"}]}, {"外部": "https://example.org/"}]
    assert nav_order(nav) == ["", "playbooks/a", "playbooks/b"]
    assert nav_order(None) == []
