"""The writer's workflow on existing articles: publish, unpublish and rename.

Each command plans a :class:`Change` without touching the disk: the minimal front-matter
edit (only the keys it changes; see :mod:`newsroom_cli.writer`) and where the file belongs
afterwards. A file moves only when it sits where ``paths.pattern`` puts it and the pattern
gives another place for the new values (a date or status in the path, a new slug); a file
laid out some other way keeps its place, or for a rename its name with the new slug.
:func:`apply_change` writes it, never over another file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom_cli.article import Article, ArticleReadError, load_article
from newsroom_cli.config import Config
from newsroom_cli.dates import format_iso
from newsroom_cli.errors import ExitCode, NewsroomError
from newsroom_cli.scaffold import check_fields, check_status, resolve_path, slugify
from newsroom_cli.writer import Edit, atomic_write, plan_edit, remove_stale_temps

ALIASES_KEY = "aliases"
_SUFFIXES = (".md", ".markdown")


@dataclass
class Change:
    """What one command does to one file: the edit, where the file goes, and what changed."""

    path: Path
    target: Path
    edit: Edit
    changes: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    bundle: bool = False
    root: Path = Path("content")

    @property
    def moved(self) -> bool:
        """Whether the file (or its page bundle's folder) gets another path."""
        return self.path != self.target

    @property
    def changed(self) -> bool:
        """Whether anything on disk changes."""
        return self.edit.changed or self.moved

    @property
    def old_path(self) -> Path:
        """The article file's path before (inside its folder for a bundle)."""
        if self.bundle and self.edit.path is not None:
            return self.path / self.edit.path.name
        return self.path

    @property
    def described(self) -> dict[str, str]:
        """The keys whose values change, each with ``old -> new`` as text."""
        from newsroom_cli.article import parse_article

        if not self.edit.changed:
            return {}
        before = parse_article(self.edit.old).front_matter
        after = parse_article(self.edit.new).front_matter
        return {
            key: f"{_shown(before.get(key))} -> {_shown(value)}"
            for key, value in after.items()
            if before.get(key) != value
        }

    @property
    def new_path(self) -> Path:
        """The article file's path afterwards (inside the moved folder for a bundle)."""
        return self.target / self.old_path.name if self.bundle else self.target


def plan_publish(config: Config, path: Path, *, now: dt.datetime, set_date: bool = False) -> Change:
    """Set the status to published; the date to ``now`` when it is missing or ``set_date``."""
    article = _load(config, path)
    changes = _status_changes(config, article, check_status(config, "published"), draft=False)
    notes: list[str] = []
    date_key = article.field_keys.get("date", "date")
    current = article.date(config.tz)
    raw = article.front_matter.get(date_key)
    if raw not in (None, "") and current is None and not set_date:
        raise NewsroomError(
            f"{path}: {date_key}: {raw!r} is not a date; nothing written",
            hint="fix it",
            bypass="now",
        )
    when = current
    if current is None or set_date:
        when = now.astimezone(config.tz).replace(microsecond=0)
        changes[date_key] = (
            when
            if isinstance(raw, dt.datetime) or (raw is None and article.format == "toml")
            else format_iso(when)
        )
    elif current > now:
        notes.append(f"scheduled: dated {format_iso(current)}, in the future")
    return _plan(config, article, changes, notes, when=when)


def plan_unpublish(config: Config, path: Path) -> Change:
    """Set the status back to draft."""
    article = _load(config, path)
    changes = _status_changes(config, article, check_status(config, "draft"), draft=True)
    return _plan(config, article, changes, [], when=article.date(config.tz))


def plan_rename(
    config: Config,
    path: Path,
    title: str,
    *,
    slug: str | None = None,
    alias: bool = False,
) -> Change:
    """Give the article a new headline, the slug made from it (or ``slug``) and the file
    name that goes with it; with ``alias`` the old URL path is added to ``aliases``."""
    article = _load(config, path)
    title = " ".join(title.split())
    if not title:
        raise NewsroomError("the new headline is empty", hint="give it in quotes")
    check_fields(config, {"title": title})
    new_slug = slugify(slug if slug is not None else title)
    if not new_slug:
        raise NewsroomError(f"cannot make a slug from {slug or title!r}", bypass="slug")
    keys = article.field_keys
    changes: dict[str, Any] = {keys.get("title", "title"): title}
    notes: list[str] = []
    if "slug" in keys:
        changes[keys["slug"]] = new_slug
    if isinstance(article.front_matter.get("url"), str):
        notes.append("its `url` is set in the front matter and stays as it is")
    change = _plan(config, article, changes, notes, when=article.date(config.tz), slug=new_slug)
    if alias:
        old_url = _url_path(config, article)
        new_url = _url_path(config, _after(config, change))
        if old_url == new_url:
            notes.append("the URL does not change; no alias added")
        else:
            current = article.front_matter.get(ALIASES_KEY)
            if current is None or current == "":
                aliases: list[Any] = [old_url]
            elif isinstance(current, list):
                aliases = current if old_url in current else [*current, old_url]
            elif isinstance(current, str):
                aliases = [current] if current == old_url else [current, old_url]
            else:
                raise NewsroomError(f"{path}: {ALIASES_KEY} is not a list; nothing written")
            changes[ALIASES_KEY] = aliases
            change = _plan(
                config, article, changes, notes, when=article.date(config.tz), slug=new_slug
            )
    return change


def apply_change(change: Change) -> None:
    """Write a planned change: the edit in place, or the file (or bundle) at its new path.

    Refuses to replace another file, and to write when the file changed since it was read.
    """
    path = change.path
    article_path = change.old_path
    remove_stale_temps(article_path.parent)
    try:
        current = article_path.read_bytes()
    except OSError as exc:
        raise NewsroomError(f"{article_path}: cannot read ({exc.strerror})") from None
    if current != change.edit.old:
        raise NewsroomError(f"{article_path}: changed while it was being edited; nothing written")
    if not change.moved:
        if change.edit.changed:
            atomic_write(article_path, change.edit.new, overwrite=True)
        return
    target = change.target
    if target.exists() or target.is_symlink():
        raise NewsroomError(
            f"{target}: already exists; nothing written",
            hint="move or rename that file first",
        )
    if change.bundle:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(path, target)
        except OSError as exc:
            raise NewsroomError(f"{path}: cannot move to {target} ({exc.strerror})") from None
        if change.edit.changed:
            atomic_write(target / article_path.name, change.edit.new, overwrite=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, change.edit.new)
        try:
            path.unlink()
        except OSError as exc:
            with contextlib.suppress(OSError):
                target.unlink()
            raise NewsroomError(f"{path}: cannot move ({exc.strerror}); nothing written") from None
    _remove_empty_folders(path.parent, change.root)


def change_diff(change: Change, old_name: str, new_name: str) -> str:
    """The change as a unified diff, ``a/OLD`` to ``b/NEW`` (a move shows both names)."""
    import difflib

    old = change.edit.old.decode("utf-8", "replace").splitlines(keepends=True)
    new = change.edit.new.decode("utf-8", "replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(old, new, f"a/{old_name}", f"b/{new_name}"))
    if not lines and change.moved:
        return f"rename from {old_name}\nrename to {new_name}\n"
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --- planning -------------------------------------------------------------------------------


def _load(config: Config, path: Path) -> Article:
    if path.is_dir():
        raise NewsroomError(f"{path}: is a folder; give the article's file")
    try:
        article = load_article(path, schema=config.schema)
    except ArticleReadError as exc:
        raise NewsroomError(exc.message, hint=exc.hint) from None
    if not article.readable or article.format is None or article.close_line is None:
        raise NewsroomError(
            f"{path}: front matter cannot be read; nothing written",
            hint="run newsroom validate on the file",
        )
    return article


def _status_changes(
    config: Config, article: Article, status: str, *, draft: bool
) -> dict[str, Any]:
    """The status, and the draft flags site generators read (``draft``, ``published``)."""
    changes: dict[str, Any] = {article.field_keys.get("status", "status"): status}
    front = article.front_matter
    if isinstance(front.get("draft"), bool):
        changes["draft"] = draft
    if isinstance(front.get("published"), bool):
        changes["published"] = not draft
    return changes


def _plan(
    config: Config,
    article: Article,
    changes: dict[str, Any],
    notes: list[str],
    *,
    when: dt.datetime | None,
    slug: str | None = None,
) -> Change:
    assert article.path is not None
    path = article.path
    edit = plan_edit(article, changes)
    bundle = path.stem in ("index", "_index")
    unit = path.parent if bundle else path
    target = _target(config, article, unit, bundle, changes, when, slug, notes)
    with contextlib.suppress(OSError, RuntimeError, ValueError):
        if target.resolve() == unit.resolve():
            target = unit
        elif not unit.is_absolute() and target.is_absolute():
            # Named as the file was (relative to where the command runs), for messages.
            target = target.relative_to(Path.cwd().resolve())
    if target != unit and unit.is_symlink():
        raise NewsroomError(
            f"{unit}: is a symbolic link and would move; nothing written",
            hint=f"run the command on the file it points to ({os.path.realpath(unit)})",
        )
    return Change(
        path=unit,
        target=target,
        edit=edit,
        changes=changes,
        notes=notes,
        bundle=bundle,
        root=config.content_dir,
    )


def _target(
    config: Config,
    article: Article,
    unit: Path,
    bundle: bool,
    changes: dict[str, Any],
    when: dt.datetime | None,
    slug: str | None,
    notes: list[str],
) -> Path:
    """Where the file (or bundle folder) belongs after the change."""
    as_file = unit.with_name(unit.name + ".md") if bundle else unit
    match = _follows_pattern(config, as_file)
    if match is not None:
        values = _path_values(article, changes, match, slug)
        pattern = config.pattern_for(values.get("status") if values else None)
        dated = any(name in _placeholders(pattern) for name in _DATE_PARTS)
        if values is not None and (when is not None or not dated):
            try:
                placed = resolve_path(config, values, when or dt.datetime.now(config.tz))
            except NewsroomError as exc:
                notes.append(f"not moved: {exc.message}")
                return unit
            if bundle:
                return placed.with_name(placed.stem)
            return placed.with_suffix(unit.suffix) if unit.suffix in _SUFFIXES else placed
    if slug is None:
        return unit
    stem = _stem(unit, bundle)
    old_slug = article.slug or (match.group("slug") if match else None) or stem
    if old_slug in stem:
        new_name = stem.replace(old_slug, slug, 1)
    else:
        new_name = slug
        notes.append(f"the file name has no slug {old_slug!r}; named after the new slug")
    return unit.with_name(new_name if bundle else new_name + unit.suffix)


_DATE_PARTS = ("date", "year", "month", "day")


def _placeholders(pattern: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return format_iso(value)
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    return str(value)


def _stem(unit: Path, bundle: bool) -> str:
    return unit.name if bundle else unit.stem


def _path_values(
    article: Article, changes: dict[str, Any], match: re.Match[str], slug: str | None
) -> dict[str, Any] | None:
    """The values the path pattern is filled with after the change, or ``None`` if unknown."""
    fields = dict(article.fields)
    keys = article.field_keys
    for name in ("status", "section", "column"):
        key = keys.get(name, name)
        if key in changes:
            fields[name] = changes[key]
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    values: dict[str, Any] = {}
    for name in ("section", "slug", "column", "status"):
        value = fields.get(name)
        values[name] = value if isinstance(value, str) and value else groups.get(name, "")
    if slug is not None:
        values["slug"] = slug
    elif article.slug is None and "slug" in groups:
        values["slug"] = groups["slug"]
    if not values["slug"] or ("section" in groups and not values["section"]):
        return None
    return values


def _follows_pattern(config: Config, path: Path) -> re.Match[str] | None:
    """Whether ``path`` sits where ``paths.pattern`` (or ``paths.draft_pattern``) puts
    articles: the match if so."""
    try:
        relative = path.resolve().relative_to(config.content_dir.resolve()).as_posix()
    except (ValueError, RuntimeError, OSError):
        return None
    for pattern in (config.pattern, config.draft_pattern):
        if pattern is not None:
            match = re.fullmatch(pattern_regex(pattern), _strip_suffix(relative))
            if match is not None:
                return match
    return None


def pattern_regex(pattern: str) -> str:
    """A regular expression for the paths ``pattern`` gives (suffix ``.md`` left off)."""
    out = []
    seen: set[str] = set()
    for literal, name, spec, _ in string.Formatter().parse(_strip_suffix(pattern)):
        out.append(re.escape(literal))
        if name is None:
            continue
        if name in ("year",):
            part = r"\d{4}"
        elif name in ("month", "day"):
            part = r"\d{2}"
        elif name == "date":
            part = _strftime_regex(spec) if spec else r"[^/]+?"
        else:
            part = r"[^/]+"
        if name in ("section", "slug", "column", "status") and name not in seen:
            seen.add(name)
            part = f"(?P<{name}>{part})"
        out.append(part)
    return "".join(out)


def _strftime_regex(spec: str) -> str:
    codes = {"Y": r"\d{4}", "y": r"\d{2}", "m": r"\d{2}", "d": r"\d{2}", "H": r"\d{2}"}
    codes.update({"M": r"\d{2}", "S": r"\d{2}", "j": r"\d{3}", "%": "%"})
    out = []
    index = 0
    while index < len(spec):
        char = spec[index]
        if char == "%" and index + 1 < len(spec):
            out.append(codes.get(spec[index + 1], r"[^/]+?"))
            index += 2
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)


def _strip_suffix(text: str) -> str:
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _after(config: Config, change: Change) -> Article:
    from newsroom_cli.article import parse_article

    return parse_article(change.edit.new, path=change.new_path, schema=config.schema)


def _url_path(config: Config, article: Article) -> str:
    """The path part of an article's URL, as ``roundup`` links it."""
    from urllib.parse import urlsplit

    from newsroom_cli.roundup.assemble import article_url

    return urlsplit(article_url(config, article)).path or "/"


def _remove_empty_folders(folder: Path, root: Path) -> None:
    """Remove the folders a move left empty, up to the content dir."""
    try:
        root = root.resolve()
        folder = folder.resolve()
    except (OSError, RuntimeError):
        return
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def exit_code(done: int, failed: int) -> int:
    """0 when every file was changed, 1 when some could not be while others were, else 2."""
    if not failed:
        return ExitCode.OK
    return ExitCode.PROBLEMS if done else ExitCode.USAGE
