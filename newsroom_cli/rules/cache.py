"""The results cache of ``validate``: per-file results keyed on size, mtime and path.

Stored as ``.newsroom-cache/validate-v1.json`` at the project root, safe to delete. The
whole cache is thrown away when the configuration file's content, the toolkit's version or
its code changes. An entry is only trusted when the file was last modified well before it
was read, so an edit within the file system's timestamp granularity is never missed.

Beside it, ``validate-run-v2.marshal`` keeps the problems of the last run over a whole set
of files with what they depend on, compared byte for byte: every file's path, size and
mtime, the configuration, the toolkit's version and code, and the per-file results' stamp.
A run over the same unchanged files reports them without opening the per-file results, or
hashing anything.

And ``validate-walk-v1.marshal`` keeps what the walk of the last run found: the folders it
listed with their modification times, and the files. While no folder's time has changed
(a name added, removed or renamed changes it), the same command in the same folder finds
the same files, so a second run looks at each file's stamp without walking again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsroom_cli.cache import CACHE_DIR, RACY_NS, dependencies
from newsroom_cli.config import Config
from newsroom_cli.discover import Stamp, Survey, stamps_of, survey, unchanged_folders
from newsroom_cli.rules.base import LazyNames, Problem, Report, default_display, sort_problems

CACHE_FILE = "validate-v1.json"
RUN_FILE = "validate-run-v2.marshal"
WALK_FILE = "validate-walk-v1.marshal"


class ResultsCache:
    """Per-file results of one project, loaded once and saved once per run."""

    def __init__(self, file: Path, depends_on: bytes) -> None:
        self.file = file
        self.depends_on = depends_on
        self._key: str | None = None
        self._entries: dict[str, list[Any]] | None = None
        self.changed = False
        self.started_ns = time.time_ns()
        # The soonest time a result used in this run stops holding (a scheduled article).
        self.expires: float | None = None

    @classmethod
    def open(cls, config: Config) -> ResultsCache | None:
        """The project's cache, or ``None`` without a configuration file (nowhere to keep it)."""
        if config.path is None:
            return None
        return cls(config.root / CACHE_DIR / CACHE_FILE, dependencies(config))

    @property
    def key(self) -> str:
        """The key the per-file results are stored with: a hash of what they depend on."""
        if self._key is None:
            # hashlib loads OpenSSL (a few ms): only a run that opens these results needs it.
            import hashlib

            self._key = hashlib.sha1(self.depends_on, usedforsecurity=False).hexdigest()
        return self._key

    @property
    def entries(self) -> dict[str, list[Any]]:
        """The per-file results, read on first use (a run answered whole never needs them)."""
        if self._entries is None:
            import json

            entries: dict[str, list[Any]] = {}
            try:
                data = json.loads(self.file.read_bytes())
            except (OSError, ValueError):
                data = None
            if isinstance(data, dict) and data.get("key") == self.key:
                found = data.get("entries")
                if isinstance(found, dict):
                    entries = found
            self._entries = entries
        return self._entries

    def note_expiry(self, expires: float | None) -> None:
        """Remember when a result used in this run stops holding."""
        if expires is not None and (self.expires is None or expires < self.expires):
            self.expires = expires

    def get(self, name: str, stamp: Stamp) -> list[Any] | None:
        """The cached result for ``name`` at ``stamp``, or ``None``."""
        entry = self.entries.get(name)
        if entry is None or len(entry) != 3:
            return None
        stored, expires, result = entry
        if stored != (list(stamp) if isinstance(stamp, tuple) else stamp):
            return None
        if expires is not None and time.time() >= expires:
            return None
        if not isinstance(result, list):
            return None
        self.note_expiry(expires)
        return result

    def _run_state(self, names: list[str], stamps: list[Any]) -> tuple[bytes, str, bytes]:
        # The per-file results are part of it: editing or deleting them is seen.
        try:
            info = os.stat(self.file)
            results = f"{info.st_size}:{info.st_mtime_ns}"
        except OSError:
            results = "-"
        # Format 0 writes no back-references, so equal values always give equal bytes.
        return self.depends_on, results, marshal.dumps((names, stamps), 0)

    def stored(self, name: str, size: int) -> tuple[Any, ...] | None:
        """The tuple of ``size`` items kept in the file ``name`` beside the cache, or ``None``
        when it is missing, unreadable or of another shape."""
        try:
            data = marshal.loads((self.file.parent / name).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return data if isinstance(data, tuple) and len(data) == size else None

    def stored_run(self, names: list[str], stamps: list[Any]) -> list[tuple[Any, ...]] | None:
        """The problems of the last run over exactly these files at these stamps, or ``None``.

        Each problem is ``(file index, line, column, end line, end column, code, severity,
        field, message, hint)``.
        """
        data = self.stored(RUN_FILE, 5)
        if data is None:
            return None
        *state, expires, rows = data
        if tuple(state) != self._run_state(names, stamps) or not isinstance(rows, list):
            return None
        if expires is not None and (not isinstance(expires, float) or time.time() >= expires):
            return None
        count = len(names)
        for row in rows:
            if not (
                isinstance(row, tuple)
                and len(row) == 10
                and isinstance(row[0], int)
                and 0 <= row[0] < count
            ):
                return None
        return rows

    def save_run(self, names: list[str], stamps: list[Any], rows: list[tuple[Any, ...]]) -> None:
        """Keep a run's problems for :meth:`stored_run`, unless a file is too fresh to trust."""
        limit = self.started_ns - RACY_NS
        for stamp in stamps:
            if isinstance(stamp, tuple) and stamp[1] > limit:
                return
        data = marshal.dumps((*self._run_state(names, stamps), self.expires, rows))
        self._write(self.file.parent / RUN_FILE, data)

    def put(self, name: str, stamp: Stamp, result: Sequence[Any], expires: float | None) -> None:
        """Remember a result, unless the file's timestamp is too fresh to trust."""
        if isinstance(stamp, tuple) and stamp[1] > self.started_ns - RACY_NS:
            return
        stored: Any = list(stamp) if isinstance(stamp, tuple) else stamp
        self.entries[name] = [stored, expires, result]
        self.changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget entries of files that were not seen (after a run over the whole archive)."""
        stale = [name for name in self.entries if name not in names]
        for name in stale:
            del self.entries[name]
        self.changed = self.changed or bool(stale)

    def save(self) -> None:
        """Write the cache if anything changed; failures only cost the next run its speed."""
        if not self.changed:
            return
        import json

        data = json.dumps(
            {"key": self.key, "entries": self.entries}, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        self._write(self.file, data)

    def _write(self, file: Path, data: bytes) -> None:
        from newsroom_cli.cache import cache_folder
        from newsroom_cli.errors import NewsroomError
        from newsroom_cli.writer import atomic_write

        with contextlib.suppress(OSError, NewsroomError):
            atomic_write(cache_folder(file.parent.parent) / file.name, data, overwrite=True)


# Below this many files the cache costs more to load than the files take to read.
CACHE_MIN_FILES = 16


def stored_report(
    config: Config,
    paths: Sequence[Path | str],
    display: Callable[[Path], str] | None = None,
    *,
    surveyed: Survey | None = None,
) -> Report | None:
    """The report of the last run over exactly these files, none changed since; else ``None``.

    Imports none of the rules or the loader, so an unchanged archive is answered quickly.
    ``surveyed`` is what :func:`newsroom_cli.discover.discover_survey` found for ``paths``.
    """
    targets = list(dict.fromkeys(paths))
    if len(targets) < CACHE_MIN_FILES:
        return None
    cache = ResultsCache.open(config)
    if cache is None:
        return None
    if surveyed is None or not surveyed.fits(paths, targets, with_keys=True):
        surveyed = survey(targets, {}, with_keys=True)
    rows = cache.stored_run(surveyed.keys, surveyed.stamps)
    if rows is None:
        return None
    names = LazyNames(targets, display or default_display)
    answered = [Problem(names[row[0]], *row[1:]) for row in rows]
    sort_problems(answered)
    return Report(files=len(targets), problems=answered)


def _walk_state(cache: ResultsCache, paths: Sequence[Path]) -> tuple[bytes, str, list[str]]:
    # What else decides which files a walk finds: where it starts and what it is given.
    return cache.depends_on, os.getcwd(), [os.fspath(path) for path in paths]


def save_walk(
    config: Config,
    paths: Sequence[Path],
    visited: list[tuple[str, int]],
    names: list[str],
    keys: list[str],
    started_ns: int,
) -> None:
    """Keep what a walk found for :func:`stored_walk_report`, unless a folder it listed
    changed too recently to trust its time."""
    limit = started_ns - RACY_NS
    if any(mtime > limit for _, mtime in visited):
        return
    cache = ResultsCache.open(config)
    if cache is None:
        return
    data = marshal.dumps((*_walk_state(cache, paths), visited, names, keys), 0)
    walk = cache.file.parent / WALK_FILE
    with contextlib.suppress(OSError):
        if walk.read_bytes() == data:
            return
    cache._write(walk, data)


def stored_walk_report(
    config: Config, paths: Sequence[Path], display: Callable[[Path], str] | None = None
) -> Report | None:
    """The report of the last run, when its walk still holds (no folder it listed has
    changed) and none of the files it found has changed; else ``None``."""
    cache = ResultsCache.open(config)
    if cache is None:
        return None
    data = cache.stored(WALK_FILE, 6)
    if data is None:
        return None
    *state, visited, names, keys = data
    if tuple(state) != _walk_state(cache, paths):
        return None
    if not (
        isinstance(visited, list)
        and isinstance(names, list)
        and isinstance(keys, list)
        and len(names) == len(keys) >= CACHE_MIN_FILES
        and all(isinstance(item, tuple) and len(item) == 2 for item in visited)
    ):
        return None
    if not unchanged_folders(visited):
        return None
    rows = cache.stored_run(keys, stamps_of(keys))
    if rows is None:
        return None
    shown = LazyNames(names, display or default_display)
    answered = [Problem(shown[row[0]], *row[1:]) for row in rows]
    sort_problems(answered)
    return Report(files=len(names), problems=answered)
