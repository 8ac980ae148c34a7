"""Comparison tables: the schema of data/comparisons/*.yml, computed costs, and rendering.

A comparison file declares typed columns and gives one row per option. Pages
embed it with `<!-- md:compare ID -->`; `<!-- md:compare-index -->` lists every
table, grouped by the page it belongs to. A table with a `monthly-fee` column is
a price list: the hook adds the monthly cost at each of its `volumes` (calls per
month) and marks the cheapest plan, and `<!-- md:cost-simulator ID -->` adds a
form that computes the same costs in the browser from the same rows, emitted as
JSON by the same build (docs/assets/comparisons.js), so the two cannot disagree.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StrictBool, StrictStr

from . import catalog as shared
from .catalog import Href, PageLink, PagePath, SitePage, not_empty
from .errors import KbError
from .shortcodes import Handler
from .templates import render
from .text import Localized, Slug, Strict
from .yaml_source import Location, line_of, validate_at

# ---------------------------------------------------------------- column types

# Covered hours, from the narrowest to the widest: a plan covers every level up to its own.
HOURS = ("weekday-daytime", "every-day-daytime", "24h")
LEVELS = ("low", "medium", "high")


def _whole_number(what: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"write {what} as a whole number, without ¥, commas or units (got '{value}')")
        if value < 0:
            raise ValueError(f"{what} cannot be negative (got {value})")
        return value

    return check


def _one_of(choices: tuple[str, ...], what: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value not in choices:
            raise ValueError(f"'{value}' is not {what}: write one of {', '.join(choices)}")
        return value

    return check


Yen = Annotated[int, BeforeValidator(_whole_number("an amount in yen"))]
Count = Annotated[int, BeforeValidator(_whole_number("a number of calls"))]
Hours = Annotated[str, BeforeValidator(_one_of(HOURS, "a covered-hours value"))]
Level = Annotated[str, BeforeValidator(_one_of(LEVELS, "a level"))]

# type name -> the value each row gives for such a column
COLUMN_TYPES: dict[str, Any] = {
    "text": Localized,
    "level": Level,
    "yes-no": StrictBool,
    "yen": Yen,
    "count": Count,
    "hours": Hours,
    # The three columns the monthly cost is computed from (at most one of each per table):
    "monthly-fee": Yen,
    "included-calls": Count,
    "overage-fee": Yen,
}
COST_TYPES = ("monthly-fee", "included-calls", "overage-fee")
NUMERIC_TYPES = {"level", "yes-no", "yen", "count", "hours", *COST_TYPES}


def _column_type(value: str) -> str:
    if value not in COLUMN_TYPES:
        raise ValueError(f"unknown column type '{value}' (known: {', '.join(sorted(COLUMN_TYPES))})")
    return value


def _volumes(value: list[int]) -> list[int]:
    if value != sorted(set(value)):
        raise ValueError("list each volume once, from the smallest to the largest, e.g. [30, 50, 100, 200]")
    return value


class Column(Strict):
    id: Slug
    type: Annotated[StrictStr, AfterValidator(_column_type)]
    label: Localized


# Row keys that are not columns.
ROW_KEYS = ("id", "note", "source", "checked_on")


class Comparison(Strict):
    id: Slug
    playbook: PagePath
    title: Localized
    intro: Localized | None = None
    source: Localized | None = None
    checked_on: datetime.date | None = None
    volumes: Annotated[list[Count], AfterValidator(not_empty), AfterValidator(_volumes)] | None = None
    columns: Annotated[list[Column], AfterValidator(not_empty)]
    rows: Annotated[list[dict[StrictStr, Any]], AfterValidator(not_empty)]


@dataclass(frozen=True)
class Row:
    id: str
    cells: Mapping[str, Any]  # column id -> value of the column's type (None: left out, see included-calls)
    note: Localized | None = None
    source: Localized | None = None
    checked_on: datetime.date | None = None


@dataclass(frozen=True)
class Table:
    """A loaded comparison: its header data, typed columns, and rows checked against them."""

    data: Comparison
    rows: tuple[Row, ...]

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def columns(self) -> list[Column]:
        return self.data.columns

    def column_of_type(self, kind: str) -> Column | None:
        return next((column for column in self.columns if column.type == kind), None)

    @property
    def has_costs(self) -> bool:
        return self.column_of_type("monthly-fee") is not None


# ---------------------------------------------------------------- costs (pure)


def monthly_cost(base: int, included: int | None, overage: int | None, calls: int) -> int:
    """Base fee + every call beyond the included ones at the overage fee; no included calls: a flat fee."""
    if isinstance(calls, bool) or not isinstance(calls, int) or calls < 0:
        raise ValueError(f"calls per month must be a whole number of 0 or more (got {calls!r})")
    if included is None or overage is None:
        return base
    return base + max(0, calls - included) * overage


def plan_cost(table: Table, row: Row, calls: int) -> int:
    """One row's monthly cost at `calls` per month."""
    base, included, overage = (
        row.cells.get(column.id) if column else None for column in (table.column_of_type(kind) for kind in COST_TYPES)
    )
    if base is None:
        raise ValueError(f"comparison '{table.id}' has no monthly-fee column")
    return monthly_cost(base, included, overage, calls)


