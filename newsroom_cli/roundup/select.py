"""Choose a window's published articles quickly, then read only those in full.

Most of an archive is outside any one week. A cheap look at the top-level ``status`` and
``date`` lines of the front matter rules those files out without parsing YAML; whenever
that look is not certain (quoted keys, block values, TOML or JSON front matter, a date it
cannot read), the file is loaded in full through :mod:`newsroom_cli.article` and decided
there. A file is never left out on the strength of the cheap look unless its date is
readable and outside the window or its status is plainly something other than
``published``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom_cli.article import (
    Article,
    ArticleReadError,
    load_article,
    parse_article,
    read_bytes,
)
from newsroom_cli.dates import parse_date
from newsroom_cli.discover import discover_names
from newsroom_cli.window import Window

if TYPE_CHECKING:
    from newsroom_cli.config import Config
    from newsroom_cli.rules import Problem

PUBLISHED = "published"

_OPEN = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n")
_CLOSE = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_PLAIN = re.compile(r"^[\w.:+\- ]+$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEAD_BYTES = 8192


@dataclass(frozen=True)
class Exclusion:
    """An article inside the window that the round-up leaves out, and why."""

    path: str
    reason: str


@dataclass
class Selection:
    """The articles a window selects, what it left out, and files it could not read."""

    window: Window
    articles: list[Article] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Peek:
    decided: bool
    in_window: bool = False
    status: str | None = None
    # No date line at all in a front matter that was read: a file-name date may decide.
    dateless: bool = False


def relative_path(config: Config, path: Path) -> str:
    """``path`` relative to the project root with ``/`` separators (as written otherwise)."""
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except (ValueError, RuntimeError):  # outside the root, or a symbolic link loop
        return path.as_posix()


def _unquote(value: str) -> str | None:
    """A one-line YAML scalar without quotes and comments, or ``None`` when not plain."""
    value = value.strip()
    if value[:1] in ("'", '"'):
        quote = value[0]
        end = value.find(quote, 1)
        if end == -1 or "\\" in value[:end] or value[end + 1 :].strip()[:1] not in ("", "#"):
            return None
        return value[1:end]
    hash_at = value.find(" #")
    if hash_at != -1:
        value = value[:hash_at].rstrip()
    if not value or not _PLAIN.match(value):
        return None
    return value


class _Peeker:
    """The cheap look at one file's front matter, built once per run."""

    def __init__(self, config: Config, window: Window) -> None:
        self.zone = config.tz
        self.window = window
        status = config.schema.get("status")
        date = config.schema.get("date")
        status_keys = ["status", *(status.aliases if status else ())]
        date_keys = ["date", *(date.aliases if date else ())]
        # A key the conventions read a date from before the date field counts as one: two
        # date lines in one file leave the decision to the loader.
        date_keys += [k for k in config.conventions.date_keys if k not in date_keys]
        self.status_keys = set(status_keys)
        self.date_keys = set(date_keys)
        names = "|".join(re.escape(k) for k in (*status_keys, *date_keys))
        self.line = re.compile(rf"^({names})[ \t]*:(?:[ \t]+(.*?))?[ \t]*\r?$", re.MULTILINE)
        # Any written offset moves a date by less than a day from the local calendar day, so
        # a date written more than two days outside the window is outside it.
        margin = dt.timedelta(days=2)
        self.first_day = (window.start.astimezone(self.zone).date() - margin).isoformat()
        self.last_day = (window.last_day + margin).isoformat()

    def peek(self, data: bytes) -> _Peek:
        opening = _OPEN.match(data)
        if opening is None:
            return _Peek(False)
        close = _CLOSE.search(data, opening.end())
        if close is None:
            return _Peek(False)
        try:
            block = data[opening.end() : close.start()].decode("utf-8")
        except UnicodeDecodeError:
            return _Peek(False)
        found: dict[str, str | None] = {}
        for match in self.line.finditer(block):
            kind = "status" if match[1] in self.status_keys else "date"
            if kind in found:
                return _Peek(False)
            found[kind] = _unquote(match[2] or "")
        raw_date, raw_status = found.get("date"), found.get("status")
        if raw_date is None:
            return _Peek(False, dateless="date" not in found)
        # A date outside the window decides without the status: archives often have none.
        day = raw_date[:10]
        if _ISO_DAY.match(day) and not self.first_day <= day <= self.last_day:
            return _Peek(True, in_window=False, status=raw_status)
        try:
            when = parse_date(raw_date, self.zone).value
        except ValueError:
            return _Peek(False)
        if not self.window.contains(when):
            return _Peek(True, in_window=False, status=raw_status)
        if raw_status is None:
            return _Peek(False)
        return _Peek(raw_status == PUBLISHED, in_window=True, status=raw_status)


