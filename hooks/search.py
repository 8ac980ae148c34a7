"""MkDocs hook: per-language Pagefind search behind Material's search box.

- Each page's article is indexed unless its front matter says `search: exclude: true`;
  `search: boost: 0.5` ranks it lower (Material's documented keys).
- Pagefind (extended: it segments Japanese and Chinese) is started with the build and
  given each article as soon as its Markdown is converted, so it indexes on its own core
  while MkDocs reads the rest. MkDocs reads every page of a language before it renders
  any, so what Pagefind reads is the converted content, laid out as the theme lays out
  the article (hooks/kb/search.py, `indexed_document`).
- Each language (each `<html lang>`) has an index of its own. Once every page of a
  language is read (`on_env`), Pagefind builds that language's part of the bundle, and a
  thread writes it, while MkDocs renders the pages. At the end of the build only the entry
  file that lists every language is left to write, and Material's full search index is
  replaced by the few settings the browser needs.
  Material's search plugin is told to skip every page, so it builds no index to throw
  away. static-i18n builds the other languages inside the default language's
  `on_post_build` (priority -100), so this runs after it, at -150.
The work is in hooks/kb/search.py; the browser side is docs/assets/search/worker.js.
"""

import atexit
import json
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))

from kb.errors import KbError  # noqa: E402
from kb.pagefind_service import PagefindError, PagefindService  # noqa: E402
from kb.search import (  # noqa: E402
    ENTRY,
    PAGEFIND_CONFIG,
    WARM_UP_PAGES,
    boost,
    indexed_document,
    is_excluded,
    load_synonyms,
    pagefind_url,
    search_settings,
    site_bundle,
    write_bundle,
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


# One Pagefind service per site build (every language), which page each queued message is, the bundle's
# folder (static-i18n moves site_dir while it builds another language), and the parts of the bundle being
# written meanwhile (language -> future of its files).
def _no_build() -> dict:
    return {"service": None, "pages": {}, "folder": None, "written": {}, "writer": None}


_index: dict = _no_build()


def _building_another_language(config) -> bool:
    i18n = config.plugins.get("i18n")
    return i18n is not None and getattr(i18n, "building", False)


def _stop() -> None:
    if _index["service"] is not None:
        _index["service"].close()
    if _index["writer"] is not None:
        _index["writer"].shutdown(wait=False)
    _index.update(_no_build())


atexit.register(_stop)  # `mkdocs serve` stopped mid-build


def _write_part(service: PagefindService, language: str, folder: Path) -> dict[str, bytes]:
    """One language's files, written as soon as Pagefind sends them; the entry file waits for every language."""
    part = service.part(language)
    write_bundle(folder, {path: content for path, content in site_bundle([part]).items() if path != ENTRY})
    return part


def on_pre_build(config, **kwargs):
    _synonyms(config)  # report a bad synonym file at the start of the build
    if _building_another_language(config):
        return  # the same service indexes every language
    _stop()  # a build that failed half-way (mkdocs serve) leaves its service behind
    from pagefind_bin_extended import get_executable

    _index.update(folder=Path(config.site_dir) / "pagefind", writer=ThreadPoolExecutor(max_workers=1))
    try:
        _index["service"] = PagefindService(str(get_executable()), PAGEFIND_CONFIG, _languages(config))
        _index["service"].warm_up(WARM_UP_PAGES)
    except PagefindError as error:
        log.error(f"search index: {error}")


@event_priority(-100)  # after every other hook and plugin has changed the page's content
def on_page_content(html, page, config, **kwargs):
    service = _index["service"]
    if service is None:
        return html
    language = config.theme["language"]
    document = indexed_document(html, page.title or config.site_name, language, is_excluded(page.meta), boost(page.meta))
    if document is not None:
        try:
            message = service.add_page(pagefind_url(page.url), document, language)
            _index["pages"][message] = f"{Path(config.docs_dir).name}/{page.file.edit_uri or page.file.src_uri}"
        except PagefindError as error:
            log.error(f"search index: {error}")
            _stop()
    return html


def on_env(env, config, files, **kwargs):
    """Every page of this language is read (MkDocs renders them next): its part of the bundle is built and written meanwhile."""
    service, language = _index["service"], config.theme["language"]
    if service is not None:
        service.finish(language)
        _index["written"][language] = _index["writer"].submit(_write_part, service, language, _index["folder"])
    return env


@event_priority(50)  # before Material's search plugin reads the page
def on_page_context(context, page, config, **kwargs):
    # Pagefind has the page already; Material's lunr index would only be thrown away after the build (and
    # static-i18n compares every entry of one language with every entry of the other), so it skips every page.
    page.meta["search"] = {"exclude": True}
    return context


@event_priority(-150)
def on_post_build(config, **kwargs):
    if _building_another_language(config):
        return  # another language is still to come: the entry file lists every language, so it is written at the end
    build = dict(_index)
    _index.update(_no_build())
    service = build["service"]
    if service is None:
        return  # it could not start, and said so
    try:
        parts = [future.result() for future in build["written"].values()]
        problems = service.problems(build["pages"])
    except PagefindError as error:
        log.error(f"search index: {error}")
        return
    finally:
        service.stop_in_background()
        build["writer"].shutdown(wait=False)  # nothing is left for it to do
    for problem in problems:
        log.error(f"search index: {problem}")
    write_bundle(build["folder"], {ENTRY: site_bundle(parts)[ENTRY]})
    index = Path(config.site_dir) / "search" / "search_index.json"
    index.parent.mkdir(parents=True, exist_ok=True)
    settings = search_settings(_languages(config), _synonyms(config))
    index.write_text(json.dumps(settings, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
