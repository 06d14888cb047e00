"""The one safe writer: atomic writes and minimal front-matter edits.

Every file this toolkit writes goes through :func:`atomic_write`: a temporary file in the
same folder, flushed and fsynced, then ``os.replace``. Edits to an existing article
(:func:`edit_article`) change only the text of the keys they set; the result is parsed again
and refused if the body or any other key changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom_cli.article import (
    DUPLICATE_KEY,
    Article,
    Location,
    load_article,
    parse_article,
)
from newsroom_cli.errors import AlreadyExists, NewsroomError
from newsroom_cli.pyyaml import yaml
from newsroom_cli.schema import Schema

_TEMP_SUFFIX = ".newsroom-tmp"


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temporary files left in ``folder`` by writers that died before renaming."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(_TEMP_SUFFIX)):
            continue
        parts = name[: -len(_TEMP_SUFFIX)].rsplit(".", 2)
        try:
            pid = int(parts[-2])
        except (IndexError, ValueError):
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def atomic_write(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` atomically, keeping an existing file's mode.

    Refuses to replace an existing file unless ``overwrite``. A failure at any point leaves
    the old file as it was and no temporary file behind.
    """
    try:
        target = path.resolve() if path.is_symlink() else path
    except RuntimeError:
        raise NewsroomError(f"{path}: cannot write (symbolic link loop)") from None
    folder = target.parent
    if not folder.is_dir():
        raise NewsroomError(f"{folder}: no such folder")
    remove_stale_temps(folder)
    try:
        mode = os.stat(target).st_mode & 0o7777
        exists = True
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
        exists = False
    except OSError as exc:
        raise NewsroomError(f"{path}: cannot write ({exc.strerror})") from None
    if exists and not overwrite:
        raise AlreadyExists(path=str(path))
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=_temp_prefix(target), suffix=_TEMP_SUFFIX, dir=folder
        )
    except OSError as exc:
        raise NewsroomError(f"{folder}: cannot write ({exc.strerror})") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if overwrite:
            os.replace(temp, target)
        else:
            # link() fails if the target appeared meanwhile: never clobber a new file.
            try:
                os.link(temp, target)
            except FileExistsError:
                raise AlreadyExists(path=str(path)) from None
            except OSError:
                if target.exists():
                    raise AlreadyExists(path=str(path)) from None
                os.replace(temp, target)
        _fsync_dir(folder)
    except OSError as exc:
        raise NewsroomError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Edit:
    """The result of a front-matter edit: old and new bytes."""

    path: Path | None
    old: bytes
    new: bytes

    @property
    def changed(self) -> bool:
        """Whether the edit changes the file."""
        return self.old != self.new


def edit_article(
    path: Path, changes: Mapping[str, Any], *, schema: Schema | None = None, dry_run: bool = False
) -> Edit:
    """Set front-matter keys (dotted for nested: ``teasers.meta``) in the file at ``path``.

    Only the text of those keys changes; the result is checked and written atomically.
    """
    if not dry_run:
        # Even when nothing changes, a writer killed earlier leaves no litter behind.
        remove_stale_temps(path.parent)
    article = load_article(path, schema=schema)
    edit = plan_edit(article, changes)
    if edit.changed and not dry_run:
        current = path.read_bytes()
        if current != edit.old:
            raise NewsroomError(f"{path}: changed while it was being edited; nothing written")
        atomic_write(path, edit.new, overwrite=True)
    return edit


