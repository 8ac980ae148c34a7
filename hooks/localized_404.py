"""MkDocs hook: give every language its own 404 page.

static-i18n builds each language into the same site_dir, so MkDocs writes each
language's 404.html to the site root and the last language wins. After each
language's build we move its 404 into that language's folder and put the
default language's page back at the root.
"""

from pathlib import Path

_root_404: dict[str, bytes] = {}


def _default_locale(config) -> str:
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n else []:
        if language.default:
            return language.locale
    return config.theme["language"]


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    page_404 = site / "404.html"
    if not page_404.exists():
        return
    locale = config.theme["language"]
    if locale == _default_locale(config):
        _root_404[str(site)] = page_404.read_bytes()
        return
    target = site / locale / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    page_404.replace(target)
    if str(site) in _root_404:
        page_404.write_bytes(_root_404[str(site)])
