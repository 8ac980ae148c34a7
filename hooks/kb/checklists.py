"""Checklists: the schema of data/checklists/*.yml, loading it, and rendering it as HTML.

A checklist file holds its text in every site language and the page
(`playbook`) it belongs to. Pages embed it with `<!-- md:checklist ID -->`;
`<!-- md:checklist-index -->` lists them all, grouped by that page.
Browsers keep ticks per checklist id and item id (docs/assets/checklists.js),
so item ids must stay stable while their order and text change.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, StrictInt

from . import catalog as shared
from .catalog import Href, PageLink, PagePath, SitePage, did_you_mean, not_empty
from .errors import KbError
from .shortcodes import Handler, Html
from .templates import render
from .text import Localized, Slug, Strict
from .yaml_source import Location, line_of


class Link(Strict):
    """A link to a page of this site, shown in the page's language."""

    page: PagePath
    anchor: Slug | None = None
    text: Localized


class Item(Strict):
    id: Slug
    text: Localized
    note: Localized | None = None
    link: Link | None = None


class Section(Strict):
    id: Slug
    title: Localized
    items: Annotated[list[Item], AfterValidator(not_empty)]


class Checklist(Strict):
    id: Slug
    version: StrictInt = Field(ge=1)
    playbook: PagePath
    title: Localized
    intro: Localized | None = None
    items: Annotated[list[Item], AfterValidator(not_empty)] | None = None
    sections: Annotated[list[Section], AfterValidator(not_empty)] | None = None

    def groups(self) -> list[tuple[Section | None, list[Item]]]:
        """Items in display order, each run under its section (None: no sections)."""
        if self.sections:
            return [(section, section.items) for section in self.sections]
        return [(None, self.items or [])]

    def all_items(self) -> list[Item]:
        return [item for _, items in self.groups() for item in items]


@dataclass
class Catalog:
    """Every checklist of a build, and what went wrong while loading them."""

    checklists: dict[str, Checklist] = field(default_factory=dict)
    errors: list[KbError] = field(default_factory=list)
    # File names (ids) that failed: shortcodes naming them stay silent, the file's own error is enough.
    broken: set[str] = field(default_factory=set)
    # Rendered blocks by (id, language, link targets): pages in one folder share them.
    rendered: dict[tuple, str] = field(default_factory=dict)
    # Every `link` with an anchor, to check against the built pages (see missing_anchors).
    anchors: list["AnchorUse"] = field(default_factory=list)


@dataclass(frozen=True)
class AnchorUse:
    """A data file's link to `page#anchor`, and where it is written."""

    shown_as: str
    line: int | None
    page: str
    anchor: str


# ---------------------------------------------------------------- loading


def load_checklist(path: Path, shown_as: str, pages: Sequence[str] | set[str]) -> Checklist:
    """Load and check one file; any problem is one KbError naming the file and line."""
    return _load(path, shown_as, pages)[0]


def _load(path: Path, shown_as: str, pages: Sequence[str] | set[str]) -> tuple[Checklist, dict[Location, int]]:
    checklist, lines = shared.load_model(
        path, shown_as, Checklist, "a checklist file must be a mapping with id, version, playbook, title and items", pages
    )

    def fail(location: Location, message: str):
        raise KbError(shown_as, line_of(location, lines), message)

    if (checklist.items is None) == (checklist.sections is None):
        fail((), "give either 'items' or 'sections' (a list of sections with their own items), not both or neither")

    item_key = "items" if checklist.items is not None else "sections"
    seen_items: dict[str, Location] = {}
    seen_sections: dict[str, Location] = {}
    for section_index, (section, items) in enumerate(checklist.groups()):
        prefix: Location = ("sections", section_index) if item_key == "sections" else ()
        if section is not None:
            if section.id in seen_sections:
                first = line_of(seen_sections[section.id], lines)
                fail(prefix + ("id",), f"duplicate section id '{section.id}' (first used on line {first})")
            seen_sections[section.id] = prefix + ("id",)
        for index, item in enumerate(items):
            location = prefix + ("items", index, "id")
            if item.id in seen_items:
                first = line_of(seen_items[item.id], lines)
                fail(location, f"duplicate item id '{item.id}' (first used on line {first})")
            seen_items[item.id] = location
            if item.link and item.link.page not in pages:
                fail(
                    prefix + ("items", index, "link", "page"),
                    f"link: unknown page '{item.link.page}'{did_you_mean(item.link.page, pages)}",
                )
    return checklist, lines


def _anchor_uses(checklist: Checklist, lines: dict[Location, int], shown_as: str) -> list[AnchorUse]:
    uses = []
    for section_index, (section, items) in enumerate(checklist.groups()):
        prefix: Location = ("sections", section_index) if section is not None else ()
        for index, item in enumerate(items):
            if item.link and item.link.anchor:
                line = line_of(prefix + ("items", index, "link", "anchor"), lines)
                uses.append(AnchorUse(shown_as, line, item.link.page, item.link.anchor))
    return uses


