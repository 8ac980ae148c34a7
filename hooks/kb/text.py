"""Field types shared by every data file: ids and text in each site language."""

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StrictStr, model_validator

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

    @model_validator(mode="before")
    @classmethod
    def _one_text_per_language(cls, data):
        # A plain string is the usual slip; say what is expected instead of "instance of Localized".
        if not isinstance(data, dict):
            example = ", ".join(f"{language}: …" for language in LANGUAGES)
            raise ValueError(f"give the text in each language, as {{{example}}}")
        return data

    def __call__(self, language: str) -> str:
        return getattr(self, language)
