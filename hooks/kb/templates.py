"""Render the Jinja templates in hooks/kb/templates/ with every value escaped.

Output goes into Markdown, so besides HTML autoescaping there is `md_text` for
text that lands in a Markdown line (a heading): it escapes HTML and Markdown
punctuation, so data never becomes markup. A `compact` result has no blank
lines, so a rendered HTML block stays one raw block for Python-Markdown.
"""

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

# The characters Python-Markdown lets a backslash escape (others would show the backslash).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def md_text(value: str) -> Markup:
    """Plain text for a Markdown line: HTML-escaped, Markdown punctuation backslash-escaped."""
    return Markup(_MARKDOWN_PUNCTUATION.sub(r"\\\1", str(escape(value))))


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.filters["md_text"] = md_text
    return environment


def render(template: str, compact: bool = False, **values) -> str:
    text = _environment().get_template(template).render(**values)
    if compact:
        return "\n".join(line for line in text.splitlines() if line.strip())
    return text
