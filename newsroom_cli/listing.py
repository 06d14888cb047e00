"""The inventory behind ``newsroom list``: one row of facts per article, filtered and sorted.

Rows come from the front matter and a word count of the body; the number of problems is
what ``newsroom validate`` reports for the file (its runner, with its own cache). Reading a
large archive is the slow part, so rows are kept in a cache under the project
(``.newsroom-cache/list.json``, keyed on each file's size and modification time, discarded
whole on the same changes as validate's results, see ``newsroom_cli.cache``; only for a
project with a configuration file) and files that are not cached are read on every core.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsroom_cli.article import ArticleReadError, parse_article, read_bytes
from newsroom_cli.cache import CACHE_DIR, RACY_NS, dependencies
from newsroom_cli.choices import SortKey
from newsroom_cli.config import Config
from newsroom_cli.dates import format_iso, parse_date
from newsroom_cli.discover import Survey, discover_survey
from newsroom_cli.errors import BadValue, NewsroomError, closest
from newsroom_cli.preview import plain_line
from newsroom_cli.schema import STATUSES
from newsroom_cli.wordcount import reading_minutes, word_count

CACHE_NAME = "list.json"
SORT_KEYS = tuple(SortKey)
# Below this many files to read, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass(frozen=True)
class InventoryRow:
    """One article in the inventory. ``date`` is ISO 8601 in the publication's zone."""

    path: str
    date: str | None
    updated: str | None
    section: str | None
    status: str | None
    title: str
    dek: str | None
    slug: str | None
    column: str | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    featured: bool
    words: int
    reading_minutes: int
    errors: int | None
    warnings: int | None
    language: str | None = None
    url: str | None = None
    # Where the date, status, section and language came from (``key:date``, ``filename``...).
    sources: Mapping[str, str] = field(default_factory=dict)
    # What translations of one article share, and the languages of its translations.
    group: str | None = None
    translations: tuple[str, ...] = ()
    # Why the file is not an article for the archive's generator (a template stub), or None;
    # such rows are kept in the cache and left out of the inventory.
    skipped: str | None = None

    @property
    def problems(self) -> int | None:
        """Errors plus warnings, or ``None`` when problems were not counted."""
        if self.errors is None or self.warnings is None:
            return None
        return self.errors + self.warnings

    @property
    def when(self) -> dt.datetime | None:
        """The date as an aware datetime."""
        return dt.datetime.fromisoformat(self.date) if self.date else None

    def as_dict(self) -> dict[str, Any]:
        """Every field, lists as lists, plus the problem total (JSON and CSV output)."""
        data = asdict(self)
        del data["skipped"]
        data["authors"] = list(self.authors)
        data["tags"] = list(self.tags)
        data["translations"] = list(self.translations)
        data["sources"] = dict(self.sources)
        data["problems"] = self.problems
        return data


FIELD_NAMES = (*(f.name for f in fields(InventoryRow) if f.name != "skipped"), "problems")


@dataclass(frozen=True)
class Filters:
    """What ``list`` keeps: every given filter must match (values are case-insensitive)."""

    statuses: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    languages: tuple[str, ...] = ()


def _date(raw: Any, tz: dt.tzinfo) -> str | None:
    if raw is None:
        return None
    try:
        return format_iso(parse_date(raw, tz).value.astimezone(tz))
    except ValueError:
        return None


def read_row(config: Config, path: Path) -> InventoryRow:
    """The inventory row of one file, read through the article loader (problems not counted)."""
    shown = display_path(config, path)
    try:
        data = read_bytes(path)
    except ArticleReadError:
        return InventoryRow(
            shown,
            None,
            None,
            None,
            None,
            "(unreadable)",
            None,
            None,
            None,
            (),
            (),
            False,
            0,
            0,
            None,
            None,
        )
    article = parse_article(data, path=path, schema=config.schema, conventions=config.conventions)
    tz = config.tz
    words = word_count(article.body_text)
    conventions = config.conventions
    if conventions.native:
        date = _date(article.get("date"), tz)
        section = plain_line(article.get("section"))
        language: str | None = config.publication.language
        sources: dict[str, str] = {}
        group = None
        skipped = None
    else:
        facts = article.facts
        when = article.date(tz)
        date = format_iso(when.astimezone(tz)) if when is not None else None
        section = plain_line(article.section)
        language = article.language
        sources = {name: fact.source for name, fact in facts.items()}
        group = conventions.translation_group(article)
        skipped = conventions.skip_reason(article)
    from newsroom_cli.roundup.assemble import article_url_source

    url, url_source = article_url_source(config, article)
    if sources:
        sources["url"] = url_source
    return InventoryRow(
        path=shown,
        date=date,
        updated=_date(article.get("updated"), tz),
        section=section,
        status=article.status,
        title=plain_line(article.title) or "",
        dek=plain_line(article.get("dek")),
        slug=article.slug,
        column=plain_line(article.get("column")),
        authors=tuple(article.authors),
        tags=tuple(article.tags),
        featured=article.get("featured") is True,
        words=words,
        reading_minutes=reading_minutes(words),
        errors=None,
        warnings=None,
        language=language,
        url=url,
        sources=sources,
        group=group,
        skipped=skipped,
    )