def cheapest(costs: Mapping[str, int]) -> set[str]:
    """Row ids with the lowest cost (all of them on a tie)."""
    if not costs:
        return set()
    low = min(costs.values())
    return {row_id for row_id, cost in costs.items() if cost == low}


def covers(plan_hours: str | None, needed: str) -> bool:
    """Whether a plan's covered hours include the needed ones (no hours column: every plan does)."""
    return plan_hours is None or HOURS.index(plan_hours) >= HOURS.index(needed)


def costs_at(table: Table, calls: int, needed_hours: str | None = None) -> dict[str, int]:
    """Monthly cost of every row at `calls`, only rows covering `needed_hours` when it is given."""
    hours = table.column_of_type("hours")
    return {
        row.id: plan_cost(table, row, calls)
        for row in table.rows
        if needed_hours is None or covers(row.cells.get(hours.id) if hours else None, needed_hours)
    }


def is_stale(checked_on: datetime.date, today: datetime.date) -> bool:
    """True when the prices were last checked more than a year before `today`."""
    try:
        year_later = checked_on.replace(year=checked_on.year + 1)
    except ValueError:  # 29 February
        year_later = datetime.date(checked_on.year + 1, 3, 1)
    return today > year_later


# ---------------------------------------------------------------- loading


@dataclass
class Catalog:
    """Every comparison of a build, what went wrong while loading, and warnings (stale prices)."""

    comparisons: dict[str, Table] = field(default_factory=dict)
    errors: list[KbError] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    warnings: list[KbError] = field(default_factory=list)


def load_comparison(path: Path, shown_as: str, pages: Sequence[str] | set[str]) -> Table:
    """Load and check one file; any problem is one KbError naming the file and line."""
    return _load(path, shown_as, pages)[0]


