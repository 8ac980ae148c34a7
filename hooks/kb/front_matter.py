"""Check a page's front matter: the keys every page needs, with the right types."""

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr, StringConstraints, field_validator

from .errors import KbError
from .text import LANGUAGES, Strict, Text
from .yaml_source import line_of, parse_yaml, plain_yaml, validate

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


class TranslationStamp(Strict):
    """On a translated page: the language it was translated from and that page's body hash then."""

    source: Literal[LANGUAGES]
    source_hash: Annotated[StrictStr, StringConstraints(pattern=r"^[0-9a-f]{12}$")]

    @field_validator("source_hash", mode="before")
    @classmethod
    def _quoted(cls, value):
        if isinstance(value, int | float):
            raise ValueError('write the hash in quotes, as `make translations STAMP=…` does: source_hash: "0123456789ab"')
        return value


class PageMeta(BaseModel):
    """Required on every page; other keys (search, hide…) pass through."""

    model_config = ConfigDict(extra="allow")
    title: PlainText
    description: PlainText
    owner: PlainText
    reviewed: datetime.date
    template: StrictStr | None = None
    translation: TranslationStamp | None = None
    review_interval_months: StrictInt | None = Field(default=None, ge=1, le=120)


def check_front_matter(source: str, shown_as: str, language: str | None = None) -> PageMeta:
    """Validate the front matter at the top of a Markdown page's source (of `language`, when known)."""
    match = FRONT_MATTER.match(source)
    if match is None:
        raise KbError(shown_as, 1, "no front matter: start the page with --- and title, description, owner, reviewed")
    text = match["yaml"] or ""
    data = plain_yaml(text)
    if data is not None:
        try:
            return _checked(data, {}, shown_as, language)
        except KbError:
            pass  # read it again, keeping each value's line, to name the line of the problem
    data, lines = parse_yaml(text, shown_as, first_line=2)
    return _checked(data, lines, shown_as, language)


def _checked(data, lines: dict, shown_as: str, language: str | None) -> PageMeta:
    if not isinstance(data, dict):
        raise KbError(shown_as, 2, "front matter must be 'key: value' lines")
    meta = validate(PageMeta, data, lines, shown_as)
    if meta.translation and meta.translation.source == language:
        raise KbError(
            shown_as,
            line_of(("translation", "source"), lines),
            f"translation.source: this page is itself in '{language}': name the language it was translated from",
        )
    return meta
