"""Safe automatic fixes to front matter, planned here and written by the safe writer.

Only changes that cannot lose information are made: a missing slug derived from the title,
a date respelled as ISO 8601 (naive times get the publication zone's offset at that time),
and the letter case of a status or section that matches an allowed value. Everything else
is left for ``validate`` to report. Each edit goes through :mod:`newsroom_cli.writer`, which
keeps the body and every other key byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom_cli.article import DUPLICATE_KEY, Article, ArticleReadError, load_article
from newsroom_cli.config import Config
from newsroom_cli.dates import parse_date
from newsroom_cli.errors import NewsroomError
from newsroom_cli.scaffold import SLUG_MAX, slugify
from newsroom_cli.writer import Edit, atomic_write, plan_edit, remove_stale_temps

# Spellings left alone: RFC 3339 date-times (ISO 8601 with seconds and an offset) and dates.
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Fix:
    """One planned change: the key as written, the old and new values, and why."""

    key: str
    old: Any
    new: Any
    reason: str


@dataclass
class FileFix:
    """What fixing one file did or would do."""

    path: Path
    fixes: list[Fix] = field(default_factory=list)
    edit: Edit | None = None
    skipped: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the file's bytes change."""
        return self.edit is not None and self.edit.changed


def plan_fixes(article: Article, config: Config) -> tuple[list[Fix], list[str]]:
    """The safe fixes for ``article``, and notes on what looked fixable but was left alone."""
    fixes: list[Fix] = []
    notes: list[str] = []
    if article.format is None or not article.readable:
        return fixes, notes
    _fix_slug(article, config, fixes, notes)
    _fix_dates(article, config, fixes, notes)
    _fix_case(article, config, fixes)
    duplicated = {p.field for p in article.problems if p.code == DUPLICATE_KEY}
    kept = []
    for item in fixes:
        if item.key in duplicated:
            notes.append(f"{item.key}: written twice (duplicate key); not changed")
        else:
            kept.append(item)
    return kept, notes


def _fix_slug(article: Article, config: Config, fixes: list[Fix], notes: list[str]) -> None:
    slug_field = config.schema.get("slug")
    if slug_field is None:
        return
    key = article.field_keys.get("slug", "slug")
    current = article.front_matter.get(key)
    if current not in (None, ""):
        return
    title = article.title.strip()
    if not title:
        notes.append("slug: missing, but there is no title to derive it from")
        return
    slug = slugify(title, slug_field.max_length or SLUG_MAX)
    if not slug:
        notes.append(f"slug: missing, and {title!r} gives no usable slug")
        return
    fixes.append(Fix(key, current, slug, "slug added from the title"))


def _fix_dates(article: Article, config: Config, fixes: list[Fix], notes: list[str]) -> None:
    for item in config.schema:
        if item.type != "date":
            continue
        key = article.field_keys.get(item.name)
        if key is None:
            continue
        raw = article.front_matter.get(key)
        try:
            new = normalise_date(raw, config.tz, native=article.format == "toml")
        except AmbiguousTimeError as exc:
            notes.append(f"{key}: {exc}")
            continue
        if new is not None:
            fixes.append(Fix(key, raw, new, "date respelled as ISO 8601"))


class AmbiguousTimeError(ValueError):
    """A local time without an offset that a daylight-saving change makes ambiguous."""


