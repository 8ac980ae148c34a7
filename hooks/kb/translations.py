"""Translations and reviews: source hashes, freshness of each page pair, review due dates.

A translated page says in its front matter which page it was translated from and
the hash of that page's body at the time:

    translation: {source: ja, source_hash: "3f2a9c0d41b7"}

The source page has no such key. The hash covers the body only (front matter
excluded, line ends and trailing spaces normalised), so editing `reviewed` or
`owner` on the source does not make its translations outdated. When the source
body changes, the stored hash no longer matches and the translation is outdated
until someone reviews it and stamps it again (`make translations STAMP=...`).
"""

import calendar
import datetime
import hashlib
import os
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .front_matter import FRONT_MATTER
from .pages import front_matter_meta, page_path, page_title
from .templates import render
from .text import LANGUAGES

HASH_LENGTH = 12
DEFAULT_REVIEW_MONTHS = 12

UP_TO_DATE, OUTDATED, MISSING = "up-to-date", "outdated", "missing"


# ---------------------------------------------------------------- hashing


def body_of(source: str) -> str:
    """The Markdown body of a page: everything after the front matter."""
    match = FRONT_MATTER.match(source)
    return source[match.end() :] if match else source


def content_hash(source: str) -> str:
    """Hash of a page's body, stable across line endings, trailing spaces and blank lines at the ends."""
    body = body_of(source.replace("\r\n", "\n").replace("\r", "\n"))
    normalized = "\n".join(line.rstrip() for line in body.split("\n")).strip("\n") + "\n"
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:HASH_LENGTH]


# ---------------------------------------------------------------- dates


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the last day of the month when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def review_due(reviewed: datetime.date, months: int | None) -> datetime.date:
    return add_months(reviewed, months or DEFAULT_REVIEW_MONTHS)


def is_overdue(reviewed: datetime.date, months: int | None, today: datetime.date) -> bool:
    return review_due(reviewed, months) < today


def format_date(day: datetime.date | None, language: str) -> str:
    """`2026年11月22日` reads naturally in Japanese and in Chinese."""
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def last_changed(path: str) -> datetime.date | None:
    """Date of the last commit that touched a file; its modification time outside git (fixture sites)."""
    folder, name = os.path.split(path)
    file = _real_folder(folder) / name  # resolving every page's path took longer than the rest of this
    if not file.exists():
        return None
    top = _git_top(file.parent)
    if top is not None:
        changed = _commit_dates(str(top)).get(file.relative_to(top).as_posix())
        if changed is not None:
            return changed
    return datetime.datetime.fromtimestamp(os.stat(file).st_mtime, datetime.UTC).date()


@cache
def _real_folder(folder: str) -> Path:
    return Path(folder).resolve()


@cache
def _git_top(folder: Path) -> Path | None:
    """The work tree holding folder (`.git` is a folder, or a file in a linked work tree), or None."""
    if (folder / ".git").exists():
        return folder
    return None if folder.parent == folder else _git_top(folder.parent)


@cache
def _commit_dates(top: str) -> dict[str, datetime.date]:
    """Every file's last commit date from one `git log` (one process per build, not one per page)."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=off", "log", "--format=%x00%cs", "--name-only"],
            cwd=top,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, datetime.date] = {}
    for commit in result.stdout.split("\0")[1:] if result.returncode == 0 else []:
        day, *names = commit.strip("\n").split("\n")
        for name in names:
            if name:
                dates.setdefault(name, datetime.date.fromisoformat(day))  # newest first: keep the first
    return dates


# ---------------------------------------------------------------- pages and pairs


@dataclass(frozen=True)
class PageInfo:
    """One language's file of a page, with what freshness and review need from its front matter."""

    language: str
    path: str  # language-neutral page path: "playbooks/after-hours-contact" ("" for home)
    file: Path
    title: str
    owner: str | None
    reviewed: datetime.date | None
    review_months: int | None
    translated_from: str | None  # the source language, for a translated page
    source_hash: str | None  # hash of the source body it was translated from
    body_hash: str


def read_page(file: Path, language: str, path: str) -> PageInfo:
    return _page_info(file.read_text(encoding="utf-8", errors="replace"), file, language, path)