def _load(path: Path, shown_as: str, pages: Sequence[str] | set[str]) -> tuple[Table, dict[Location, int]]:
    comparison, lines = shared.load_model(
        path, shown_as, Comparison, "a comparison file must be a mapping with id, playbook, title, columns and rows", pages
    )

    def fail(location: Location, message: str):
        raise KbError(shown_as, line_of(location, lines), message)

    columns = comparison.columns
    where: dict[str, int] = {}
    for index, column in enumerate(columns):
        if column.id in ROW_KEYS:
            fail(("columns", index, "id"), f"columns[{index}].id: '{column.id}' is reserved for rows: choose another id")
        if column.id in where:
            first = line_of(("columns", where[column.id], "id"), lines)
            fail(("columns", index, "id"), f"duplicate column id '{column.id}' (first used on line {first})")
        where[column.id] = index
    if columns[0].type != "text":
        fail(("columns", 0, "type"), "columns[0].type: the first column names each row: give it type text")
    by_type: dict[str, int] = {}
    for index, column in enumerate(columns):
        if column.type in (*COST_TYPES, "hours"):
            if column.type in by_type:
                fail(("columns", index, "type"), f"columns[{index}].type: a table has at most one '{column.type}' column")
            by_type[column.type] = index
    if "overage-fee" in by_type and "included-calls" not in by_type:
        fail(
            ("columns", by_type["overage-fee"], "type"),
            "an overage-fee column needs an included-calls column: overage is charged for calls beyond the included ones",
        )
    if "included-calls" in by_type and "overage-fee" not in by_type:
        fail(
            ("columns", by_type["included-calls"], "type"),
            "an included-calls column needs an overage-fee column: say what a call beyond the included ones costs",
        )
    if ("included-calls" in by_type or "hours" in by_type) and "monthly-fee" not in by_type:
        kind = "included-calls" if "included-calls" in by_type else "hours"
        fail(("columns", by_type[kind], "type"), f"the '{kind}' column is used for monthly costs: add a monthly-fee column")
    if "monthly-fee" in by_type:
        for key, example in (
            ("volumes", "volumes: [30, 50, 100, 200]"),
            ("source", "source: {ja: …, zh: …}"),
            ("checked_on", "checked_on: 2026-11-20"),
        ):
            if getattr(comparison, key) is None:
                fail((), f"a table with fees needs '{key}' (e.g. {example})")
    elif comparison.volumes is not None:
        fail(("volumes",), "volumes: only a table with a monthly-fee column has computed costs")

    rows = tuple(_row(comparison, index, raw, lines, shown_as) for index, raw in enumerate(comparison.rows))
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        if row.id in seen:
            first = line_of(("rows", seen[row.id], "id"), lines)
            fail(("rows", index, "id"), f"duplicate row id '{row.id}' (first used on line {first})")
        seen[row.id] = index
    return Table(comparison, rows), lines


def _row(comparison: Comparison, index: int, raw: dict, lines: dict[Location, int], shown_as: str) -> Row:
    at: Location = ("rows", index)

    def fail(location: Location, message: str):
        raise KbError(shown_as, line_of(location, lines), message)

    columns = {column.id: column for column in comparison.columns}
    for key in raw:
        if key not in columns and key not in ROW_KEYS:
            fail(at + (key,), f"rows[{index}]: unknown column '{key}' (columns: {', '.join(columns)})")
    if "id" not in raw:
        fail(at, f"rows[{index}]: missing required key 'id'")
    row_id = validate_at(Slug, raw["id"], at + ("id",), lines, shown_as)
    types = {column.type: column.id for column in comparison.columns}
    optional = set()
    if "included-calls" in types:
        # Both left out: a flat fee with no limit on calls. One without the other cannot be computed.
        included, overage = types["included-calls"], types["overage-fee"]
        if overage in raw and included not in raw:
            fail(
                at + (overage,),
                f"rows[{index}]: an overage fee without included calls: give '{included}' too (or leave both out for a flat fee)",
            )
        if included in raw and overage not in raw:
            fail(
                at + (included,),
                f"rows[{index}]: included calls without an overage fee: give '{overage}' too (or leave both out for a flat fee)",
            )
        optional = {included, overage}
    cells = {}
    for column_id, column in columns.items():
        if column_id not in raw:
            if column_id in optional:
                cells[column_id] = None
                continue
            fail(at, f"rows[{index}]: missing cell '{column_id}'")
        cells[column_id] = validate_at(COLUMN_TYPES[column.type], raw[column_id], at + (column_id,), lines, shown_as)
    extra = {
        key: validate_at(kind | None, raw.get(key), at + (key,), lines, shown_as)
        for key, kind in (("note", Localized), ("source", Localized), ("checked_on", datetime.date))
    }
    return Row(row_id, cells, **extra)


def stale_warnings(table: Table, lines: dict[Location, int], shown_as: str, today: datetime.date) -> list[KbError]:
    """One warning per `checked_on` (the table's and each row's) more than a year before `today`."""
    found = []
    dated: list[tuple[Location, datetime.date | None]] = [(("checked_on",), table.data.checked_on)]
    dated += [(("rows", index, "checked_on"), row.checked_on) for index, row in enumerate(table.rows)]
    for location, checked_on in dated:
        if checked_on is not None and is_stale(checked_on, today):
            found.append(
                KbError(
                    shown_as,
                    line_of(location, lines),
                    f"checked_on {checked_on.isoformat()} is more than a year old: check the prices again and update checked_on",
                )
            )
    return found


