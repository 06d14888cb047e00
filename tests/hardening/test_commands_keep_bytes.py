"""`teaser --write` and `fix` keep every byte outside the values they change.

Articles come with comments, every quoting style, nested keys, CRLF and a BOM, plus values
`fix` repairs (Hugo dates, letter case, a missing slug). After the command, every part of
the old text that changed must lie inside the value of a key whose value changed, and
anything added must be inside the front matter.
"""

from __future__ import annotations

import difflib
import tempfile
from pathlib import Path

import pytest
from hostile import KEYS, WORDS, assert_clean_exit, examples, registered_commands, yaml_entry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsroom_cli.article import Article, parse_article
from newsroom_cli.cli.app import app

CONFIG = (
    '[publication]\nname = "Test Ledger"\nbase_url = "https://ledger.example"\n'
    'timezone = "America/New_York"\n'
)

FIXABLE = {
    "date": [
        "date: 2012-07-11 12:36:05 -0400",
        "date: '2026-11-20 09:30'  # filed",
        'date: "2026-11-20T09:30:00-05:00"',
    ],
    "status": ["status: Published", "status: 'DRAFT'", "status: ready  # desk"],
    "section": ["section: News", 'section: "opinion"', "section: Features # moved"],
    "title": [
        "title: Harbor council approves the budget",
        "title: 'Ferry fares: what''s next?'  # headline",
    ],
}


@st.composite
def fixable_articles(draw: st.DrawFn) -> bytes:
    lines: list[str] = []
    extra = draw(
        st.lists(st.sampled_from([k for k in KEYS if k not in FIXABLE]), max_size=4, unique=True)
    )
    chosen = draw(st.lists(st.sampled_from(sorted(FIXABLE)), min_size=1, unique=True))
    keys = draw(st.permutations([*chosen, *extra]))
    for key in keys:
        lines.extend(draw(st.sampled_from([[], [], ["# a comment line"], [""]])))
        if key in FIXABLE:
            lines.append(draw(st.sampled_from(FIXABLE[key])))
        else:
            lines.extend(draw(yaml_entry(key)))
    body = draw(st.sampled_from(["\nBody.\n", "", "\n---\n\nA rule.\n"])) + draw(WORDS) + "\n"
    text = "\n".join(["---", *lines, "---"]) + "\n" + body
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(part) + 1 for part in lines[: line - 1]) + column - 1


def assert_only_values_changed(old: Article, new: Article) -> None:
    assert new.readable and new.body == old.body and new.bom == old.bom
    if old.newline == "\r\n":
        assert new.text.count("\n") == new.text.count("\r\n")
    changed = {
        key
        for key in {*old.front_matter, *new.front_matter}
        if old.front_matter.get(key) != new.front_matter.get(key)
    }
    spans = []
    for key in changed:
        location = old.locations.get(key)
        if location is not None:
            spans.append(
                (
                    _offset(old.text, location.value.line, location.value.column),
                    _offset(old.text, location.value.end_line, location.value.end_column),
                )
            )
    assert old.close_line is not None
    front_end = _offset(old.text, old.close_line, 1)
    matcher = difflib.SequenceMatcher(None, old.text, new.text, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:
            assert i1 <= front_end, f"text added after the front matter: {new.text[j1:j2]!r}"
            continue
        assert any(start <= i1 and i2 <= end for start, end in spans), (
            f"{old.text[i1:i2]!r} changed outside the changed values {sorted(changed)}"
        )


def run_on(data: bytes, args: list[str]) -> tuple[Article, Article]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "newsroom.toml").write_text(CONFIG, encoding="utf-8")
        path = root / "content" / "news" / "story.md"
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        result = CliRunner().invoke(app, ["-C", str(root), *args, str(path)])
        assert_clean_exit(result)
        return parse_article(data), parse_article(path.read_bytes())


SETTINGS = settings(
    max_examples=examples(40), deadline=10_000, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize(
    "args",
    [["fix"], ["teaser", "--write", "-t", "meta"], ["teaser", "--write", "--all-targets"]],
    ids=lambda a: " ".join(a),
)
def test_commands_keep_every_other_byte(args: list[str]) -> None:
    if args[0] not in registered_commands():
        pytest.skip(f"command not available: {args[0]}")

    @SETTINGS
    @given(fixable_articles())
    def check(data: bytes) -> None:
        old, new = run_on(data, args)
        if new.raw != data:
            assert old.readable
            assert_only_values_changed(old, new)

    check()