@lru_cache(maxsize=8192)  # a build scans every page more than once (notices, status page); parse each text once
def _page_info(source: str, file: Path, language: str, path: str) -> PageInfo:
    meta = front_matter_meta(source)
    stamp = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    reviewed = meta.get("reviewed")
    months = meta.get("review_interval_months")
    return PageInfo(
        language=language,
        path=path,
        file=file,
        title=page_title(source) or path or "index",
        owner=str(meta["owner"]) if meta.get("owner") else None,
        reviewed=reviewed if isinstance(reviewed, datetime.date) else None,
        review_months=months if isinstance(months, int) and not isinstance(months, bool) else None,
        translated_from=stamp.get("source") if stamp.get("source") in LANGUAGES else None,
        source_hash=str(stamp["source_hash"]) if stamp.get("source_hash") else None,
        body_hash=content_hash(source),
    )


@dataclass(frozen=True)
class Pair:
    """A page in every language: `pages[language]` is None where the file is missing."""

    path: str
    pages: dict[str, PageInfo | None]

    @property
    def source_language(self) -> str:
        """The language the others are translated from: the one without a `translation` stamp."""
        present = [p for p in self.pages.values() if p is not None]
        for page in present:
            if page.translated_from:
                return page.translated_from
        if len(present) == 1:
            return present[0].language
        return LANGUAGES[0]

    def state(self, language: str) -> str:
        """up-to-date / outdated / missing, for one language of the pair (the source is up to date)."""
        page = self.pages.get(language)
        if page is None:
            return MISSING
        source = self.pages.get(self.source_language)
        if language == self.source_language or source is None:
            return UP_TO_DATE
        return UP_TO_DATE if page.source_hash == source.body_hash else OUTDATED


def scan(docs_dir: Path, languages: Sequence[str] = LANGUAGES) -> list[Pair]:
    """Every page of the site, paired across languages, sorted by path."""
    found: dict[str, dict[str, PageInfo | None]] = {}
    for language in languages:
        folder = docs_dir / language
        for file in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            path = page_path(file.relative_to(folder).as_posix())
            found.setdefault(path, {})[language] = read_page(file, language, path)
    return [Pair(path, {language: pages.get(language) for language in languages}) for path, pages in sorted(found.items())]


# ---------------------------------------------------------------- stamping


_TRANSLATION_KEY = re.compile(r"^translation:.*\n(?:[ \t]+.*\n)*", re.MULTILINE)


def stamped(source: str, source_language: str, source_hash: str) -> str:
    """The page text with its `translation:` front-matter entry set (added or replaced); nothing else changes."""
    match = FRONT_MATTER.match(source)
    if match is None:
        raise ValueError("the page has no front matter")
    # Quoted: a hash of digits only would otherwise be read back as a number.
    entry = f'translation: {{source: {source_language}, source_hash: "{source_hash}"}}\n'
    block = match["yaml"] or ""
    if _TRANSLATION_KEY.search(block):
        block = _TRANSLATION_KEY.sub(lambda _: entry, block, count=1)
    else:
        block += entry
    opening_end = source.index("\n") + 1
    closing_start = match.end("yaml") if match["yaml"] is not None else opening_end
    return source[:opening_end] + block + source[closing_start:]


# ---------------------------------------------------------------- rendering

UI = {
    "ja": {
        "outdated": "この翻訳は古くなっている可能性があります。",
        "outdated_detail": "翻訳元の{source}ページが{date}に更新されています。",
        "open_source": "{source}の原文を見る",
        "missing": "このページはまだ日本語に翻訳されていません。",
        "missing_detail": "以下は{source}の原文です。",
        "languages": {"ja": "日本語", "zh": "中国語"},
        "owner": "担当",
        "reviewed": "最終確認日",
        "updated": "最終更新",
        "page_info": "ページ情報",
        "states": {UP_TO_DATE: "最新", OUTDATED: "要更新", MISSING: "未翻訳"},
        "overdue": "確認期限切れ",
        "columns": {
            "page": "ページ",
            "source": "原文",
            "state": "翻訳の状態",
            "owner": "担当",
            "reviewed": "最終確認日",
            "due": "次回確認期限",
        },
        "summary": "全{total}ページ：翻訳が最新 {fresh}、要更新 {outdated}、未翻訳 {missing}、確認期限切れ {overdue}",
    },
    "zh": {
        "outdated": "本译文可能已经过时。",
        "outdated_detail": "原文（{source}）已于{date}更新。",
        "open_source": "查看{source}原文",
        "missing": "本页尚未翻译成中文。",
        "missing_detail": "以下为{source}原文。",
        "languages": {"ja": "日语", "zh": "中文"},
        "owner": "负责人",
        "reviewed": "最近审核",
        "updated": "最近更新",
        "page_info": "页面信息",
        "states": {UP_TO_DATE: "已同步", OUTDATED: "需更新", MISSING: "未翻译"},
        "overdue": "已过审核期限",
        "columns": {
            "page": "页面",
            "source": "原文",
            "state": "翻译状态",
            "owner": "负责人",
            "reviewed": "最近审核",
            "due": "下次审核期限",
        },
        "summary": "共{total}个页面：译文已同步{fresh}个，需更新{outdated}个，未翻译{missing}个，已过审核期限{overdue}个",
    },
}


