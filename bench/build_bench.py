"""`make bench`: build-time benchmark of a synthetic knowledge base.

For each size (pages per language) it builds the same generated corpus with
  stock         Material + static-i18n, default options
  stock-pruned  the same plus Material's documented `navigation.prune`
  ours-no-hooks this site's mkdocs.yml without hooks/
  ours          this site's mkdocs.yml as shipped
and reports wall time, peak memory and search-index size, then one
`mkdocs serve` rebuild after editing one page. Figures are ratios from one run.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import site_config  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MEASURE = (
    "import resource, subprocess, sys;"
    "code = subprocess.run(sys.argv[1:]).returncode;"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)

STOCK = """site_name: bench
docs_dir: docs
theme: {name: material, language: ja, features: [%s]}
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: ja, name: 日本語, default: true}
        - {locale: zh, name: 简体中文}
markdown_extensions: [toc, admonition, tables, attr_list]
"""


def make_project(folder: Path, pages: int, config: str, ours: bool) -> Path:
    folder.mkdir(parents=True)
    write_corpus(folder / "docs", pages, with_shortcodes=ours)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    if ours:
        (folder / "data").symlink_to(ROOT / "data")
        (folder / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
        # The real pages too: data names them (a checklist's `playbook`), and /checklists/ reads every page.
        for language in ("ja", "zh"):
            shutil.copytree(ROOT / "docs" / language, folder / "docs" / language, dirs_exist_ok=True)
    return folder


def build(project: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        env=ENV,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb


def search_bytes(site: Path) -> dict[str, int]:
    """Bytes of search data per language (Material's shared index, or per-language Pagefind bundles)."""
    sizes = {}
    material = site / "search" / "search_index.json"
    if material.exists():
        sizes["shared"] = material.stat().st_size
    for language, folder in (("ja", site / "pagefind"), ("zh", site / "zh" / "pagefind")):
        if folder.exists():
            sizes[language] = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return sizes


def serve_rebuild(project: Path, port: int) -> float:
    """Seconds from editing one page to `mkdocs serve` reloading browsers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stderr=subprocess.STDOUT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for line in process.stdout:
            if "Serving on" in line:
                break
        time.sleep(1)
        page = project / "docs" / "ja" / "s00" / "p0000.md"
        start = time.perf_counter()
        page.write_text(page.read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
        for line in process.stdout:
            if "Reloading browsers" in line:
                return time.perf_counter() - start
        raise RuntimeError("mkdocs serve stopped before rebuilding")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,500,2000", help="pages per language, comma-separated")
    parser.add_argument("--serve-size", type=int, default=500, help="pages per language for the serve rebuild")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    configs = {
        "stock": (STOCK % "", False),
        "stock-pruned": (STOCK % "navigation.prune", False),
        "ours-no-hooks": (site_config(with_hooks=False), True),
        "ours": (site_config(with_hooks=True), True),
    }
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    results = {}
    try:
        for pages in sizes:
            for name, (config, ours) in configs.items():
                project = make_project(work / f"{name}-{pages}", pages, config, ours)
                seconds, peak_kb = build(project)
                results[name, pages] = (seconds, peak_kb, search_bytes(project / "site"))
                print(
                    f"{pages:>5}×2 {name:<14} {seconds:7.1f} s  peak {peak_kb / 1024:6.0f} MB  search {search_bytes(project / 'site')}",
                    flush=True,
                )
                shutil.rmtree(project / "site")
        print("\nratios (same run)")
        for pages in sizes:
            (ours,) = (results["ours", pages][0],)
            print(
                f"{pages:>5}×2  hooks: ours/ours-no-hooks = {ours / results['ours-no-hooks', pages][0]:.2f}"
                f"  features: ours/stock-pruned = {ours / results['stock-pruned', pages][0]:.2f}"
                f"  ours/stock = {ours / results['stock', pages][0]:.2f}"
            )
        if len(sizes) > 1:
            first, last = sizes[0], sizes[-1]
            growth = results["ours", last][0] / results["ours", first][0]
            stock_growth = results["stock", last][0] / results["stock", first][0]
            print(f"growth {first}→{last} pages ({last / first:.0f}× pages): ours {growth:.1f}×, stock {stock_growth:.1f}×")
        project = make_project(work / "serve", args.serve_size, configs["ours"][0], True)
        print(f"mkdocs serve rebuild after one edit ({args.serve_size}×2 pages): {serve_rebuild(project, 8765):.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
