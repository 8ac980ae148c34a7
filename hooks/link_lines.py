"""MkDocs hook: MkDocs' warnings about broken links and anchors name the line of the link.

The work is in hooks/kb/link_lines.py; this file adds a logging filter to MkDocs' page logger.
"""

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kb.link_lines import link_line, warned_link, with_position  # noqa: E402


class _LinkLines(logging.Filter):
    docs_dir: Path | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        found = warned_link(record.getMessage()) if self.docs_dir else None
        if found:
            file, link = found
            try:
                source = (self.docs_dir / file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                source = ""  # the page's own error is reported elsewhere; the file name is still given
            message = with_position(record.getMessage(), f"{self.docs_dir.name}/{file}", link_line(source, link))
            record.msg, record.args = message, ()
        return True


_filter = _LinkLines()


def on_config(config, **kwargs):
    _filter.docs_dir = Path(config.docs_dir)
    pages_log = logging.getLogger("mkdocs.structure.pages")
    if _filter not in pages_log.filters:
        pages_log.addFilter(_filter)
    return config
