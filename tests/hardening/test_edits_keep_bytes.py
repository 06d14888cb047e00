"""Edits keep every byte outside the edited key: comments, quoting, order, endings, BOM.

Articles are generated with the variety real archives have (comments, every YAML quoting
and block style, nested mappings, lists, empty values, CRLF, a BOM, TOML and JSON front
matter); a key is set to an arbitrary value; the bytes before and after the edited value
must be the bytes that were there.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hostile import KEYS, WORDS, examples, json_articles, toml_articles, yaml_articles
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from newsroom_cli.article import Article, parse_article
from newsroom_cli.errors import NewsroomError
from newsroom_cli.writer import plan_edit

EDIT_SETTINGS = settings(
    max_examples=examples(200), deadline=3000, suppress_health_check=[HealthCheck.too_slow]
)

edit_values = st.one_of(
    st.text(max_size=60),
    WORDS,
    st.sampled_from(
        [
            "",
            "yes",
            "null",
            "12",
            "a: b",
            "# x",
            "- item",
            "'",
            '"',
            "line\nbreak",
            "tab\there",
            "trailing ",
            " leading",
            "\u2028",
            "e\u0301",
            "\U0001f600",
        ]
    ),
    st.integers(-1000, 10**9),
    st.booleans(),
    st.none(),
    st.lists(WORDS, max_size=3),
)
edit_keys = st.one_of(
    st.sampled_from(KEYS), st.sampled_from(["teasers.meta", "image.alt", "image.credit"])
)


def _text(article: Article) -> str:
    return article.text


def _changed_region(old: str, new: str) -> tuple[int, int]:
    """Start and end in ``old`` of the part that differs from ``new``."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(part) + 1 for part in lines[: line - 1]) + column - 1


def check_edit(data: bytes, key: str, value: Any) -> None:
    before = parse_article(data)
    assume(before.readable and before.format is not None)
    try:
        edit = plan_edit(before, {key: value})
    except NewsroomError as exc:
        event(f"refused: {str(exc)[-40:]}")
        return  # refused with a message: acceptable, nothing is written
    event("edited")
    after = parse_article(edit.new)
    assert after.readable
    assert after.body == before.body
    assert after.bom == before.bom
    assert edit.new.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    if before.newline == "\r\n":
        assert edit.new.count(b"\n") == edit.new.count(b"\r\n")
    head, _, rest = key.partition(".")
    got = after.front_matter[head][rest] if rest else after.front_matter[key]
    assert json.dumps(got, default=str) == json.dumps(value, default=str)
    others_before = {k: v for k, v in before.front_matter.items() if k != head}
    others_after = {k: v for k, v in after.front_matter.items() if k != head}
    assert json.dumps(others_after, default=str) == json.dumps(others_before, default=str)

    location = before.locations.get(key)
    if location is None:
        # An inserted key: nothing of the old text was replaced.
        start, end = _changed_region(before.text, after.text)
        assert start >= end, (before.text[start:end], after.text)
    else:
        # Everything before and after the old value is still there, byte for byte (asked of
        # the two ends rather than of a diff, which may align repeated text either way).
        span_start = _offset(before.text, location.value.line, location.value.column)
        span_end = _offset(before.text, location.value.end_line, location.value.end_column)
        head, tail = before.text[:span_start], before.text[span_end:]
        assert (
            after.text.startswith(head)
            and after.text.endswith(tail)
            and len(after.text) >= len(head) + len(tail)
        ), f"changed text outside the value {before.text[span_start:span_end]!r}: {after.text!r}"
    # Setting the same value again changes nothing (a list or mapping, once written, may be
    # refused instead: the writer replaces scalars only).
    try:
        assert not plan_edit(after, {key: value}).changed
    except NewsroomError:
        assert isinstance(value, list | dict)


@EDIT_SETTINGS
@given(yaml_articles(), edit_keys, edit_values)
@example(
    b"---\ndek: harbor\nslug: harbor\ntitle: ferry harbor  # note\n---\n\nBody.\n", "title", "ferry"
)
def test_yaml_edit_keeps_every_other_byte(data: bytes, key: str, value: Any) -> None:
    check_edit(data, key, value)


