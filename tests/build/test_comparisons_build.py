"""Comparison tables in real builds: a fixture site with good and bad data, and the real site."""

import datetime
import json
import re
import sys

import pytest
from bs4 import BeautifulSoup

from checklist_fixture import error_lines
from comparison_fixture import make_comparison_site
from helpers import ROOT, build_fixture_site, html_file

sys.path.insert(0, str(ROOT / "hooks"))
from kb.comparisons import cheapest, costs_at, load_comparisons, simulator_data  # noqa: E402
from kb.pages import page_paths  # noqa: E402

KANA = re.compile(r"[\u3041-\u30ff]")
# Which page embeds which table (the list).
EMBEDDED = {
    "playbooks/answering-service/": "answering-service-plans",
    "playbooks/after-hours-contact/": "contact-channels",
    "playbooks/complaint-handling/": "complaint-causes",
}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def real_tables():
    catalog = load_comparisons(ROOT / "data" / "comparisons", ROOT, page_paths(ROOT / "docs"), datetime.date.today())
    assert catalog.errors == []
    return catalog.comparisons


def shown_costs(block) -> dict:
    return {(td.find_parent("tr")["data-row"], int(td["data-volume"])): int(td["data-cost"]) for td in block.select("td[data-cost]")}


def shown_cheapest(block) -> set:
    return {(td.find_parent("tr")["data-row"], int(td["data-volume"])) for td in block.select("td.kb-compare__best")}


@pytest.fixture
def site(tmp_path):
    return make_comparison_site(tmp_path / "project")


# ------------------------------------------------------------------ fixture site


def test_fixture_site_shows_computed_costs_in_both_languages(site):
    result = build_fixture_site(site)
    assert result.returncode == 0, result.stdout
    for language, cost in (("ja", "7,000円"), ("zh", "7,000 日元")):
        document = soup(html_file(site / "site", language, "guide/"))
        block = document.select_one('.kb-compare[data-compare="demo-plans"]')
        # 0 calls: the base fee; 10 calls: exactly the included calls; 20: a tie; 40: overage.
        assert shown_costs(block) == {
            ("small", 0): 1000,
            ("small", 10): 1000,
            ("small", 20): 3000,
            ("small", 40): 7000,
            ("big", 0): 3000,
            ("big", 10): 3000,
            ("big", 20): 3000,
            ("big", 40): 4000,
            ("flat", 0): 5000,
            ("flat", 10): 5000,
            ("flat", 20): 5000,
            ("flat", 40): 5000,
        }
        assert shown_cheapest(block) == {("small", 0), ("small", 10), ("small", 20), ("big", 20), ("big", 40)}
        assert block.select_one('tr[data-row="small"] td[data-volume="40"]').get_text() == cost
        simulator = document.select_one('.kb-simulator[data-simulator="demo-plans"]')
        data = json.loads(simulator.select_one("script[data-kb-simulator-data]").string)
        assert [plan["id"] for plan in data["plans"]] == ["small", "big", "flat"]
        assert document.select_one('.kb-compare[data-compare="demo-channels"] td').get_text() == "高"


def test_fixture_index_lists_both_tables_with_links(site):
    result = build_fixture_site(site)
    assert result.returncode == 0, result.stdout
    for language in ("ja", "zh"):
        index = html_file(site / "site", language, "comparisons/")
        document = soup(index)
        blocks = document.select("article .kb-compare")
        assert [b["data-compare"] for b in blocks] == ["demo-plans", "demo-channels"]
        for block in blocks:
            link = block.select_one(".kb-compare__used-on a")
            target, _, anchor = link["href"].partition("#")
            assert soup((index.parent / target / "index.html").resolve()).select_one(f'[id="{anchor}"]') is not None


def test_bad_table_fails_the_build_with_one_line(site):
    data = site / "data" / "comparisons" / "demo-plans.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("base: 3000", "base: -3000"), encoding="utf-8")
    result = build_fixture_site(site)
    assert result.returncode != 0
    # Once, although static-i18n builds the site once per language; the pages stay silent.
    assert error_lines(result.stdout) == [
        "data/comparisons/demo-plans.yml:32: rows[1].base: an amount in yen cannot be negative (got -3000)"
    ]
    assert "Traceback" not in result.stdout


def test_stale_prices_warn_and_fail_the_strict_build(site):
    data = site / "data" / "comparisons" / "demo-plans.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("checked_on: 2026-11-01", "checked_on: 2020-04-01"), encoding="utf-8")
    result = build_fixture_site(site)
    assert result.returncode != 0
    warnings = [line.split("-", 1)[1].strip() for line in result.stdout.splitlines() if line.startswith("WARNING")]
    expected = (
        "data/comparisons/demo-plans.yml:5: checked_on 2020-04-01 is more than a year old: check the prices again and update checked_on"
    )
    assert warnings.count(expected) == 1
    assert "Traceback" not in result.stdout


