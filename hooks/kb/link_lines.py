"""The line of a link MkDocs warns about, so its warning names file and line as every other error does.

MkDocs' link and anchor checks name the page (`Doc file 'ja/index.md' contains a link
'playbook.md', but ...`) but not where on it the link is; a long playbook has dozens.
"""

import re

_WARNING = re.compile(
    r"^Doc file '(?P<file>[^']+)' contains (?:a link(?: to)?|an absolute link|an unrecognized relative link) '(?P<link>[^']+)'"
)


def warned_link(message: str) -> tuple[str, str] | None:
    """(page file relative to docs/, link as written) of a MkDocs link warning, or None for other messages."""
    match = _WARNING.match(message)
    return (match["file"], match["link"]) if match else None


def link_line(markdown: str, link: str) -> int | None:
    """The first line that writes this link: `[text](link)`, `[id]: link`, `<link>` or `href="link"`."""
    written = (f"]({link}", f"]( {link}", f"]: {link}", f"<{link}>", f'href="{link}"')
    for number, line in enumerate(markdown.splitlines(), start=1):
        if any(form in line for form in written):
            return number
    return None


def with_position(message: str, shown_as: str, line: int | None) -> str:
    """`docs/ja/index.md:10: Doc file 'ja/index.md' contains a link ...` (MkDocs' own words kept)."""
    return f"{shown_as}:{line}: {message}" if line else f"{shown_as}: {message}"
