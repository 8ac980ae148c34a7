"""MkDocs hook: every page's front matter is checked before it is rendered."""

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kb.errors import KbError  # noqa: E402
from kb.front_matter import FRONT_MATTER, check_front_matter  # noqa: E402

log = logging.getLogger("mkdocs.hooks.front_matter")


def on_page_read_source(page, config, **kwargs):
    """Runs before MkDocs parses the page, so a bad page gives one line, not a traceback."""
    # edit_uri: a page borrowed from another language (hooks/translations.py) names its real file there.
    source_uri = page.file.edit_uri or page.file.src_uri
    shown_as = f"{Path(config.docs_dir).name}/{source_uri}"
    raw = Path(page.file.abs_src_path).read_bytes()
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        log.error(str(KbError(shown_as, line, "file is not UTF-8 text: save it as UTF-8")))
        return raw.decode("utf-8", errors="replace")
    try:
        check_front_matter(source, shown_as, source_uri.partition("/")[0])
    except KbError as error:
        log.error(str(error))
        return FRONT_MATTER.sub("", source, count=1)  # let MkDocs go on, so every problem is listed
    return None  # MkDocs reads the file as usual
