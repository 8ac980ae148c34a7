"""The pieces that keep the hooks fast and their output one line per mistake."""

import pytest

from kb.errors import KbError, ReportOnce
from kb.shortcodes import Html, HtmlBlocks, expand
from kb.yaml_source import parse_yaml, quick_load


def test_each_error_line_is_shown_once_per_build():
    once, build, next_build = ReportOnce(), object(), object()
    assert once.first_time(build, "docs/ja/a.md:1: bad")
    assert not once.first_time(build, "docs/ja/a.md:1: bad")
    assert once.first_time(build, "docs/ja/b.md:1: bad")
    assert once.first_time(next_build, "docs/ja/a.md:1: bad")  # `mkdocs serve` shows it again after an edit


def test_html_blocks_skip_markdown_and_come_back_in_place():
    blocks = HtmlBlocks()
    handlers = {"box": lambda args: Html(f'\n<div class="box">{args}</div>\n'), "text": lambda args: f"*{args}*"}
    markdown = expand("A\n\n<!-- md:box one -->\n\n<!-- md:text two -->\n", handlers, "docs/ja/x.md", blocks=blocks)
    assert '<div class="box">' not in markdown  # Markdown never sees the finished HTML
    assert "*two*" in markdown  # plain handler output is still Markdown
    html = "<p>A</p>\n" + markdown.split("\n\n")[1].strip() + "\n<p><em>two</em></p>"
    assert blocks.restore(html) == '<p>A</p>\n<div class="box">one</div>\n<p><em>two</em></p>'


def test_without_blocks_html_is_inlined_as_before():
    assert expand("<!-- md:box x -->", {"box": lambda args: Html("<b>x</b>")}, "docs/ja/x.md") == "<b>x</b>"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("a: {b: 1\n", "x.yml:2: YAML syntax error: expected ',' or '}', but got '<stream end>'"),
        ("a:\n\tb: 1\n", "x.yml:2: YAML syntax error: found character '\\t' that cannot start any token"),
        ("a: \x07\n", "x.yml:1: character U+0007 is not allowed in YAML: remove it"),
    ],
)
def test_yaml_errors_keep_the_pure_python_wording(text, expected):
    with pytest.raises(KbError) as error:
        parse_yaml(text, "x.yml")
    assert str(error.value) == expected


def test_deep_nesting_is_an_error_line_not_a_crash():
    # libyaml would overflow the C stack here; such text goes to the pure-Python parser.
    with pytest.raises(KbError) as error:
        parse_yaml("a: " + "[" * 60_000 + "]" * 60_000, "x.yml")
    assert str(error.value) == "x.yml:1: YAML is nested too deeply"
    assert quick_load("a: [[1]]") == {"a": [[1]]}


def test_lines_are_the_same_with_either_parser():
    data, lines = parse_yaml("id: demo\nitems:\n  - id: first\n    text: {ja: 一, zh: 一}\n", "x.yml", first_line=1)
    assert data["items"][0]["text"]["zh"] == "一"
    assert lines[("items", 0, "text", "zh")] == 4


def test_missing_anchors_are_reported_per_link_and_pages_missing_in_a_language_are_skipped():
    from kb.checklists import AnchorUse, missing_anchors
    from kb.pages import html_ids

    ids = {"guide": html_ids('<h2 id="steps">手順</h2><div class="kb-checklist" id="checklist-demo">')}
    uses = [
        AnchorUse("data/checklists/a.yml", 7, "guide", "steps"),
        AnchorUse("data/checklists/a.yml", 9, "guide", "nope"),
        AnchorUse("data/checklists/a.yml", 11, "glossary", "terms"),
    ]
    assert [str(error) for error in missing_anchors(uses, ids)] == ["data/checklists/a.yml:9: link: page 'guide' has no anchor '#nope'"]
