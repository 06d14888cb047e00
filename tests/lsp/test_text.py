"""Positions between the toolkit's spans and LSP's, and the minimal edit (no server)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from newsroom_cli.article import Span
from newsroom_cli.lsp.text import Lines, minimal_edit


def _apply(text: str, edit: types.TextEdit, lines: Lines) -> str:
    """An edit applied as an LSP client does: lines end at CRLF, LF or a lone CR."""
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    ends = [m.start() for m in re.finditer(r"\r\n|\r|\n", text)] + [len(text)]

    def offset(position: types.Position) -> int:
        line = min(position.line, len(starts) - 1)
        base, limit = starts[line], ends[line]
        units = 0
        for index in range(base, limit):
            if units >= position.character:
                return index
            units += len(text[index].encode("utf-16-le", "surrogatepass")) // 2
        return limit

    start, end = offset(edit.range.start), offset(edit.range.end)
    return text[:start] + edit.new_text + text[end:]


def test_columns_count_utf16_code_units_after_astral_characters() -> None:
    lines = Lines("---\ntitle: 🚢 ferry\n---\n")
    # 'ferry' is at code-point column 10; the ship is two UTF-16 units, four UTF-8 bytes.
    assert lines.position(2, 10) == types.Position(1, 10)
    assert Lines(lines.text, "utf-32").position(2, 10) == types.Position(1, 9)
    assert Lines(lines.text, "utf-8").position(2, 10) == types.Position(1, 12)
    assert lines.column(types.Position(1, 10)) == 9


def test_a_span_past_the_end_is_clamped() -> None:
    lines = Lines("---\na: b\n")
    found = lines.range(Span(9, 1, 9, 4))
    assert found.start == found.end == types.Position(2, 0)


def test_crlf_lines_and_edits_never_split_a_line_ending() -> None:
    old = "---\r\ntitle: x\r\n---\r\n"
    new = "---\r\ntitle: x\r\nslug: y\r\n---\r\n"
    lines = Lines(old)
    edit = minimal_edit(old, new, lines)
    assert edit is not None
    assert _apply(old, edit, lines) == new
    assert lines.line(1) == "title: x"


LINE_ENDINGS = st.text(alphabet="ab\r\n🚢")


@given(st.one_of(st.text(), LINE_ENDINGS), st.one_of(st.text(), LINE_ENDINGS))
def test_minimal_edit_turns_the_old_text_into_the_new(old: str, new: str) -> None:
    lines = Lines(old)
    edit = minimal_edit(old, new, lines)
    if old == new:
        assert edit is None
        return
    assert edit is not None
    assert _apply(old, edit, lines) == new
