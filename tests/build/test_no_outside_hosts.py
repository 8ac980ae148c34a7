"""An internal site: nothing in the built output may load from another host."""

import re

from bs4 import BeautifulSoup

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def outside(url: str) -> bool:
    return bool(OUTSIDE.match(url.strip()))


def loaded_urls_in_html(text: str) -> list[str]:
    document = BeautifulSoup(text, "html.parser")
    urls = [tag["src"] for tag in document.select("[src]")]
    urls += [tag["href"] for tag in document.select("link[href]") if "alternate" not in tag.get("rel", [])]
    urls += [tag.get("data", "") for tag in document.select("object")]
    for style in document.select("style"):
        urls += [a or b for a, b in CSS_URL.findall(style.get_text())]
    for tag in document.select("[style]"):
        urls += [a or b for a, b in CSS_URL.findall(tag["style"])]
    return urls


def test_no_html_page_loads_from_another_host(built_site):
    offenders = {}
    for file in built_site.rglob("*.html"):
        found = [url for url in loaded_urls_in_html(file.read_text(encoding="utf-8")) if outside(url)]
        if found:
            offenders[str(file.relative_to(built_site))] = found
    assert offenders == {}


def test_no_stylesheet_or_script_loads_from_another_host(built_site):
    offenders = {}
    for file in [*built_site.rglob("*.css"), *built_site.rglob("*.js")]:
        text = file.read_text(encoding="utf-8", errors="replace")
        found = [a or b for a, b in CSS_URL.findall(text) if outside(a or b)]
        if found:
            offenders[str(file.relative_to(built_site))] = found
    assert offenders == {}


def test_the_scanner_catches_outside_urls():
    html = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css"><img src="//cdn.example/x.png">'
        '<div style="background: url(https://example.com/a.png)"></div><script src="../assets/kb.js"></script>'
    )
    found = sorted(url for url in loaded_urls_in_html(html) if outside(url))
    assert found == ["//cdn.example/x.png", "https://example.com/a.png", "https://fonts.googleapis.com/css"]
