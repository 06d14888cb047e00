"""One policy for the toolkit's caches under ``.newsroom-cache/``: what they depend on,
and the folder itself, which carries its own ``.gitignore`` holding ``*`` (as the caches
of pytest, ruff and mypy do), so ``git add -A`` leaves it out.

``validate``'s results and ``list``'s rows are both thrown away whole when anything they
were computed with changes besides the files themselves: the toolkit's version, the
Python running it, the project root, the configuration file's bytes, or any module of the
package (by size and modification time, so a checkout of other code is never answered from
rows the old code made).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom_cli import __version__

if TYPE_CHECKING:
    from newsroom_cli.config import Config

CACHE_DIR = ".newsroom-cache"
# Files modified less than this before they were read are not cached: a second edit within
# the file system's timestamp granularity would otherwise go unseen.
RACY_NS = 2_000_000_000
PACKAGE = Path(__file__).resolve().parent
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


def dependencies(config: Config, package: Path = PACKAGE) -> bytes:
    """What a cached result depends on besides the files: version, config and code."""
    parts = [f"{__version__}\0{sys.version}\0{config.root}\0".encode()]
    if config.path is not None:
        with contextlib.suppress(OSError):
            parts.append(config.path.read_bytes())
    folders = [package]
    while folders:
        folder = folders.pop()
        with contextlib.suppress(OSError), os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            if entry.name.endswith(".py"):
                info = entry.stat()
                relative = os.path.relpath(entry.path, package)
                parts.append(f"\0{relative}:{info.st_size}:{info.st_mtime_ns}".encode())
            elif entry.is_dir() and not entry.name.startswith((".", "__")):
                folders.append(Path(entry.path))
    return b"".join(parts)
