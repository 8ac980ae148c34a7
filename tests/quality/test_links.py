"""Every internal link and #anchor in the built site resolves, in both languages."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def target_file(site: Path, page: Path, href: str) -> Path | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # not internal
    path = unquote(parts.path)
    if not path:
        return page
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


def ids_in(file: Path, cache: dict) -> set[str]:
    if file not in cache:
        document = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        cache[file] = {tag["id"] for tag in document.select("[id]")} | {tag["name"] for tag in document.select("a[name]")}
    return cache[file]


def test_internal_links_and_anchors_resolve(built_site):
    broken, ids = [], {}
    for page in sorted(built_site.rglob("*.html")):
        if page.name == "404.html":
            continue  # its links are root-absolute by design and checked via the pages themselves
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in document.select("a[href]"):
            href = link["href"]
            target = target_file(built_site, page, href)
            if target is None:
                continue
            where = f"{page.relative_to(built_site)} -> {href}"
            if not target.exists():
                broken.append(f"{where}: no such page")
                continue
            fragment = unquote(urlsplit(href).fragment)
            if fragment and target.suffix == ".html" and fragment not in ids_in(target, ids):
                broken.append(f"{where}: no #{fragment} there")
    assert broken == []
