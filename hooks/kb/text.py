"""Field types shared by every data file: ids and text in each site language."""

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StrictStr

LANGUAGES = ("ja", "zh")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(f"'{value}' is not a valid id: use lower-case ASCII letters, digits and hyphens")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("text is empty")
    return value.strip()


Slug = Annotated[StrictStr, AfterValidator(_slug)]
Text = Annotated[StrictStr, AfterValidator(_not_blank)]


class Strict(BaseModel):
    """Base for data models: unknown keys are mistakes, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    """A text given in every site language."""

    ja: Text
    zh: Text

    def __call__(self, language: str) -> str:
        return getattr(self, language)
