"""Comparison tables: the cost formula, loading good and bad data (exact error lines), rendering, shortcodes."""

import datetime
import json
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kb.catalog import SitePage
from kb.comparisons import (
    cheapest,
    comparison_handlers,
    costs_at,
    covers,
    is_stale,
    load_comparison,
    load_comparisons,
    monthly_cost,
    render_index,
    render_simulator,
    render_table,
    simulator_data,
)
from kb.errors import KbError
from kb.shortcodes import expand

PAGES = {"comparisons", "playbooks/answering-service", "playbooks/after-hours-contact"}
TODAY = datetime.date(2026, 12, 1)

PLANS = """\
id: demo
playbook: playbooks/answering-service
title: {ja: 料金, zh: 价格}
source: {ja: 試験, zh: 测试}
checked_on: 2026-11-01
volumes: [0, 10, 20, 40]
columns:
  - id: plan
    type: text
    label: {ja: プラン, zh: 方案}
  - id: base
    type: monthly-fee
    label: {ja: 基本料金, zh: 基本费}
  - id: included
    type: included-calls
    label: {ja: 含まれる件数, zh: 包含通数}
  - id: overage
    type: overage-fee
    label: {ja: 超過料金, zh: 超额费用}
  - id: hours
    type: hours
    label: {ja: 対応時間, zh: 服务时间}
rows:
  - id: small
    plan: {ja: 小, zh: 小}
    base: 1000
    included: 10
    overage: 200
    hours: weekday-daytime
  - id: big
    plan: {ja: 大, zh: 大}
    base: 3000
    included: 30
    overage: 100
    hours: 24h
  - id: flat
    plan: {ja: 定額, zh: 包月}
    base: 5000
    hours: every-day-daytime
"""

