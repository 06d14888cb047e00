"""`newsroom fix` through the CLI: writing, --diff, --check, skipped files, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from tests.conftest import EXAMPLES

MESSY = (
    "---\ntitle: Messy but fixable\ndate: 2012-07-11 12:36:05 -0400\nstatus: Published\n---\nBody\n"
)


def test_fix_writes_and_summarises_on_stderr(project: Path, runner: CliRunner) -> None:
    path = project / "content" / "a.md"
    path.write_text(MESSY)
    result = runner.invoke(app, ["fix"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "content/a.md: fixed" in result.stderr
    assert "1 file fixed, 0 unchanged" in result.stderr
    assert path.read_text() == (
        "---\ntitle: Messy but fixable\ndate: 2012-07-11T12:36:05-04:00\n"
        "status: published\nslug: messy-but-fixable\n---\nBody\n"
    )
    again = runner.invoke(app, ["fix", "--check"])
    assert again.exit_code == 0, again.output
    assert "0 files would be fixed, 1 unchanged" in again.stderr


def test_diff_prints_a_patch_and_writes_nothing(project: Path, runner: CliRunner) -> None:
    path = project / "content" / "a.md"
    path.write_text(MESSY)
    result = runner.invoke(app, ["fix", "--diff", "content/a.md"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("--- a/content/a.md\n+++ b/content/a.md\n")
    assert "-status: Published\n" in result.stdout and "+status: published\n" in result.stdout
    assert "would fix" in result.stderr
    assert path.read_text() == MESSY


def test_check_exits_1_when_something_would_change(project: Path, runner: CliRunner) -> None:
    (project / "content" / "a.md").write_text(MESSY)
    result = runner.invoke(app, ["fix", "--check"])
    assert result.exit_code == 1, result.output
    assert "1 file would be fixed" in result.stderr
    assert (project / "content" / "a.md").read_text() == MESSY


def test_unreadable_files_are_skipped_and_the_rest_fixed(project: Path, runner: CliRunner) -> None:
    (project / "content" / "a.md").write_text(MESSY)
    (project / "content" / "b.md").write_text("---\ntitle: [broken\n---\n")
    result = runner.invoke(app, ["fix"])
    assert result.exit_code == 1, result.output
    assert "content/b.md: skipped: front matter cannot be read" in result.stderr
    assert "1 file fixed, 0 unchanged, 1 skipped" in result.stderr
    assert "status: published" in (project / "content" / "a.md").read_text()


def test_examples_need_no_fixes(tmp_path: Path, runner: CliRunner) -> None:
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    before = {p: p.read_bytes() for p in copy.rglob("*.md")}
    result = runner.invoke(app, ["-C", str(copy), "fix", "--check"])
    assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in copy.rglob("*.md")} == before
