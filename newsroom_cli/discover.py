"""Find the articles a command works on."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsroom_cli.config import Config

MARKDOWN_SUFFIXES = (".md", ".markdown")


def _walk(folder: Path) -> list[Path]:
    return [path for _, path in _walk_relative(folder)]


def _walk_relative(folder: Path) -> list[tuple[str, Path]]:
    """Markdown files under ``folder`` with their paths relative to it (POSIX separators).

    Relative paths are cut from the walked strings: ``Path.relative_to`` per file costs more
    than reading the folder on a large archive.
    """
    found: list[tuple[str, Path]] = []
    top = os.fspath(folder)
    cut = len(top.rstrip(os.sep)) + 1
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        dirnames.sort()
        inside = dirpath[cut:].replace(os.sep, "/") if len(dirpath) >= cut else ""
        prefix = f"{inside}/" if inside else ""
        # A folder named like an article (x.md) is listed so that it is reported, not skipped.
        names = [d for d in dirnames if d.endswith(MARKDOWN_SUFFIXES)]
        names += sorted(f for f in filenames if f.endswith(MARKDOWN_SUFFIXES))
        found.extend((prefix + name, Path(dirpath, name)) for name in names)
    return found


def _matches(relative: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:]):
            return True
    return False


def _matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """One compiled expression for a list of globs, matching as :func:`_matches` does."""
    parts = []
    for pattern in patterns:
        parts.append(fnmatch.translate(pattern))
        if pattern.startswith("**/"):
            parts.append(fnmatch.translate(pattern[3:]))
    if not parts:
        return lambda relative: False
    search = re.compile("|".join(parts)).match
    return lambda relative: search(relative) is not None


def _walk_names(folder: str) -> Iterator[tuple[str, str]]:
    """Like :func:`_walk_relative`, with each file as the string ``str(Path(...))`` gives."""
    cut = len(folder.rstrip(os.sep)) + 1
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        inside = dirpath[cut:].replace(os.sep, "/") if len(dirpath) >= cut else ""
        prefix = f"{inside}/" if inside else ""
        base = str(Path(dirpath))
        head = "" if base == "." else base if base.endswith("/") else base + "/"
        names = [d for d in dirnames if d.endswith(MARKDOWN_SUFFIXES)]
        names += sorted(f for f in filenames if f.endswith(MARKDOWN_SUFFIXES))
        for name in names:
            yield prefix + name, head + name


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
