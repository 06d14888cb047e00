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

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")

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

    def fits(self, given: Sequence[object], targets: Sequence[object], *, with_keys: bool) -> bool:
        """Whether this survey of ``given`` stands for ``targets`` (``given`` without repeats):
        nothing was repeated, and keys and stamps are there when they are needed."""
        return len(given) == len(targets) and (not with_keys or len(self.keys) == len(targets))


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


# Folders a walk never enters: tools' and packages' folders hold Markdown that is not an
# article (a README in every package of a virtual environment or node_modules).
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
# A file that marks a folder as a Python virtual environment, whatever its name.
_VENV_MARKER = "pyvenv.cfg"


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS


def _folders(
    folder: str,
    *,
    prefix: str = "",
    content: str | None = None,
    pruned: Callable[[str], object] | None = None,
    visited: list[tuple[str, int]] | None = None,
) -> Iterator[tuple[str, str, str, list[os.DirEntry[str]]]]:
    """The Markdown files under ``folder``, folder by folder, as ``os.walk`` finds them.

    Folders come depth first in sorted order, without following links to folders, and
    without entering hidden folders, virtual environments, ``node_modules`` or a folder
    ``pruned`` says yes to (given its relative path with a trailing /). Per folder: ``(its
    path relative to the content dir when inside it, else to folder, with a trailing /,
    or "", its path as str(Path(...)) gives with a trailing /, or "", its path as walked,
    the entries of its Markdown files in sorted order)``; ``prefix`` is folder's own
    relative path, ``content`` the content dir's absolute path. A folder named like an
    article (x.md) is listed so that it is reported, not skipped. An entry tells a file's
    kind without a ``stat`` and gives its ``stat`` cheaply when a cache needs one.
    ``visited`` collects each folder listed, as walked, with its modification time taken
    before it was listed (see :func:`unchanged_folders`).
    """
    base = str(Path(folder))
    top_head = "" if base == "." else base if base.endswith("/") else base + "/"
    # Below the top folder, a walk that starts above the content dir finds it by its
    # absolute path; from there paths are relative to the content dir.
    absolute = os.path.abspath(folder) if content is not None else ""
    # (folder as walked, its relative path with /, its str(Path(...)) with /, absolute path)
    pending = [(folder, prefix, top_head, absolute)]
    top = True
    while pending:
        dirpath, prefix, head, absolute = pending.pop()
        try:
            if visited is not None:
                # lstat: a folder reached through a link is never taken as unchanged.
                visited.append((dirpath, os.lstat(dirpath).st_mtime_ns))
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
        if not top and any(f.name == _VENV_MARKER for f in files):
            continue
        top = False
        dirs.sort(key=_by_name)
        found = [d for d in dirs if d.name.endswith(MARKDOWN_SUFFIXES)]
        found += sorted((f for f in files if f.name.endswith(MARKDOWN_SUFFIXES)), key=_by_name)
        yield prefix, head, dirpath, found
        for d in reversed(dirs):
            if d.is_symlink() or _skipped(d.name):
                continue
            child = f"{prefix}{d.name}/"
            child_absolute = ""
            if content is not None:
                child_absolute = os.path.join(absolute, d.name)
                if child_absolute == content:
                    child = ""
            # A folder is left out when a glob names it, or everything in it ("drafts/**").
            if pruned is not None and child and (pruned(child[:-1]) or pruned(child)):
                continue
            pending.append((d.path, child, f"{head}{d.name}/", child_absolute))


_by_name = attrgetter("name")


def in_scope(config: Config, path: Path | str, content: Path | str | None = None) -> bool:
    """Whether ``path`` is a file a walk of the content dir takes: under it, matched by
    ``paths.include`` and not by ``paths.exclude`` (``content``: the dir, already resolved)."""
    root = os.path.abspath(content if content is not None else config.content_dir)
    absolute = os.path.abspath(path)
    if not absolute.startswith(os.path.join(root, "")):
        return False
    relative = Path(os.path.relpath(absolute, root)).as_posix()
    return _matches(relative, config.include) and not _matches(relative, config.exclude)


def _matches(relative: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:]):
            return True
    return False


def _glob_match(patterns: Iterable[str]) -> Callable[[str], re.Match[str] | None] | None:
    parts = []
    for pattern in patterns:
        parts.append(fnmatch.translate(pattern))
        if pattern.startswith("**/"):
            parts.append(fnmatch.translate(pattern[3:]))
    return re.compile("|".join(parts)).match if parts else None


def _found(
    config: Config, given: list[Path], visited: list[tuple[str, int]] | None = None
) -> Iterator[tuple[str, str, os.DirEntry[str] | None]]:
    """Each file :func:`discover_names` lists: (its name, the folder it was walked in, its
    directory entry), or (name, "", None) for a file named explicitly. ``visited``: see
    :func:`_folders`."""
    exclude = _glob_match(config.exclude)
    if not given:
        root = config.content_dir
        if not root.is_dir():
            return
        include = _glob_match(config.include)
        if include is None:
            return
        walk = _folders(os.fspath(root), pruned=exclude, visited=visited)
        for prefix, head, dirpath, entries in walk:
            for entry in entries:
                relative = prefix + entry.name
                if include(relative) is not None and (exclude is None or exclude(relative) is None):
                    yield head + entry.name, dirpath, entry
        return
    content = os.path.abspath(config.content_dir)
    seen: set[str] = set()
    for path in given:
        if path.is_dir() and not path.is_symlink() and not path.name.endswith(MARKDOWN_SUFFIXES):
            # Excludes are relative to the content dir, wherever the walk starts.
            inside = os.path.relpath(os.path.abspath(path), content)
            start = "" if inside == "." else f"{inside}/" if not inside.startswith("..") else ""
            walk = _folders(
                os.fspath(path), prefix=start, content=content, pruned=exclude, visited=visited
            )
            for prefix, head, dirpath, entries in walk:
                for entry in entries:
                    name = head + entry.name
                    if (exclude is None or exclude(prefix + entry.name) is None) and (
                        name not in seen
                    ):
                        seen.add(name)
                        yield name, dirpath, entry
        elif str(path) not in seen:
            seen.add(str(path))
            yield str(path), "", None


