"""Check a page's front matter: the keys every page needs, with the right types."""

import datetime
import re

from pydantic import BaseModel, ConfigDict, StrictStr

from .errors import KbError
from .text import Text
from .yaml_source import parse_yaml, validate

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.DOTALL)


class PageMeta(BaseModel):
    """Required on every page; other keys (search, hide, translation stamps…) pass through."""

    model_config = ConfigDict(extra="allow")
    title: Text
    description: Text
    owner: Text
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
