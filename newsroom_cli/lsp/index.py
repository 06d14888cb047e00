"""The archive as the cross-file rules see it: each article's slug and headline.

Built once from disk (in a background thread, so that single-file diagnostics come first)
and kept current as files are saved. Lookups return only the files that share a slug or a
headline with the text under check, in the order ``validate`` walks the archive, so that
checking one article against ten thousand costs two dictionary lookups.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable

from newsroom_cli.config import Config
from newsroom_cli.rules.crossfile import NO_IDENTITY, Identity, normalize_title


class ArchiveIndex:
    """Identities of the archive's files, by absolute path, with slug and headline lookups."""

    def __init__(self, config: Config, display: Callable[[str], str]) -> None:
        self.config = config
        self.display = display
        self.ready = threading.Event()
        self.started = False  # a build was started (once per index)
        self._lock = threading.Lock()
        self._order: dict[str, int] = {}
        self._identities: dict[str, Identity] = {}
        # Keyed by (language, slug) and (language, normalized headline).
        self._by_slug: dict[tuple[str | None, str], set[str]] = {}
        self._by_title: dict[tuple[str | None, str], set[str]] = {}

    def __len__(self) -> int:
        return len(self._identities)

    def build(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """Walk the content dir and read every article's identity (call from a thread)."""
        from newsroom_cli.discover import discover_names
        from newsroom_cli.rules.runner import archive_identities

        names = discover_names(self.config)
        keys = [os.path.abspath(name) for name in names]
        with self._lock:
            self._order = {key: i for i, key in enumerate(keys)}
        for key, identity in zip(keys, archive_identities(self.config, names), strict=True):
            if cancelled():
                return
            with self._lock:
                if key not in self._identities:  # a save during the build is newer
                    self._put(key, identity)
        self.ready.set()

    def in_archive(self, path: str) -> bool:
        """Whether ``path`` would be walked by ``validate`` (under the content dir, included)."""
        from newsroom_cli.discover import in_scope

        return in_scope(self.config, path)

    def update(self, path: str, identity: Identity) -> None:
        """Record a saved file's identity (a new article gets its place in the walk order)."""
        key = os.path.abspath(path)
        with self._lock:
            if key not in self._order:
                if not self.in_archive(key):
                    return
                self._reorder(key)
            self._drop(key)
            self._put(key, identity)

    def remove(self, path: str) -> None:
        """Forget a deleted file."""
        key = os.path.abspath(path)
        with self._lock:
            self._drop(key)
            self._order.pop(key, None)

    def others(self, path: str | None, identity: Identity) -> list[tuple[str, Identity]]:
        """The other files sharing this identity's slug or headline: (display name, identity)."""
        if identity == NO_IDENTITY:
            return []
        slug, title, language = identity[0], identity[1], identity[10]
        key = os.path.abspath(path) if path is not None else None
        with self._lock:
            found: set[str] = set()
            if slug:
                found |= self._by_slug.get((language, slug), set())
            if title:
                found |= self._by_title.get((language, normalize_title(title)), set())
            if key is not None:
                found.discard(key)
            ordered = sorted(found, key=lambda k: self._order.get(k, len(self._order)))
            return [(self.display(k), self._identities[k]) for k in ordered]

    def _put(self, key: str, identity: Identity) -> None:
        self._identities[key] = identity
        language = identity[10]
        if identity[0]:
            self._by_slug.setdefault((language, identity[0]), set()).add(key)
        if identity[1]:
            self._by_title.setdefault((language, normalize_title(identity[1])), set()).add(key)

    def _drop(self, key: str) -> None:
        old = self._identities.pop(key, None)
        if old is None:
            return
        for table, value in ((self._by_slug, old[0]), (self._by_title, old[1])):
            if not value:
                continue
            wanted = (old[10], value if table is self._by_slug else normalize_title(value))
            members = table.get(wanted)
            if members is not None:
                members.discard(key)
                if not members:
                    del table[wanted]

    def _reorder(self, key: str) -> None:
        from newsroom_cli.discover import discover_names

        keys: Iterable[str] = (os.path.abspath(name) for name in discover_names(self.config))
        order = {k: i for i, k in enumerate(keys)}
        order.setdefault(key, len(order))
        self._order = order
