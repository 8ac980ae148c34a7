"""What every kind of data file shares: a folder of YAML files, pages they name, pages that embed them.

Checklists (data/checklists/) and comparison tables (data/comparisons/) are both
one file per id, each belonging to a page (`playbook`) and embedded in pages by
a shortcode; the index pages list them with links to the pages that embed them.
"""

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, StrictStr

from .errors import KbError
from .shortcodes import SHORTCODE
from .yaml_source import Location, line_of, load_yaml, validate

_PAGE_PATH = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*")


def _page_path(value: str) -> str:
    if not _PAGE_PATH.fullmatch(value):
        raise ValueError(f"'{value}' is not a page path: write the page's URL path, e.g. playbooks/after-hours-contact")
    return value


def not_empty(value: list) -> list:
    if not value:
        raise ValueError("the list is empty: give at least one entry")
    return value


# A page as data names it: its URL path without slashes at the ends ("playbooks/after-hours-contact").
PagePath = Annotated[StrictStr, AfterValidator(_page_path)]


def did_you_mean(path: str, pages: Sequence[str] | set[str]) -> str:
    """A hint for an unknown page path: the closest known ones (the full list can be long)."""
    close = difflib.get_close_matches(path, sorted(pages), n=3, cutoff=0.6)
    if close:
        return f" (did you mean {', '.join(close)}?)"
    return f" (no docs/<language>/{path}.md)"


Model = TypeVar("Model")


def load_model(
    path: Path, shown_as: str, model: type[Model], shape: str, pages: Sequence[str] | set[str]
) -> tuple[Model, dict[Location, int]]:
    """Read one data file into its model, with the YAML lines for later messages.

    A file that is not a mapping (`shape` says what it should hold), a schema error, an id that
    is not the file name, or a `playbook` that names no page is one KbError naming the file and line.
    """
    data, lines = load_yaml(path, shown_as)
    if not isinstance(data, dict):
        raise KbError(shown_as, 1, shape)
    loaded = validate(model, data, lines, shown_as)
    if loaded.id != path.stem:
        message = f"id '{loaded.id}' does not match the file name '{path.name}': rename one of them"
        raise KbError(shown_as, line_of(("id",), lines), message)
    if loaded.playbook not in pages:
        message = f"playbook: unknown page '{loaded.playbook}'{did_you_mean(loaded.playbook, pages)}"
        raise KbError(shown_as, line_of(("playbook",), lines), message)
    return loaded, lines


@dataclass(frozen=True)
class SitePage:
    """A page of the language being built, as the index needs it."""

    path: str  # language-neutral: "playbooks/after-hours-contact"
    title: str
    source: str  # Markdown source, to find the blocks it embeds


@dataclass(frozen=True)
class PageLink:
    title: str
    href: str


# page path (and optional anchor) -> URL relative to the page being built, or None if there is no such page
Href = Callable[[str], str | None]


def embedded_ids(markdown: str, kind: str) -> list[str]:
    """Ids a page embeds with `<!-- md:KIND ID -->`, in page order."""
    return [m["args"].split()[0] for m in SHORTCODE.finditer(markdown) if m["kind"] == kind and m["args"].split()]


Entry = TypeVar("Entry")


def index_groups(
    entries: Sequence[Entry],
    kind: str,
    playbook: Callable[[Entry], str],
    pages: Sequence[SitePage],
    href: Href,
    render_entry: Callable[[Entry, list[PageLink]], str],
) -> list[dict]:
    """The body of an index page (/checklists/, /comparisons/): one group per page that owns entries, in
    navigation order, each entry in the order its own page embeds it and rendered with links to every page
    that embeds it with `<!-- md:KIND ID -->` (at its `#KIND-ID` anchor)."""
    order = {page.path: position for position, page in enumerate(pages)}
    titles = {page.path: page.title for page in pages}
    embeds: dict[str, list[PageLink]] = {}
    for page in pages:
        for entry_id in dict.fromkeys(embedded_ids(page.source, kind)):
            url = href(page.path)
            if url is not None:
                embeds.setdefault(entry_id, []).append(PageLink(page.title, f"{url}#{kind}-{entry_id}"))

    def place_on_own_page(entry: Entry) -> tuple[int, str]:
        source = next((p.source for p in pages if p.path == playbook(entry)), "")
        ids = embedded_ids(source, kind)
        return (ids.index(entry.id) if entry.id in ids else len(ids), entry.id)  # type: ignore[attr-defined]

    groups = []
    for owner in sorted({playbook(entry) for entry in entries}, key=lambda path: (order.get(path, len(order)), path)):
        members = sorted((entry for entry in entries if playbook(entry) == owner), key=place_on_own_page)
        groups.append(
            {
                "anchor": owner.rsplit("/", 1)[-1],
                "title": titles.get(owner, owner),
                "blocks": [render_entry(entry, embeds.get(entry.id, [])) for entry in members],  # type: ignore[attr-defined]
            }
        )
    return groups


@dataclass
class Folder(Generic[Entry]):
    """Every file of one data folder that loaded, and what went wrong with the others."""

    entries: dict[str, Entry] = field(default_factory=dict)
    errors: list[KbError] = field(default_factory=list)
    # File names (ids) that failed: shortcodes naming them stay silent, the file's own error is enough.
    broken: set[str] = field(default_factory=set)


# path, shown_as -> (the loaded entry with an `id`, its line map); raises KbError
Loader = Callable[[Path, str], tuple[Entry, dict[Location, int]]]


def load_folder(directory: Path, root: Path, load: Loader, what: str) -> Folder:
    """Load every `*.yml`/`*.yaml` in a folder; each bad file adds one error and is left out."""
    folder: Folder = Folder()
    if not directory.is_dir():
        return folder
    first_file: dict[str, str] = {}
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    for path in files:
        shown_as = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        try:
            entry, lines = load(path, shown_as)
        except KbError as error:
            folder.errors.append(error)
            folder.broken.add(path.stem)
            continue
        entry_id = entry.id  # type: ignore[attr-defined]
        if entry_id in first_file:
            folder.errors.append(KbError(shown_as, lines[("id",)], f"duplicate {what} id '{entry_id}' (also in {first_file[entry_id]})"))
            folder.broken.add(entry_id)
            continue
        first_file[entry_id] = shown_as
        folder.entries[entry_id] = entry
    return folder
