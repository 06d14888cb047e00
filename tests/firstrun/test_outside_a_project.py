"""Outside a project: project commands refuse in one line, loose files get the defaults."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES
from typer.testing import CliRunner

from newsroom_cli.cli.app import app

FERRY = EXAMPLES / "content" / "news" / "2026" / "11" / "council-freezes-ferry-fares.md"


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder with no newsroom.toml above it, as the working directory."""
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def expected_error(folder: Path) -> str:
    return (
        f"newsroom: error: no newsroom.toml in {folder.resolve()} or any folder above it "
        "(run newsroom init, or -C DIR)\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["new", "X", "--section", "news", "--author", "Y"],
        ["list"],
        ["fix"],
        ["roundup"],
        ["roundup", "--week", "2026-W47"],
        ["hook", "install"],
        ["validate"],
        ["validate", "--staged"],
    ],
    ids=lambda args: " ".join(args),
)
def test_project_commands_refuse_in_one_line(
    empty: Path, runner: CliRunner, args: list[str]
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == expected_error(empty)
    assert result.stdout == ""
    # Nothing was written: no content/, no cache, no hook.
    assert list(empty.iterdir()) == []


def test_minus_c_names_the_folder_it_looked_in(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    result = runner.invoke(app, ["-C", str(folder), "list"])
    assert result.exit_code == 2
    assert result.stderr == expected_error(folder)


def test_a_project_above_is_found(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "newsroom.toml").write_text("", encoding="utf-8")
    (tmp_path / "content" / "news").mkdir(parents=True)
    result = runner.invoke(app, ["-C", str(tmp_path / "content" / "news"), "list"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [["validate", "loose.md"], ["teaser", "loose.md"], ["preview", "loose.md"]],
    ids=lambda args: args[0],
)
def test_loose_files_work_with_the_defaults_and_say_so_once(
    empty: Path, runner: CliRunner, args: list[str]
) -> None:
    shutil.copy(FERRY, empty / "loose.md")
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.strip()
    note = "no newsroom.toml in"
    assert result.stderr.count(note) == 1
    assert "using the built-in defaults" in result.stderr
    assert "error" not in result.stderr.split("\n", 1)[0]


def test_validate_of_a_loose_file_checks_against_the_default_schema(
    empty: Path, runner: CliRunner
) -> None:
    (empty / "loose.md").write_text("---\ntitle: Hi\n---\nBody.\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "loose.md"])
    assert result.exit_code == 1
    assert "NR201" in result.stdout  # missing required fields of the default schema
    assert not (empty / ".newsroom-cache").exists()
