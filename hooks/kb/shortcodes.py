"""Find `<!-- md:TYPE ARGS -->` shortcodes in Markdown and expand them.

Shortcodes are HTML comments (as in Material's own docs), so a page previews
cleanly on GitHub and in editors before the site is built.
"""

import re
from collections.abc import Callable, Mapping

from .errors import KbError

SHORTCODE = re.compile(r"<!--\s*md:(?P<kind>[\w-]+)(?P<args>[^>]*?)\s*-->")

# A handler gets the shortcode's argument text and returns Markdown/HTML.
# It raises ValueError with a message for the writer; the position is added here.
Handler = Callable[[str], str]


def expand(markdown: str, handlers: Mapping[str, Handler], page_path: str, first_line: int = 1) -> str:
    """Replace every shortcode; a problem becomes a KbError naming the page and line."""

    def replace(match: re.Match) -> str:
        line = first_line + markdown.count("\n", 0, match.start())
        kind, args = match["kind"], match["args"].strip()
        handler = handlers.get(kind)
        if handler is None:
            known = ", ".join(sorted(handlers)) or "none"
            raise KbError(page_path, line, f"unknown shortcode 'md:{kind}' (known: {known})")
        try:
            return handler(args)
        except ValueError as error:
            raise KbError(page_path, line, str(error)) from None

    return SHORTCODE.sub(replace, markdown)