def display_path(config: Config, path: Path) -> str:
    """``path`` relative to the project root with ``/`` separators, when inside it."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()


def config_fingerprint(config: Config) -> str:
    """What the cached rows depend on besides the files: the same as validate's results,
    and the day when a status may turn with the calendar (a future date, an expiry)."""
    depends = dependencies(config)
    if config.conventions.time_dependent():
        depends += dt.date.today().isoformat().encode()
    return hashlib.sha256(depends).hexdigest()[:24]


# What the cache keeps of a row, by position; problem counts come from validate's own cache.
_STORED = tuple(
    f.name for f in fields(InventoryRow) if f.name not in ("errors", "warnings", "translations")
)
_TUPLES = tuple(i for i, name in enumerate(_STORED) if name in ("authors", "tags"))


def row_values(row: InventoryRow) -> list[Any]:
    """A row's fields without its problem counts, as a list that JSON keeps."""
    return [getattr(row, name) for name in _STORED]


def row_from_values(
    values: Sequence[Any], errors: int | None, warnings: int | None
) -> InventoryRow:
    """The row stored as :func:`row_values`, with problem counts."""
    fixed = list(values)
    for index in _TUPLES:
        fixed[index] = tuple(fixed[index])
    make: Callable[..., InventoryRow] = InventoryRow
    return make(**dict(zip(_STORED, fixed, strict=True)), errors=errors, warnings=warnings)