def plan_edit(article: Article, changes: Mapping[str, Any]) -> Edit:
    """Compute the bytes of ``article`` with ``changes`` applied, checked but not written."""
    if not article.readable or article.format is None or article.close_line is None:
        raise NewsroomError(
            f"{article.path or '<stdin>'}: front matter cannot be read; fix it before editing",
            hint="run newsroom validate on the file",
        )
    duplicated = {p.field for p in article.problems if p.code == DUPLICATE_KEY}
    for key in changes:
        if key.partition(".")[0] in duplicated:
            raise NewsroomError(
                f"{article.path or '<stdin>'}: cannot set {key}: "
                f"{key.partition('.')[0]!r} is written twice (a duplicate key); nothing written",
                hint="keep one of them, then run again",
            )
    text = article.text
    for key, value in changes.items():
        current = parse_article(
            text, path=article.path, schema=article.schema, conventions=article.conventions
        )
        if _holds(current.front_matter, key, value):
            continue  # already that value: keep its spelling (quotes, escapes) as written
        text = _apply(current, key, value)
    old = article.raw or ((b"\xef\xbb\xbf" if article.bom else b"") + article.text.encode())
    if text == article.text:
        return Edit(article.path, old, old)
    new = (b"\xef\xbb\xbf" if article.bom else b"") + text.encode("utf-8")
    _verify(article, new, changes)
    return Edit(article.path, old, new)


def _holds(data: Mapping[str, Any], dotted: str, value: Any) -> bool:
    """Whether ``data`` already has ``value`` (of the same type) at the dotted key."""
    head, _, rest = dotted.partition(".")
    if head not in data:
        return False
    current = data[head]
    if rest:
        return isinstance(current, Mapping) and _holds(current, rest, value)
    return type(current) is type(value) and bool(current == value)


def _verify(before: Article, new: bytes, changes: Mapping[str, Any]) -> None:
    after = parse_article(
        new, path=before.path, schema=before.schema, conventions=before.conventions
    )
    where = before.path or "<stdin>"
    if not after.readable or after.body != before.body or after.bom != before.bom:
        raise NewsroomError(
            f"{where}: the edit would change more than the front matter; nothing written"
        )
    expected = json.loads(json.dumps(before.front_matter, default=str))
    for key, value in changes.items():
        _set_path(expected, key, value)
    got = json.loads(json.dumps(after.front_matter, default=str))
    expected = json.loads(json.dumps(expected, default=str))
    for key in changes:
        head = key.partition(".")[0]
        if got.get(head) != expected.get(head):
            raise NewsroomError(
                f"{where}: {key} would not read back as the value set; nothing written"
            )
    kept_order = [key for key in got if key in before.front_matter]
    if got != expected or kept_order != list(before.front_matter):
        raise NewsroomError(f"{where}: the edit would change other keys; nothing written")


def _set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    head, _, rest = dotted.partition(".")
    if not rest:
        data[head] = value
        return
    child = data.setdefault(head, {})
    if not isinstance(child, dict):
        raise NewsroomError(f"cannot set {dotted}: {head} is not a mapping")
    _set_path(child, rest, value)


def _newline(article: Article) -> str:
    return "\r\n" if article.newline == "\r\n" else "\n"


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for match in re.finditer("\n", text):
        offsets.append(match.end())
    return offsets


def _offset(text_offsets: list[int], line: int, column: int) -> int:
    return text_offsets[line - 1] + column - 1


def _apply(article: Article, key: str, value: Any) -> str:
    if article.format == "yaml":
        return _apply_yaml(article, key, value)
    if article.format == "toml":
        return _apply_toml(article, key, value)
    return _apply_json(article, key, value)


def _replace_span(text: str, location: Location, rendered: str) -> str:
    offsets = _line_offsets(text)
    start = _offset(offsets, location.value.line, location.value.column)
    end = _offset(offsets, location.value.end_line, location.value.end_column)
    if start == end and text[start - 1 : start] == ":":
        # An empty value (`slug:`) has no text to replace; without a space the new value
        # would join the key (`slug:x` is one key in YAML).
        rendered = " " + rendered
    return text[:start] + rendered + text[end:]


def _insert_before_line(text: str, line: int, new_text: str) -> str:
    offsets = _line_offsets(text)
    at = offsets[line - 1]
    return text[:at] + new_text + text[at:]


