"""Reading and decoding: a file's bytes from one safe open, the text they decode to (a BOM,
UTF-16, binary and invalid UTF-8 recorded), its line endings, and the two entries that make
an :class:`~newsroom_cli.article.model.Article` of a path or of bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from newsroom_cli.adopt.conventions import Conventions
from newsroom_cli.article.model import Article
from newsroom_cli.article.positions import Span
from newsroom_cli.article.problems import (
    BINARY,
    BOM,
    LINE_ENDINGS,
    NOT_UTF8,
    NOT_YAML_METADATA,
    SYNTAX_ERROR,
    UNREADABLE,
    LoadProblem,
)
from newsroom_cli.article.split import split
from newsroom_cli.errors import NewsroomError
from newsroom_cli.schema import Schema, default_schema


class ArticleReadError(NewsroomError):
    """A file could not be read at all (missing, a directory, permissions, a symlink loop)."""

    code = UNREADABLE


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes, turning OS errors into :class:`ArticleReadError`."""
    return read_file(path)[0]


def read_file(path: Path | str) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and ``stat`` from one open; errors as :class:`ArticleReadError`."""
    try:
        # Non-blocking open, then a type check: reading a named pipe would wait forever and a
        # symlink to a device could be endless.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise ArticleReadError(f"{path}: not a regular file (a pipe or a device)")
            return _read_all(fd, info.st_size), info
        finally:
            os.close(fd)
    except IsADirectoryError:
        raise ArticleReadError(f"{path}: is a directory, not an article") from None
    except FileNotFoundError:
        if os.path.islink(path):
            raise ArticleReadError(f"{path}: dangling symbolic link") from None
        raise ArticleReadError(f"{path}: no such file") from None
    except PermissionError:
        raise ArticleReadError(f"{path}: permission denied") from None
    except OSError as exc:
        reason = "symbolic link loop" if exc.errno == 40 else (exc.strerror or str(exc))
        raise ArticleReadError(f"{path}: cannot read ({reason})") from None


def _read_all(fd: int, size: int) -> bytes:
    """An open file's bytes up to its end: one read of its ``stat`` size, and the read that
    finds the end (a file object per article costs more than the reads)."""
    parts = [os.read(fd, size + 1)]
    while chunk := os.read(fd, max(size, 65536)):
        parts.append(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def load_article(
    path: Path, *, schema: Schema | None = None, conventions: Conventions | None = None
) -> Article:
    """Read and parse the article at ``path``.

    Raises :class:`ArticleReadError` only when the file cannot be read; every problem with
    its content is recorded on the returned article instead.
    """
    return parse_article(read_bytes(path), path=path, schema=schema, conventions=conventions)


def parse_article(
    data: bytes | str,
    *,
    path: Path | None = None,
    schema: Schema | None = None,
    conventions: Conventions | None = None,
) -> Article:
    """Parse an article from bytes or text; never raises for bad content.

    ``conventions`` (the configuration's) say where its date, status, section and language
    come from; without them every fact is its own field.
    """
    schema = schema or default_schema()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    problems: list[LoadProblem] = []
    bom = False
    if isinstance(data, str):
        text = data
        if text.startswith("\ufeff"):
            bom = True
            text = text[1:]
    else:
        decoded = _decode(data, problems)
        if decoded is None:
            return Article(
                path, "", None, {}, "", 1, problems=problems, readable=False, schema=schema, raw=raw
            )
        text, bom = decoded
    if bom:
        problems.append(
            LoadProblem(
                BOM,
                "file starts with a byte-order mark (BOM)",
                Span(1, 1, 1, 2),
                "warning",
                hint="save the file as UTF-8 without a BOM",
            )
        )
    newline = _newline_style(text, problems)
    article = split(text, path, problems, schema)
    if conventions is not None:
        article.conventions = conventions
        if conventions.generator == "pelican" and article.format == "yaml":
            pelican_metadata(article)
    article.bom = bom
    article.newline = newline
    article.raw = raw
    return article


def pelican_metadata(article: Article) -> None:
    """Pelican reads metadata as ``key: value`` lines, not YAML: a block YAML refuses
    (``title: DataFusion: A Query Engine``) is read so, and the refusal becomes a warning."""
    refused = [p for p in article.problems if p.code == SYNTAX_ERROR]
    if not refused or article.front_matter:
        return
    from newsroom_cli.adopt.conventions import front

    meta = dict(front(article))
    if not meta:
        return
    article.front_matter = meta
    article.readable = True
    article.__dict__.pop("_resolved", None)
    article.__dict__.pop("fields", None)
    article.__dict__.pop("field_keys", None)
    article.problems = [p for p in article.problems if p.code != SYNTAX_ERROR] + [
        LoadProblem(
            NOT_YAML_METADATA,
            f"metadata is not YAML ({p.message}); read as Pelican reads it, one key: value "
            "per line",
            p.span,
            "warning",
            hint="fine for Pelican; quote the value to make it YAML too",
        )
        for p in refused
    ]


def _decode(data: bytes, problems: list[LoadProblem]) -> tuple[str, bool] | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            LoadProblem(
                NOT_UTF8, "file is UTF-16, not UTF-8", Span.point(1), hint="save the file as UTF-8"
            )
        )
        return None
    head = data[:8192]
    if b"\x00" in head:
        problems.append(
            LoadProblem(
                BINARY,
                "file is binary, not a text article",
                Span.point(1),
                hint="only Markdown text files can be articles",
            )
        )
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problems.append(
            LoadProblem(
                NOT_UTF8,
                f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
                Span(line, column, line, column + 1),
                hint="save the file as UTF-8",
            )
        )
        return None


def _newline_style(text: str, problems: list[LoadProblem]) -> str:
    if "\r" not in text:
        return "\n"
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf and not lf and not cr:
        problems.append(
            LoadProblem(
                LINE_ENDINGS,
                "Windows (CRLF) line endings",
                Span.point(1),
                "warning",
                hint="save the file with LF line endings",
            )
        )
        return "\r\n"
    line = _first_line_ending_mismatch(text)
    problems.append(
        LoadProblem(
            LINE_ENDINGS,
            "mixed line endings (CRLF and LF)",
            Span.point(line),
            "warning",
            hint="save the file with LF line endings",
        )
    )
    return "mixed"


def _first_line_ending_mismatch(text: str) -> int:
    lines = text.split("\n")
    first_crlf = lines[0].endswith("\r") if len(lines) > 1 else False
    for number, line in enumerate(lines[:-1], start=1):
        if line.endswith("\r") != first_crlf:
            return number
    return 1