def load_comparisons(directory: Path, root: Path, pages: Sequence[str] | set[str], today: datetime.date) -> Catalog:
    """Load every `*.yml`/`*.yaml` in a folder; each bad file adds one error and is left out."""
    warnings: list[KbError] = []

    def load(path: Path, shown_as: str):
        table, lines = _load(path, shown_as, pages)
        warnings.extend(stale_warnings(table, lines, shown_as, today))
        return table, lines

    folder = shared.load_folder(directory, root, load, "comparison")
    return Catalog(folder.entries, folder.errors, folder.broken, warnings)


# ---------------------------------------------------------------- rendering

UI = {
    "ja": {
        "yen": "{n}円",
        "per_call": "1件{n}円",
        "calls": "{n}件",
        "flat": "件数の上限なし",
        "cost_at": "月{n}件の月額",
        "best": "最安",
        "yes": "あり",
        "no": "なし",
        "levels": {"low": "低", "medium": "中", "high": "高"},
        "hours": {"weekday-daytime": "平日9:00〜18:00", "every-day-daytime": "毎日9:00〜18:00（土日祝も）", "24h": "24時間365日"},
        "date": "{y}年{m}月{d}日",
        "source": "出典：{source}（{date}時点）",
        "stale": "この情報は確認から1年以上たっています。最新の料金を各社に確認してから使ってください。",
        "cost_note": (
            "月額は「月額基本料金＋（着信数−基本料金に含まれる件数）×超過料金」で計算した目安です。初期費用とオプション料金は含みません。各列で最も安いプランに「最安」と付けています。"
            ""
        ),
        "sort_hint": "列の見出しを押すと、その列で並べ替えられます（キーボードではTabで見出しを選んでEnter）。",
        "used_on": "掲載ページ：",
        "not_used": "まだどのページにも掲載されていません",
        "none": "比較表はまだありません。",
        # cost simulator
        "sim_title": "月額シミュレーター",
        "sim_intro": "1か月の着信数と必要な対応時間を入れると、上の比較表と同じ計算で各プランの月額を出します。",
        "sim_calls": "1か月の着信数（件）",
        "sim_hours": "必要な対応時間",
        "sim_plan": "プラン",
        "sim_cost": "月額",
        "sim_covers": "対応時間",
        "sim_ok": "対応",
        "sim_not_covered": "対象外（対応時間が足りません）",
        "sim_result": "月{calls}件・対応時間「{hours}」なら、最も安いのは「{plan}」で月額{cost}です。",
        "sim_result_tie": (
            "月{calls}件・対応時間「{hours}」なら、最も安いのは「{plan}」で月額{cost}です（同額のプランがほかにもあります）。"
        ),
        "sim_none": "対応時間「{hours}」に対応するプランはありません。",
        "sim_invalid": "着信数は0以上の整数で入力してください。",
    },
    "zh": {
        "yen": "{n} 日元",
        "per_call": "每通 {n} 日元",
        "calls": "{n} 通",
        "flat": "不限通数",
        "cost_at": "每月 {n} 通时的月费",
        "best": "最便宜",
        "yes": "有",
        "no": "无",
        "levels": {"low": "低", "medium": "中", "high": "高"},
        "hours": {
            "weekday-daytime": "工作日 9:00–18:00",
            "every-day-daytime": "每天 9:00–18:00（含周末和节假日）",
            "24h": "全年无休 24 小时",
        },
        "date": "{y} 年 {m} 月 {d} 日",
        "source": "来源：{source}（截至 {date}）",
        "stale": "这些信息已超过一年未核实，使用前请先向各家服务商确认最新价格。",
        "cost_note": (
            "月费按“月基本费＋（来电数－基本费包含的通数）×超额费用”估算，不含初始费用和增值选项费用。每列中最便宜的方案标有“最便宜”。"
        ),
        "sort_hint": "点击列标题即可按该列排序（使用键盘时，用 Tab 键选中标题后按 Enter）。",
        "used_on": "所在页面：",
        "not_used": "尚未放在任何页面上",
        "none": "暂无对比表。",
        "sim_title": "月费计算器",
        "sim_intro": "输入每月来电数和所需的服务时间，即可按与上方对比表相同的公式算出各方案的月费。",
        "sim_calls": "每月来电数（通）",
        "sim_hours": "所需的服务时间",
        "sim_plan": "方案",
        "sim_cost": "月费",
        "sim_covers": "服务时间",
        "sim_ok": "覆盖",
        "sim_not_covered": "不适用（服务时间不够）",
        "sim_result": "每月 {calls} 通、服务时间为“{hours}”时，最便宜的是“{plan}”，月费 {cost}。",
        "sim_result_tie": "每月 {calls} 通、服务时间为“{hours}”时，最便宜的是“{plan}”，月费 {cost}（还有其他方案价格相同）。",
        "sim_none": "没有覆盖“{hours}”的方案。",
        "sim_invalid": "来电数请输入 0 或以上的整数。",
    },
}


