"""MkDocs hook: translation notices, page facts (owner, review, last change) and review reminders.

The logic is in hooks/kb/translations.py; this file reads what MkDocs knows about
the page being built and hands the rendered HTML to the templates in overrides/
through `page.meta` (so the notices stay out of the search index).
static-i18n builds once per language; a page missing in the language being
built is its default-language file (`fallback_to_default`), and on_files below
does the same for a page that exists only outside the default language.
"""

import datetime
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
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
    if getattr(file, "kb_language", None):
        return file.kb_language  # a page borrowed from another language (see on_files)
    first = file.src_uri.partition("/")[0]
    return first if first in LANGUAGES else getattr(file, "locale", None) or LANGUAGES[0]


def _default_language(config) -> str:
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n else []:
        if language.default:
            return language.locale
    return LANGUAGES[0]


def _page_file(config, language: str, relative: str) -> File:
    """A File whose URL is that of `relative` in `language` (the default language has no prefix)."""
    prefix = "" if language == _default_language(config) else f"{language}/"
    dest = File(relative, None, "", config.use_directory_urls).dest_uri
    return File(f"{language}/{relative}", config.docs_dir, config.site_dir, config.use_directory_urls, dest_uri=prefix + dest)


@event_priority(-110)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config, **kwargs):
    """static-i18n falls back only to the default language: build a page that exists only in another language there too.

    The borrowed file is named as if it were the default language's (so `nav` finds it) but
    reads the other language's source; it gets the "not yet translated" notice like any
    fallback page, its edit link opens the real file, and the switchers point at each other.
    """
    default, building = _default_language(config), config.theme["language"]
    docs = Path(config.docs_dir)
    for pair in _pairs(config).values():
        if pair.pages.get(default) is not None:
            continue
        source = next(page for page in pair.pages.values() if page)
        relative = source.file.relative_to(docs / source.language).as_posix()
        if building == default:
            borrowed = _page_file(config, default, relative)
            borrowed.abs_src_path = str(source.file)
            borrowed.edit_uri = f"{source.language}/{relative}"
            borrowed.kb_language = source.language
            borrowed.locale, borrowed.locale_alternate_of, borrowed.localization = source.language, default, source.language
            borrowed.norm_src_uri = relative
            borrowed.alternates = {default: borrowed, source.language: _page_file(config, source.language, relative)}
            files.append(borrowed)
            log.info(
                f"{docs.name}/{source.language}/{relative}: not yet translated: built from the '{source.language}' page "
                f"at /{pair.path}/ too, with a notice (listed as missing on /translation-status/)"
            )
        else:
            own = files.get_file_from_path(f"{building}/{relative}")
            if own is not None and hasattr(own, "alternates"):
                own.alternates[default] = _page_file(config, default, relative)
    return files


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

    # The same date the outdated-translation check compares: the page's last commit, from one `git log`.
    updated = last_changed(page.file.abs_src_path) if page.file.abs_src_path else None
    reviewed = meta.get("reviewed") if isinstance(meta.get("reviewed"), datetime.date) else None
    meta["kb_page_info"] = render_page_info(
        building,
        str(meta["owner"]) if meta.get("owner") else None,
        reviewed,
        updated,
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
