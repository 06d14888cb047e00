"""TOML front matter (``+++``, as Hugo and Zola write it): parsed with :mod:`tomllib`, with
the position of every key and value."""

from __future__ import annotations

import re
import tomllib

from newsroom_cli.article.positions import Location, Span, lines
from newsroom_cli.article.problems import (
    DUPLICATE_KEY,
    EMPTY_FRONT_MATTER,
    SYNTAX_ERROR,
    TOO_COMPLEX,
    LoadProblem,
    Parsed,
)

_TOML_ERROR_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_toml(block: str, open_line: int, problems: list[LoadProblem]) -> Parsed:
    """Read a TOML block that starts after line ``open_line``; problems go to ``problems``."""
    try:
        data = tomllib.loads(block)
    except RecursionError:
        problems.append(
            LoadProblem(
                TOO_COMPLEX, "front matter nested too deeply; not read", Span.point(open_line)
            )
        )
        return Parsed(readable=False)
    except ValueError as exc:
        if not isinstance(exc, tomllib.TOMLDecodeError):
            # tomllib lets int() errors through (a number over 4,300 digits).
            problems.append(LoadProblem(SYNTAX_ERROR, f"TOML error: {exc}", Span.point(open_line)))
            return Parsed(readable=False)
        message = str(exc)
        match = _TOML_ERROR_POS.search(message)
        line, column = (int(match[1]), int(match[2])) if match else (0, 1)
        reason = _TOML_ERROR_POS.sub("", message).strip()
        code = DUPLICATE_KEY if "overwrite" in reason.lower() else SYNTAX_ERROR
        problems.append(
            LoadProblem(
                code,
                f"TOML {'error' if code == DUPLICATE_KEY else 'syntax error'}: {reason}",
                Span(open_line + line, column, open_line + line, column + 1),
            )
        )
        return Parsed(readable=False)
    if not data:
        problems.append(
            LoadProblem(EMPTY_FRONT_MATTER, "empty front matter", Span(open_line, 1, open_line, 4))
        )
    return Parsed(data)


_TOML_KEY = re.compile(r"""^(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*""")
_TOML_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(?:#.*)?$")


def toml_locations(block: str, offset: int) -> dict[str, Location]:
    result: dict[str, Location] = {}
    prefix = ""
    for number, _, line in lines(block):
        file_line = offset + number
        table = _TOML_TABLE.match(line)
        if table:
            prefix = table[1] + "."
            span = Span(
                file_line,
                line.index(table[1]) + 1,
                file_line,
                line.index(table[1]) + len(table[1]) + 1,
            )
            result.setdefault(table[1], Location(span, span))
            continue
        match = _TOML_KEY.match(line)
        if not match:
            continue
        key = match[2].strip("\"'")
        key_col = len(match[1]) + 1
        value_text = line[match.end() :].rstrip()
        result.setdefault(
            prefix + key,
            Location(
                Span(file_line, key_col, file_line, key_col + len(match[2])),
                Span(file_line, match.end() + 1, file_line, match.end() + len(value_text) + 1),
                value_text,
            ),
        )
    return result
