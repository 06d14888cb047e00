"""The one entry of ``validate``: which files are in scope, the whole-run cache, the runner.

``validate(config, paths)`` judges the files under ``paths`` (the content dir when none
are given); ``staged=True`` judges what is staged in git instead, as it will be committed,
compared with the rest of the archive on disk for the cross-file rules. An unchanged
archive is answered from the stored run before the rules or the loader are imported.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from newsroom_cli.config import Config
from newsroom_cli.errors import NewsroomError
from newsroom_cli.rules.base import Report


def validate(
    config: Config,
    paths: Sequence[Path] = (),
    *,
    staged: bool = False,
    use_cache: bool = True,
    display: Callable[[Path], str] | None = None,
    cwd: Path | None = None,
    start: Path | None = None,
) -> Report:
    """Every problem of the files in scope, sorted by path and position.

    ``paths`` are files or folders (default: the content dir; with ``staged``, they narrow
    the staged files to those under them). ``display`` turns a path into the name
    reported; ``cwd`` is where relative paths and git are read from, ``start`` where the
    process started (hooks may set ``GIT_DIR`` relative to it).
    """
    cwd = cwd or Path.cwd()
    if staged:
        return _validate_staged(config, list(paths), cwd, start or cwd, use_cache, display)
    from newsroom_cli.discover import discover_survey

    given = list(paths)
    started_ns = time.time_ns()
    if use_cache and config.path is not None:
        from newsroom_cli.rules.cache import stored_walk_report

        # The last run's walk, while none of the folders it listed has changed.
        found = stored_walk_report(config, given, display)
        if found is not None:
            return found
    # One walk finds the files and looks at each: its kind, and the size and mtime the
    # results cache is keyed on (only when a cache is used).
    visited: list[tuple[str, int]] | None = [] if use_cache else None
    files, surveyed = discover_survey(config, given, with_keys=use_cache, visited=visited)
    if not paths and not config.content_dir.is_dir():
        where = config.content_dir
        if where.is_relative_to(config.root):
            where = where.relative_to(config.root)
        raise NewsroomError(
            f"no content dir at {where.as_posix()} in {config.root}",
            hint="give paths to validate, or set paths.content",
        )
    if use_cache:
        from newsroom_cli.rules.cache import CACHE_MIN_FILES, save_walk, stored_report

        found = stored_report(config, files, display, surveyed=surveyed)
        if found is not None:
            return found
        # Kept with the results this run stores (a run answered whole writes nothing).
        if visited and len(files) >= CACHE_MIN_FILES and config.path is not None:
            save_walk(config, given, visited, files, surveyed.keys, started_ns)
    from newsroom_cli.rules.runner import validate_paths

    return validate_paths(
        config,
        files,
        use_cache=use_cache,
        display=display,
        surveyed=surveyed,
        stored_checked=use_cache,
    )


def _validate_staged(
    config: Config,
    given: list[Path],
    cwd: Path,
    start: Path,
    use_cache: bool,
    display: Callable[[Path], str] | None,
) -> Report:
    from newsroom_cli.discover import MARKDOWN_SUFFIXES, discover, in_scope
    from newsroom_cli.gitindex import staged_files
    from newsroom_cli.rules.base import default_display
    from newsroom_cli.rules.runner import validate_paths

    staged = staged_files(cwd, start=start, suffixes=MARKDOWN_SUFFIXES)
    content = config.content_dir.resolve()
    chosen = []
    for item in staged:
        if given:
            inside = any(
                item.path == (cwd / g).resolve() or item.path.is_relative_to((cwd / g).resolve())
                for g in given
            )
            if not inside:
                continue
        elif not (item.path.is_relative_to(content) and in_scope(config, item.path, content)):
            continue
        chosen.append(item)
    names = {item.path: item.name for item in chosen}
    archive = discover(config) if config.content_dir.is_dir() else []
    # realpath, not resolve(): a symbolic link loop in the archive must not raise.
    context = [Path(os.path.realpath(p)) for p in archive]
    show = display or default_display

    def shown(path: Path) -> str:
        return names.get(path) or show(path)

    return validate_paths(
        config,
        [item.path for item in chosen],
        sources={item.path: item.data for item in chosen},
        use_cache=use_cache,
        context=context,
        display=shown,
    )