def test_script_in_data_is_shown_as_text(site):
    data = site / "data" / "comparisons" / "demo-plans.yml"
    evil = "'</script><script>alert(1)</script>'"
    data.write_text(data.read_text(encoding="utf-8").replace("plan: {ja: 小, zh: 小}", f"plan: {{ja: {evil}, zh: 小}}"), encoding="utf-8")
    result = build_fixture_site(site)
    assert result.returncode == 0, result.stdout
    for path in ("guide/", "comparisons/"):
        html = html_file(site / "site", "ja", path).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        document = BeautifulSoup(html, "html.parser")
        assert document.select_one('tr[data-row="small"] th').get_text() == "</script><script>alert(1)</script>"
    document = soup(html_file(site / "site", "ja", "guide/"))
    data = json.loads(document.select_one("script[data-kb-simulator-data]").string)
    assert data["plans"][0]["name"] == "</script><script>alert(1)</script>"


# ------------------------------------------------------------------ the real site


@pytest.mark.parametrize("language", ["ja", "zh"])
@pytest.mark.parametrize("path", EMBEDDED)
def test_playbook_pages_embed_their_tables(built_site, path, language):
    document = soup(html_file(built_site, language, path))
    blocks = document.select("article .kb-compare")
    assert [block["data-compare"] for block in blocks] == [EMBEDDED[path]]
    block = blocks[0]
    # In a section of its own, with the same anchor in both languages.
    heading = block.find_previous(["h2", "h3"])
    assert heading["id"] in {"plan-comparison", "channel-comparison", "causes-table"}
    rows = block.select("tbody tr")
    assert len(rows) >= 4
    assert all(len(row.select("th, td")) == len(block.select("thead th")) for row in rows)
    if language == "zh":
        assert not KANA.search(block.get_text()), f"Japanese kana in the Chinese table {block['data-compare']}"


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_plans_table_shows_the_costs_the_formula_gives(built_site, language):
    table = real_tables()["answering-service-plans"]
    document = soup(html_file(built_site, language, "playbooks/answering-service/"))
    block = document.select_one('.kb-compare[data-compare="answering-service-plans"]')
    assert table.data.volumes == [30, 50, 100, 200]
    assert shown_costs(block) == {(row, calls): cost for calls in table.data.volumes for row, cost in costs_at(table, calls).items()}
    assert shown_cheapest(block) == {(row, calls) for calls in table.data.volumes for row in cheapest(costs_at(table, calls))}
    # Each standard volume has its own cheapest plan in this data: the table is worth reading.
    assert len({frozenset(cheapest(costs_at(table, calls))) for calls in table.data.volumes}) == 4
    source = block.select_one(".kb-compare__source").get_text()
    assert str(table.data.checked_on.year) in source
    # The simulator on the same page reads the same rows.
    data = json.loads(document.select_one("script[data-kb-simulator-data]").string)
    assert data == simulator_data(table, language)


def test_plans_follow_the_market_ranges():
    """The generic plan types stay within the ranges the answering-service playbook gives."""
    table = real_tables()["answering-service-plans"]
    for row in table.rows:
        cells = row.cells
        assert 10_000 <= cells["initial-fee"] <= 50_000
        assert 100 <= cells["overage-fee"] <= 300
        if cells["hours"] == "weekday-daytime" and cells["included-calls"] == 50:
            assert 5_000 <= cells["monthly-fee"] <= 10_000
        if cells["hours"] == "weekday-daytime" and cells["included-calls"] == 100:
            assert 8_000 <= cells["monthly-fee"] <= 15_000


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_comparisons_page_lists_every_table_with_links_to_its_pages(built_site, language):
    index = html_file(built_site, language, "comparisons/")
    document = soup(index)
    blocks = document.select("article .kb-compare")
    assert sorted(block["data-compare"] for block in blocks) == sorted(EMBEDDED.values())
    for block in blocks:
        links = block.select(".kb-compare__used-on a")
        assert links, f"{block['data-compare']} names no page"
        for link in links:
            target, _, anchor = link["href"].partition("#")
            page = (index.parent / target / "index.html").resolve()
            assert page.exists(), link["href"]
            assert soup(page).select_one(f'.kb-compare[id="{anchor}"]') is not None, link["href"]
    assert [h["id"] for h in document.select("article h2")] == ["after-hours-contact", "complaint-handling", "answering-service"]


def test_data_files_are_the_listed_tables():
    assert sorted(path.stem for path in (ROOT / "data" / "comparisons").glob("*.yml")) == sorted(EMBEDDED.values())


def test_vendored_tablesort_is_the_npm_package():
    """docs/assets/vendor/tablesort/ is a copy of the package pinned in package.json, with its licence."""
    package = ROOT / "node_modules" / "tablesort"
    if not package.exists():
        pytest.fail("node_modules/tablesort is missing: make test installs it with npm ci", pytrace=False)
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["tablesort"]
    assert json.loads((package / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    vendored = ROOT / "docs" / "assets" / "vendor" / "tablesort"
    for name, original in (
        ("tablesort.min.js", package / "dist" / "tablesort.min.js"),
        ("tablesort.number.min.js", package / "dist" / "sorts" / "tablesort.number.min.js"),
        ("LICENCE", package / "LICENCE"),
    ):
        assert (vendored / name).read_bytes() == original.read_bytes(), name
