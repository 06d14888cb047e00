"""A second `validate` over unchanged folders reuses the last walk and still sees every change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsroom_cli import discover
from newsroom_cli.config import load_config
from newsroom_cli.rules.cache import WALK_FILE
from newsroom_cli.rules.validation import validate

ARTICLE = "---\ntitle: A headline\n---\nBody.\n"
OLD = 1_700_000_000  # old enough for the caches to trust


def _archive(project: Path) -> None:
    for section in ("news", "opinion", "sports"):
        folder = project / "content" / section / "2026"
        folder.mkdir(parents=True)
        for number in range(8):
            (folder / f"{section}-{number}.md").write_text(ARTICLE, encoding="utf-8")
    _age(project / "content")


def _age(content: Path) -> None:
    """Files and folders as if last changed long ago."""
    for path in [*content.rglob("*"), content]:
        os.utime(path, (OLD, OLD), follow_symlinks=False)


def _walk_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("walked again")

    monkeypatch.setattr(discover, "discover_survey", refuse)


@pytest.mark.parametrize("given", [[], ["content"], ["content/news", "content/sports/2026"]])
def test_an_unchanged_archive_is_answered_without_walking_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, given: list[str]
) -> None:
    _archive(project)
    config = load_config(project)
    paths = [Path(p) for p in given]
    first = validate(config, paths)
    assert (project / ".newsroom-cache" / WALK_FILE).is_file()
    with monkeypatch.context() as patched:
        _walk_forbidden(patched)
        again = validate(config, paths)
    assert again == first and again.files == first.files > 0
    # Other arguments are another walk, not answered from this one.
    other = [Path("content/opinion")]
    assert validate(config, other) == validate(config, other, use_cache=False)
    assert validate(config, other).files == 8


def _add(content: Path) -> None:
    (content / "news" / "2026" / "added.md").write_text(ARTICLE, encoding="utf-8")


def _delete(content: Path) -> None:
    (content / "news" / "2026" / "news-3.md").unlink()


def _rename(content: Path) -> None:
    folder = content / "opinion" / "2026"
    (folder / "opinion-1.md").rename(folder / "renamed.md")


def _new_folder(content: Path) -> None:
    folder = content / "sports" / "2027"
    folder.mkdir()
    (folder / "next-season.md").write_text("---\ntitle: \n---\n", encoding="utf-8")


def _edit(content: Path) -> None:
    (content / "sports" / "2026" / "sports-2.md").write_text("no front matter\n", "utf-8")


def _virtual_environment(content: Path) -> None:
    (content / "opinion" / "2026" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")


def _folder_becomes_a_link(content: Path) -> None:
    folder = content / "sports"
    folder.rename(content / "elsewhere")
    folder.symlink_to(content / "elsewhere", target_is_directory=True)


@pytest.mark.parametrize(
    "change",
    [_add, _delete, _rename, _new_folder, _edit, _virtual_environment, _folder_becomes_a_link],
)
def test_every_change_is_seen(project: Path, change: object) -> None:
    _archive(project)
    config = load_config(project)
    validate(config)
    validate(config)
    assert callable(change)
    change(project / "content")
    expected = validate(config, use_cache=False)
    assert validate(config) == expected
    # The walk saved by that run (or the older one kept) answers the next run alike.
    assert validate(config) == expected