def normalise_date(raw: object, tz: dt.tzinfo, *, native: bool = False) -> Any:
    """The ISO 8601 spelling of a front-matter date, or ``None`` when it is fine or not a date.

    A date without a time stays a date (a time of day would be invented). A naive time gets
    the offset ``tz`` has at that moment; a local time that a daylight-saving change makes
    ambiguous or skips raises :class:`AmbiguousTimeError` rather than being guessed. Date
    objects (TOML's native dates, with ``native``) come back as an aware ``datetime`` so the
    value keeps its TOML type; text comes back as text.
    """
    if isinstance(raw, str):
        text = raw.strip()
        if _ISO_DATETIME.match(text) or (_ISO_DATE.match(text) and text == raw):
            return None
    elif not native or not isinstance(raw, dt.datetime) or raw.tzinfo is not None:
        return None  # aware or date-only native values are ISO already; others are not dates
    try:
        parsed = parse_date(raw, tz)
    except ValueError:
        return None  # not a date at all: validate reports it, there is nothing to respell
    if not parsed.has_time:
        return parsed.value.date().isoformat()
    value = parsed.value
    if not parsed.has_offset:
        problem = _local_time_problem(value)
        if problem:
            raise AmbiguousTimeError(f"{problem} in {tz}; add the offset by hand")
    if not isinstance(raw, str):
        return value
    spec = "seconds" if value.microsecond == 0 else "microseconds"
    return value.isoformat(timespec=spec)


def _local_time_problem(value: dt.datetime) -> str | None:
    """Whether a wall-clock time is ambiguous or does not exist in its zone."""
    round_trip = value.astimezone(dt.UTC).astimezone(value.tzinfo)
    if round_trip.replace(tzinfo=None) != value.replace(tzinfo=None):
        return f"{value:%Y-%m-%d %H:%M} does not exist (clocks went forward)"
    if value.replace(fold=1).utcoffset() != value.utcoffset():
        return f"{value:%Y-%m-%d %H:%M} happens twice (clocks went back)"
    return None


def _fix_case(article: Article, config: Config, fixes: list[Fix]) -> None:
    for item in config.schema:
        sections = tuple(s.key for s in config.sections)
        allowed = sections if item.name == "section" else item.allowed
        key = article.field_keys.get(item.name)
        if not allowed or key is None:
            continue
        value = article.front_matter.get(key)
        if not isinstance(value, str) or value in allowed:
            continue
        matches = [a for a in allowed if a.casefold() == value.casefold()]
        if len(matches) == 1:
            fixes.append(Fix(key, value, matches[0], "letter case of an allowed value"))


def fix_article(article: Article, config: Config) -> FileFix:
    """Plan the fixes of a loaded article and the edit that applies them (nothing written)."""
    path = article.path or Path("<stdin>")
    if not article.readable or article.format is None or article.close_line is None:
        return FileFix(path, skipped="front matter cannot be read; run newsroom validate on it")
    fixes, notes = plan_fixes(article, config)
    result = FileFix(path, fixes=fixes, notes=notes)
    if not fixes:
        return result
    try:
        result.edit = plan_edit(article, {item.key: item.new for item in fixes})
    except NewsroomError as exc:
        result.skipped = exc.message.removeprefix(f"{path}: ")
        result.fixes = []
    return result


def fix_file(path: Path, config: Config, *, write: bool = False) -> FileFix:
    """Fix the article at ``path``; writes only when ``write`` and something changes.

    Never raises for a bad file: what could not be done is in ``skipped``.
    """
    if write:
        # Even when nothing changes, a writer killed earlier leaves no litter behind.
        remove_stale_temps(path.parent)
    try:
        article = load_article(path, schema=config.schema, conventions=config.conventions)
    except ArticleReadError as exc:
        return FileFix(path, skipped=exc.message.removeprefix(f"{path}: "))
    result = fix_article(article, config)
    if write and result.edit is not None and result.changed:
        try:
            if path.read_bytes() != result.edit.old:
                raise NewsroomError("changed while it was being fixed; nothing written")
            atomic_write(path, result.edit.new, overwrite=True)
        except (NewsroomError, OSError) as exc:
            result.skipped = str(exc).removeprefix(f"{path}: ")
            result.edit = None
    return result


def unified_diff(result: FileFix, shown: str) -> str:
    """The change of one file as a unified diff with ``a/`` and ``b/`` headers."""
    import difflib

    if result.edit is None or not result.changed:
        return ""
    old = result.edit.old.decode("utf-8", "replace").splitlines(keepends=True)
    new = result.edit.new.decode("utf-8", "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"a/{shown}", f"b/{shown}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
