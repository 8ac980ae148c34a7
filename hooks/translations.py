"""MkDocs hook: translation notices, page facts (owner, review, last change) and review reminders.

The logic is in hooks/kb/translations.py; this file reads what MkDocs knows about
the page being built and hands the rendered HTML to the templates in overrides/
through `page.meta` (so the notices stay out of the search index).
static-i18n builds once per language; a page missing in the language being
built is its default-language file (`fallback_to_default`).
"""

import datetime
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from mkdocs.utils import get_relative_url  # noqa: E402

from kb.pages import page_path, without_language  # noqa: E402
from kb.text import LANGUAGES  # noqa: E402
from kb.translations import (  # noqa: E402
    DEFAULT_REVIEW_MONTHS,
    OUTDATED,
    is_overdue,
    last_changed,
    render_missing_notice,
    render_outdated_notice,
    render_page_info,
    review_due,
    scan,
)

log = logging.getLogger("mkdocs.hooks.translations")


def _file_language(file) -> str:
    first = file.src_uri.partition("/")[0]
    return first if first in LANGUAGES else getattr(file, "locale", None) or LANGUAGES[0]


def _default_language(config) -> str:
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n else []:
        if language.default:
            return language.locale
    return LANGUAGES[0]


def on_pre_build(config, **kwargs):
    """Pages that exist only outside the default language are not built there: say so once."""
    if config.theme["language"] != _default_language(config):
        return
    default = _default_language(config)
    docs = Path(config.docs_dir)
    for pair in scan(docs):
        if pair.pages.get(default) is None:
            only = next(page for page in pair.pages.values() if page)
            log.info(
                f"{docs.name}/{only.file.relative_to(docs).as_posix()}: "
                f"not yet translated: no {docs.name}/{default}/ page, so the '{default}' site has no /{pair.path}/ "
                "(listed as missing on /translation-status/)"
            )


_scanned: dict = {"config": None, "pairs": {}}


def _pairs(config) -> dict:
    """Every page pair of this build by page path, read once (static-i18n builds each language with the same config)."""
    if _scanned["config"] is not config:
        _scanned.update(config=config, pairs={pair.path: pair for pair in scan(Path(config.docs_dir))})
    return _scanned["pairs"]


def _source_href(page, source_language: str) -> str | None:
    alternate = getattr(page.file, "alternates", {}).get(source_language)
    return get_relative_url(alternate.url, page.url) if alternate else None


def on_page_content(html, page, config, files, **kwargs):
    """A fallback page's text is in the other language: say so for screen readers and translation tools."""
    language = _file_language(page.file)
    if language != config.theme["language"]:
        return f'<div lang="{language}">\n{html}\n</div>'
    return html


def on_page_context(context, page, config, nav, **kwargs):
    building = config.theme["language"]
    language = _file_language(page.file)
    meta = page.meta
    notice = ""
    if language != building:
        notice = render_missing_notice(building, language)
    else:
        # The same pairs and states as /translation-status/ shows.
        pair = _pairs(config).get(page_path(without_language(page.file.src_uri)))
        if pair is not None and pair.state(language) == OUTDATED:
            source = pair.pages[pair.source_language]
            href = _source_href(page, pair.source_language) or ""
            notice = render_outdated_notice(building, pair.source_language, last_changed(str(source.file)), href)
    meta["kb_notice"] = notice

    updated = meta.get("git_revision_date_localized_raw_iso_date")
    reviewed = meta.get("reviewed") if isinstance(meta.get("reviewed"), datetime.date) else None
    meta["kb_page_info"] = render_page_info(
        building,
        str(meta["owner"]) if meta.get("owner") else None,
        reviewed,
        datetime.date.fromisoformat(updated) if updated else None,
    )

    months = meta.get("review_interval_months")
    if language == building and reviewed and is_overdue(reviewed, months, datetime.date.today()):
        # INFO, not WARNING: strict mode would fail the build, and a late review is a reminder, not an error.
        log.info(
            f"{Path(config.docs_dir).name}/{page.file.src_uri}: overdue review: last reviewed {reviewed.isoformat()}, "
            f"due {review_due(reviewed, months).isoformat()} (every {months or DEFAULT_REVIEW_MONTHS} months); "
            "check the page and set 'reviewed' to the date of the check"
        )
    return context
