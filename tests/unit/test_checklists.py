"""Checklists: loading good and bad data (exact error lines), rendering, the index, shortcodes."""

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kb.catalog import embedded_ids
from kb.checklists import SitePage, checklist_handlers, load_checklist, load_checklists, render_checklist, render_index
from kb.errors import KbError
from kb.shortcodes import expand

PAGES = {"onboarding", "comparisons", "playbooks/after-hours-contact", "playbooks/complaint-handling"}

GOOD = """\
id: demo
version: 2
playbook: playbooks/after-hours-contact
title: {ja: 電話の前に, zh: 致电之前}
intro: {ja: 確認します, zh: 请确认}
items:
  - id: website
    text: {ja: Webサイトを見た, zh: 已查看网站}
    note: {ja: 営業時間も, zh: 包括营业时间}
    link:
      page: comparisons
      anchor: plans
      text: {ja: 比較表, zh: 对比表}
  - id: today
    text: {ja: 今日必要, zh: 今天需要}
"""

SECTIONS = """\
id: demo
version: 1
playbook: onboarding
title: {ja: 題, zh: 题}
sections:
  - id: before
    title: {ja: 前, zh: 前}
    items:
      - id: a
        text: {ja: あ, zh: 甲}
  - id: after
    title: {ja: 後, zh: 后}
    items:
      - id: b
        text: {ja: い, zh: 乙}
      - id: c
        text: {ja: う, zh: 丙}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "data" / "checklists" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, name: str = "demo.yml"):
    return load_checklist(write(tmp_path, name, text), f"data/checklists/{name}", PAGES)


def href(path: str) -> str | None:
    return f"../{path}/" if path in PAGES else None


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# ------------------------------------------------------------------ loading


def test_good_checklist_loads(tmp_path):
    checklist = load(tmp_path, GOOD)
    assert checklist.id == "demo" and checklist.version == 2
    assert [item.id for item in checklist.all_items()] == ["website", "today"]
    assert checklist.title("zh") == "致电之前"
    assert checklist.items[0].link.page == "comparisons"


def test_sections_keep_their_order(tmp_path):
    checklist = load(tmp_path, SECTIONS)
    assert [(section.id, [i.id for i in items]) for section, items in checklist.groups()] == [("before", ["a"]), ("after", ["b", "c"])]


HEAD = "id: demo\nversion: 1\nplaybook: onboarding\ntitle: {ja: 題, zh: 题}\n"
ITEM = "items:\n  - id: a\n    text: {ja: あ, zh: 甲}\n"

BAD = {
    "unknown key": (HEAD + "colour: red\n" + ITEM, "data/checklists/demo.yml:5: unknown key 'colour'"),
    "unknown item key": (
        HEAD + ITEM + "    hint: x\n",
        "data/checklists/demo.yml:8: items[0]: unknown key 'hint'",
    ),
    "missing language": (
        HEAD + "items:\n  - id: a\n    text: {ja: あ}\n",
        "data/checklists/demo.yml:7: items[0].text: missing required key 'zh'",
    ),
    "missing title language": (
        "id: demo\nversion: 1\nplaybook: onboarding\ntitle:\n  zh: 题\n" + ITEM,
        "data/checklists/demo.yml:5: title: missing required key 'ja'",
    ),
    "missing key": (
        "id: demo\nversion: 1\ntitle: {ja: 題, zh: 题}\n" + ITEM,
        "data/checklists/demo.yml:1: missing required key 'playbook'",
    ),
    "text not a mapping": (
        HEAD + "items:\n  - id: a\n    text: 電話した\n",
        "data/checklists/demo.yml:7: items[0].text: give the text in each language, as {ja: …, zh: …}",
    ),
    "non-string text": (
        HEAD + "items:\n  - id: a\n    text: {ja: 123, zh: 甲}\n",
        "data/checklists/demo.yml:7: items[0].text.ja: Input should be a valid string",
    ),
    "empty text": (
        HEAD + "items:\n  - id: a\n    text: {ja: '  ', zh: 甲}\n",
        "data/checklists/demo.yml:7: items[0].text.ja: text is empty",
    ),
    "id not a slug": (
        HEAD + "items:\n  - id: Call_1\n    text: {ja: あ, zh: 甲}\n",
        "data/checklists/demo.yml:6: items[0].id: 'Call_1' is not a valid id: use lower-case ASCII letters, digits and hyphens",
    ),
    "id not ASCII": (
        HEAD + "items:\n  - id: でんわ\n    text: {ja: あ, zh: 甲}\n",
        "data/checklists/demo.yml:6: items[0].id: 'でんわ' is not a valid id: use lower-case ASCII letters, digits and hyphens",
    ),
    "duplicate item id": (
        HEAD + ITEM + "  - id: b\n    text: {ja: い, zh: 乙}\n  - id: a\n    text: {ja: う, zh: 丙}\n",
        "data/checklists/demo.yml:10: duplicate item id 'a' (first used on line 6)",
    ),
    "duplicate item id across sections": (
        SECTIONS.replace("- id: c", "- id: a"),
        "data/checklists/demo.yml:16: duplicate item id 'a' (first used on line 9)",
    ),
    "duplicate section id": (
        SECTIONS.replace("- id: after", "- id: before"),
        "data/checklists/demo.yml:11: duplicate section id 'before' (first used on line 6)",
    ),
    "empty items": (HEAD + "items: []\n", "data/checklists/demo.yml:5: items: the list is empty: give at least one entry"),
    "empty section": (
        HEAD + "sections:\n  - id: s\n    title: {ja: 前, zh: 前}\n    items: []\n",
        "data/checklists/demo.yml:8: sections[0].items: the list is empty: give at least one entry",
    ),
    "items and sections": (
        HEAD + ITEM + "sections:\n  - id: s\n    title: {ja: 前, zh: 前}\n    items:\n      - id: b\n        text: {ja: い, zh: 乙}\n",
        "data/checklists/demo.yml:1: give either 'items' or 'sections' (a list of sections with their own items), not both or neither",
    ),
    "version as text": (
        HEAD.replace("version: 1", "version: '1'") + ITEM,
        "data/checklists/demo.yml:2: version: Input should be a valid integer",
    ),
    "version zero": (
        HEAD.replace("version: 1", "version: 0") + ITEM,
        "data/checklists/demo.yml:2: version: Input should be greater than or equal to 1",
    ),
    "id does not match file": (
        HEAD.replace("id: demo", "id: other") + ITEM,
        "data/checklists/demo.yml:1: id 'other' does not match the file name 'demo.yml': rename one of them",
    ),
    "unknown playbook": (
        HEAD.replace("playbook: onboarding", "playbook: playbooks/after-hour-contact") + ITEM,
        "data/checklists/demo.yml:3: playbook: unknown page 'playbooks/after-hour-contact' (did you mean playbooks/after-hours-contact?)",
    ),
    "playbook not a path": (
        HEAD.replace("playbook: onboarding", "playbook: /onboarding/") + ITEM,
        "data/checklists/demo.yml:3: playbook: '/onboarding/' is not a page path: "
        "write the page's URL path, e.g. playbooks/after-hours-contact",
    ),
    "unknown link page": (
        HEAD + ITEM + "    link:\n      page: glosary\n      text: {ja: 用語集, zh: 术语表}\n",
        "data/checklists/demo.yml:9: link: unknown page 'glosary' (no docs/<language>/glosary.md)",
    ),
    "duplicate key": (HEAD + "title: {ja: 二, zh: 二}\n" + ITEM, "data/checklists/demo.yml:5: duplicate key 'title'"),
    "YAML syntax": (
        HEAD + "items:\n  - id: a\n    text: {ja: あ, zh: 甲\n",
        "data/checklists/demo.yml:8: YAML syntax error: expected ',' or '}', but got '<stream end>'",
    ),
    "not a mapping": (
        "- id: demo\n",
        "data/checklists/demo.yml:1: a checklist file must be a mapping with id, version, playbook, title and items",
    ),
    "empty file": ("# nothing yet\n", "data/checklists/demo.yml:1: file is empty"),
    "line break in a bad id stays on one line": (
        HEAD + 'items:\n  - id: "a\\nb"\n    text: {ja: あ, zh: 甲}\n',
        "data/checklists/demo.yml:6: items[0].id: 'a\\nb' is not a valid id: use lower-case ASCII letters, digits and hyphens",
    ),
}


@pytest.mark.parametrize("text,expected", BAD.values(), ids=BAD.keys())
def test_bad_checklist_is_one_exact_error_line(tmp_path, text, expected):
    with pytest.raises(KbError) as raised:
        load(tmp_path, text)
    assert str(raised.value) == expected


def test_folder_reports_every_bad_file_and_keeps_the_good_ones(tmp_path):
    write(tmp_path, "demo.yml", GOOD)
    write(tmp_path, "broken.yml", "id: broken\nversion: 1\n")
    write(tmp_path, "notes.txt", "not data")
    catalog = load_checklists(tmp_path / "data" / "checklists", tmp_path, PAGES)
    assert list(catalog.checklists) == ["demo"]
    assert [str(e) for e in catalog.errors] == ["data/checklists/broken.yml:1: missing required key 'playbook'"]
    assert catalog.broken == {"broken"}


def test_duplicate_checklist_id_across_files(tmp_path):
    write(tmp_path, "demo.yml", GOOD)
    write(tmp_path, "demo.yaml", GOOD)
    catalog = load_checklists(tmp_path / "data" / "checklists", tmp_path, PAGES)
    assert [str(e) for e in catalog.errors] == [
        "data/checklists/demo.yml:1: duplicate checklist id 'demo' (also in data/checklists/demo.yaml)"
    ]


def test_missing_folder_is_an_empty_catalog(tmp_path):
    catalog = load_checklists(tmp_path / "data" / "checklists", tmp_path, PAGES)
    assert catalog.checklists == {} and catalog.errors == []


# ------------------------------------------------------------------ rendering


def test_rendered_checklist_is_an_accessible_task_list(tmp_path):
    html = render_checklist(load(tmp_path, GOOD), "ja", href)
    document = soup(html)
    block = document.select_one("div.kb-checklist")
    assert block["id"] == "checklist-demo" and block["data-checklist"] == "demo"
    assert document.select_one("legend").get_text() == "電話の前に"
    boxes = document.select("input[type=checkbox]")
    assert [box["data-item"] for box in boxes] == ["website", "today"]
    for box in boxes:
        label = document.select_one(f'label[for="{box["id"]}"]')
        assert label is not None and label.get_text().strip()
    assert boxes[0]["aria-describedby"] == "checklist-demo--website-note"
    note = document.select_one("#checklist-demo--website-note")
    assert note.get_text() == "営業時間も比較表"
    assert note.select_one("a")["href"] == "../comparisons/#plans"
    # The tools need JavaScript: hidden until checklists.js reveals them.
    tools = document.select_one(".kb-checklist__tools")
    assert tools.has_attr("hidden")
    assert tools.select_one("[data-kb-total]").get_text() == "2"
    assert "\n\n" not in html, "a blank line would end the raw HTML block in Markdown"


def test_rendered_in_chinese(tmp_path):
    document = soup(render_checklist(load(tmp_path, GOOD), "zh", href))
    assert document.select_one("legend").get_text() == "致电之前"
    assert [label.get_text() for label in document.select("label")] == ["已查看网站", "今天需要"]
    assert document.select_one("[data-kb-reset]").get_text() == "清除全部勾选"


def test_sections_render_as_groups(tmp_path):
    document = soup(render_checklist(load(tmp_path, SECTIONS), "ja", href))
    sections = document.select("fieldset.kb-checklist__section")
    assert [s.select_one("legend").get_text() for s in sections] == ["前", "後"]
    assert [len(s.select("input")) for s in sections] == [1, 2]


def test_data_values_are_escaped(tmp_path):
    evil = GOOD.replace("電話の前に", '"<script>alert(1)</script>"').replace("Webサイトを見た", '"<b onclick=x>&amp;</b>"')
    html = render_checklist(load(tmp_path, evil), "ja", href)
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert soup(html).select_one("legend").get_text() == "<script>alert(1)</script>"
    assert soup(html).select_one("label").get_text() == "<b onclick=x>&amp;</b>"


def test_link_to_a_page_missing_in_this_language_is_plain_text(tmp_path):
    html = render_checklist(load(tmp_path, GOOD), "ja", lambda path: None)
    assert soup(html).select_one("#checklist-demo--website-note a") is None
    assert soup(html).select_one("#checklist-demo--website-note").get_text() == "営業時間も比較表"


# ------------------------------------------------------------------ index


def test_index_groups_by_page_in_nav_order_with_links_to_embedding_pages(tmp_path):
    write(tmp_path, "demo.yml", GOOD)
    write(tmp_path, "first.yml", GOOD.replace("id: demo", "id: first").replace("playbooks/after-hours-contact", "onboarding"))
    write(tmp_path, "second.yml", GOOD.replace("id: demo", "id: second"))
    catalog = load_checklists(tmp_path / "data" / "checklists", tmp_path, PAGES)
    pages = [
        SitePage("playbooks/after-hours-contact", "時間外 *連絡*", "text\n<!-- md:checklist second -->\n<!-- md:checklist demo -->\n"),
        SitePage("onboarding", "新人研修", "<!-- md:checklist first -->\n<!-- md:checklist demo -->"),
    ]
    markdown = render_index(catalog, "ja", pages, href)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## 時間外 \\*連絡\\* {#after-hours-contact}", "## 新人研修 {#onboarding}"]
    blocks = soup(markdown).select("div.kb-checklist")
    # Within a page, in the order that page embeds them.
    assert [b["data-checklist"] for b in blocks] == ["second", "demo", "first"]
    used_on = {b["data-checklist"]: [(a.get_text(), a["href"]) for a in b.select(".kb-checklist__used-on a")] for b in blocks}
    assert used_on["demo"] == [
        ("時間外 *連絡*", "../playbooks/after-hours-contact/#checklist-demo"),
        ("新人研修", "../onboarding/#checklist-demo"),
    ]


def test_index_names_a_checklist_no_page_uses(tmp_path):
    write(tmp_path, "demo.yml", GOOD)
    catalog = load_checklists(tmp_path / "data" / "checklists", tmp_path, PAGES)
    markdown = render_index(catalog, "zh", [], href)
    assert "## playbooks/after\\-hours\\-contact {#after-hours-contact}" in markdown
    assert soup(markdown).select_one(".kb-checklist__used-on").get_text() == "所在页面：尚未放在任何页面上"


def test_index_escapes_page_titles_in_headings(tmp_path):
    write(tmp_path, "demo.yml", GOOD)
    catalog = load_checklists(tmp_path / "data" / "checklists", tmp_path, PAGES)
    markdown = render_index(catalog, "ja", [SitePage("playbooks/after-hours-contact", "<script>x</script> [a](b)", "")], href)
    assert "## &lt;script&gt;x&lt;/script&gt; \\[a\\]\\(b\\) {#after-hours-contact}" in markdown


def test_embedded_ids():
    source = "a <!-- md:checklist x --> b\n<!--md:checklist  y-->\n<!-- md:compare z -->\n<!-- md:checklist -->"
    assert embedded_ids(source, "checklist") == ["x", "y"]


# ------------------------------------------------------------------ shortcodes


@pytest.fixture
def handlers(tmp_path):
    write(tmp_path, "demo.yml", GOOD)
    write(tmp_path, "broken.yml", "id: broken\n")
    catalog = load_checklists(tmp_path / "data" / "checklists", tmp_path, PAGES)
    return checklist_handlers(catalog, "ja", lambda: [], href)


def test_shortcode_expands_to_the_checklist(handlers):
    html = expand("# T\n\n<!-- md:checklist demo -->\n", handlers, "docs/ja/x.md")
    assert soup(html).select_one("div.kb-checklist")["data-checklist"] == "demo"


@pytest.mark.parametrize(
    "markdown,expected",
    [
        ("# T\n\n<!-- md:checklist demoo -->\n", "docs/ja/x.md:7: unknown checklist 'demoo' (known: demo)"),
        (
            "<!-- md:checklist -->",
            "docs/ja/x.md:5: md:checklist takes one checklist id, e.g. <!-- md:checklist after-hours-call --> (got '')",
        ),
        (
            "<!-- md:checklist demo other -->",
            "docs/ja/x.md:5: md:checklist takes one checklist id, e.g. <!-- md:checklist after-hours-call --> (got 'demo other')",
        ),
        (
            "<!-- md:checklist demo -->\n\n<!-- md:checklist demo -->",
            "docs/ja/x.md:7: checklist 'demo' is already on this page: embed it once",
        ),
        ("<!-- md:checklist-index all -->", "docs/ja/x.md:5: md:checklist-index takes no arguments (got 'all')"),
    ],
)
def test_shortcode_errors_name_page_and_line(handlers, markdown, expected):
    with pytest.raises(KbError) as raised:
        expand(markdown, handlers, "docs/ja/x.md", first_line=5)
    assert str(raised.value) == expected


def test_shortcode_for_a_broken_data_file_stays_silent(handlers):
    # The data file's own error already fails the build; a second error here would mislead.
    assert expand("<!-- md:checklist broken -->", handlers, "docs/ja/x.md") == ""