@settings(max_examples=examples(80), deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(toml_articles(), edit_keys, edit_values)
def test_toml_edit_keeps_every_other_byte(data: bytes, key: str, value: Any) -> None:
    check_edit(data, key, value)


@settings(max_examples=examples(80), deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(json_articles(), st.sampled_from(KEYS), edit_values)
def test_json_edit_keeps_every_other_byte(data: bytes, key: str, value: Any) -> None:
    check_edit(data, key, value)


def test_toml_list_stays_on_one_line_in_a_crlf_file() -> None:
    # tomli-w wrote arrays over several lines with bare LFs, and the next edit of the key
    # then failed: found by the property test above.
    data = b'+++\r\ntitle = "harbor"\r\n+++\r\nBody text.\r\n'
    edit = plan_edit(parse_article(data), {"title": ["harbor", "ferry"], "tags": ["a"]})
    assert (
        edit.new == b'+++\r\ntitle = ["harbor", "ferry"]\r\ntags = ["a"]\r\n+++\r\nBody text.\r\n'
    )
    again = plan_edit(parse_article(edit.new), {"title": ["harbor", "ferry"]})
    assert not again.changed


def test_toml_null_is_refused_with_a_message() -> None:
    data = b'+++\ntitle = "harbor"\n+++\nBody text.\n'
    with pytest.raises(NewsroomError, match="no empty value"):
        plan_edit(parse_article(data), {"title": None})


@pytest.mark.parametrize(
    "line",
    ['teaser: "harbor \\"quoted\\" \\u00e9"', "teaser: 'it''s'", "teaser: >-\n  folded\n  text"],
    ids=["escapes", "single-quotes", "folded"],
)
def test_setting_the_value_already_there_keeps_its_spelling(line: str) -> None:
    # `teaser --write` rewrote an unchanged teaser with its own quoting: found by
    # test_commands_keep_bytes.
    data = f"---\ntitle: Harbor\n{line}\n---\nBody\n".encode()
    article = parse_article(data)
    edit = plan_edit(article, {"teaser": article.front_matter["teaser"]})
    assert not edit.changed and edit.new == data


@st.composite
def yaml_lists(draw: st.DrawFn) -> bytes:
    """Front matter with a ``tags`` list written the ways people write lists."""
    items = draw(st.lists(WORDS, max_size=3))
    spell = st.sampled_from(["{}", "'{}'", '"{}"'])
    written = [draw(spell).format(item) for item in items]
    comment = draw(st.sampled_from(["", "  # note", " #x"]))
    if draw(st.booleans()) or not items:
        block = f"tags: [{', '.join(written)}]{comment}"
    else:
        dash = draw(st.sampled_from(["- ", "  - ", "-   ", "    - "]))
        block = "tags:\n" + "\n".join(f"{dash}{item}{comment}" for item in written)
    before = draw(st.sampled_from(["", "title: Ferry fares\n", "# c\n"]))
    after = draw(st.sampled_from(["", "status: draft\n", "\n", "# end\n"]))
    text = f"---\n{before}{block}\n{after}---\nBody.\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


@EDIT_SETTINGS
@given(yaml_lists(), st.lists(edit_values, min_size=1, max_size=3))
@example(b"---\ntags:\n- a\n-   'b'  # note\n---\n", ["c: d", "# e"])
@example(b"---\ntags: [a,  b ] # note\n---\n", ["c, d"])
@example(b"---\r\ntags: []\r\n---\r\n", ["x"])
def test_yaml_list_extension_keeps_every_other_byte(data: bytes, items: list[Any]) -> None:
    # publish and rename --alias add items at the end of a list in the list's own style.
    before = parse_article(data)
    assert before.readable and isinstance(before.front_matter.get("tags"), list)
    check_edit(data, "tags", [*before.front_matter["tags"], *items])


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ('title = "Fares"  # working headline', "  # working headline"),
        ('title = "No. #1 # of 2"#c', "#c"),
        ("title = 'a # b'", ""),
        ('tags = ["a", "#b"]   # list', "   # list"),
        ('tags = ["#a"]', ""),
    ],
)
def test_a_toml_comment_after_the_value_is_kept(line: str, kept: str) -> None:
    data = f"+++\n{line}\n+++\nBody.\n".encode()
    key = line.split(" ", 1)[0]
    value = ["x"] if key == "tags" else "Council freezes fares"
    edit = plan_edit(parse_article(data), {key: value})
    first = edit.new.decode().splitlines()[1]
    rendered = '["x"]' if key == "tags" else '"Council freezes fares"'
    assert first == f"{key} = {rendered}{kept}"
    assert parse_article(edit.new).front_matter[key] == value
