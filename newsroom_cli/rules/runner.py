"""Run the rules: one loaded article, or a set of files with the cross-file rules.

Files are read and judged in a process pool when there are many and more than one core;
per-file results are cached (:mod:`newsroom_cli.rules.cache`), and the cross-file rules
are recomputed on every run from each file's cached slug and headline.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom_cli.article import Article, ArticleReadError, parse_article, read_file
from newsroom_cli.config import Config
from newsroom_cli.discover import Survey, survey
from newsroom_cli.rules import crossfile, newsroom, schema, structure
from newsroom_cli.rules.base import (
    Finding,
    LazyNames,
    Problem,
    Report,
    default_display,
    per_config,
    sort_problems,
)
from newsroom_cli.rules.cache import CACHE_MIN_FILES
from newsroom_cli.rules.context import Context
from newsroom_cli.rules.crossfile import NO_IDENTITY, Identity
from newsroom_cli.rules.selection import IGNORE_KEY, Selection, file_ignores

if TYPE_CHECKING:
    # The cache is imported only when a run uses it (not for a git hook's few files).
    from newsroom_cli.discover import Stamp
    from newsroom_cli.rules.cache import ResultsCache

# Below this many files the cache costs more to load than the files take to read.
# Below this many files to read, a process pool costs more than it saves.
POOL_MIN_FILES = 400

# A file's result, JSON-safe for the cache: (problems, identity, ignores), where each
# problem is (line, column, end_line, end_column, code, severity, field, message, hint).
# Tuples, and the shared empty tuple for a clean file, keep a large run small; the cache
# gives the same shape back as lists.
Result = Sequence[Any]

# The rule selection of a configuration, built once per configuration object.
selection_for = per_config(Selection)


def _row(finding: Finding, severity: str) -> tuple[Any, ...]:
    """A graded finding as a problem row, without its path (the cache's layout)."""
    span = finding.span
    return (
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        finding.code,
        severity,
        finding.field,
        finding.message,
        finding.hint,
    )


def _judge(
    config: Config, selection: Selection, article: Article, path: str | None, now: dt.datetime
) -> tuple[Result, float | None]:
    findings: list[Finding] = list(structure.check(article)) if article.problems else []
    identity = NO_IDENTITY
    ignores: tuple[str, ...] = ()
    expires = None
    if not config.conventions.native and config.conventions.skip_reason(article):
        return ((), NO_IDENTITY, ()), None  # a template stub: not an article for the generator
    if article.readable and article.front_matter:
        ctx = Context(config, article, path)
        findings.extend(schema.check(ctx))
        findings.extend(newsroom.check(ctx, now))
        identity = crossfile.identity(ctx)
        if IGNORE_KEY in article.front_matter:
            ignores = tuple(file_ignores(article.front_matter))
        expires = ctx.expires
    if not findings:
        return ((), identity, ignores), expires
    problems: list[tuple[Any, ...]] = []
    grade = selection.grader(path, ignores)
    for finding in findings:
        severity = grade(finding.code)
        if severity is not None:
            problems.append(_row(finding, severity))
    return (tuple(problems), identity, ignores), expires


def _unreadable(selection: Selection, path: Path, message: str) -> Result:
    # The reader's messages start with the path, which the report shows already.
    message = message.removeprefix(f"{path}: ")
    severity = selection.grader(path)(ArticleReadError.code)
    problems = (
        ()
        if severity is None
        else ((1, 1, 1, 1, ArticleReadError.code, severity, None, message, None),)
    )
    return (problems, NO_IDENTITY, ())


def _problem(path: str, item: Sequence[Any]) -> Problem:
    line, column, end_line, end_column, code, severity, field, message, hint = item
    return Problem(path, line, column, end_line, end_column, code, severity, field, message, hint)


def check_article(
    config: Config, article: Article, *, now: dt.datetime | None = None
) -> list[Problem]:
    """Every single-file problem of a loaded article, sorted by position (no cross-file rules).

    Load the article with ``config.schema`` so that aliases resolve as configured.
    """
    selection = selection_for(config)
    where = os.fspath(article.path) if article.path is not None else None
    result, _ = _judge(config, selection, article, where, now or newsroom.now_utc())
    path = str(article.path) if article.path is not None else "-"
    return sorted(_problem(path, item) for item in result[0])


def judge_text(
    config: Config, data: bytes | str, path: Path | str | None, now: dt.datetime | None = None
) -> Result:
    """One file's result from its text (the editor's or git's, not the disk's).

    The single-file rules as ``validate`` runs them, with the file's identity for the
    cross-file rules and its ``newsroom-ignore`` codes: see :data:`Result`.
    """
    result, _ = _judge_text(config, selection_for(config), data, path, now or newsroom.now_utc())
    return result


def _judge_text(
    config: Config,
    selection: Selection,
    data: bytes | str,
    path: Path | str | None,
    now: dt.datetime,
) -> tuple[Result, float | None]:
    where = os.fspath(path) if path is not None else None
    article = parse_article(
        data,
        path=Path(where) if where is not None else None,
        schema=config.schema,
        conventions=config.conventions,
    )
    return _judge(config, selection, article, where, now)


def check_text(
    config: Config,
    data: bytes | str,
    path: Path | str | None,
    *,
    others: Callable[[Identity], Sequence[tuple[str, Identity]]] | None = None,
    display: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[list[Problem], Identity]:
    """Every problem ``validate`` reports for this text at ``path``, sorted by position,
    and the text's identity for the cross-file rules.

    ``others`` gives, for the text's identity, the rest of the archive as the cross-file
    rules see it: display name and identity of each file, in the order ``validate`` walks
    them (those sharing a slug or headline are enough). ``display`` names the problems.
    """
    result = judge_text(config, data, path, now)
    name = display if display is not None else (os.fspath(path) if path is not None else "-")
    problems = [_problem(name, item) for item in result[0]]
    identity = crossfile.compact(result[1])
    archive = others(identity) if others is not None and identity != NO_IDENTITY else ()
    if archive:
        names = [name, *(other for other, _ in archive)]
        identities = [identity, *(item for _, item in archive)]
        cross = crossfile.check(identities, 1, names)
        grade = selection_for(config).grader(path if path is not None else name, result[2])
        for finding in cross.get(0, ()):
            severity = grade(finding.code)
            if severity is not None:
                problems.append(Problem(name, *_row(finding, severity)))
    sort_problems(problems)
    return problems, identity


def archive_identities(config: Config, names: Sequence[str]) -> Iterator[Identity]:
    """What the cross-file rules compare of each file, read from disk (for an archive index;
    the single-file rules are not run)."""
    for name in names:
        try:
            data, _ = read_file(name)
        except ArticleReadError:
            yield NO_IDENTITY
            continue
        article = parse_article(data, schema=config.schema, conventions=config.conventions)
        if article.readable and article.front_matter:
            yield crossfile.identity(Context(config, article, name))
        else:
            yield NO_IDENTITY


# Worker state: set in the parent before a pool forks, or by the pool's initializer.
_state: tuple[Config, Selection, dt.datetime] | None = None


def _init_worker(config: Config, selection: Selection, now: dt.datetime) -> None:
    global _state
    _state = (config, selection, now)


def _judge_path(name: str) -> tuple[Stamp | None, Result, float | None]:
    assert _state is not None
    config, selection, now = _state
    try:
        data, info = read_file(name)
    except ArticleReadError as exc:
        return None, _unreadable(selection, Path(name), exc.message), None
    stamp: Stamp = (info.st_size, info.st_mtime_ns)
    # The rules see the name, and a Path per file costs time; only an archive's conventions
    # need one (a date or a language from the file name, a template stub by its folder).
    article = parse_article(
        data,
        path=None if config.conventions.native else Path(name),
        schema=config.schema,
        conventions=config.conventions,
    )
    result, expires = _judge(config, selection, article, name, now)
    return stamp, result, expires


def _judge_chunk(names: list[str]) -> list[tuple[Stamp | None, Result, float | None]]:
    return [_judge_path(name) for name in names]


def _judge_many(
    names: list[str], state: tuple[Config, Selection, dt.datetime], jobs: int | None
) -> Iterator[tuple[Stamp | None, Result, float | None]]:
    """Each file's result in order, as it arrives (the caller keeps only what it needs)."""
    from newsroom_cli.pool import map_in_order

    return map_in_order(
        _judge_chunk, names, setup=_init_worker, state=state, jobs=jobs, min_items=POOL_MIN_FILES
    )


def validate_paths(
    config: Config,
    paths: Iterable[Path | str],
    *,
    sources: Mapping[Path, bytes] | None = None,
    use_cache: bool = True,
    context: Iterable[Path] = (),
    display: Callable[[Path], str] | None = None,
    now: dt.datetime | None = None,
    jobs: int | None = None,
    surveyed: Survey | None = None,
    stored_checked: bool = False,
) -> Report:
    """Validate files and report every problem, sorted by path and position.

    ``sources`` gives the content of some paths (staged blobs) instead of the disk;
    ``context`` names more files that the cross-file rules compare against without
    reporting their problems; ``display`` turns a path into the string reported;
    ``surveyed`` is what :func:`newsroom_cli.discover.discover_survey` found for ``paths``;
    ``stored_checked`` says the caller already looked for a stored run of these files.
    """
    show = display or default_display
    sources = sources or {}
    given = list(paths)
    targets: list[Path | str] = list(dict.fromkeys(given))
    target_set = set(targets)
    extra: list[Path | str] = [p for p in dict.fromkeys(context) if p not in target_set]
    everything: list[Path | str] = targets + extra
    del target_set
    names = LazyNames(everything, show)
    selection = selection_for(config)
    moment = now or newsroom.now_utc()
    cache = None
    if use_cache and len(everything) >= CACHE_MIN_FILES and config.path is not None:
        from newsroom_cli.rules.cache import ResultsCache

        cache = ResultsCache.open(config)

    # Per file, only what the cross-file rules compare; problems and ignores only for the
    # files that have some. Stamps and keys only when a cache uses them.
    identities: list[Identity] = [NO_IDENTITY] * len(everything)
    details: dict[int, tuple[Sequence[Any], Sequence[str]]] = {}
    if (
        surveyed is not None
        and not sources
        and not extra
        and surveyed.fits(given, targets, with_keys=cache is not None)
    ):
        keys, stamps, kinds = surveyed
    else:
        keys, stamps, kinds = survey(everything, sources, with_keys=cache is not None)
    if cache is not None and not sources and not extra and not stored_checked:
        stored = cache.stored_run(keys, stamps)
        if stored is not None:
            answered = [Problem(names[item[0]], *item[1:]) for item in stored]
            sort_problems(answered)
            return Report(files=len(targets), problems=answered)

    def keep(index: int, result: Result) -> None:
        identities[index] = crossfile.compact(result[1])
        if result[0] or result[2]:
            details[index] = (result[0], result[2])

    to_read: list[int] = []
    for index, path in enumerate(everything):
        if isinstance(path, Path) and path in sources:
            data = sources[path]
            import hashlib

            digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
            found: Result | None = cache.get(keys[index], digest) if cache is not None else None
            if found is None:
                found, expires = _judge_text(config, selection, data, path, moment)
                if cache is not None:
                    cache.put(keys[index], digest, found, expires)
            keep(index, found)
        elif kinds.get(index) == "other":
            keep(index, _unreadable(selection, Path(path), f"{path}: not a regular file"))
        elif cache is not None and isinstance(stamps[index], tuple):
            found = cache.get(keys[index], stamps[index])  # type: ignore[arg-type]
            if found is None:
                to_read.append(index)
            else:
                keep(index, found)
        else:
            to_read.append(index)
    del kinds

    if to_read:
        judged = _judge_many(
            [str(everything[i]) for i in to_read], (config, selection, moment), jobs
        )
        for index, (stamp_read, result, expires) in zip(to_read, judged, strict=True):
            keep(index, result)
            if cache is not None:
                cache.note_expiry(expires)
                if stamp_read is not None:
                    cache.put(keys[index], stamp_read, result, expires)
        del to_read

    cross = crossfile.check(identities, len(targets), names)
    problems: list[Problem] = []
    # The problems by file index, for the whole-run cache.
    rows: list[tuple[Any, ...]] = []
    for index in sorted(set(details) | set(cross)):
        if index >= len(targets):
            continue
        found_problems, ignores = details.get(index, ((), ()))
        name = names[index]
        for item in found_problems:
            problems.append(_problem(name, item))
            rows.append((index, *item))
        if index in cross:
            grade = selection.grader(everything[index], ignores)
            for finding in cross[index]:
                severity = grade(finding.code)
                if severity is None:
                    continue
                row = _row(finding, severity)
                problems.append(Problem(name, *row))
                rows.append((index, *row))
    sort_problems(problems)
    if cache is not None:
        _forget_missing(cache, set(keys))
        cache.save()
        if not sources and not extra:
            cache.save_run(keys, stamps, rows)
    return Report(files=len(targets), problems=problems)


def _forget_missing(cache: ResultsCache, seen: set[str]) -> None:
    """Drop cached results of files that no longer exist."""
    if not cache.changed:
        return
    gone = {
        name
        for name in cache.entries
        if name not in seen and not os.path.exists(name.removeprefix("index:"))
    }
    if gone:
        cache.keep_only(set(cache.entries) - gone)
