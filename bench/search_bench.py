"""`make bench-search`: the query benchmark (tests/search/queries.yml) in a real browser.

Builds the same docs twice in one run,
  stock  Material's own search (lunr, defaults) with static-i18n, as Material ships it
  tuned  Material's search tuned for CJK as its docs suggest: jieba installed (Material then
         segments every kanji run at build time) and a separator with \u200b and CJK punctuation
  ours   this site as shipped (hooks/search.py: per-language Pagefind behind Material's UI)
then types every query into the search box of the language's home page in Chromium,
as a person would (Playwright `fill`, then a key press so an IME-style input runs),
reads the result list and reports per language:
  recall@1, recall@5  share of queries whose expected page (and section, if given) is
                      first / among the first five results
  wrong language      results in the other language
  time to first result  median / p90 / worst time from typing the query to the first results shown,
                      each on a fresh page load (so the first query's downloads count)
  first-query KB      search data downloaded for a page view plus its first query
`--readme` writes the figures into README.md ("Search quality").
"""

import argparse
import datetime
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import LANGUAGE_PREFIX, NGINX, NginxServer, Server, build_site, launch_chromium, search_ui, site_config  # noqa: E402

QUERIES = ROOT / "tests" / "search" / "queries.yml"
SEARCH_DATA = re.compile(r"/(search/|pagefind/|assets/javascripts/workers/|assets/search/|assets/javascripts/lunr/)")


def load_queries() -> dict[str, list[dict]]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


TUNED_SEARCH = "  - search:\n      separator: '[\\s\\u200b\\-、。，．・？！]+'\n"
JIEBA = "jieba==0.42.1"


def stock_project(folder: Path, tuned: bool = False) -> Path:
    """Our docs, data and content hooks, but Material's search as it ships (or tuned as its docs suggest)."""
    folder.mkdir(parents=True)
    config = site_config(with_hooks=True)
    config = "\n".join(line for line in config.splitlines() if not line.strip().endswith("hooks/search.py") and "custom_dir:" not in line)
    config = config.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    if tuned:
        config = config.replace("  - search\n", TUNED_SEARCH, 1)
    (folder / "mkdocs.yml").write_text(config + "\n", encoding="utf-8")
    (folder / "data").symlink_to(ROOT / "data")
    return folder


def result_pages(items: list[list[str]]) -> list[tuple[str, set[str]]]:
    """Each result item as (page path without the leading slash, anchors of its links)."""
    pages = []
    for links in items:
        parts = [urlsplit(link) for link in links]
        page = next((p.path for p in parts if not p.fragment), parts[0].path if parts else "")
        pages.append((page.lstrip("/"), {p.fragment for p in parts if p.fragment}))
    return pages


def rank_of(pages: list[tuple[str, set[str]]], expected: set[str], anchor: str | None) -> int | None:
    for rank, (page, anchors) in enumerate(pages, start=1):
        if page in expected and (anchor is None or anchor in anchors):
            return rank
    return None


def expected_pages(entry: dict, prefix: str) -> set[str]:
    """`expect` is one page, or a list where several pages answer the query equally well."""
    expect = entry["expect"]
    return {prefix + path for path in ([expect] if isinstance(expect, str) else expect)}


