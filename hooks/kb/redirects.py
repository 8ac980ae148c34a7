"""Redirects: the language-neutral map of mkdocs.yml, as each language's build needs it."""

from collections.abc import Mapping


def localized_redirects(redirect_maps: Mapping[str, str], language: str, default: str, sources: set[str]) -> dict[str, str]:
    """old -> new as mkdocs-redirects wants them for one language's build.

    Old paths get the language's URL prefix (none for the default language); new
    paths become the source file this build uses for that page (the language's
    own, else the default language's fallback). Outside links and paths that are
    already language-specific pass through.
    """
    result = {}
    for old, new in redirect_maps.items():
        old, new = str(old), str(new)
        old_path = old if language == default else f"{language}/{old}"
        if new.lower().startswith(("http://", "https://")):
            result[old_path] = new
            continue
        target, hash_sign, fragment = new.partition("#")
        for candidate in (f"{language}/{target}", f"{default}/{target}", target):
            if candidate in sources:
                target = candidate
                break
        result[old_path] = target + hash_sign + fragment
    return result


def mark_redirect_page(html: str, language: str) -> str:
    """mkdocs-redirects' page with the site's language and the internal site's `noindex`."""
    html = html.replace('<html lang="en">', f'<html lang="{language}">', 1)
    if 'name="robots"' not in html:
        html = html.replace("<head>", '<head>\n    <meta name="robots" content="noindex, nofollow">', 1)
    return html