def select_articles(
    config: Config,
    window: Window,
    paths: Iterable[Path] | None = None,
    *,
    language: str | None = None,
) -> Selection:
    """The published articles dated inside ``window``, fully loaded, as the archive's
    conventions give their date and status.

    Also lists the window's other articles as exclusions (drafts, pieces in review) and
    the files whose front matter could not be read at all. With ``language``, articles in
    another language (by the conventions) are left out without a word: they belong to
    another issue.
    """
    selection = Selection(window)
    peeker = _Peeker(config, window)
    zone = config.tz
    files = discover_names(config, paths)
    by_name = _name_dater(config, window)
    for name in files:
        head = _read_head(name)
        peek = peeker.peek(head) if head is not None else _Peek(False)
        if peek.decided and not peek.in_window:
            continue
        if peek.dateless and by_name is not None and by_name(name) is False:
            continue  # dated by its file name (Jekyll), outside the window
        path = Path(name)
        if peek.decided and peek.status != PUBLISHED:
            selection.excluded.append(
                Exclusion(relative_path(config, path), f"status is {peek.status}")
            )
            continue
        try:
            data = read_bytes(path)
        except ArticleReadError:
            selection.unreadable.append(relative_path(config, path))
            continue
        article = parse_article(
            data, path=path, schema=config.schema, conventions=config.conventions
        )
        if not article.readable:
            if peek.decided:
                selection.articles.append(article)
            else:
                selection.unreadable.append(relative_path(config, path))
            continue
        when = article.date(zone)
        if when is None or not window.contains(when):
            continue
        if language is not None and article.language not in (None, language):
            continue
        if not article.conventions.native and article.conventions.skip_reason(article):
            continue  # a template stub or a section page: not a post of the week
        status = article.status
        if status is not None and not article.conventions.native and "status" not in article.fields:
            # A post that expired after the week began was on the site during it.
            status = article.conventions.status(article, zone, expiry_at=window.start).value
        if status != PUBLISHED:
            status = status or "missing"
            selection.excluded.append(Exclusion(relative_path(config, path), f"status is {status}"))
            continue
        selection.articles.append(article)
    return selection


def _name_dater(config: Config, window: Window) -> Callable[[str], bool | None] | None:
    """For conventions that date a post by its file name: whether a file's name puts it
    inside the window (with two days' margin for zones), ``None`` when the name has no date."""
    conventions = config.conventions
    if conventions.native or not conventions.filename_date or conventions.date_path_key:
        return None
    pattern = re.compile(conventions.filename_date)
    zone = config.tz
    first = window.start.astimezone(zone).date() - dt.timedelta(days=2)
    last = window.last_day + dt.timedelta(days=2)

    def inside(name: str) -> bool | None:
        stem = os.path.basename(name)
        if stem.startswith("index."):
            stem = os.path.basename(os.path.dirname(os.path.abspath(name)))
        match = pattern.match(stem)
        if match is None:
            return None
        try:
            day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
        return first <= day <= last

    return inside


def _read_head(name: str) -> bytes | None:
    """The first bytes of a file, enough for the front matter of almost every article.

    Only the cheap look uses this; a file that is chosen is read again in full through the
    loader. ``None`` when the file cannot be opened (the loader then says why).
    """
    try:
        # Non-blocking: opening a named pipe for reading would wait for a writer forever.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, HEAD_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)


def load_listed(config: Config, path: Path) -> Article:
    """Load one article a manifest names, through the loader."""
    return load_article(path, schema=config.schema, conventions=config.conventions)


def article_errors(config: Config, article: Article) -> list[Problem]:
    """The problems the validator grades as errors for ``article``.

    The same single-file checks as ``newsroom validate`` (``rules.check_article``).
    """
    from newsroom_cli.rules import check_article

    return [p for p in check_article(config, article) if p.severity == "error"]
