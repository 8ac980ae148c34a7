"""`make translations`: list outdated and missing translations and overdue reviews; stamp reviewed translations.

make translations                          # list what needs a translator or a reviewer
make translations STAMP=docs/zh/x.md       # after reviewing docs/zh/x.md against its source: mark it up to date
make translations STAMP_ALL=1              # stamp every translation (only right after checking them all)
"""

import argparse
import datetime
import sys
from pathlib import Path

from .text import LANGUAGES
from .translations import MISSING, OUTDATED, Pair, content_hash, is_overdue, last_changed, review_due, scan, stamped


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def report(pairs: list[Pair], root: Path, today: datetime.date) -> list[str]:
    """One line per translation to update or write, and per page whose review is overdue."""
    lines = []
    for pair in pairs:
        source = pair.pages[pair.source_language]
        for language, page in pair.pages.items():
            state = pair.state(language)
            if state == OUTDATED:
                changed = last_changed(str(source.file))
                lines.append(
                    f"outdated  {_relative(page.file, root)}: source {_relative(source.file, root)} changed"
                    f"{' on ' + changed.isoformat() if changed else ''}; update the translation, then stamp it"
                )
            elif state == MISSING and source is not None:
                lines.append(f"missing   {pair.path or 'index'} in '{language}': only {_relative(source.file, root)} exists")
    for pair in pairs:
        for page in pair.pages.values():
            if page and page.reviewed and is_overdue(page.reviewed, page.review_months, today):
                due = review_due(page.reviewed, page.review_months)
                lines.append(
                    f"overdue   {_relative(page.file, root)}: reviewed {page.reviewed.isoformat()}, review was due {due.isoformat()}"
                )
    return lines


def _language_of(file: Path, docs_dir: Path) -> tuple[str, Path]:
    try:
        relative = file.resolve().relative_to(docs_dir.resolve())
    except ValueError:
        raise ValueError(f"{file}: not a page under {docs_dir.name}/<language>/") from None
    language = relative.parts[0]
    if language not in LANGUAGES or len(relative.parts) < 2 or file.suffix != ".md":
        raise ValueError(f"{file}: not a page under {docs_dir.name}/<language>/")
    return language, Path(*relative.parts[1:])


def stamp(file: Path, docs_dir: Path, pairs: list[Pair]) -> str:
    """Record that `file` is an up-to-date translation of its source page; returns the line to print."""
    if not file.is_file():
        raise ValueError(f"{file}: no such page")
    language, relative = _language_of(file, docs_dir)
    by_file = {page.file.resolve(): (pair, page) for pair in pairs for page in pair.pages.values() if page}
    if file.resolve() not in by_file:
        raise ValueError(f"{file}: not a page of the site")
    pair, page = by_file[file.resolve()]
    others = [other for other in LANGUAGES if other != language and pair.pages.get(other)]
    source_language = page.translated_from or (pair.source_language if pair.source_language != language else None)
    if source_language is None and len(others) == 1:
        source_language = others[0]
    if source_language is None or pair.pages.get(source_language) is None:
        raise ValueError(f"{file}: no source page to stamp against (looked for {docs_dir.name}/<other language>/{relative.as_posix()})")
    source_file = pair.pages[source_language].file
    text = file.read_text(encoding="utf-8")
    source_hash = content_hash(source_file.read_text(encoding="utf-8"))
    new_text = stamped(text, source_language, source_hash)
    if new_text != text:
        file.write_text(new_text, encoding="utf-8")
    return f"stamped   {_relative(file, Path.cwd())}: up to date with {source_language} ({source_hash})"


def stamp_all(docs_dir: Path, pairs: list[Pair]) -> list[str]:
    lines = []
    for pair in pairs:
        for language, page in pair.pages.items():
            if page and language != pair.source_language and pair.pages.get(pair.source_language):
                lines.append(stamp(page.file, docs_dir, pairs))
    return lines


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make translations", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=None, help="the docs folder (default: docs/ of this project)")
    parser.add_argument("--stamp", nargs="+", type=Path, default=[], metavar="PAGE", help="mark these translations up to date")
    parser.add_argument("--stamp-all", action="store_true", help="mark every translation up to date")
    args = parser.parse_args(argv)
    root = root or Path.cwd()
    docs_dir = args.docs or root / "docs"
    pairs = scan(docs_dir)
    try:
        if args.stamp_all:
            lines = stamp_all(docs_dir, pairs)
        elif args.stamp:
            lines = [stamp(file, docs_dir, pairs) for file in args.stamp]
        else:
            lines = report(pairs, root, datetime.date.today()) or ["all translations are up to date and no review is overdue"]
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0