def grouped(value: int) -> str:
    """12000 -> "12,000" (docs/assets/comparisons.js groups digits the same way)."""
    return f"{value:,}"


def format_date(value: datetime.date, language: str) -> str:
    return UI[language]["date"].format(y=value.year, m=value.month, d=value.day)


@dataclass(frozen=True)
class Cell:
    text: str
    sort: str | None = None  # the value tablesort orders by (data-sort), when the text is not it
    best: bool = False


def cell(column: Column, value: Any, language: str) -> Cell:
    """A value of a column as the reader sees it, with the key it sorts by."""
    ui = UI[language]
    kind = column.type
    if kind == "text":
        return Cell(value(language))
    if kind == "level":
        return Cell(ui["levels"][value], str(LEVELS.index(value) + 1))
    if kind == "yes-no":
        return Cell(ui["yes"] if value else ui["no"], "1" if value else "0")
    if kind == "hours":
        return Cell(ui["hours"][value], str(HOURS.index(value) + 1))
    if value is None:  # included calls / overage fee left out: a flat fee
        return Cell(ui["flat"] if kind == "included-calls" else "—", "999999999" if kind == "included-calls" else "0")
    unit = {"yen": "yen", "monthly-fee": "yen", "overage-fee": "per_call", "included-calls": "calls", "count": "calls"}[kind]
    return Cell(ui[unit].format(n=grouped(value)), str(value))


def table_view(table: Table, language: str) -> dict:
    """Everything the template shows: headers, formatted cells, computed cost columns."""
    ui = UI[language]
    volumes = table.data.volumes or []
    by_volume = {calls: costs_at(table, calls) for calls in volumes}
    best = {calls: cheapest(costs) for calls, costs in by_volume.items()}
    headers = [{"text": column.label(language), "numeric": column.type in NUMERIC_TYPES} for column in table.columns]
    headers += [{"text": ui["cost_at"].format(n=grouped(calls)), "numeric": True} for calls in volumes]
    rows = []
    for row in table.rows:
        cells = [cell(column, row.cells[column.id], language) for column in table.columns]
        cells += [
            Cell(ui["yen"].format(n=grouped(by_volume[calls][row.id])), str(by_volume[calls][row.id]), row.id in best[calls])
            for calls in volumes
        ]
        source = None
        if row.source or row.checked_on:
            source = ui["source"].format(
                source=(row.source or table.data.source or Localized(ja="—", zh="—"))(language),
                date=format_date(row.checked_on or table.data.checked_on, language) if (row.checked_on or table.data.checked_on) else "—",
            )
        rows.append({"id": row.id, "cells": cells, "note": row.note(language) if row.note else None, "source": source})
    return {"headers": headers, "rows": rows, "volumes": volumes, "cost_columns": len(volumes)}


def render_table(table: Table, language: str, today: datetime.date, used_on: Sequence[PageLink] | None = None) -> str:
    """The comparison as an HTML block: a sortable table (a plain table without JavaScript)."""
    data = table.data
    stale = any(is_stale(d, today) for d in [data.checked_on, *(row.checked_on for row in table.rows)] if d)
    source = None
    if data.source or data.checked_on:
        source = UI[language]["source"].format(
            source=data.source(language) if data.source else "—",
            date=format_date(data.checked_on, language) if data.checked_on else "—",
        )
    return render(
        "comparison.html",
        compact=True,
        table=table,
        lang=language,
        ui=UI[language],
        view=table_view(table, language),
        source=source,
        stale=stale,
        used_on=used_on,
    )


