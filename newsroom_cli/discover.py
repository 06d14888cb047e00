"""Find the articles a command works on."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from newsroom_cli.config import Config

MARKDOWN_SUFFIXES = (".md", ".markdown")


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        base = Path(dirpath)
        # A folder named like an article (x.md) is listed so that it is reported, not skipped.
        found.extend(base / d for d in dirnames if d.endswith(MARKDOWN_SUFFIXES))
        found.extend(base / f for f in sorted(filenames) if f.endswith(MARKDOWN_SUFFIXES))
    return found


def _matches(relative: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:]):
            return True
    return False


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
        result = []
        for path in _walk(root):
            relative = path.relative_to(root).as_posix()
            if _matches(relative, config.include) and not _matches(relative, config.exclude):
                result.append(path)
        return result
    result = []
    seen: set[Path] = set()
    for path in given:
        if path.is_dir() and not path.is_symlink() and not path.name.endswith(MARKDOWN_SUFFIXES):
            for found in _walk(path):
                relative = found.relative_to(path).as_posix()
                if not _matches(relative, config.exclude) and found not in seen:
                    seen.add(found)
                    result.append(found)
        elif path not in seen:
            seen.add(path)
            result.append(path)
    return result
