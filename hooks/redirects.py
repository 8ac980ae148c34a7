"""MkDocs hook: one language-neutral redirect map for every language.

mkdocs.yml lists each moved page once, by its path inside a language folder:

    redirects:
      redirect_maps:
        "playbooks/old-name.md": "playbooks/new-name.md"

mkdocs-redirects knows nothing of static-i18n, which builds each language into
the same site folder. Before each language's build this hook gives the plugin
that language's map: `/playbooks/old-name/` -> `/playbooks/new-name/` and
`/zh/playbooks/old-name/` -> `/zh/playbooks/new-name/` (or its fallback page).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from mkdocs.plugins import event_priority  # noqa: E402

from kb.redirects import localized_redirects, mark_redirect_page  # noqa: E402


def _default_language(config) -> str:
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n else []:
        if language.default:
            return language.locale
    return config.theme["language"]


@event_priority(-110)  # after static-i18n (-100) has chosen this language's files and their URLs
def on_files(files, config, **kwargs):
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return files
    language = config.theme["language"]
    pages = {file.src_uri: file for file in files.documentation_pages()}
    plugin.doc_pages = pages
    sources = set(pages)
    plugin.redirects = localized_redirects(plugin.config.get("redirect_maps", {}), language, _default_language(config), sources)
    return files


def on_post_build(config, **kwargs):
    """Redirect pages are pages too: the site's language and `noindex`, like every other page."""
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return
    from mkdocs_redirects.plugin import get_html_path

    language = config.theme["language"]
    for old in getattr(plugin, "redirects", {}):
        file = Path(config.site_dir) / get_html_path(old, config.use_directory_urls)
        if file.is_file():
            file.write_text(mark_redirect_page(file.read_text(encoding="utf-8"), language), encoding="utf-8")
