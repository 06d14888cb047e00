"""Block splitting: where the front matter opens and closes, which format it is written in,
and where the body starts; the block goes to its format's reader.

A file that opens with a thematic break and prose, one whose block never closes and one
with no front matter at all are told apart here, and recorded as problems.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsroom_cli.article.json import parse_json
from newsroom_cli.article.model import Article
from newsroom_cli.article.positions import Span, lines
from newsroom_cli.article.problems import (
    LEADING_BLANK_LINES,
    NO_FRONT_MATTER,
    NOT_A_MAPPING,
    SYNTAX_ERROR,
    UNTERMINATED,
    LoadProblem,
    Parsed,
)
from newsroom_cli.article.toml import parse_toml
from newsroom_cli.article.yaml import parse_yaml
from newsroom_cli.schema import Schema

_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*\r?$", re.MULTILINE)


def split(text: str, path: Path | None, problems: list[LoadProblem], schema: Schema) -> Article:
    """The article in ``text``: its front-matter block found and read, its body after it."""

    def bare(fmt: str | None = None, readable: bool = False) -> Article:
        return Article(
            path, text, fmt, {}, text, 1, problems=problems, readable=readable, schema=schema
        )

    opening: tuple[int, int, str] | None = None
    for number, offset, line in lines(text):
        if line.strip():
            opening = (number, offset, line)
            break
    if opening is None:
        problems.append(
            LoadProblem(
                NO_FRONT_MATTER,
                "empty file: no front matter",
                Span.point(1),
                hint="start the file with --- and a title",
            )
        )
        return bare()
    open_line, open_offset, first = opening
    if open_line > 1:
        problems.append(
            LoadProblem(
                LEADING_BLANK_LINES,
                f"{open_line - 1} blank line(s) before the front matter",
                Span(1, 1, open_line, 1),
                "warning",
                hint="remove the blank lines: many tools then see no front matter",
            )
        )
    marker = first.rstrip()
    if marker in ("---", "+++"):
        fmt = "yaml" if marker == "---" else "toml"
        first_end = text.find("\n", open_offset)
        block_start = len(text) + 1 if first_end == -1 else first_end + 1
        closer = (_YAML_CLOSE if fmt == "yaml" else _TOML_CLOSE).search(text, block_start)
        if closer is not None:
            offset = closer.start()
            number = text.count("\n", 0, offset) + 1
            line = closer.group().rstrip("\r")
            block = text[block_start:offset]
            body_start = offset + len(line)
            body_start += (
                2 if text.startswith("\r\n", body_start) else (1 if body_start < len(text) else 0)
            )
            close = Span(number, 1, number, len(line.rstrip()) + 1)
            article = Article(
                path,
                text,
                fmt,
                {},
                text[body_start:],
                number + 1,
                open_line=open_line,
                close_line=number,
                close_span=close,
                problems=problems,
                schema=schema,
            )
            article._block = block
            article._block_offset = open_line
            if fmt == "yaml":
                _fill(article, parse_yaml(block, open_line, problems))
                if _is_prose(article, block):
                    return _thematic_break(article, text, open_line)
            else:
                _fill(article, parse_toml(block, open_line, problems))
            return article
        if fmt == "yaml" and not _looks_like_yaml(text[block_start:]):
            problems.append(
                LoadProblem(
                    NO_FRONT_MATTER,
                    "no front matter: the file opens with a thematic break (---)",
                    Span(open_line, 1, open_line, 4),
                    hint="add a front-matter block above the text",
                )
            )
        else:
            end = _last_line(text)
            problems.append(
                LoadProblem(
                    UNTERMINATED,
                    f"front matter opened on line {open_line} is never closed",
                    Span(open_line, 1, open_line, len(marker) + 1),
                    hint=f"add a closing {marker} line after the last key "
                    f"(the file ends on line {end})",
                )
            )
        article = bare(fmt)
        article.open_line = open_line
        return article
    if marker.startswith("{"):
        return _json_article(text, open_offset, open_line, path, problems, schema)
    problems.append(
        LoadProblem(
            NO_FRONT_MATTER,
            "no front matter",
            Span(open_line, 1, open_line, 1),
            hint="start the file with a --- line, the fields, and another ---",
        )
    )
    return bare()


def _fill(article: Article, parsed: Parsed) -> None:
    if parsed.front_matter is not None:
        article.front_matter = parsed.front_matter
    article.readable = parsed.readable
    article._node = parsed.node


def _json_article(
    text: str,
    start: int,
    open_line: int,
    path: Path | None,
    problems: list[LoadProblem],
    schema: Schema,
) -> Article:
    read = parse_json(text, start, open_line, problems)
    if read is None:
        return Article(
            path,
            text,
            "json",
            {},
            text,
            1,
            open_line=open_line,
            problems=problems,
            readable=False,
            schema=schema,
        )
    end = read.end
    close_line = text.count("\n", 0, end) + 1
    body_start = end
    newline = text.find("\n", end)
    rest = text[end:newline] if newline != -1 else text[end:]
    if not rest.strip():
        body_start = newline + 1 if newline != -1 else len(text)
    article = Article(
        path,
        text,
        "json",
        {},
        text[body_start:],
        close_line + 1,
        open_line=open_line,
        close_line=close_line,
        close_span=Span(close_line, 1, close_line, 2),
        problems=problems,
        schema=schema,
    )
    article._block = text[:end]
    article._block_offset = 0
    _fill(article, read.parsed)
    return article


def _is_prose(article: Article, block: str) -> bool:
    """Whether a YAML block that is not a mapping is really prose after a thematic break."""
    return (
        not article.readable
        and bool(article.problems)
        and article.problems[-1].code in (NOT_A_MAPPING, SYNTAX_ERROR)
        and not _looks_like_yaml(block)
    )


def _thematic_break(article: Article, text: str, open_line: int) -> Article:
    article.problems[-1] = LoadProblem(
        NO_FRONT_MATTER,
        "no front matter: the file opens with a thematic break (---)",
        Span(open_line, 1, open_line, 4),
        hint="add a front-matter block above the text",
    )
    article.format = None
    article.body = text
    article.body_line = 1
    article.close_line = None
    article.close_span = None
    return article


def _last_line(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


# A key line, a list item, a flow collection, or a whole quoted string (a YAML scalar).
_KEY_LINE = re.compile(
    r"^\s*(?:#.*)?$|^[\w\"'.-][^:\n]*:(?:\s|$)|^- |^\[|^\{|^\"[^\"\n]*\"\s*$|^'[^'\n]*'\s*$"
)


def _looks_like_yaml(rest: str) -> bool:
    """Whether the text after an unclosed ``---`` reads as keys rather than prose."""
    for line in rest.split("\n")[:5]:
        stripped = line.strip()
        if not stripped:
            continue
        return bool(_KEY_LINE.match(line.rstrip("\r")))
    return False
