"""The results cache of ``validate``: per-file results keyed on size, mtime and path.

Stored as ``.newsroom-cache/validate-v1.json`` at the project root, safe to delete. The
whole cache is thrown away when the configuration file's content, the toolkit's version or
its code changes. An entry is only trusted when the file was last modified well before it
was read, so an edit within the file system's timestamp granularity is never missed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from newsroom_cli import __version__
from newsroom_cli.config import Config

CACHE_DIR = ".newsroom-cache"
CACHE_FILE = "validate-v1.json"
# Files modified less than this before they were read are not cached (racy timestamps).
RACY_NS = 2_000_000_000

Stamp = tuple[int, int] | str


def fingerprint(config: Config) -> str:
    """What the cached results depend on besides the files: config, version, code."""
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(f"{__version__}\0{sys.version}\0{config.root}\0".encode())
    if config.path is not None:
        with contextlib.suppress(OSError):
            digest.update(config.path.read_bytes())
    package = Path(__file__).resolve().parent.parent
    for folder in (package, package / "rules", package / "teaser"):
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    digest.update(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


class ResultsCache:
    """Per-file results of one project, loaded once and saved once per run."""

    def __init__(self, file: Path, key: str, entries: dict[str, list[Any]]) -> None:
        self.file = file
        self.key = key
        self.entries = entries
        self.changed = False
        self.started_ns = time.time_ns()

    @classmethod
    def open(cls, config: Config) -> ResultsCache | None:
        """The project's cache, or ``None`` without a configuration file (nowhere to keep it)."""
        if config.path is None:
            return None
        file = config.root / CACHE_DIR / CACHE_FILE
        key = fingerprint(config)
        entries: dict[str, list[Any]] = {}
        try:
            data = json.loads(file.read_bytes())
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("key") == key:
            found = data.get("entries")
            if isinstance(found, dict):
                entries = found
        return cls(file, key, entries)

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
        return result if isinstance(result, list) else None

    def put(self, name: str, stamp: Stamp, result: list[Any], expires: float | None) -> None:
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
        from newsroom_cli.errors import NewsroomError
        from newsroom_cli.writer import atomic_write

        folder = self.file.parent
        data = json.dumps(
            {"key": self.key, "entries": self.entries}, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        with contextlib.suppress(OSError, NewsroomError):
            if not folder.is_dir():
                folder.mkdir(parents=True)
                atomic_write(
                    folder / ".gitignore", b"# created by newsroom validate\n*\n", overwrite=True
                )
            atomic_write(self.file, data, overwrite=True)
