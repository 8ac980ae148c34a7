"""MkDocs hook: per-language Pagefind search behind Material's search box.

- Each page's article is marked for indexing unless its front matter says
  `search: exclude: true`; `search: boost: 0.5` ranks it lower (Material's documented keys).
- Pagefind (extended: it segments Japanese and Chinese) is started with the build and
  given each marked article as soon as the page is rendered, so it indexes on its own
  core while MkDocs renders the rest; one index per `<html lang>`.
- When the last language is built, the index is written and Material's full search
  index is replaced by the few settings the browser needs. Material's search plugin is
  told to skip every page, so it builds no index to throw away. static-i18n builds the
  other languages inside the default language's `on_post_build` (priority -100), so
  this runs after it, at -150.
The work is in hooks/kb/search.py; the browser side is docs/assets/search/worker.js.
"""

import atexit
import json
import logging
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))

from kb.errors import KbError  # noqa: E402
from kb.pagefind_service import PagefindError, PagefindService  # noqa: E402
from kb.search import (  # noqa: E402
    PAGEFIND_CONFIG,
    WARM_UP_PAGES,
    boost,
    indexed_document,
    is_excluded,
    load_synonyms,
    mark_searchable,
    pagefind_url,
    search_settings,
    site_bundle,
)

log = logging.getLogger("mkdocs.hooks.search")
SYNONYMS = Path("data") / "search-synonyms.yml"


# static-i18n builds every language with the same config object: load (and report) once per build.
_loaded: dict = {"config": None, "synonyms": {}}


def _synonyms(config) -> dict:
    if _loaded["config"] is not config:
        _loaded.update(config=config, synonyms={})
        try:
            _loaded["synonyms"] = load_synonyms(Path(config.config_file_path).parent / SYNONYMS, SYNONYMS.as_posix())
        except KbError as error:
            log.error(str(error))
    return _loaded["synonyms"]


def _languages(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    if not i18n:
        return [config.theme["language"]]
    return [language.locale for language in i18n.config.languages if language.build]


# One Pagefind service per site build (every language), and which page each queued message is.
_index: dict = {"service": None, "pages": {}}


def _building_another_language(config) -> bool:
    i18n = config.plugins.get("i18n")
    return i18n is not None and getattr(i18n, "building", False)


def _stop() -> None:
    if _index["service"] is not None:
        _index["service"].close()
    _index.update(service=None, pages={})


atexit.register(_stop)  # `mkdocs serve` stopped mid-build


def on_pre_build(config, **kwargs):
    _synonyms(config)  # report a bad synonym file at the start of the build
    if _building_another_language(config):
        return  # its pages join the index the first language started
    _stop()  # a build that failed half-way (mkdocs serve) leaves its service behind
    from pagefind_bin_extended import get_executable

    try:
        _index["service"] = PagefindService(str(get_executable()), PAGEFIND_CONFIG)
        _index["service"].warm_up(WARM_UP_PAGES)
    except PagefindError as error:
        log.error(f"search index: {error}")


@event_priority(50)  # before Material's search plugin reads the page
def on_page_context(context, page, config, **kwargs):
    # Pagefind indexes the built pages; Material's lunr index would only be thrown away after the build
    # (and static-i18n compares every entry of one language with every entry of the other), so Material
    # is told to skip every page, and the page's own search settings are kept for Pagefind.
    page.meta["kb_search"] = {"excluded": is_excluded(page.meta), "boost": boost(page.meta)}
    page.meta["search"] = {"exclude": True}
    return context


def on_post_page(output, page, config, **kwargs):
    settings = page.meta.get("kb_search") or {"excluded": is_excluded(page.meta), "boost": boost(page.meta)}
    output = mark_searchable(output, settings["excluded"], settings["boost"])
    document = indexed_document(output)
    if document is not None and _index["service"] is not None:
        try:
            message = _index["service"].add_page(pagefind_url(page.url), document)
            _index["pages"][message] = f"{Path(config.docs_dir).name}/{page.file.edit_uri or page.file.src_uri}"
        except PagefindError as error:
            log.error(f"search index: {error}")
            _stop()
    return output


@event_priority(-150)
def on_post_build(config, **kwargs):
    if _building_another_language(config):
        return  # another language is still to come (or being built): index once, at the end
    site = Path(config.site_dir)
    service, pages = _index["service"], _index["pages"]
    _index.update(service=None, pages={})
    if service is None:
        return  # it could not start, and said so
    try:
        problems, files = service.bundle(pages)
    except PagefindError as error:
        log.error(f"search index: {error}")
        return
    for problem in problems:
        log.error(f"search index: {problem}")
    for path, content in site_bundle(files).items():
        target = site / "pagefind" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    index = site / "search" / "search_index.json"
    index.parent.mkdir(parents=True, exist_ok=True)
    settings = search_settings(_languages(config), _synonyms(config))
    index.write_text(json.dumps(settings, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
