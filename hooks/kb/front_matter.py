"""Check a page's front matter: the keys every page needs, with the right types."""

import datetime
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StrictStr

from .errors import KbError
from .text import Text
from .yaml_source import parse_yaml, validate

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.DOTALL)


# The theme puts these values into the page unescaped (title, navigation, meta tags), so markup
# in them would become part of the page: only plain text is allowed.
_TAG = re.compile(r"<[A-Za-z/!?][^\s>]*>?")


def _plain(value: str) -> str:
    tag = _TAG.search(value)
    if tag:
        raise ValueError(f"plain text only: '{tag[0]}' would be HTML in the page, not text")
    return value


PlainText = Annotated[Text, AfterValidator(_plain)]


class PageMeta(BaseModel):
    """Required on every page; other keys (search, hide, translation stamps…) pass through."""

    model_config = ConfigDict(extra="allow")
    title: PlainText
    description: PlainText
    owner: PlainText
    reviewed: datetime.date
    template: StrictStr | None = None


def check_front_matter(source: str, shown_as: str) -> PageMeta:
    """Validate the front matter at the top of a Markdown page's source."""
    match = FRONT_MATTER.match(source)
    if match is None:
        raise KbError(shown_as, 1, "no front matter: start the page with --- and title, description, owner, reviewed")
    data, lines = parse_yaml(match["yaml"] or "", shown_as, first_line=2)
    if not isinstance(data, dict):
        raise KbError(shown_as, 2, "front matter must be 'key: value' lines")
    return validate(PageMeta, data, lines, shown_as)
