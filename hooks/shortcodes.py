"""MkDocs hook: expand `<!-- md:… -->` shortcodes in the language of the page.

The work is done by hooks/kb; this file only connects it to MkDocs events and
turns a KbError into one error line (the strict build then fails).
"""

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kb.errors import KbError  # noqa: E402
from kb.shortcodes import expand  # noqa: E402

log = logging.getLogger("mkdocs.hooks.shortcodes")


def page_language(page, config) -> str:
    return getattr(page.file, "locale", None) or config.theme["language"]


def first_body_line(page) -> int:
    """Line in the source file where the Markdown body starts (after front matter)."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8", errors="replace")
    start = source.find(page.markdown[:200]) if page.markdown else -1
    return source.count("\n", 0, start) + 1 if start > 0 else 1


def handlers_for(language: str, page, config) -> dict:
    """Shortcode name -> function(args) for this page. Features register here."""
    return {}


def on_page_markdown(markdown, page, config, files, **kwargs):
    page_path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    handlers = handlers_for(page_language(page, config), page, config)
    try:
        return expand(markdown, handlers, page_path, first_body_line(page))
    except KbError as error:
        log.error(str(error))
        return markdown