class RowCache:
    """Rows by absolute path, valid while a file keeps its size and modification time."""

    def __init__(self, file: Path | None, fingerprint: str) -> None:
        self.file = file
        self.fingerprint = fingerprint
        self.entries: dict[str, list[Any]] = {}
        self.changed = False
        if file is not None:
            self._read(file)

    def _read(self, file: Path) -> None:
        try:
            data = json.loads(file.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("fingerprint") == self.fingerprint:
            entries = data.get("rows")
            if isinstance(entries, dict):
                self.entries = entries

    def get(self, key: str, stamp: list[int]) -> list[Any] | None:
        """The stored values of a row (see :func:`row_values`) while the file is unchanged."""
        entry = self.entries.get(key)
        if not entry or entry[0] != stamp:
            return None
        values = entry[1]
        if not isinstance(values, list) or len(values) != len(_STORED):
            return None
        return values

    def put(self, key: str, stamp: list[int], values: list[Any]) -> None:
        self.entries[key] = [stamp, values]
        self.changed = True

    def forget(self, key: str) -> None:
        """Drop the entry of a file whose row cannot be trusted yet."""
        if self.entries.pop(key, None) is not None:
            self.changed = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is skipped."""
        if self.file is None or not self.changed:
            return
        from newsroom_cli.writer import atomic_write

        payload = {"fingerprint": self.fingerprint, "rows": self.entries}
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        from newsroom_cli.cache import cache_folder

        try:
            folder = cache_folder(self.file.parent.parent)
            atomic_write(folder / self.file.name, data, overwrite=True)
        except (OSError, NewsroomError):
            return


# The configuration of a run, in each process that reads rows.
_WORKER: Config | None = None


def _set_worker(config: Config | None) -> None:
    global _WORKER
    _WORKER = config


def _work(paths: list[Path]) -> list[InventoryRow]:
    assert _WORKER is not None
    return [read_row(_WORKER, path) for path in paths]


def _read_rows(config: Config, paths: list[Path], jobs: int) -> list[InventoryRow]:
    from newsroom_cli.pool import map_in_order

    try:
        return list(
            map_in_order(
                _work,
                paths,
                setup=_set_worker,
                state=(config,),
                jobs=jobs,
                min_items=PARALLEL_THRESHOLD,
            )
        )
    finally:
        _set_worker(None)


def scan(
    config: Config,
    paths: Iterable[Path] | None = None,
    *,
    problems: bool = True,
    use_cache: bool = True,
    jobs: int | None = None,
) -> list[InventoryRow]:
    """The rows of every article under ``paths`` (default: the content dir), in walk order.

    ``problems`` counts the validator's problems per file; ``jobs`` is the number of
    processes that read uncached files (default: the CPU count).
    """
    # One walk gives the names, their absolute paths and their stamps, for this cache and
    # for validate's (see problem_counts).
    names, surveyed = discover_survey(config, paths, with_keys=True)
    started_ns = time.time_ns()
    where = config.root / CACHE_DIR / CACHE_NAME
    cache = RowCache(where if use_cache and config.path else None, config_fingerprint(config))
    stored: list[list[Any] | None] = []
    missing: list[tuple[int, str, list[int], Path]] = []
    for index, (key, found) in enumerate(zip(surveyed.keys, surveyed.stamps, strict=True)):
        # A stamp as this cache keeps it: [mtime, size]; [0, -1] for what is not a file.
        stamp = [found[1], found[0]] if isinstance(found, tuple) else [0, -1]
        values = cache.get(key, stamp)
        stored.append(values)
        if values is None:
            missing.append((index, key, stamp, Path(names[index])))
    if missing:
        fresh = _read_rows(
            config,
            [m[3] for m in missing],
            jobs if jobs is not None else (os.cpu_count() or 1),
        )
        for (index, key, stamp, _), row in zip(missing, fresh, strict=True):
            values = row_values(row)
            stored[index] = values
            if stamp[1] >= 0 and started_ns - stamp[0] > RACY_NS:
                cache.put(key, stamp, values)
            else:
                cache.forget(key)
        cache.save()
    if not problems:
        rows = [row_from_values(values or (), None, None) for values in stored]
    else:
        counts = problem_counts(config, names, use_cache=use_cache, jobs=jobs, surveyed=surveyed)
        rows = [
            row_from_values(values or (), *count)
            for values, count in zip(stored, counts, strict=True)
        ]
    return with_translations([row for row in rows if row.skipped is None])


def with_translations(rows: list[InventoryRow]) -> list[InventoryRow]:
    """Rows with the languages of their translations (the other rows of their group)."""
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if row.group is not None:
            groups.setdefault(row.group, []).append(index)
    for members in groups.values():
        if len(members) < 2:
            continue
        for index in members:
            own = rows[index].language
            others = sorted(
                {rows[i].language or "" for i in members if i != index} - {own or "", ""}
            )
            rows[index] = replace(rows[index], translations=tuple(others))
    return rows


def problem_counts(
    config: Config,
    files: Sequence[Path | str],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    surveyed: Survey | None = None,
) -> list[tuple[int, int]]:
    """Errors and warnings per file, as ``newsroom validate`` reports them (cross-file too).

    ``surveyed``: :func:`newsroom_cli.discover.discover_survey`'s look at ``files``, with keys.
    """
    from newsroom_cli.rules import validate_paths

    if surveyed is not None and len(surveyed.keys) == len(files):
        names = surveyed.keys
    else:
        names = [os.path.abspath(path) for path in files]
        surveyed = None
    report = validate_paths(
        config,
        files,
        use_cache=use_cache,
        display=os.path.abspath,
        jobs=jobs,
        surveyed=surveyed,
    )
    counts = {name: [0, 0] for name in names}
    for problem in report.problems:
        tally = counts.get(problem.path)
        if tally is not None:
            tally[0 if problem.severity == "error" else 1] += 1
    return [(counts[name][0], counts[name][1]) for name in names]


def _folded(values: Iterable[str]) -> set[str]:
    return {value.casefold() for value in values}


def matcher(config: Config, filters: Filters) -> Callable[[InventoryRow], bool]:
    """A test for rows that pass every filter; authors match by key, roster name or alias."""
    statuses = _folded(filters.statuses)
    languages = _folded(filters.languages)
    sections = _folded(filters.sections)
    tags = _folded(filters.tags)
    authors = set()
    for name in filters.authors:
        entry = config.author(name)
        authors.add((entry.key if entry else name).casefold())

    def test(row: InventoryRow) -> bool:
        if statuses and (row.status or "").casefold() not in statuses:
            return False
        if sections and (row.section or "").casefold() not in sections:
            return False
        if languages and (row.language or "").casefold() not in languages:
            return False
        if tags and not _folded(row.tags) & tags:
            return False
        if authors and not _folded(row.authors) & authors:
            return False
        if filters.start is not None or filters.end is not None:
            when = row.when
            if when is None:
                return False
            if filters.start is not None and when < filters.start:
                return False
            if filters.end is not None and when >= filters.end:
                return False
        return True

    return test


def check_filters(config: Config, rows: Sequence[InventoryRow], filters: Filters) -> None:
    """Refuse a filter value that neither the configuration nor any article knows.

    A mistyped status ``publishd`` would print an empty table; it is an error with a
    did-you-mean instead. Values the articles use count as known, so an archive's own
    sections and tags can be listed before the configuration names them.
    """
    status_field = config.schema.get("status")
    statuses = status_field.allowed if status_field is not None else STATUSES
    roster = [name for a in config.authors for name in (a.key, a.name, *a.aliases)]
    # filter: (the values asked for, the noun, what matches, what the hint lists)
    known: dict[str, tuple[tuple[str, ...], str, list[str], list[str]]] = {}
    used = [r.status or "" for r in rows]
    known["status"] = (filters.statuses, "status", [*statuses, *used], [*statuses, *used])
    sections = [*(s.key for s in config.sections), *(r.section or "" for r in rows)]
    known["section"] = (filters.sections, "section", sections, sections)
    bylines = [a for r in rows for a in r.authors]
    keys = [a.key for a in config.authors]
    known["author"] = (filters.authors, "author", [*roster, *bylines], [*keys, *bylines])
    tags = [*(config.tags or ()), *(t for r in rows for t in r.tags)]
    known["tag"] = (filters.tags, "tag", tags, tags)
    for name, (wanted, noun, values, listed) in known.items():
        folded = _folded(v for v in values if v)
        for value in wanted:
            if value.casefold() in folded:
                continue
            # What the configuration names comes first, then what the articles use.
            close = closest(value, [v for v in values if v])
            hint = f"did you mean {' or '.join(close)}?" if close else None
            choices = [v for v in dict.fromkeys(listed) if v]
            if hint is None and choices:
                hint = "known: " + ", ".join(choices[:8]) + (", ..." if len(choices) > 8 else "")
            raise BadValue(
                field=name,
                value=value,
                problem=f"no such {noun} in the configuration or the articles",
                hint=hint,
            )


def select(config: Config, rows: Iterable[InventoryRow], filters: Filters) -> list[InventoryRow]:
    """The rows that pass ``filters``."""
    test = matcher(config, filters)
    return [row for row in rows if test(row)]


_FAR_PAST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)


def sort_rows(
    config: Config, rows: Sequence[InventoryRow], key: str = "date", *, reverse: bool = False
) -> list[InventoryRow]:
    """Rows sorted by ``date`` (oldest first), ``section`` (configured order), ``status``
    (workflow order) or ``title``; ties fall back to date and path."""
    if key not in SORT_KEYS:
        raise BadValue(field="sort", value=key, problem=f"expected one of {', '.join(SORT_KEYS)}")
    section_order = {s.key: i for i, s in enumerate(config.sections)}
    status_order = {s: i for i, s in enumerate(STATUSES)}

    def by_date(row: InventoryRow) -> tuple[dt.datetime, str]:
        return (row.when or _FAR_PAST, row.path)

    primary: dict[str, Callable[[InventoryRow], Any]] = {
        "date": lambda row: 0,
        "section": lambda row: (
            section_order.get(row.section or "", len(section_order)),
            (row.section or "").casefold(),
        ),
        "status": lambda row: (
            status_order.get(row.status or "", len(status_order)),
            (row.status or "").casefold(),
        ),
        "title": lambda row: row.title.casefold(),
    }
    if key == "date":
        return sorted(rows, key=by_date, reverse=reverse)
    first = primary[key]
    return sorted(rows, key=lambda row: (first(row), by_date(row)), reverse=reverse)


@dataclass(frozen=True)
class Totals:
    """The total line: how many articles, by status, words and problems."""

    articles: int
    by_status: dict[str, int]
    words: int
    with_problems: int | None

    def describe(self) -> str:
        """``16 articles (11 published, 2 review); 9,120 words; 2 with problems``."""
        noun = "article" if self.articles == 1 else "articles"
        text = f"{self.articles} {noun}"
        if self.by_status:
            text += " (" + ", ".join(f"{n} {s}" for s, n in self.by_status.items()) + ")"
        text += f"; {self.words:,} word{'s' if self.words != 1 else ''}"
        if self.with_problems is not None:
            text += f"; {self.with_problems} with problems"
        return text


def totals(rows: Sequence[InventoryRow]) -> Totals:
    """Count rows by status (workflow order first), words and rows with problems."""
    counts: dict[str, int] = {}
    for row in rows:
        status = row.status or "no status"
        counts[status] = counts.get(status, 0) + 1
    ordered = {s: counts.pop(s) for s in STATUSES if s in counts}
    ordered.update(sorted(counts.items()))
    counted = [row.problems for row in rows]
    with_problems = (
        None if rows and any(c is None for c in counted) else sum(1 for c in counted if c)
    )
    return Totals(len(rows), ordered, sum(row.words for row in rows), with_problems)