def _apply_yaml(article: Article, key: str, value: Any) -> str:
    text = article.text
    nl = _newline(article)
    assert article.close_line is not None
    head, _, rest = key.partition(".")
    locations = article.locations
    if not rest:
        location = locations.get(head)
        if location is not None:
            if location.style is None:
                current = article.front_matter.get(head)
                if isinstance(current, list) and _extends(current, value):
                    return _extend_yaml_list(article, head, location, value[len(current) :])
                raise NewsroomError(f"cannot replace {head}: it holds a list or mapping")
            return _replace_span(text, location, yaml_scalar(value, location.style))
        return _insert_before_line(
            text, article.close_line, f"{yaml_key(head)}: {yaml_scalar(value)}{nl}"
        )
    if "." in rest:
        raise NewsroomError(f"cannot set {key}: only one level of nesting is supported")
    parent = locations.get(head)
    if parent is None:
        return _insert_before_line(
            text,
            article.close_line,
            f"{yaml_key(head)}:{nl}  {yaml_key(rest)}: {yaml_scalar(value)}{nl}",
        )
    if parent.style is not None or not isinstance(article.front_matter.get(head), dict):
        raise NewsroomError(f"cannot set {key}: {head} is not a mapping")
    child = locations.get(key)
    if child is not None:
        if child.style is None:
            raise NewsroomError(f"cannot replace {key}: it holds a list or mapping")
        return _replace_span(text, child, yaml_scalar(value, child.style))
    children = [
        loc
        for path, loc in locations.items()
        if path.startswith(head + ".") and path.count(".") == 1
    ]
    if not children or children[0].key.line == parent.key.line:
        raise NewsroomError(f"cannot set {key}: {head} is written in flow style")
    indent = " " * (children[0].key.column - 1)
    last_line = max(loc.value.end_line for loc in children)
    return _insert_before_line(
        text, last_line + 1, f"{indent}{yaml_key(rest)}: {yaml_scalar(value)}{nl}"
    )


def _extends(current: list[Any], value: Any) -> bool:
    """Whether ``value`` is the list ``current`` with items added at its end."""
    return (
        isinstance(value, list) and len(value) > len(current) and value[: len(current)] == current
    )


def _extend_yaml_list(article: Article, head: str, location: Location, items: list[Any]) -> str:
    """Add ``items`` at the end of a YAML list, in its own style; the items before stay as
    written."""
    text = article.text
    offsets = _line_offsets(text)
    start = _offset(offsets, location.value.line, location.value.column)
    end = _offset(offsets, location.value.end_line, location.value.end_column)
    count = len(article.front_matter[head])
    if text[start : start + 1] == "[":
        close = text.rindex("]", start, end)
        before = text[start + 1 : close]
        added = ", ".join(yaml_scalar(item, '"') for item in items)
        if before.strip():
            kept = before.rstrip()
            at = start + 1 + len(kept)
            return text[:at] + ", " + added + text[at:]
        return text[: start + 1] + added + text[close:]
    last = article.locations.get(f"{head}.{count - 1}")
    if last is None or last.value.line != last.value.end_line:
        raise NewsroomError(f"cannot add to {head}: its last item is not on one line")
    line_start = offsets[last.value.line - 1]
    prefix = text[line_start : _offset(offsets, last.value.line, last.value.column)]
    if prefix.strip() != "-":
        raise NewsroomError(f"cannot add to {head}: its items are not one per line")
    nl = _newline(article)
    lines = "".join(f"{prefix}{yaml_scalar(item)}{nl}" for item in items)
    return _insert_before_line(text, last.value.end_line + 1, lines)


_PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


def yaml_key(key: str) -> str:
    """A mapping key as YAML text."""
    return key if re.fullmatch(r"[A-Za-z_][\w-]*", key) else yaml_scalar(key, '"')