def missing_anchors(uses: Sequence[AnchorUse], ids_by_page: Mapping[str, set[str]]) -> list[KbError]:
    """Links whose anchor is not on their page as built (`ids_by_page`: page path -> element ids).

    A page missing in this language is skipped: its links are shown as plain text.
    """
    return [
        KbError(use.shown_as, use.line, f"link: page '{use.page}' has no anchor '#{use.anchor}'")
        for use in uses
        if use.page in ids_by_page and use.anchor not in ids_by_page[use.page]
    ]


def load_checklists(directory: Path, root: Path, pages: Sequence[str] | set[str]) -> Catalog:
    """Load every `*.yml`/`*.yaml` in a folder; each bad file adds one error and is left out."""
    uses: list[tuple[Checklist, list[AnchorUse]]] = []

    def load(path: Path, shown_as: str) -> tuple[Checklist, dict[Location, int]]:
        checklist, lines = _load(path, shown_as, pages)
        uses.append((checklist, _anchor_uses(checklist, lines, shown_as)))
        return checklist, lines

    folder = shared.load_folder(directory, root, load, "checklist")
    anchors = [use for checklist, found in uses if folder.entries.get(checklist.id) is checklist for use in found]
    return Catalog(folder.entries, folder.errors, folder.broken, anchors=anchors)


# ---------------------------------------------------------------- rendering

UI = {
    "ja": {
        "done": "完了",
        "reset": "チェックをすべて外す",
        "print": "このチェックリストを印刷",
        "used_on": "掲載ページ：",
        "not_used": "まだどのページにも掲載されていません",
        "none": "チェックリストはまだありません。",
        "version": "第{}版",  # printed copies say which edition they are
    },
    "zh": {
        "done": "已完成",
        "reset": "清除全部勾选",
        "print": "打印此清单",
        "used_on": "所在页面：",
        "not_used": "尚未放在任何页面上",
        "none": "暂无检查清单。",
        "version": "第 {} 版",
    },
}


def render_checklist(checklist: Checklist, language: str, href: Href, used_on: Sequence[PageLink] | None = None) -> str:
    """The checklist as an accessible HTML block (works without JavaScript)."""

    def link_href(link: Link) -> str | None:
        url = href(link.page)
        return f"{url}#{link.anchor}" if url is not None and link.anchor else url

    return render(
        "checklist.html",
        compact=True,
        checklist=checklist,
        lang=language,
        ui=UI[language],
        link_href=link_href,
        used_on=used_on,
        total=len(checklist.all_items()),
    )


def render_index(catalog: Catalog, language: str, pages: Sequence[SitePage], href: Href) -> str:
    """Every checklist grouped by the page it belongs to, each with links to the pages that embed it."""
    checklists = list(catalog.checklists.values())
    groups = shared.index_groups(
        checklists, "checklist", lambda c: c.playbook, pages, href, lambda c, embeds: render_checklist(c, language, href, embeds)
    )
    return render("data_index.html", groups=groups, ui=UI[language])


# ---------------------------------------------------------------- shortcodes


def checklist_handlers(catalog: Catalog, language: str, pages: Callable[[], Sequence[SitePage]], href: Href) -> Mapping[str, Handler]:
    """Shortcode handlers for one page: `md:checklist ID` and `md:checklist-index`.

    `pages` is called only by the index, which needs every page's source and title.
    """
    on_this_page: set[str] = set()

    def checklist(args: str) -> str:
        words = args.split()
        if len(words) != 1:
            raise ValueError(f"md:checklist takes one checklist id, e.g. <!-- md:checklist after-hours-call --> (got '{args}')")
        checklist_id = words[0]
        if checklist_id in catalog.broken:
            return ""  # its data file already failed the build with its own error line
        if checklist_id not in catalog.checklists:
            known = ", ".join(sorted(catalog.checklists)) or "none"
            raise ValueError(f"unknown checklist '{checklist_id}' (known: {known})")
        if checklist_id in on_this_page:
            raise ValueError(f"checklist '{checklist_id}' is already on this page: embed it once")
        on_this_page.add(checklist_id)
        found = catalog.checklists[checklist_id]
        key = (checklist_id, language, tuple(href(item.link.page) for item in found.all_items() if item.link))
        if key not in catalog.rendered:
            catalog.rendered[key] = render_checklist(found, language, href)
        return Html("\n" + catalog.rendered[key] + "\n")

    def index(args: str) -> str:
        if args:
            raise ValueError(f"md:checklist-index takes no arguments (got '{args}')")
        return "\n" + render_index(catalog, language, pages(), href) + "\n"

    return {"checklist": checklist, "checklist-index": index}