def discover_names(config: Config, paths: Iterable[Path] | None = None) -> list[str]:
    """:func:`discover` as path strings, without a ``Path`` per file (faster on an archive)."""
    return [name for name, _, _ in _found(config, list(paths or []))]


def discover_survey(
    config: Config,
    paths: Iterable[Path] | None = None,
    *,
    with_keys: bool,
    visited: list[tuple[str, int]] | None = None,
) -> tuple[list[str], Survey]:
    """:func:`discover_names`, and the :func:`survey` of its files from the same walk.

    A walked file's kind comes from its directory entry (a ``stat`` only for a symbolic
    link) and its stamp, when keys are asked for, from the entry's ``stat``; the absolute
    path is made once per folder. Files named explicitly are looked at one by one.
    ``visited`` collects the folders the walk listed (see :func:`unchanged_folders`).
    """
    names: list[str] = []
    found = Survey([], [], {})
    keys, stamps, kinds = found
    is_regular = stat.S_ISREG
    folders: dict[str, str] = {}
    # The loop is the whole cost of a second run over an unchanged archive: kept tight.
    for name, dirpath, entry in _found(config, list(paths or []), visited):
        stamp: Stamp | None = None
        try:
            if entry is None:
                stamp = _stamp(os.stat(name))
                if isinstance(stamp, str):
                    kinds[len(names)] = stamp
            elif with_keys or entry.is_symlink():
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
            if entry is None:
                keys.append(os.path.abspath(name))
            else:
                folder = folders.get(dirpath)
                if folder is None:
                    folder = folders[dirpath] = os.path.join(os.path.abspath(dirpath), "")
                keys.append(folder + entry.name)
            stamps.append(stamp)
        names.append(name)
    return names, found


def unchanged_folders(visited: Sequence[tuple[str, int]]) -> bool:
    """Whether every folder a walk listed has kept its modification time since.

    A folder's time changes whenever a name in it is added, removed or renamed, so a walk
    of the same folders would find the same names (the files' own changes show in their
    stamps, which still have to be looked at).
    """
    for folder, mtime in visited:
        try:
            info = os.lstat(folder)
        except OSError:
            return False
        if info.st_mtime_ns != mtime or not stat.S_ISDIR(info.st_mode):
            return False
    return True


def stamps_of(paths: Sequence[str]) -> list[Stamp | None]:
    """Each file's :data:`Stamp` as :func:`discover_survey` takes it (``None``: not there)."""
    stamps: list[Stamp | None] = []
    append = stamps.append
    is_regular = stat.S_ISREG
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            append(None)
            continue
        append((info.st_size, info.st_mtime_ns) if is_regular(info.st_mode) else _kind(info))
    return stamps


def discover(config: Config, paths: Iterable[Path] | None = None) -> list[Path]:
    """The Markdown files to work on: given files and walked folders, else the content dir.

    Without arguments the content dir is walked and filtered by the configured include and
    exclude globs (relative to the content dir); given arguments replace the include globs
    (excludes still apply to walked folders, never to a file named explicitly). No walk
    enters a hidden folder, a virtual environment or ``node_modules``.
    """
    return [Path(name) for name in discover_names(config, paths)]


def skipped_files(config: Config, paths: Iterable[Path] | None = None) -> list[tuple[str, str]]:
    """The Markdown files under the content dir (or the given folders) that are not
    validated, and why: a section page or another file the globs leave out, or a template
    stub the archive's conventions do not count as an article."""
    given = [p for p in (paths or []) if p.is_dir()]
    folders = given or ([config.content_dir] if config.content_dir.is_dir() else [])
    include = _glob_match(config.include)
    exclude = _glob_match(config.exclude)
    skipped: list[tuple[str, str]] = []
    for folder in folders:
        for prefix, head, _dirpath, entries in _folders(os.fspath(folder)):
            for entry in entries:
                relative = prefix + entry.name
                name = head + entry.name
                if exclude is not None and exclude(relative) is not None:
                    what = "a section page" if entry.name == "_index.md" else "a file"
                    globs = ", ".join(g for g in config.exclude if _matches(relative, [g]))
                    skipped.append((name, f"{what}, left out by paths.exclude ({globs})"))
                elif not given and (include is None or include(relative) is None):
                    skipped.append((name, "not matched by paths.include"))
                elif not config.conventions.native:
                    reason = _stub_reason(config, name)
                    if reason is not None:
                        skipped.append((name, reason))
    return skipped


def _stub_reason(config: Config, name: str) -> str | None:
    from newsroom_cli.article import ArticleReadError, load_article

    try:
        article = load_article(Path(name), schema=config.schema, conventions=config.conventions)
    except ArticleReadError:
        return None
    return config.conventions.skip_reason(article)
