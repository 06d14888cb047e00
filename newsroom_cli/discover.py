"""Find the articles a command works on."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from newsroom_cli.config import Config

MARKDOWN_SUFFIXES = (".md", ".markdown")

# A regular file's (size, mtime in ns); "dir" or "other" for what is not a regular file.
Stamp = tuple[int, int] | str


class Survey(NamedTuple):
    """One look at each file: what the results cache and the runner need to know.

    ``keys``: absolute paths (``"index:"`` before a staged blob's), only when asked for;
    ``stamps``: per file, a :data:`Stamp` or ``None`` when it cannot be looked at, only when
    keys are asked for; ``kinds``: the index of each file that is a folder (``"dir"``) or
    something else that is not a regular file (``"other"``).
    """

    keys: list[str]
    stamps: list[Stamp | None]
    kinds: dict[int, str]


def _stamp(info: os.stat_result) -> Stamp:
    if stat.S_ISREG(info.st_mode):
        return (info.st_size, info.st_mtime_ns)
    return _kind(info)


def _kind(info: os.stat_result) -> str:
    return "dir" if stat.S_ISDIR(info.st_mode) else "other"


def survey(
    paths: Sequence[Path | str],
    sources: Mapping[Path, bytes] | Mapping[str, bytes],
    *,
    with_keys: bool,
) -> Survey:
    """One ``stat`` per file (none for a staged blob in ``sources``)."""
    keys: list[str] = []
    stamps: list[Stamp | None] = []
    kinds: dict[int, str] = {}
    for index, path in enumerate(paths):
        if with_keys:
            absolute = os.path.abspath(path)
            keys.append("index:" + absolute if path in sources else absolute)
        stamp: Stamp | None = None
        if path not in sources:
            try:
                stamp = _stamp(os.stat(path))
            except OSError:
                pass
            if isinstance(stamp, str):
                kinds[index] = stamp
        if with_keys:
            stamps.append(stamp)
    return Survey(keys, stamps, kinds)


def _walk(folder: Path) -> list[Path]:
    return [path for _, path in _walk_relative(folder)]


def _folders(folder: str) -> Iterator[tuple[str, str, str, list[os.DirEntry[str]]]]:
    """The Markdown files under ``folder``, folder by folder, as ``os.walk`` finds them.

    Folders come depth first in sorted order, without following links to folders. Per
    folder: ``(its path relative to folder with a trailing /, or "", its path as
    str(Path(...)) gives with a trailing /, or "", its path as walked, the entries of its
    Markdown files in sorted order)``. A folder named like an article (x.md) is listed so
    that it is reported, not skipped. An entry tells a file's kind without a ``stat`` and
    gives its ``stat`` cheaply when a cache needs one.
    """
    base = str(Path(folder))
    top_head = "" if base == "." else base if base.endswith("/") else base + "/"
    # (folder as walked, its relative path with /, its str(Path(...)) with /)
    pending = [(folder, "", top_head)]
    while pending:
        dirpath, prefix, head = pending.pop()
        try:
            with os.scandir(dirpath) as listing:
                entries = list(listing)
        except OSError:
            continue
        dirs: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry)
        dirs.sort(key=_by_name)
        found = [d for d in dirs if d.name.endswith(MARKDOWN_SUFFIXES)]
        found += sorted((f for f in files if f.name.endswith(MARKDOWN_SUFFIXES)), key=_by_name)
        yield prefix, head, dirpath, found
        pending.extend(
            (d.path, f"{prefix}{d.name}/", f"{head}{d.name}/")
            for d in reversed(dirs)
            if not d.is_symlink()
        )


_by_name = attrgetter("name")


def _scan(folder: str) -> Iterator[tuple[str, str]]:
    """Each Markdown file of :func:`_folders`: (relative path with /, str(Path(...)))."""
    for prefix, head, _, found in _folders(folder):
        for entry in found:
            name = entry.name
            yield prefix + name, head + name


def _walk_relative(folder: Path) -> list[tuple[str, Path]]:
    """Markdown files under ``folder`` with their paths relative to it (POSIX separators).

    Relative paths are cut from the walked strings: ``Path.relative_to`` per file costs more
    than reading the folder on a large archive.
    """
    return [(relative, Path(name)) for relative, name in _scan(os.fspath(folder))]


def _matches(relative: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:]):
            return True
    return False


def _matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """One compiled expression for a list of globs, matching as :func:`_matches` does."""
    match = _glob_match(patterns)
    if match is None:
        return lambda relative: False
    return lambda relative: match(relative) is not None


def _glob_match(patterns: Iterable[str]) -> Callable[[str], re.Match[str] | None] | None:
    parts = []
    for pattern in patterns:
        parts.append(fnmatch.translate(pattern))
        if pattern.startswith("**/"):
            parts.append(fnmatch.translate(pattern[3:]))
    return re.compile("|".join(parts)).match if parts else None


def _walk_names(folder: str) -> Iterator[tuple[str, str]]:
    """Like :func:`_walk_relative`, with each file as the string ``str(Path(...))`` gives."""
    return _scan(folder)


def discover_names(config: Config, paths: Iterable[Path] | None = None) -> list[str]:
    """:func:`discover` as path strings, without a ``Path`` per file (faster on an archive)."""
    given = list(paths or [])
    if not given:
        root = config.content_dir
        if not root.is_dir():
            return []
        include, exclude = _matcher(config.include), _matcher(config.exclude)
        return [
            name
            for relative, name in _walk_names(os.fspath(root))
            if include(relative) and not exclude(relative)
        ]
    exclude = _matcher(config.exclude)
    result = []
    seen: set[str] = set()
    for path in given:
        if path.is_dir() and not path.is_symlink() and not path.name.endswith(MARKDOWN_SUFFIXES):
            for relative, found in _walk_names(os.fspath(path)):
                if not exclude(relative) and found not in seen:
                    seen.add(found)
                    result.append(found)
        elif str(path) not in seen:
            seen.add(str(path))
            result.append(str(path))
    return result


def discover_survey(
    config: Config, paths: Iterable[Path] | None = None, *, with_keys: bool
) -> tuple[list[str], Survey]:
    """:func:`discover_names`, and the :func:`survey` of its files from the same walk.

    A walked file's kind comes from its directory entry (a ``stat`` only for a symbolic
    link) and its stamp, when keys are asked for, from the entry's ``stat``; the absolute
    path is made once per folder. Files named explicitly are surveyed one by one.
    """
    given = list(paths or [])
    if given:
        listed = discover_names(config, given)
        return listed, survey(listed, {}, with_keys=with_keys)
    root = config.content_dir
    names: list[str] = []
    found = Survey([], [], {})
    if not root.is_dir():
        return names, found
    keys, stamps, kinds = found
    include, exclude = _glob_match(config.include), _glob_match(config.exclude)
    is_regular = stat.S_ISREG
    # The loop is the whole cost of a second run over an unchanged archive: kept tight.
    for prefix, head, dirpath, entries in _folders(os.fspath(root)):
        folder = os.path.join(os.path.abspath(dirpath), "") if with_keys else ""
        for entry in entries:
            name = entry.name
            relative = prefix + name
            if include is None or include(relative) is None:
                continue
            if exclude is not None and exclude(relative) is not None:
                continue
            stamp: Stamp | None = None
            try:
                if with_keys or entry.is_symlink():
                    info = entry.stat()
                    if is_regular(info.st_mode):
                        stamp = (info.st_size, info.st_mtime_ns)
                    else:
                        stamp = kinds[len(names)] = _kind(info)
                elif not entry.is_file(follow_symlinks=False):
                    stamp = kinds[len(names)] = (
                        "dir" if entry.is_dir(follow_symlinks=False) else "other"
                    )
            except OSError:
                pass
            if with_keys:
                keys.append(folder + name)
                stamps.append(stamp)
            names.append(head + name)
    return names, found


def discover(config: Config, paths: Iterable[Path] | None = None) -> list[Path]:
    """The Markdown files to work on: given files and walked folders, else the content dir.

    Without arguments the content dir is walked and filtered by the configured include and
    exclude globs; given arguments replace the include globs (excludes still apply to walked
    folders, never to a file named explicitly).
    """
    given = list(paths or [])
    if not given:
        root = config.content_dir
        if not root.is_dir():
            return []
        return [
            path
            for relative, path in _walk_relative(root)
            if _matches(relative, config.include) and not _matches(relative, config.exclude)
        ]
    result = []
    seen: set[Path] = set()
    for path in given:
        if path.is_dir() and not path.is_symlink() and not path.name.endswith(MARKDOWN_SUFFIXES):
            for relative, found in _walk_relative(path):
                if not _matches(relative, config.exclude) and found not in seen:
                    seen.add(found)
                    result.append(found)
        elif path not in seen:
            seen.add(path)
            result.append(path)
    return result
