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


def broken_links(built_site: Path) -> list[str]:
    """Every internal reference that points nowhere. Also the files pages load; outside URLs are
    left to test_no_outside_hosts."""
    broken, ids = [], {}
    for page in sorted(built_site.rglob("*.html")):
        if page.name == "404.html":
            continue  # its links are root-absolute by design and checked via the pages themselves
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        # Links, and every file a page loads (styles, scripts, images, icons).
        references = [(tag, tag["href"]) for tag in document.select("a[href], link[href]")]
        references += [(tag, tag["src"]) for tag in document.select("script[src], img[src], source[src], iframe[src]")]
        for link, href in references:
            target = target_file(built_site, page, href)
            if target is None:
                continue
            where = f"{page.relative_to(built_site)} -> {href}"
            if not target.exists():
                broken.append(f"{where}: no such page")
                continue
            fragment = unquote(urlsplit(href).fragment)
            if link.name == "a" and fragment and target.suffix == ".html" and fragment not in ids_in(target, ids):
                broken.append(f"{where}: no #{fragment} there")
    return broken


def test_internal_links_and_anchors_resolve(built_site):
    assert broken_links(built_site) == []


def test_the_check_finds_broken_links(tmp_path):
    (tmp_path / "zh" / "a").mkdir(parents=True)
    (tmp_path / "zh" / "a" / "index.html").write_text('<h2 id="steps">x</h2><a href="#steps">ok</a>', encoding="utf-8")
    (tmp_path / "zh" / "index.html").write_text(
        '<a href="a/#steps">ok</a><a href="a/#nope">anchor</a><a href="b/">page</a>'
        '<script src="../assets/x.js"></script><a href="https://example.invalid/">outside</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "zh/index.html -> a/#nope: no #nope there",
        "zh/index.html -> b/: no such page",
        "zh/index.html -> ../assets/x.js: no such page",
    ]