def render_outdated_notice(language: str, source_language: str, source_changed: datetime.date | None, source_href: str) -> str:
    ui = UI[language]
    name = ui["languages"][source_language]
    return render(
        "translation_notice.html",
        compact=True,
        kind="outdated",
        lang=language,
        source_lang=source_language,
        title=ui["outdated"],
        detail=ui["outdated_detail"].format(source=name, date=format_date(source_changed, language)),
        link_text=ui["open_source"].format(source=name),
        href=source_href,
    )


def render_missing_notice(language: str, source_language: str) -> str:
    ui = UI[language]
    return render(
        "translation_notice.html",
        compact=True,
        kind="missing",
        lang=language,
        source_lang=source_language,
        title=ui["missing"],
        detail=ui["missing_detail"].format(source=ui["languages"][source_language]),
        link_text=None,
        href=None,
    )


def render_page_info(language: str, owner: str | None, reviewed: datetime.date | None, updated: datetime.date | None) -> str:
    ui = UI[language]
    facts = []
    if owner:
        facts.append({"label": ui["owner"], "text": owner, "datetime": None})
    if reviewed:
        facts.append({"label": ui["reviewed"], "text": format_date(reviewed, language), "datetime": reviewed.isoformat()})
    if updated:
        facts.append({"label": ui["updated"], "text": format_date(updated, language), "datetime": updated.isoformat()})
    return render("page_info.html", compact=True, facts=facts, label=ui["page_info"])


@dataclass(frozen=True)
class StatusRow:
    path: str
    title: str
    href: str | None
    source: str
    states: dict[str, str]
    owner: str | None
    reviewed: datetime.date | None
    due: datetime.date | None
    overdue: bool


def status_rows(pairs: Sequence[Pair], language: str, today: datetime.date, href: Callable[[str], str | None]) -> list[StatusRow]:
    """One row per page pair, as the status page of `language` shows it."""
    rows = []
    for pair in pairs:
        shown = pair.pages.get(language) or pair.pages[pair.source_language]
        due = review_due(shown.reviewed, shown.review_months) if shown and shown.reviewed else None
        rows.append(
            StatusRow(
                path=pair.path,
                title=shown.title if shown else pair.path,
                href=href(pair.path),
                source=pair.source_language,
                states={lang: pair.state(lang) for lang in pair.pages},
                owner=shown.owner if shown else None,
                reviewed=shown.reviewed if shown else None,
                due=due,
                overdue=bool(due and due < today),
            )
        )
    return rows


def render_status(pairs: Sequence[Pair], language: str, today: datetime.date, href: Callable[[str], str | None]) -> str:
    """The body of /translation-status/: a summary line and a table of every page pair."""
    ui = UI[language]
    rows = status_rows(pairs, language, today, href)
    languages = list(pairs[0].pages) if pairs else list(LANGUAGES)
    translated = [(row, lang) for row in rows for lang in languages if lang != row.source]
    summary = ui["summary"].format(
        total=len(rows),
        fresh=sum(row.states[lang] == UP_TO_DATE for row, lang in translated),
        outdated=sum(row.states[lang] == OUTDATED for row, lang in translated),
        missing=sum(row.states[lang] == MISSING for row, lang in translated),
        overdue=sum(row.overdue for row in rows),
    )
    return render(
        "translation_status.html",
        compact=True,
        rows=rows,
        languages=languages,
        ui=ui,
        summary=summary,
        format_date=lambda day: format_date(day, language),
    )


def status_handlers(pairs: Callable[[], Sequence[Pair]], language: str, today: datetime.date, href: Callable[[str], str | None]):
    """Shortcode handler for `<!-- md:translation-status -->`."""

    def status(args: str) -> str:
        if args:
            raise ValueError(f"md:translation-status takes no arguments (got '{args}')")
        return "\n" + render_status(pairs(), language, today, href) + "\n"

    return {"translation-status": status}
