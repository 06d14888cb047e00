"""Positions in an editor's text: the toolkit's 1-based spans as LSP's 0-based positions.

The toolkit counts columns in code points from 1, on the text after a byte-order mark; an
LSP client counts in the code units it negotiated (UTF-16 unless it offered another).
"""

from __future__ import annotations

import re

from lsprotocol import types

from newsroom_cli.article import Span


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Lines:
    """An editor's text split into lines, for converting positions both ways."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.lines = text.split("\n")
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1

    def line(self, index: int) -> str:
        """Line ``index`` (0-based) without its line ending, or '' past the end."""
        if 0 <= index < len(self.lines):
            return self.lines[index].removesuffix("\r")
        return ""

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of a 1-based line and code-point column of the toolkit."""
        index = max(line - 1, 0)
        if index >= len(self.lines):
            index = len(self.lines) - 1
            return types.Position(index, _units(self.line(index), self.encoding))
        text = self.line(index)
        # Columns count from the start of the line as the editor has it: a byte-order mark
        # the editor kept is column 1, as validate reports it (NR106).
        chars = max(column - 1, 0)
        return types.Position(index, _units(text[:chars], self.encoding))

    def range(self, span: Span) -> types.Range:
        """The LSP range of a toolkit span."""
        return types.Range(
            self.position(span.line, span.column), self.position(span.end_line, span.end_column)
        )

    def column(self, position: types.Position) -> int:
        """The code-point index in its line of an LSP position (clamped to the line)."""
        text = self.line(position.line)
        if self.encoding == "utf-32":
            return min(position.character, len(text))
        count = 0
        for index, char in enumerate(text):
            if count >= position.character:
                return index
            count += _units(char, self.encoding)
        return len(text)

    def units(self, line: int, index: int) -> int:
        """The LSP character of code-point ``index`` in 0-based ``line`` of the editor's text."""
        return _units(self.line(line)[:index], self.encoding)

    def offset(self, position: types.Position) -> int:
        """The index in the text of an LSP position."""
        if position.line >= len(self.lines):
            return len(self.text)
        return self.starts[position.line] + self.column(position)

    def position_at(self, offset: int) -> types.Position:
        """The LSP position of an index in the text."""
        import bisect

        index = bisect.bisect_right(self.starts, offset) - 1
        chars = offset - self.starts[index]
        return types.Position(index, _units(self.lines[index][:chars], self.encoding))


def minimal_edit(old: str, new: str, lines: Lines | None = None) -> types.TextEdit | None:
    """One edit that turns ``old`` into ``new``, touching only the text that differs."""
    if old == new:
        return None
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1  # never between the two characters of a CRLF
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    if 0 < end_old < len(old) and old[end_old - 1] == "\r" and old[end_old] == "\n":
        end_old += 1  # the rest is common to both texts: take the whole CRLF
        end_new += 1
    lines = lines or Lines(old)
    if _LONE_CR.search(old):
        # An editor ends a line at a lone CR, the toolkit does not: replace the whole text,
        # whose end is the one place both agree on.
        end = _end_position(old, lines.encoding)
        return types.TextEdit(types.Range(types.Position(0, 0), end), new)
    return types.TextEdit(
        types.Range(lines.position_at(start), lines.position_at(end_old)), new[start:end_new]
    )


_LONE_CR = re.compile(r"\r(?!\n)")


def _end_position(text: str, encoding: str) -> types.Position:
    """The end of ``text`` as an LSP client counts lines (CRLF, LF or CR end one)."""
    parts = re.split(r"\r\n|\r|\n", text)
    return types.Position(len(parts) - 1, _units(parts[-1], encoding))