CHANNELS = """\
id: demo
playbook: playbooks/after-hours-contact
title: {ja: 手段, zh: 方式}
columns:
  - id: channel
    type: text
    label: {ja: 手段, zh: 方式}
  - id: speed
    type: level
    label: {ja: 速さ, zh: 速度}
  - id: record
    type: yes-no
    label: {ja: 記録, zh: 记录}
rows:
  - id: phone
    channel: {ja: 電話, zh: 电话}
    speed: high
    record: false
  - id: mail
    channel: {ja: メール, zh: 邮件}
    speed: medium
    record: true
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "data" / "comparisons" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, name: str = "demo.yml"):
    return load_comparison(write(tmp_path, name, text), f"data/comparisons/{name}", PAGES)


def href(path: str) -> str | None:
    return f"../{path}/" if path in PAGES else None


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# ------------------------------------------------------------------ the cost formula


@pytest.mark.parametrize(
    "calls,expected",
    [
        (0, 5000),  # no calls: the base fee
        (1, 5000),
        (49, 5000),
        (50, 5000),  # exactly the included calls: still the base fee
        (51, 5150),  # one beyond: one overage fee
        (100, 12500),
        (200, 27500),
    ],
)
def test_monthly_cost(calls, expected):
    assert monthly_cost(5000, 50, 150, calls) == expected


def test_flat_fee_ignores_calls():
    assert monthly_cost(8000, None, None, 0) == 8000
    assert monthly_cost(8000, None, None, 10_000) == 8000


def test_zero_included_calls_charges_every_call():
    assert monthly_cost(0, 0, 120, 0) == 0
    assert monthly_cost(0, 0, 120, 3) == 360


@pytest.mark.parametrize("calls", [-1, 1.5, "10", True, None])
def test_calls_must_be_a_whole_number_of_zero_or_more(calls):
    with pytest.raises(ValueError):
        monthly_cost(5000, 50, 150, calls)


def test_cheapest_marks_every_plan_on_a_tie():
    assert cheapest({"a": 3000, "b": 1000, "c": 1000}) == {"b", "c"}
    assert cheapest({"a": 3000}) == {"a"}
    assert cheapest({}) == set()


def test_covered_hours_are_ordered():
    assert covers("24h", "weekday-daytime") and covers("24h", "24h")
    assert covers("every-day-daytime", "weekday-daytime")
    assert not covers("weekday-daytime", "every-day-daytime")
    assert not covers("every-day-daytime", "24h")
    assert covers(None, "24h")


def test_costs_of_a_table_at_each_volume_and_for_needed_hours(tmp_path):
    table = load(tmp_path, PLANS)
    assert costs_at(table, 0) == {"small": 1000, "big": 3000, "flat": 5000}
    assert costs_at(table, 10) == {"small": 1000, "big": 3000, "flat": 5000}
    assert costs_at(table, 20) == {"small": 3000, "big": 3000, "flat": 5000}
    assert costs_at(table, 40) == {"small": 7000, "big": 4000, "flat": 5000}
    assert costs_at(table, 40, "every-day-daytime") == {"big": 4000, "flat": 5000}
    assert costs_at(table, 40, "24h") == {"big": 4000}


@pytest.mark.parametrize(
    "checked_on,stale",
    [
        (datetime.date(2025, 12, 1), False),  # exactly a year: still fresh
        (datetime.date(2025, 11, 30), True),
        (datetime.date(2026, 11, 30), False),
        (datetime.date(2024, 2, 29), True),
    ],
)
def test_prices_older_than_a_year_are_stale(checked_on, stale):
    assert is_stale(checked_on, TODAY) is stale


def test_leap_day_is_stale_after_the_first_of_march():
    assert not is_stale(datetime.date(2024, 2, 29), datetime.date(2025, 3, 1))
    assert is_stale(datetime.date(2024, 2, 29), datetime.date(2025, 3, 2))


# ------------------------------------------------------------------ loading


def test_good_tables_load(tmp_path):
    table = load(tmp_path, PLANS)
    assert [row.id for row in table.rows] == ["small", "big", "flat"]
    assert table.rows[2].cells == {
        "plan": table.rows[2].cells["plan"],
        "base": 5000,
        "included": None,
        "overage": None,
        "hours": "every-day-daytime",
    }
    assert table.has_costs
    channels = load(tmp_path, CHANNELS)
    assert not channels.has_costs and channels.rows[1].cells["record"] is True


HEAD = "id: demo\nplaybook: comparisons\ntitle: {ja: 題, zh: 题}\n"
TEXT_COLUMN = "columns:\n  - id: name\n    type: text\n    label: {ja: 名前, zh: 名称}\n"
ROW = "rows:\n  - id: a\n    name: {ja: あ, zh: 甲}\n"
FEES = "source: {ja: 試験, zh: 测试}\nchecked_on: 2026-11-01\nvolumes: [10]\n"


def column(column_id: str, kind: str) -> str:
    return f"  - id: {column_id}\n    type: {kind}\n    label: {{ja: 列, zh: 列}}\n"


BAD = {
    "unknown column type": (
        HEAD + TEXT_COLUMN + column("fee", "money") + ROW + "    fee: 1\n",
        (
            "data/comparisons/demo.yml:9: columns[1].type: unknown column type 'money' (known: count, hours, "
            "included-calls, level, monthly-fee, overage-fee, text, yen, yes-no)"
        ),
    ),
    "negative fee": (
        HEAD + FEES + TEXT_COLUMN + column("base", "monthly-fee") + ROW + "    base: -500\n",
        "data/comparisons/demo.yml:17: rows[0].base: an amount in yen cannot be negative (got -500)",
    ),
    "negative initial fee": (
        HEAD + TEXT_COLUMN + column("initial", "yen") + ROW + "    initial: -1\n",
        "data/comparisons/demo.yml:14: rows[0].initial: an amount in yen cannot be negative (got -1)",
    ),
    "fee written with a yen sign": (
        HEAD + TEXT_COLUMN + column("initial", "yen") + ROW + "    initial: ¥10,000\n",
        (
            "data/comparisons/demo.yml:14: rows[0].initial: write an amount in yen as a whole number, without ¥, "
            "commas or units (got '¥10,000')"
        ),
    ),
    "negative included calls": (
        HEAD
        + FEES
        + TEXT_COLUMN
        + column("base", "monthly-fee")
        + column("included", "included-calls")
        + column("overage", "overage-fee")
        + ROW
        + "    base: 1\n    included: -3\n    overage: 1\n",
        "data/comparisons/demo.yml:24: rows[0].included: a number of calls cannot be negative (got -3)",
    ),
    "overage column without included calls": (
        HEAD
        + FEES
        + TEXT_COLUMN
        + column("base", "monthly-fee")
        + column("overage", "overage-fee")
        + ROW
        + "    base: 1\n    overage: 1\n",
        (
            "data/comparisons/demo.yml:15: an overage-fee column needs an included-calls column: overage is "
            "charged for calls beyond the included ones"
        ),
    ),
    "overage without included calls in a row": (
        PLANS.replace("    base: 3000\n    included: 30\n", "    base: 3000\n"),
        (
            "data/comparisons/demo.yml:33: rows[1]: an overage fee without included calls: give 'included' too "
            "(or leave both out for a flat fee)"
        ),
    ),
    "included calls without overage in a row": (
        PLANS.replace("    included: 30\n    overage: 100\n", "    included: 30\n"),
        (
            "data/comparisons/demo.yml:33: rows[1]: included calls without an overage fee: give 'overage' too (or "
            "leave both out for a flat fee)"
        ),
    ),
    "included calls without a monthly fee": (
        HEAD
        + TEXT_COLUMN
        + column("included", "included-calls")
        + column("overage", "overage-fee")
        + ROW
        + "    included: 1\n    overage: 1\n",
        "data/comparisons/demo.yml:9: the 'included-calls' column is used for monthly costs: add a monthly-fee column",
    ),
    "two monthly fees": (
        HEAD + FEES + TEXT_COLUMN + column("a", "monthly-fee") + column("b", "monthly-fee") + ROW + "    a: 1\n    b: 1\n",
        "data/comparisons/demo.yml:15: columns[2].type: a table has at most one 'monthly-fee' column",
    ),
    "fees without volumes": (
        HEAD
        + "source: {ja: 試験, zh: 测试}\nchecked_on: 2026-11-01\n"
        + TEXT_COLUMN
        + column("base", "monthly-fee")
        + ROW
        + "    base: 1\n",
        "data/comparisons/demo.yml:1: a table with fees needs 'volumes' (e.g. volumes: [30, 50, 100, 200])",
    ),
    "fees without checked_on": (
        HEAD + "source: {ja: 試験, zh: 测试}\nvolumes: [10]\n" + TEXT_COLUMN + column("base", "monthly-fee") + ROW + "    base: 1\n",
        "data/comparisons/demo.yml:1: a table with fees needs 'checked_on' (e.g. checked_on: 2026-11-20)",
    ),
    "volumes without fees": (
        HEAD + "volumes: [10]\n" + TEXT_COLUMN + ROW,
        "data/comparisons/demo.yml:4: volumes: only a table with a monthly-fee column has computed costs",
    ),
    "volumes out of order": (
        PLANS.replace("volumes: [0, 10, 20, 40]", "volumes: [10, 0]"),
        "data/comparisons/demo.yml:6: volumes: list each volume once, from the smallest to the largest, e.g. [30, 50, 100, 200]",
    ),
    "missing language text in a cell": (
        HEAD + TEXT_COLUMN + "rows:\n  - id: a\n    name: {ja: あ}\n",
        "data/comparisons/demo.yml:10: rows[0].name: missing required key 'zh'",
    ),
    "missing language text in a label": (
        HEAD + "columns:\n  - id: name\n    type: text\n    label: {zh: 名称}\n" + ROW,
        "data/comparisons/demo.yml:7: columns[0].label: missing required key 'ja'",
    ),
    "text cell as a plain string": (
        HEAD + TEXT_COLUMN + "rows:\n  - id: a\n    name: あ\n",
        "data/comparisons/demo.yml:10: rows[0].name: give the text in each language, as {ja: …, zh: …}",
    ),
    "missing cell": (
        HEAD + TEXT_COLUMN + column("speed", "level") + ROW,
        "data/comparisons/demo.yml:12: rows[0]: missing cell 'speed'",
    ),
    "unknown column in a row": (
        HEAD + TEXT_COLUMN + ROW + "    colour: red\n",
        "data/comparisons/demo.yml:11: rows[0]: unknown column 'colour' (columns: name)",
    ),
    "bad level": (
        HEAD + TEXT_COLUMN + column("speed", "level") + ROW + "    speed: fast\n",
        "data/comparisons/demo.yml:14: rows[0].speed: 'fast' is not a level: write one of low, medium, high",
    ),
    "bad hours": (
        PLANS.replace("hours: 24h", "hours: nights"),
        (
            "data/comparisons/demo.yml:35: rows[1].hours: 'nights' is not a covered-hours value: write one of "
            "weekday-daytime, every-day-daytime, 24h"
        ),
    ),
    "yes-no as text": (
        HEAD + TEXT_COLUMN + column("record", "yes-no") + ROW + "    record: maybe\n",
        "data/comparisons/demo.yml:14: rows[0].record: Input should be a valid boolean",
    ),
    "first column not text": (
        HEAD + "columns:\n" + column("speed", "level") + "rows:\n  - id: a\n    speed: low\n",
        "data/comparisons/demo.yml:6: columns[0].type: the first column names each row: give it type text",
    ),
    "duplicate column id": (
        HEAD + TEXT_COLUMN + column("name", "level") + ROW,
        "data/comparisons/demo.yml:8: duplicate column id 'name' (first used on line 5)",
    ),
    "reserved column id": (
        HEAD + TEXT_COLUMN + column("note", "text") + ROW,
        "data/comparisons/demo.yml:8: columns[1].id: 'note' is reserved for rows: choose another id",
    ),
    "duplicate row id": (
        HEAD + TEXT_COLUMN + ROW + "  - id: a\n    name: {ja: い, zh: 乙}\n",
        "data/comparisons/demo.yml:11: duplicate row id 'a' (first used on line 9)",
    ),
    "row without id": (
        HEAD + TEXT_COLUMN + "rows:\n  - name: {ja: あ, zh: 甲}\n",
        "data/comparisons/demo.yml:9: rows[0]: missing required key 'id'",
    ),
    "row not a mapping": (
        HEAD + TEXT_COLUMN + "rows:\n  - a\n",
        "data/comparisons/demo.yml:9: rows[0]: Input should be a valid dictionary",
    ),
    "empty rows": (HEAD + TEXT_COLUMN + "rows: []\n", "data/comparisons/demo.yml:8: rows: the list is empty: give at least one entry"),
    "id does not match file": (
        HEAD.replace("id: demo", "id: other") + TEXT_COLUMN + ROW,
        "data/comparisons/demo.yml:1: id 'other' does not match the file name 'demo.yml': rename one of them",
    ),
    "unknown playbook": (
        HEAD.replace("playbook: comparisons", "playbook: playbooks/answering-servce") + TEXT_COLUMN + ROW,
        "data/comparisons/demo.yml:2: playbook: unknown page 'playbooks/answering-servce' (did you mean playbooks/answering-service?)",
    ),
    "YAML syntax": (
        HEAD + TEXT_COLUMN + "rows:\n  - id: a\n    name: {ja: あ, zh: 甲\n",
        "data/comparisons/demo.yml:11: YAML syntax error: expected ',' or '}', but got '<stream end>'",
    ),
    "not a mapping": (
        "- id: demo\n",
        "data/comparisons/demo.yml:1: a comparison file must be a mapping with id, playbook, title, columns and rows",
    ),
    "bad date": (
        PLANS.replace("checked_on: 2026-11-01", "checked_on: 2026-13-01"),
        "data/comparisons/demo.yml:5: invalid value '2026-13-01': month must be in 1..12",
    ),
}


@pytest.mark.parametrize("text,expected", BAD.values(), ids=BAD.keys())
def test_bad_comparison_is_one_exact_error_line(tmp_path, text, expected):
    with pytest.raises(KbError) as raised:
        load(tmp_path, text)
    assert str(raised.value) == expected


def test_folder_keeps_good_files_and_warns_about_stale_prices(tmp_path):
    write(tmp_path, "demo.yml", PLANS.replace("checked_on: 2026-11-01", "checked_on: 2025-06-30"))
    write(tmp_path, "broken.yml", "id: broken\n")
    catalog = load_comparisons(tmp_path / "data" / "comparisons", tmp_path, PAGES, TODAY)
    assert list(catalog.comparisons) == ["demo"]
    assert [str(e) for e in catalog.errors] == ["data/comparisons/broken.yml:1: missing required key 'playbook'"]
    assert catalog.broken == {"broken"}
    assert [str(w) for w in catalog.warnings] == [
        "data/comparisons/demo.yml:5: checked_on 2025-06-30 is more than a year old: check the prices again and update checked_on"
    ]


def test_a_row_checked_long_ago_is_stale_too(tmp_path):
    write(tmp_path, "demo.yml", PLANS.replace("    hours: 24h\n", "    hours: 24h\n    checked_on: 2024-01-31\n"))
    catalog = load_comparisons(tmp_path / "data" / "comparisons", tmp_path, PAGES, TODAY)
    assert [str(w) for w in catalog.warnings] == [
        "data/comparisons/demo.yml:36: checked_on 2024-01-31 is more than a year old: check the prices again and update checked_on"
    ]


def test_duplicate_comparison_id_across_files(tmp_path):
    write(tmp_path, "demo.yml", CHANNELS)
    write(tmp_path, "demo.yaml", CHANNELS)
    catalog = load_comparisons(tmp_path / "data" / "comparisons", tmp_path, PAGES, TODAY)
    assert [str(e) for e in catalog.errors] == [
        "data/comparisons/demo.yml:1: duplicate comparison id 'demo' (also in data/comparisons/demo.yaml)"
    ]


# ------------------------------------------------------------------ rendering


def cost_cells(document) -> dict:
    return {
        (cell.find_parent("tr")["data-row"], int(cell["data-volume"])): int(cell["data-cost"]) for cell in document.select("td[data-cost]")
    }


def test_table_shows_computed_costs_and_marks_the_cheapest(tmp_path):
    table = load(tmp_path, PLANS)
    document = soup(render_table(table, "ja", TODAY))
    headers = [th.get_text() for th in document.select("thead th")]
    assert headers == [
        "プラン",
        "基本料金",
        "含まれる件数",
        "超過料金",
        "対応時間",
        "月0件の月額",
        "月10件の月額",
        "月20件の月額",
        "月40件の月額",
    ]
    assert cost_cells(document) == {(row, calls): cost for calls in (0, 10, 20, 40) for row, cost in costs_at(table, calls).items()}
    best = {(cell.find_parent("tr")["data-row"], int(cell["data-volume"])) for cell in document.select("td.kb-compare__best")}
    # At 20 calls the small and the big plan cost the same: both are marked.
    assert best == {("small", 0), ("small", 10), ("small", 20), ("big", 20), ("big", 40)}
    small = [cell.get_text(" ", strip=True) for cell in document.select('tr[data-row="small"] > *')]
    assert small == ["小", "1,000円", "10件", "1件200円", "平日9:00〜18:00", "1,000円 最安", "1,000円 最安", "3,000円 最安", "7,000円"]
    flat = [cell.get_text() for cell in document.select('tr[data-row="flat"] > *')][:4]
    assert flat == ["定額", "5,000円", "件数の上限なし", "—"]
    assert document.select_one(".kb-compare__source").get_text() == "出典：試験（2026年11月1日時点）"
    assert document.select_one("[data-kb-stale]") is None
    assert document.select_one("caption").get_text() == "料金"


def test_table_in_chinese(tmp_path):
    document = soup(render_table(load(tmp_path, PLANS), "zh", TODAY))
    small = [cell.get_text(" ", strip=True) for cell in document.select('tr[data-row="small"] > *')]
    assert small == [
        "小",
        "1,000 日元",
        "10 通",
        "每通 200 日元",
        "工作日 9:00–18:00",
        "1,000 日元 最便宜",
        "1,000 日元 最便宜",
        "3,000 日元 最便宜",
        "7,000 日元",
    ]
    assert document.select_one(".kb-compare__source").get_text() == "来源：测试（截至 2026 年 11 月 1 日）"


def test_cells_sort_by_their_value_not_their_text(tmp_path):
    document = soup(render_table(load(tmp_path, CHANNELS), "ja", TODAY))
    assert [th.get("data-sort-method") for th in document.select("thead th")] == [None, "number", "number"]
    assert [(td.get_text(), td["data-sort"]) for td in document.select('tr[data-row="phone"] td')] == [("高", "3"), ("なし", "0")]
    assert document.select_one("td[data-cost]") is None and document.select_one(".kb-compare__meta") is None


def test_stale_prices_show_a_notice(tmp_path):
    table = load(tmp_path, PLANS)
    document = soup(render_table(table, "ja", datetime.date(2027, 11, 2)))
    assert "1年以上" in document.select_one("[data-kb-stale]").get_text()


def test_data_values_are_escaped(tmp_path):
    evil = PLANS.replace("plan: {ja: 小, zh: 小}", "plan: {ja: '</script><script>alert(1)</script>', zh: '<b>&amp;</b>'}")
    evil = evil.replace("title: {ja: 料金, zh: 价格}", 'title: {ja: "<img src=x onerror=alert(1)>", zh: 价格}')
    table = load(tmp_path, evil)
    html = render_table(table, "ja", TODAY) + render_simulator(table, "ja")
    assert "<script>alert" not in html and "<img" not in html
    document = soup(html)
    assert document.select_one('tr[data-row="small"] th').get_text() == "</script><script>alert(1)</script>"
    assert document.select_one("caption").get_text() == "<img src=x onerror=alert(1)>"
    # The simulator's JSON cannot end its <script> early, and reads back as the same text.
    data = json.loads(document.select_one("script[data-kb-simulator-data]").string)
    assert data["plans"][0]["name"] == "</script><script>alert(1)</script>"
    zh = soup(render_simulator(table, "zh"))
    assert json.loads(zh.select_one("script[data-kb-simulator-data]").string)["plans"][0]["name"] == "<b>&amp;</b>"


def test_simulator_carries_the_rows_the_table_was_rendered_from(tmp_path):
    table = load(tmp_path, PLANS)
    html = render_simulator(table, "zh")
    document = soup(html)
    block = document.select_one("div.kb-simulator")
    assert block.has_attr("hidden"), "hidden until comparisons.js has read its data"
    calls = document.select_one("input[data-kb-calls]")
    assert document.select_one(f'label[for="{calls["id"]}"]').get_text() == "每月来电数（通）"
    assert calls["type"] == "number" and calls["min"] == "0" and calls["value"] == "0"
    hours = document.select_one("select[data-kb-hours]")
    assert document.select_one(f'label[for="{hours["id"]}"]').get_text() == "所需的服务时间"
    assert [o["value"] for o in hours.select("option")] == ["weekday-daytime", "every-day-daytime", "24h"]
    assert document.select_one("[data-kb-result]")["role"] == "status"
    data = json.loads(document.select_one("script[data-kb-simulator-data]").string)
    assert data == simulator_data(table, "zh")
    assert data["plans"][2] == {"id": "flat", "name": "包月", "base": 5000, "included": None, "overage": None, "hours": "every-day-daytime"}
    assert "\n\n" not in html, "a blank line would end the raw HTML block in Markdown"


def test_index_groups_by_page_with_links_to_embedding_pages(tmp_path):
    write(tmp_path, "demo.yml", PLANS)
    write(tmp_path, "channels.yml", CHANNELS.replace("id: demo", "id: channels"))
    catalog = load_comparisons(tmp_path / "data" / "comparisons", tmp_path, PAGES, TODAY)
    pages = [
        SitePage("playbooks/after-hours-contact", "時間外", "<!-- md:compare channels -->"),
        SitePage("playbooks/answering-service", "電話代行 *選び方*", "<!-- md:compare demo -->\n<!-- md:cost-simulator demo -->"),
    ]
    markdown = render_index(catalog, "ja", pages, href, TODAY)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## 時間外 {#after-hours-contact}", "## 電話代行 \\*選び方\\* {#answering-service}"]
    blocks = soup(markdown).select("div.kb-compare")
    assert [b["data-compare"] for b in blocks] == ["channels", "demo"]
    links = [[(a.get_text(), a["href"]) for a in b.select(".kb-compare__used-on a")] for b in blocks]
    assert links == [
        [("時間外", "../playbooks/after-hours-contact/#compare-channels")],
        [("電話代行 *選び方*", "../playbooks/answering-service/#compare-demo")],
    ]
    assert "kb-simulator" not in markdown
    # Copies of tables that pages embed stay out of search: it finds them on those pages.
    assert all(b.has_attr("data-search-exclude") for b in blocks)
    alone = soup(render_index(catalog, "ja", pages[:1], href, TODAY)).select_one('div.kb-compare[data-compare="demo"]')
    assert not alone.has_attr("data-search-exclude"), "the index holds the only copy of a table no page embeds"


def test_empty_index(tmp_path):
    catalog = load_comparisons(tmp_path / "data" / "comparisons", tmp_path, PAGES, TODAY)
    assert render_index(catalog, "zh", [], href, TODAY).strip() == "暂无对比表。"


# ------------------------------------------------------------------ shortcodes


@pytest.fixture
def handlers(tmp_path):
    write(tmp_path, "demo.yml", PLANS)
    write(tmp_path, "channels.yml", CHANNELS.replace("id: demo", "id: channels"))
    write(tmp_path, "broken.yml", "id: broken\n")
    catalog = load_comparisons(tmp_path / "data" / "comparisons", tmp_path, PAGES, TODAY)
    return comparison_handlers(catalog, "ja", lambda: [], href, TODAY)


def test_shortcodes_expand_to_table_and_simulator(handlers):
    html = expand("# T\n\n<!-- md:compare demo -->\n\n<!-- md:cost-simulator demo -->\n", handlers, "docs/ja/x.md")
    assert soup(html).select_one("div.kb-compare")["data-compare"] == "demo"
    assert soup(html).select_one("div.kb-simulator")["data-simulator"] == "demo"


@pytest.mark.parametrize(
    "markdown,expected",
    [
        ("# T\n\n<!-- md:compare demoo -->\n", "docs/ja/x.md:7: unknown comparison 'demoo' (known: channels, demo)"),
        ("<!-- md:compare -->", "docs/ja/x.md:5: md:compare takes one comparison id, e.g. <!-- md:compare contact-channels --> (got '')"),
        ("<!-- md:compare demo -->\n<!-- md:compare demo -->", "docs/ja/x.md:6: md:compare 'demo' is already on this page: embed it once"),
        ("<!-- md:cost-simulator nope -->", "docs/ja/x.md:5: unknown comparison 'nope' (known: channels, demo)"),
        (
            "<!-- md:cost-simulator channels -->",
            "docs/ja/x.md:5: comparison 'channels' has no monthly-fee column: a cost simulator needs fees",
        ),
        ("<!-- md:compare-index all -->", "docs/ja/x.md:5: md:compare-index takes no arguments (got 'all')"),
    ],
)
def test_shortcode_errors_name_page_and_line(handlers, markdown, expected):
    with pytest.raises(KbError) as raised:
        expand(markdown, handlers, "docs/ja/x.md", first_line=5)
    assert str(raised.value) == expected


def test_shortcode_for_a_broken_data_file_stays_silent(handlers):
    assert expand("<!-- md:compare broken -->\n<!-- md:cost-simulator broken -->", handlers, "docs/ja/x.md") == "\n"
