"""Site search: the synonym list staff maintain, and what the search engine is given.

Search runs in the browser on Pagefind's per-language index, behind Material's own
search box and result list (docs/assets/search/worker.js speaks Material's worker
protocol). This module holds the plain parts:

- `load_synonyms`: data/search-synonyms.yml, validated, every term NFKC-normalised;
- `indexed_document`: what Pagefind is given of a page, as soon as its Markdown is
  converted: its language and its article (unless the page says `search: exclude: true`
  in its front matter, as Material documents), generated checklists included (their
  items are <label>s, which Pagefind skips); `pagefind_url` and `PAGEFIND_CONFIG` go with
  it (hooks/kb/pagefind_service.py carries it to Pagefind);
- `search_settings`: the small JSON the browser loads instead of Material's full
  index (separator for highlighting, synonyms for the query).
"""

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator

from .errors import KbError
from .text import LANGUAGES, Strict, Text
from .yaml_source import line_of, load_yaml, validate

# Split highlight terms on spaces, zero-width spaces and CJK punctuation.
SEPARATOR = r"[\s\u200b\-、。，．・]+"
# Parts of an article that are not content: permalink marks, buttons (a checklist's reset and print).
NOT_CONTENT = [".headerlink", "button"]
_LABEL = re.compile(r"<label\b([^>]*)>(.*?)</label>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _indexable_label(match: re.Match) -> str:
    """Pagefind drops <label> text (checklist items are labels): repeat it in an attribute it indexes."""
    attributes, inner = match.groups()
    text = " ".join(_TAG.sub(" ", inner).split()).replace('"', "&quot;")
    if not text or "data-pagefind-index-attrs" in attributes:
        return match.group(0)
    return f'<label{attributes} data-pagefind-index-attrs="data-search-text" data-search-text="{text}">{inner}</label>'


def index_labels(html: str) -> str:
    """Make the labels searchable (their text is already escaped HTML, so it stays escaped)."""
    return _LABEL.sub(_indexable_label, html)


def normalize(text: str) -> str:
    """What both the index and the query compare: NFKC (ＦＡＸ -> FAX, ｶﾅ -> カナ), lower case."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _group(terms: list[str]) -> list[str]:
    normalized = [normalize(term) for term in terms]
    if len(normalized) < 2:
        raise ValueError("a synonym group needs at least two terms")
    for term in normalized:
        if normalized.count(term) > 1:
            raise ValueError(f"'{term}' is listed twice in the same group")
    return normalized


Group = Annotated[list[Text], AfterValidator(_group)]


class Synonyms(Strict):
    """Per language, groups of terms staff use for the same thing."""

    ja: list[Group] = []
    zh: list[Group] = []


def load_synonyms(path: Path, shown_as: str) -> dict[str, list[list[str]]]:
    """Groups per language; a term in two groups of one language is an error (which group wins?)."""
    if not path.exists():
        return {language: [] for language in LANGUAGES}
    data, lines = load_yaml(path, shown_as)
    if not isinstance(data, dict):
        raise KbError(shown_as, 1, "the synonym file must be a mapping: ja: [[term, term, …], …], zh: […]")
    synonyms = validate(Synonyms, data, lines, shown_as)
    result = {}
    for language in LANGUAGES:
        groups = getattr(synonyms, language)
        seen: dict[str, int] = {}
        for number, group in enumerate(groups):
            for term in group:
                if term in seen:
                    line = line_of((language, number), lines)
                    raise KbError(shown_as, line, f"{language}: '{term}' is already in group {seen[term] + 1}: merge the two groups")
                seen[term] = number
        result[language] = [list(group) for group in groups]
    return result


def is_excluded(meta: dict) -> bool:
    """Material's documented front matter: `search: {exclude: true}`."""
    search = meta.get("search")
    return isinstance(search, dict) and search.get("exclude") is True


def boost(meta: dict) -> float:
    """Material's documented `search: {boost: 0.5}`: rank the page lower (< 1) or higher (> 1)."""
    search = meta.get("search")
    value = search.get("boost", 1) if isinstance(search, dict) else 1
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else 1.0


def search_settings(languages: list[str], synonyms: dict[str, list[list[str]]]) -> dict:
    """Replaces Material's search_index.json: the config its highlighter needs, no documents."""
    # Material hands only `config` and `docs` to the search worker, so the synonyms go in `config`.
    groups = {language: synonyms.get(language, []) for language in languages}
    return {"config": {"lang": languages, "separator": SEPARATOR, "pipeline": [], "synonyms": groups}, "docs": []}


# Pagefind's own UI bundles are not used: Material's search UI talks to pagefind.js.
UNUSED_BUNDLE_FILES = {
    f"{name}{suffix}"
    for name in ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")
    for suffix in (".js", ".css")
}


ENTRY = "pagefind-entry.json"  # lists each language's index; the browser reads it first


def site_bundle(parts: list[dict[str, bytes]]) -> dict[str, bytes]:
    """The bundle the site serves, from Pagefind's per-language parts: every part's files (the engine files
    are the same in each), one entry file listing every language, Pagefind's own UI bundles left out."""
    files: dict[str, bytes] = {}
    entry: dict = {}
    for part in parts:
        for path, content in part.items():
            if path == ENTRY:
                listed = json.loads(content)
                entry = {**entry, **listed, "languages": {**entry.get("languages", {}), **listed.get("languages", {})}}
            elif path not in UNUSED_BUNDLE_FILES:
                files[path] = content
    if entry:
        # Pagefind lists languages in a random order; sorted keys keep two builds byte-identical.
        files[ENTRY] = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return files


def write_bundle(folder: Path, files: dict[str, bytes]) -> None:
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


PAGEFIND_CONFIG = {"exclude_selectors": NOT_CONTENT}
# A sentence per language, enough for Pagefind to load what it segments each language with.
WARM_UP_PAGES = [
    '<html lang="ja"><body data-pagefind-body><p>不在着信には当日中に折り返し電話をします。</p></body></html>',
    '<html lang="zh"><body data-pagefind-body><p>未接来电要在当天给客户回电。</p></body></html>',
]


def indexed_document(content: str, title: str, language: str, excluded: bool, weight: float = 1.0) -> str | None:
    """What Pagefind reads of a page: its language and its article, made from the page's converted Markdown.

    The article is laid out as Material's partials/content.html lays it out: a heading with the page's
    title when the content has none, then the content. What the theme adds around the content (the edit
    button, translation notices, page facts) is not content, and the navigation around the article is most
    of a page's bytes and none of its content, so neither is sent. Pages left out return None. A boost
    other than 1 travels as Pagefind metadata; the search worker multiplies the page's score by it.
    """
    if excluded:
        return None
    heading = "" if "<h1" in content else f"<h1>{html.escape(title, quote=False)}</h1>"
    boosted = f' data-pagefind-meta="boost:{weight:g}"' if weight != 1 else ""
    article = f"<article data-pagefind-body{boosted}>{heading}{index_labels(content)}</article>"
    return f'<!doctype html><html lang="{language}"><body>{article}</body></html>'


def pagefind_url(page_url: str) -> str:
    """MkDocs' page URL ("" for home, "zh/playbooks/x/") as Pagefind's results give it: from the site root."""
    return "/" + page_url
