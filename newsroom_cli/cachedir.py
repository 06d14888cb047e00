"""The project's cache folder, ``.newsroom-cache/``: safe to delete, never committed.

Like the caches of pytest, ruff and mypy, the folder carries its own ``.gitignore``
holding ``*``, so ``git add -A`` leaves it out without a line in the project's own.
"""

from __future__ import annotations

from pathlib import Path

CACHE_DIR = ".newsroom-cache"
_GITIGNORE = b"# Created by newsroom; the cache is rebuilt when needed.\n*\n"


def cache_folder(root: Path) -> Path:
    """The cache folder of the project at ``root``, made (with its ``.gitignore``) if needed.

    Raises ``OSError`` or the toolkit's error when it cannot be made; callers skip the cache.
    """
    from newsroom_cli.writer import atomic_write

    folder = root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    # A folder written by an earlier release has no .gitignore yet: give it one.
    if not ignore.is_file():
        atomic_write(ignore, _GITIGNORE, overwrite=True)
    return folder
