"""The published-URL contract: trainers link to pages and playbook sections, so none may vanish.

tests/urls/published.yml lists every URL the site has published (both languages)
and the heading ids of every playbook. A URL or id may disappear only when a
redirect replaces it (mkdocs-redirects writes a page that forwards) or when the
manifest retires it with a reason. New URLs are free; `make urls` adds them.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

SKIPPED = {"/404.html", "/zh/404.html"}
_PLAYBOOK = re.compile(r"^/(?:[a-z]{2}/)?playbooks/")


@dataclass
class SitePage:
    redirect: bool
    anchors: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    """Heading ids (h2, h3) inside the page's <article>, and whether it is a redirect page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.ids: list[str] = []
        self.redirect = False
        self.has_article = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.redirect = True
        if tag == "article":
            self.has_article = True
            self.depth += 1
        elif self.depth and tag in ("h2", "h3") and values.get("id"):
            self.ids.append(values["id"])

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def read_site(site: Path) -> dict[str, SitePage]:
    """Every page of a built site by URL path ("/", "/zh/playbooks/x/"), with playbook heading ids."""
    pages = {}
    for file in sorted(site.rglob("index.html")):
        relative = file.parent.relative_to(site).as_posix()
        url = "/" if relative == "." else f"/{relative}/"
        reader = _Reader()
        reader.feed(file.read_text(encoding="utf-8", errors="replace"))
        redirect = reader.redirect and not reader.has_article
        anchors = reader.ids if _PLAYBOOK.match(url) and not redirect else []
        pages[url] = SitePage(redirect=redirect, anchors=anchors)
    return pages


@dataclass
class Manifest:
    pages: dict[str, list[str]]  # URL -> heading ids trainers may link to
    retired: dict[str, str]  # URL or URL#id -> why it may be gone


def load_manifest(path: Path) -> Manifest:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pages = {str(url): [str(a) for a in (anchors or [])] for url, anchors in (data.get("published") or {}).items()}
    retired = {}
    for entry in data.get("retired") or []:
        if not isinstance(entry, dict) or not entry.get("url") or not str(entry.get("reason") or "").strip():
            raise ValueError(f"{path}: every retired entry needs a url and a reason (got {entry!r})")
        retired[str(entry["url"])] = str(entry["reason"])
    return Manifest(pages, retired)


HOW_TO_FIX = "keep it, redirect it (mkdocs.yml redirects: redirect_maps) or retire it with a reason in tests/urls/published.yml"


def broken_promises(manifest: Manifest, site: dict[str, SitePage]) -> list[str]:
    """One line per published URL or heading id that is gone without a redirect or a retirement."""
    problems = []
    for url, anchors in manifest.pages.items():
        if url in manifest.retired:
            continue
        page = site.get(url)
        if page is None:
            problems.append(f"{url}: published page is gone: {HOW_TO_FIX}")
            continue
        if page.redirect:
            continue  # the redirect page forwards the #id to the new page
        for anchor in anchors:
            if anchor not in page.anchors and f"{url}#{anchor}" not in manifest.retired:
                problems.append(f"{url}#{anchor}: published heading id is gone: {HOW_TO_FIX}")
    return problems


def current_entries(site: dict[str, SitePage]) -> dict[str, list[str]]:
    return {url: page.anchors for url, page in site.items() if not page.redirect and url not in SKIPPED}


def with_new_entries(manifest: Manifest, site: dict[str, SitePage]) -> dict[str, list[str]]:
    """The manifest's pages plus whatever the site now publishes; nothing is ever removed here."""
    pages = {url: list(anchors) for url, anchors in manifest.pages.items()}
    for url, anchors in current_entries(site).items():
        known = pages.setdefault(url, [])
        known.extend(anchor for anchor in anchors if anchor not in known)
    return dict(sorted(pages.items()))


def dump_manifest(pages: dict[str, list[str]], retired: dict[str, str]) -> str:
    lines = [
        "# Published URLs (both languages) and the heading ids of every playbook. Trainers link to these.",
        "# A test fails when one disappears without a redirect (mkdocs.yml, redirects: redirect_maps) or",
        "# an entry under retired: with a reason. New URLs are free: `make urls` adds them here.",
        "published:",
    ]
    for url, anchors in pages.items():
        lines.append(f'  "{url}": [{", ".join(anchors)}]')
    lines.append("retired:" + ("" if retired else " []"))
    for url, reason in retired.items():
        lines.append(f'  - url: "{url}"')
        lines.append(
            f"    reason: {yaml.safe_dump(reason, allow_unicode=True, default_flow_style=True).strip().removesuffix('...').strip()}"
        )
    return "\n".join(lines) + "\n"
