"""MkDocs hook: expand `<!-- md:… -->` shortcodes in the language of the page.

The work is done by hooks/kb; this file only connects it to MkDocs events and
turns a KbError into one error line (the strict build then fails).
"""

import datetime
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kb.checklists import Catalog, SitePage, checklist_handlers, load_checklists  # noqa: E402
from kb.comparisons import Catalog as Comparisons  # noqa: E402
from kb.comparisons import comparison_handlers, load_comparisons  # noqa: E402
from kb.errors import KbError  # noqa: E402
from kb.pages import nav_order, page_path, page_paths, page_title, without_language  # noqa: E402
from kb.shortcodes import expand  # noqa: E402
from kb.translations import scan, status_handlers  # noqa: E402

log = logging.getLogger("mkdocs.hooks.shortcodes")


def page_language(page, config) -> str:
    return getattr(page.file, "locale", None) or config.theme["language"]


def first_body_line(page) -> int:
    """Line in the source file where the Markdown body starts (after front matter)."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8", errors="replace")
    start = source.find(page.markdown[:200]) if page.markdown else -1
    return source.count("\n", 0, start) + 1 if start > 0 else 1


# What one build has loaded. static-i18n builds every language with the same config
# object, so data is loaded (and its errors logged) once; `mkdocs serve` loads a new
# config for each rebuild, so edited data is read again.
_build: dict = {"config": None}


def _for_this_build(config) -> dict:
    if _build["config"] is not config:
        _build.clear()
        _build.update(config=config, files={}, pages={})
    return _build


def checklists(config) -> Catalog:
    state = _for_this_build(config)
    if "checklists" not in state:
        root = Path(config.config_file_path).parent
        catalog = load_checklists(root / "data" / "checklists", root, page_paths(Path(config.docs_dir)))
        for error in catalog.errors:
            log.error(str(error))
        state["checklists"] = catalog
    return state["checklists"]


def comparisons(config) -> Comparisons:
    state = _for_this_build(config)
    if "comparisons" not in state:
        root = Path(config.config_file_path).parent
        state["today"] = datetime.date.today()  # data older than a year before this is reported as stale
        catalog = load_comparisons(root / "data" / "comparisons", root, page_paths(Path(config.docs_dir)), state["today"])
        for error in catalog.errors:
            log.error(str(error))
        for warning in catalog.warnings:
            log.warning(str(warning))
        state["comparisons"] = catalog
    return state["comparisons"]


def site_files(language: str, config, files) -> dict:
    """This language's pages (MkDocs File objects) by language-neutral path."""
    state = _for_this_build(config)["files"]
    if language not in state:
        state[language] = {page_path(without_language(f.src_uri)): f for f in files.documentation_pages()}
    return state[language]


def site_pages(language: str, config, files) -> list[SitePage]:
    """This language's pages in nav order, with title and source (read once, when an index needs them)."""
    state = _for_this_build(config)["pages"]
    if language not in state:
        pages = []
        for path, file in site_files(language, config, files).items():
            source = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
            pages.append(SitePage(path, page_title(source) or path, source))
        order = {path: position for position, path in enumerate(nav_order(config.nav))}
        pages.sort(key=lambda p: (order.get(p.path, len(order)), p.path))
        state[language] = pages
    return state[language]


def handlers_for(language: str, page, config, files) -> dict:
    """Shortcode name -> function(args) for this page. Features register here."""
    by_path = site_files(language, config, files)

    def href(path: str) -> str | None:
        file = by_path.get(path)
        return file.url_relative_to(page.file) if file else None

    def pages():
        return site_pages(language, config, files)

    def pairs():
        state = _for_this_build(config)
        if "pairs" not in state:
            state["pairs"] = scan(Path(config.docs_dir))
        return state["pairs"]

    tables = comparisons(config)  # loading it also fixes this build's date
    today = _build["today"]
    return {
        **checklist_handlers(checklists(config), language, pages, href),
        **comparison_handlers(tables, language, pages, href, today),
        **status_handlers(pairs, language, today, href),
    }


def on_pre_build(config, **kwargs):
    checklists(config)  # report data errors at the start of the build
    comparisons(config)


def on_page_markdown(markdown, page, config, files, **kwargs):
    shown_as = f"{Path(config.docs_dir).name}/{page.file.edit_uri or page.file.src_uri}"
    handlers = handlers_for(page_language(page, config), page, config, files)
    try:
        return expand(markdown, handlers, shown_as, first_body_line(page))
    except KbError as error:
        log.error(str(error))
        return markdown
