"""MkDocs' link warnings get the line of the link (hooks/link_lines.py)."""

from kb.link_lines import link_line, warned_link, with_position

PAGE = """---
title: 例
---

# 例

本文。[手順](guide.md#steps) と [別の手順][ref]。

[ref]: other.md
<a href="#top">上へ</a>
"""


def test_the_page_and_link_of_each_mkdocs_link_warning():
    assert warned_link("Doc file 'ja/index.md' contains a link 'guide.md#steps', but the doc 'ja/guide.md' does not contain") == (
        "ja/index.md",
        "guide.md#steps",
    )
    assert warned_link("Doc file 'zh/a.md' contains an absolute link '/x/', it was left as is.") == ("zh/a.md", "/x/")
    assert warned_link("Doc file 'ja/a.md' contains an unrecognized relative link 'x/', it was left as is.") == ("ja/a.md", "x/")
    assert warned_link("Doc file 'ja/a.md' contains a link to 'b.md' which is excluded from the built site.") == ("ja/a.md", "b.md")
    assert warned_link("Building documentation to directory: site") is None


def test_the_line_that_writes_the_link():
    assert link_line(PAGE, "guide.md#steps") == 7
    assert link_line(PAGE, "other.md") == 9
    assert link_line(PAGE, "#top") == 10
    assert link_line(PAGE, "missing.md") is None


def test_the_message_keeps_mkdocs_words_after_the_position():
    assert with_position("Doc file 'ja/a.md' contains ...", "docs/ja/a.md", 7) == "docs/ja/a.md:7: Doc file 'ja/a.md' contains ..."
    assert with_position("Doc file 'ja/a.md' contains ...", "docs/ja/a.md", None) == "docs/ja/a.md: Doc file 'ja/a.md' contains ..."
