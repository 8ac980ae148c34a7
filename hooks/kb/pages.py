"""Pages as data refers to them: a language-neutral path such as `playbooks/after-hours-contact`.

Data files name pages by the path of their URL (the URL contract), which is the
same in every language: `docs/ja/onboarding.md` and `docs/zh/onboarding.md`
are both the page `onboarding`.
"""

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .front_matter import FRONT_MATTER
from .text import LANGUAGES
from .yaml_source import quick_load

_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*(?:\{[^}]*\})?[ \t]*$", re.MULTILINE)


def page_path(relative_md: str) -> str:
    """`playbooks/x.md` -> `playbooks/x`; `playbooks/index.md` -> `playbooks`; `index.md` -> ``."""
    path = relative_md.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index").rstrip("/")
    return path


def without_language(src_uri: str) -> str:
    """`zh/playbooks/x.md` -> `playbooks/x.md` (the folder layout puts each language in its own folder)."""
    first, _, rest = src_uri.partition("/")
    return rest if first in LANGUAGES and rest else src_uri


def page_paths(docs_dir: Path) -> set[str]:
    """Every page of the site, in any language, as a language-neutral path (the home page has none)."""
    found = set()
    for language in LANGUAGES:
        folder = docs_dir / language
        for file in folder.rglob("*.md"):
            found.add(page_path(file.relative_to(folder).as_posix()))
    found.discard("")
    return found


def page_title(markdown_source: str) -> str | None:
    """The page's title as MkDocs shows it: front matter `title`, else the first `# ` heading."""
    match = FRONT_MATTER.match(markdown_source)
    body = markdown_source
    if match:
        body = markdown_source[match.end() :]
        title = _parsed_front_matter(match["yaml"] or "").get("title")
        if isinstance(title, str) and title.strip():
            return title.strip()
    heading = _H1.search(body)
    return heading.group(1) if heading else None


def front_matter_meta(markdown_source: str) -> dict:
    """The page's front matter as plain data, {} when it has none or it does not parse (the front-matter hook
    reports that with its line). The same dict is handed to every caller: read it, do not change it."""
    match = FRONT_MATTER.match(markdown_source)
    return _parsed_front_matter(match["yaml"] or "") if match else {}


@lru_cache(maxsize=8192)  # a build asks for each page's front matter more than once (titles, translation scan)
def _parsed_front_matter(text: str) -> dict:
    try:
        meta = quick_load(text)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return {}
    return meta if isinstance(meta, dict) else {}


def nav_order(nav) -> list[str]:
    """Page paths in the order mkdocs.yml's `nav` lists them (its entries name Markdown files)."""
    order: list[str] = []

    def walk(entry):
        if isinstance(entry, str):
            if entry.endswith(".md"):
                order.append(page_path(entry))
        elif isinstance(entry, dict):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, list):
            for value in entry:
                walk(value)

    walk(nav or [])
    return order


_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def html_ids(html: str) -> set[str]:
    """The element ids in a page's HTML: the targets a `#anchor` can reach."""
    return set(_ID.findall(html))
