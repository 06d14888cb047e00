"""Places in an article's file: spans, the positions of front-matter keys and values, and
its lines with their offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple


class Span(NamedTuple):
    """A place in the file: 1-based line and column, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        """A zero-width span at ``line:column``."""
        return cls(line, column, line, column)


class Location(NamedTuple):
    """Where a front-matter key and its value are written, and how the value is spelled."""

    key: Span
    value: Span
    source: str | None = None
    style: str | None = None


_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


def lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (1-based number, start offset, line without its ending)."""
    offset = 0
    for number, match in enumerate(_LINE_RE.finditer(text), start=1):
        chunk = match.group()
        yield number, offset, chunk.rstrip("\r\n")
        offset += len(chunk)