def first_query_bytes(browser, url: str, query: str) -> int:
    """Bytes of search data (index, worker, engine) for one page view and its first query."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def count(response):
        if SEARCH_DATA.search(urlsplit(response.url).path):
            try:
                sizes[response.url] = len(response.body())
            except Exception:
                sizes[response.url] = 0

    page.on("response", count)
    search_ui(page, url, query)
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(sizes.values())


def run(browser, base: str, queries: dict[str, list[dict]], verbose: bool) -> dict:
    report = {}
    for language, entries in queries.items():
        prefix = LANGUAGE_PREFIX[language]
        context = browser.new_context(locale="ja-JP" if language == "ja" else "zh-CN")
        page = context.new_page()
        rows = []
        for entry in entries:
            items, elapsed = search_ui(page, base + prefix, entry["q"])
            pages = result_pages(items)
            rank = rank_of(pages, expected_pages(entry, prefix), entry.get("anchor"))
            wrong = sum(1 for path, _ in pages if (path.startswith("zh/") if language == "ja" else not path.startswith("zh/")))
            rows.append({**entry, "rank": rank, "ms": elapsed, "wrong": wrong, "got": [p for p, _ in pages[:3]]})
            if verbose:
                shown = "no answer" if elapsed is None else f"{elapsed:5.0f} ms"
                print(f"  {language} {entry['q']:<24} rank={rank} {shown}  {[p for p, _ in pages[:3]]}", flush=True)
        context.close()
        report[language] = rows
    return report


def summary(rows: list[dict]) -> dict:
    n = len(rows)
    times = [row["ms"] for row in rows if row["ms"] is not None]
    return {
        "n": n,
        "r1": sum(1 for row in rows if row["rank"] == 1) / n,
        "r5": sum(1 for row in rows if row["rank"] and row["rank"] <= 5) / n,
        "wrong": sum(row["wrong"] for row in rows),
        "median": statistics.median(times) if times else float("nan"),
        "p90": statistics.quantiles(times, n=10)[-1] if len(times) > 1 else float("nan"),
        "worst": max(times) if times else float("nan"),
        "failed": n - len(times),
    }


def table(results: dict, sizes: dict) -> str:
    lines = [
        "| engine | language | queries | recall@1 | recall@5 | wrong-language results | "
        "time to first result, median / p90 / worst | no answer | search data for a first query |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, report in results.items():
        for language, rows in report.items():
            for label, subset in (("all", rows), ("written pages", [r for r in rows if not r.get("needs")])):
                s = summary(subset)
                lines.append(
                    f"| {name} | {language} ({label}) | {s['n']} | {s['r1']:.2f} | {s['r5']:.2f} | {s['wrong']} | "
                    f"{s['median']:.0f} / {s['p90']:.0f} / {s['worst']:.0f} ms | {s['failed']} | {sizes[name, language] / 1024:.0f} KB |"
                )
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = "<!-- search-bench:start -->", "<!-- search-bench:end -->"
    block = f"{start}\n{text}\n{end}"
    if start in content:
        content = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, content, flags=re.DOTALL)
    else:
        content = content.rstrip("\n") + f"\n\n## Search quality\n\n{block}\n"
    readme.write_text(content, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["stock", "tuned", "ours"], help="measure one engine only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every query's result")
    parser.add_argument("--readme", action="store_true", help="write the figures into README.md")
    parser.add_argument(
        "--server",
        choices=["nginx", "python"],
        default="nginx" if Path(NGINX).exists() else "python",
        help="serve the sites with deploy/nginx.conf (as in production; default where nginx exists) or Python's http.server",
    )
    args = parser.parse_args()
    queries = load_queries()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kb-search-bench-") as work:
        work = Path(work)
        names = [args.only] if args.only else ["stock", "tuned", "ours"]
        projects = {"stock": stock_project(work / "stock"), "ours": ROOT}
        environments: dict[str, dict] = {}
        if "tuned" in names:
            projects["tuned"] = stock_project(work / "tuned", tuned=True)
            # jieba only for this build: installed beside it, so the other builds stay as they ship.
            subprocess.run(
                [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--target", str(work / "jieba"), JIEBA],
                check=True,
            )
            environments["tuned"] = {"PYTHONPATH": str(work / "jieba")}
        servers, results, sizes = {}, {}, {}
        for name in names:
            site = work / f"site-{name}"
            built = build_site(projects[name], site, environments.get(name))
            if built.returncode != 0:
                sys.exit(f"{name}: build failed\n{built.stdout[-3000:]}")
            if args.server == "nginx":
                (work / f"nginx-{name}").mkdir()
                servers[name] = NginxServer(site, work / f"nginx-{name}")
            else:
                servers[name] = Server(site)
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                for name in names:
                    print(f"{name}:", flush=True)
                    results[name] = run(browser, servers[name].url, queries, args.verbose)
                    for language in queries:
                        first = queries[language][0]["q"]
                        sizes[name, language] = first_query_bytes(browser, servers[name].url + LANGUAGE_PREFIX[language], first)
                browser.close()
        finally:
            for server in servers.values():
                server.close()
    text = table(results, sizes)
    print("\n" + text)
    for name, report in results.items():
        misses = [
            (language, row) for language, rows in report.items() for row in rows if not row["rank"] or row["rank"] > row.get("top", 5)
        ]
        print(f"\n{name}: {len(misses)} queries below their target (top: 1 or 5)")
        for language, row in misses:
            print(
                f"  {language} {row['q']} -> expected /{row['expect']}{'#' + row['anchor'] if row.get('anchor') else ''}"
                f" (top {row.get('top', 5)}), rank {row['rank']}, got {row['got']}"
                f"{'  [needs ' + row['needs'] + ']' if row.get('needs') else ''}"
            )
    if args.readme:
        today = datetime.datetime.now(datetime.UTC).date().isoformat()
        server = "nginx with deploy/nginx.conf" if args.server == "nginx" else "Python's http.server"
        write_readme(
            f"Measured {today} with `make bench-search` (`.venv/bin/python bench/search_bench.py --readme`), "
            f"{sum(len(v) for v in queries.values())} queries from `tests/search/queries.yml`, "
            f"headless Chromium on the built sites served by {server} on 127.0.0.1, each query typed "
            "on a freshly loaded page (a 2-core machine shared with other builds: times are indicative).\n\n" + text
        )


if __name__ == "__main__":
    main()
