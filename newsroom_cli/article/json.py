"""JSON front matter (an object at the top of the file, as Hugo reads it): parsed with the
standard library's decoder, with the position of every key and value.

JSON front matter is rare, so :mod:`json` itself is imported only when a file has some.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from newsroom_cli.article.positions import Location, Span, lines
from newsroom_cli.article.problems import (
    DUPLICATE_KEY,
    EMPTY_FRONT_MATTER,
    NOT_A_MAPPING,
    SYNTAX_ERROR,
    TOO_COMPLEX,
    LoadProblem,
    Parsed,
)


class JsonBlock(NamedTuple):
    """A JSON object read from the top of a file: where it ends in the text, and its values
    as read (``readable`` false when it is not an object)."""

    end: int
    parsed: Parsed


def parse_json(
    text: str, start: int, open_line: int, problems: list[LoadProblem]
) -> JsonBlock | None:
    """Read the JSON value opening at ``start`` (on line ``open_line``); ``None`` when it is
    not valid JSON. Problems go to ``problems``."""
    import json  # JSON front matter is rare; the module stays out of start-up.

    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    decoder = json.JSONDecoder(object_pairs_hook=pairs)
    failure: LoadProblem | None = None
    try:
        data, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        failure = LoadProblem(
            SYNTAX_ERROR,
            f"JSON syntax error: {exc.msg}",
            Span(exc.lineno, exc.colno, exc.lineno, exc.colno + 1),
        )
    except RecursionError:
        failure = LoadProblem(
            TOO_COMPLEX, "front matter nested too deeply; not read", Span.point(open_line)
        )
    except ValueError as exc:
        # int() refuses numbers over 4,300 digits with a plain ValueError.
        failure = LoadProblem(SYNTAX_ERROR, f"JSON error: {exc}", Span.point(open_line))
    if failure is not None:
        problems.append(failure)
        return None
    for key in dict.fromkeys(duplicates):
        location = json_locations(text[:end], 0).get(key)
        span = location.key if location else Span.point(open_line)
        problems.append(
            LoadProblem(
                DUPLICATE_KEY, f"duplicate key {key!r}; the later value wins", span, field=key
            )
        )
    if not isinstance(data, dict):
        problems.append(
            LoadProblem(NOT_A_MAPPING, "front matter is not an object", Span.point(open_line))
        )
        return JsonBlock(end, Parsed(readable=False))
    if not data:
        problems.append(
            LoadProblem(EMPTY_FRONT_MATTER, "empty front matter", Span.point(open_line))
        )
    return JsonBlock(end, Parsed(data))


_JSON_KEY = re.compile(r'^(\s*)"((?:[^"\\]|\\.)*)"\s*:\s*')


def json_locations(block: str, offset: int) -> dict[str, Location]:
    result: dict[str, Location] = {}
    for number, _, line in lines(block):
        match = _JSON_KEY.match(line.lstrip("{"))
        if not match:
            continue
        shift = len(line) - len(line.lstrip("{"))
        file_line = offset + number
        key_col = shift + len(match[1]) + 1
        value_text = line[shift + match.end() :].rstrip().rstrip(",")
        result.setdefault(
            match[2],
            Location(
                Span(file_line, key_col, file_line, key_col + len(match[2]) + 2),
                Span(
                    file_line,
                    shift + match.end() + 1,
                    file_line,
                    shift + match.end() + len(value_text) + 1,
                ),
                value_text,
            ),
        )
    return result