def yaml_scalar(value: Any, style: str | None = "") -> str:
    """Render a value as one line of YAML, keeping ``style`` ('' plain, '"' or "'") if safe."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_scalar(item, '"') for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{yaml_key(str(k))}: {yaml_scalar(v, chr(34))}" for k, v in value.items())
            + "}"
        )
    text = str(value)
    if style == "'" and _printable(text) and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style in ("", None) and _plain_safe(text):
        return text
    return _double_quoted(text)


def _plain_safe(text: str) -> bool:
    if not text or text != text.strip() or not _PLAIN_OK.match(text) or not _printable(text):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    from newsroom_cli.article.yaml import _Loader

    try:
        loaded = yaml.load(f"k: {text}", Loader=_Loader)
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and loaded.get("k") == text


def _printable(text: str) -> bool:
    return all(_is_printable(ch) for ch in text)


def _is_printable(ch: str) -> bool:
    code = ord(ch)
    return (
        code in (0x09, 0x0A, 0x0D)
        or 0x20 <= code <= 0x7E
        or code == 0xA0
        or 0xA1 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


def _double_quoted(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code in (0x85, 0x2028, 0x2029) or not _is_printable(ch) or code < 0x20:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(value: Any) -> str:
    import tomli_w

    if isinstance(value, dt.datetime | dt.date | dt.time):
        # tomli-w separates date and time with a space; the T is the ISO 8601 spelling.
        return value.isoformat()
    if value is None:
        raise NewsroomError("TOML has no empty value (null); remove the key instead")
    # Arrays and tables inline, on the value's own line: tomli-w spreads arrays over
    # several lines, which a CRLF file would get with bare LFs.
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        pairs = [
            f"{tomli_w.dumps({str(k): 0}).rsplit(' = ', 1)[0]} = {_toml_value(v)}"
            for k, v in value.items()
        ]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"
    rendered = tomli_w.dumps({"k": value})
    return rendered.split("=", 1)[1].strip()


def _without_toml_comment(location: Location) -> Location:
    """The location of a one-line TOML value without the comment after it (``# ...``)."""
    import tomllib

    source = location.source or ""
    value = location.value
    if "#" not in source or value.line != value.end_line:
        return location
    for index, char in enumerate(source):
        if char != "#" or index == 0:
            continue
        candidate = source[:index].rstrip()
        try:
            tomllib.loads(f"k = {candidate}")
        except ValueError:
            continue
        end = value.column + len(candidate)
        return location._replace(value=value._replace(end_column=end), source=candidate)
    return location


def _apply_toml(article: Article, key: str, value: Any) -> str:
    text = article.text
    nl = _newline(article)
    assert article.close_line is not None and article.open_line is not None
    locations = article.locations
    location = locations.get(key)
    if location is not None and location.source is not None and location.key != location.value:
        return _replace_span(text, _without_toml_comment(location), _toml_value(value))
    head, _, rest = key.partition(".")
    tables = [loc.key.line for path, loc in locations.items() if loc.key == loc.value]
    if not rest:
        line = min(tables) if tables else article.close_line
        return _insert_before_line(text, line, f"{key} = {_toml_value(value)}{nl}")
    table = locations.get(head)
    if table is not None and table.key == table.value:
        later = [line for line in tables if line > table.key.line]
        line = min(later) if later else article.close_line
        return _insert_before_line(text, line, f"{rest} = {_toml_value(value)}{nl}")
    if head in article.front_matter:
        raise NewsroomError(f"cannot set {key}: {head} is not a table")
    return _insert_before_line(
        text, article.close_line, f"[{head}]{nl}{rest} = {_toml_value(value)}{nl}"
    )


def _apply_json(article: Article, key: str, value: Any) -> str:
    text = article.text
    if "." in key:
        raise NewsroomError(f"cannot set {key}: nested keys are not supported in JSON front matter")
    rendered = json.dumps(value, ensure_ascii=False)
    location = article.locations.get(key)
    if location is not None:
        return _replace_span(text, location, rendered)
    block_end = len(article._block)
    close = text.rfind("}", 0, block_end)
    before = text[:close].rstrip()
    indent = "  "
    nl = _newline(article)
    return text[: len(before)] + f",{nl}{indent}{json.dumps(key)}: {rendered}{nl}" + text[close:]