def simulator_data(table: Table, language: str) -> dict:
    """What docs/assets/comparisons.js needs to compute costs: the rows and the UI text, in one language."""
    ui = UI[language]
    kinds = {kind: table.column_of_type(kind) for kind in (*COST_TYPES, "hours")}

    def value(row: Row, kind: str):
        column = kinds[kind]
        return row.cells.get(column.id) if column else None

    first = table.columns[0]
    return {
        "id": table.id,
        "plans": [
            {
                "id": row.id,
                "name": row.cells[first.id](language),
                "base": value(row, "monthly-fee"),
                "included": value(row, "included-calls"),
                "overage": value(row, "overage-fee"),
                "hours": value(row, "hours"),
            }
            for row in table.rows
        ],
        "hours": [{"id": hours, "label": ui["hours"][hours]} for hours in HOURS] if kinds["hours"] else [],
        "text": {
            key: ui[key] for key in ("yen", "best", "sim_ok", "sim_not_covered", "sim_result", "sim_result_tie", "sim_none", "sim_invalid")
        },
    }


def render_simulator(table: Table, language: str) -> str:
    """The cost simulator form; hidden until docs/assets/comparisons.js has read its data."""
    return render(
        "cost_simulator.html",
        compact=True,
        table=table,
        lang=language,
        ui=UI[language],
        data=simulator_data(table, language),  # the form's options and the script's data, from one place
        default_calls=(table.data.volumes or [0])[0],
    )


def render_index(catalog: Catalog, language: str, pages: Sequence[SitePage], href: Href, today: datetime.date) -> str:
    """Every comparison grouped by the page it belongs to, each with links to the pages that embed it."""
    tables = list(catalog.comparisons.values())
    groups = shared.index_groups(
        tables, "compare", lambda t: t.data.playbook, pages, href, lambda t, embeds: render_table(t, language, today, embeds)
    )
    return render("data_index.html", groups=groups, ui=UI[language])


# ---------------------------------------------------------------- shortcodes


def comparison_handlers(
    catalog: Catalog, language: str, pages: Callable[[], Sequence[SitePage]], href: Href, today: datetime.date
) -> Mapping[str, Handler]:
    """Shortcode handlers for one page: `md:compare ID`, `md:cost-simulator ID` and `md:compare-index`."""
    on_this_page: set[tuple[str, str]] = set()

    def lookup(kind: str, args: str, example: str) -> Table | None:
        words = args.split()
        if len(words) != 1:
            raise ValueError(f"md:{kind} takes one comparison id, e.g. <!-- md:{kind} {example} --> (got '{args}')")
        table_id = words[0]
        if table_id in catalog.broken:
            return None  # its data file already failed the build with its own error line
        if table_id not in catalog.comparisons:
            known = ", ".join(sorted(catalog.comparisons)) or "none"
            raise ValueError(f"unknown comparison '{table_id}' (known: {known})")
        if (kind, table_id) in on_this_page:
            raise ValueError(f"md:{kind} '{table_id}' is already on this page: embed it once")
        on_this_page.add((kind, table_id))
        return catalog.comparisons[table_id]

    def compare(args: str) -> str:
        table = lookup("compare", args, "contact-channels")
        return "" if table is None else "\n" + render_table(table, language, today) + "\n"

    def simulator(args: str) -> str:
        table = lookup("cost-simulator", args, "answering-service-plans")
        if table is None:
            return ""
        if not table.has_costs:
            raise ValueError(f"comparison '{table.id}' has no monthly-fee column: a cost simulator needs fees")
        return "\n" + render_simulator(table, language) + "\n"

    def index(args: str) -> str:
        if args:
            raise ValueError(f"md:compare-index takes no arguments (got '{args}')")
        return "\n" + render_index(catalog, language, pages(), href, today) + "\n"

    return {"compare": compare, "cost-simulator": simulator, "compare-index": index}
