"""The safe writer: atomic writes and minimal front-matter edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsroom_cli.article import parse_article
from newsroom_cli.errors import NewsroomError
from newsroom_cli.writer import atomic_write, edit_article, plan_edit, yaml_scalar

ARTICLE = (
    "---\n"
    "# A comment the editor left\n"
    "title: 'Harbor: the vote'\n"
    "slug: harbor-vote\n"
    "teasers:\n"
    "  og: Old og text\n"
    "tags: [a, b]   # inline comment\n"
    "---\n"
    "\n"
    "Body stays *exactly* as it is.\n"
)


def test_atomic_write_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    atomic_write(target, b"one")
    with pytest.raises(NewsroomError, match="already exists"):
        atomic_write(target, b"two")
    assert target.read_bytes() == b"one"
    atomic_write(target, b"two", overwrite=True)
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_atomic_write_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"x")
    target.chmod(0o640)
    atomic_write(target, b"y", overwrite=True)
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_failed_rename_leaves_the_original_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"original")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(NewsroomError, match="No space left"):
        atomic_write(target, b"new", overwrite=True)
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_stale_temp_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".a.md.999999999.abc.newsroom-tmp"
    stale.write_bytes(b"half")
    atomic_write(tmp_path / "b.md", b"x")
    assert not stale.exists()


def test_writes_through_a_symlink_keep_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"x")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write(link, b"y", overwrite=True)
    assert link.is_symlink() and real.read_bytes() == b"y"


def outside(old: bytes, new: bytes, changed_line: int) -> tuple[list[bytes], list[bytes]]:
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    return (
        old_lines[: changed_line - 1] + old_lines[changed_line:],
        new_lines[: changed_line - 1] + new_lines[changed_line:],
    )


def test_replacing_a_value_changes_only_that_value() -> None:
    article = parse_article(ARTICLE.encode())
    edit = plan_edit(article, {"slug": "harbor-budget-vote"})
    before, after = outside(edit.old, edit.new, 4)
    assert before == after
    assert b"slug: harbor-budget-vote\n" in edit.new


def test_quoting_style_is_kept() -> None:
    article = parse_article(ARTICLE.encode())
    edit = plan_edit(article, {"title": "Harbor: the budget"})
    assert b"title: 'Harbor: the budget'\n" in edit.new


def test_new_key_goes_before_the_closing_delimiter() -> None:
    article = parse_article(ARTICLE.encode())
    edit = plan_edit(article, {"teaser": "A teaser: with a colon"})
    assert (
        edit.new
        == ARTICLE.replace("---\n\nBody", 'teaser: "A teaser: with a colon"\n---\n\nBody').encode()
    )


def test_nested_keys_are_added_to_an_existing_mapping() -> None:
    article = parse_article(ARTICLE.encode())
    edit = plan_edit(article, {"teasers.meta": "Meta text", "teasers.og": "New og"})
    assert "  og: New og\n  meta: Meta text\n" in edit.new.decode()
    assert parse_article(edit.new).front_matter["teasers"] == {"og": "New og", "meta": "Meta text"}


def test_nested_keys_create_the_mapping() -> None:
    article = parse_article(b"---\ntitle: A\n---\nBody\n")
    edit = plan_edit(article, {"teasers.x": "Post text"})
    assert edit.new == b"---\ntitle: A\nteasers:\n  x: Post text\n---\nBody\n"


def test_crlf_and_bom_are_kept() -> None:
    data = b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n"
    edit = plan_edit(parse_article(data), {"slug": "a"})
    assert edit.new == b"\xef\xbb\xbf---\r\ntitle: A\r\nslug: a\r\n---\r\nBody\r\n"


def test_toml_and_json_edits() -> None:
    toml = parse_article(b'+++\ntitle = "A"\n[image]\nalt = "x"\n+++\nBody\n')
    edit = plan_edit(toml, {"slug": "a", "title": "B"})
    assert edit.new == b'+++\ntitle = "B"\nslug = "a"\n[image]\nalt = "x"\n+++\nBody\n'
    js = parse_article(b'{\n  "title": "A"\n}\nBody\n')
    edit = plan_edit(js, {"slug": "a"})
    assert parse_article(edit.new).front_matter == {"title": "A", "slug": "a"}
    assert edit.new.endswith(b"}\nBody\n")


def test_unreadable_front_matter_is_not_edited() -> None:
    with pytest.raises(NewsroomError, match="cannot be read"):
        plan_edit(parse_article(b"---\ntitle: [\n---\n"), {"slug": "a"})


def test_lists_are_not_replaced_in_place() -> None:
    article = parse_article(b"---\ntags:\n  - a\n---\n")
    with pytest.raises(NewsroomError, match="list or mapping"):
        plan_edit(article, {"tags": "x"})


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "with: colon",
        "yes",
        "10:00",
        "#hash",
        "'q'",
        'say "hi"',
        "line\nbreak",
        "\u2028sep",
        "tab\there",
        "2026-11-17",
        "null",
        "",
        " padded ",
        "é ünïcode ✓",
        "\x7f\x85\ufeff",
    ],
)
def test_scalars_round_trip(value: str) -> None:
    for style in ("", '"', "'"):
        text = f"---\nk: {yaml_scalar(value, style)}\n---\n"
        assert parse_article(text.encode()).front_matter == {"k": value}, style


def test_edit_article_writes_atomically(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(ARTICLE.encode())
    edit = edit_article(path, {"slug": "new-slug"})
    assert edit.changed and path.read_bytes() == edit.new
    again = edit_article(path, {"slug": "new-slug"})
    assert not again.changed
