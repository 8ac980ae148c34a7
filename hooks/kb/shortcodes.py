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


class Html(str):
    """Handler output that is one finished HTML block, with nothing for Markdown to do in it."""


class HtmlBlocks:
    """Finished HTML blocks of one page, held out of Markdown behind a marker comment.

    Python-Markdown would otherwise parse every tag of a generated block again (a
    checklist has dozens) only to copy it through unchanged; `restore` puts each block
    back into the page's HTML at its marker.
    """

    _MARKER = re.compile(r"<!-- kb-html (\d+) -->")

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def keep(self, html: str) -> str:
        self.blocks.append(html.strip("\n"))
        return f"\n<!-- kb-html {len(self.blocks) - 1} -->\n"

    def restore(self, html: str) -> str:
        if not self.blocks:
            return html
        return self._MARKER.sub(lambda m: self.blocks[int(m[1])] if int(m[1]) < len(self.blocks) else m[0], html)


def expand(markdown: str, handlers: Mapping[str, Handler], page_path: str, first_line: int = 1, blocks: HtmlBlocks | None = None) -> str:
    """Replace every shortcode; a problem becomes a KbError naming the page and line.

    With `blocks`, handler output of type Html goes there and a marker stays in the Markdown.
    """

    def replace(match: re.Match) -> str:
        line = first_line + markdown.count("\n", 0, match.start())
        kind, args = match["kind"], match["args"].strip()
        handler = handlers.get(kind)
        if handler is None:
            known = ", ".join(sorted(handlers)) or "none"
            raise KbError(page_path, line, f"unknown shortcode 'md:{kind}' (known: {known})")
        try:
            result = handler(args)
        except ValueError as error:
            raise KbError(page_path, line, str(error)) from None
        return blocks.keep(result) if blocks is not None and isinstance(result, Html) and result.strip() else result

    return SHORTCODE.sub(replace, markdown)
