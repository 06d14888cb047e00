"""`validate DIR` never walks into virtual environments, node_modules, .git or hidden
folders; `paths.exclude` in newsroom.toml leaves out more."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.discover import discover

ARTICLE = (
    "---\ntitle: A headline long enough for the rules\nsection: news\nauthors: [a]\n"
    "date: 2026-11-20T09:30:00-05:00\nstatus: draft\n"
    "dek: A dek that says what the piece is about, at a decent length.\n---\nBody.\n"
)
BROKEN = "---\ntitle: [unclosed\n---\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "newsroom.toml").write_text("", encoding="utf-8")
    news = tmp_path / "content" / "news"
    news.mkdir(parents=True)
    (news / "kept.md").write_text(ARTICLE, encoding="utf-8")
    for folder in (
        tmp_path / ".venv" / "lib" / "site-packages" / "pkg",
        tmp_path / "env" / "lib" / "python3.12" / "site-packages" / "pkg",
        tmp_path / "node_modules" / "left-pad",
        tmp_path / ".git" / "info",
        tmp_path / "content" / ".drafts",
        tmp_path / "content" / "news" / ".obsidian",
    ):
        folder.mkdir(parents=True)
        (folder / "README.md").write_text(BROKEN, encoding="utf-8")
    # A virtual environment whatever its name: pyvenv.cfg marks it.
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_dot_checks_only_the_articles(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "."])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.endswith("1 file checked: no problems\n")


def test_the_content_walk_skips_hidden_folders(project: Path) -> None:
    config = load_config(project)
    assert discover(config) == [project / "content" / "news" / "kept.md"]


def test_a_hidden_folder_named_on_the_command_line_is_walked(
    project: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["validate", "content/.drafts"])
    assert result.exit_code == 1
    assert "content/.drafts/README.md" in result.stdout


@pytest.mark.parametrize(
    "patterns",
    [
        '["archive/**"]',  # relative to the content dir, from any starting folder
        '["archive"]',
        '["**/archive/**"]',
    ],
)
def test_paths_exclude_leaves_out_more(project: Path, runner: CliRunner, patterns: str) -> None:
    (project / "newsroom.toml").write_text(f"[paths]\nexclude = {patterns}\n", encoding="utf-8")
    archive = project / "content" / "archive" / "2009"
    archive.mkdir(parents=True)
    (archive / "old.md").write_text(BROKEN, encoding="utf-8")
    for args in (["validate"], ["validate", "."], ["validate", "content"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert result.stderr.endswith("1 file checked: no problems\n"), args
    # A file named explicitly is always checked.
    named = runner.invoke(app, ["validate", "content/archive/2009/old.md"])
    assert named.exit_code == 1
