"""`validate --staged` in a real git repository: the index, not the working tree, is judged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner
from validate_support import CONFIG, GOOD, GOOD_NAME, write

from newsroom_cli.cli.app import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BROKEN = GOOD.replace("status: published", "status: pubished")


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    for variable in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
        env.pop(variable, None)
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repo(newsroom: Path) -> Path:
    git(newsroom, "init", "-q", "-b", "main")
    write(newsroom, GOOD)
    git(newsroom, "add", ".")
    git(newsroom, "commit", "-q", "-m", "first")
    return newsroom


def test_partly_staged_file_is_judged_as_staged(repo: Path, runner: CliRunner) -> None:
    article = repo / GOOD_NAME
    article.write_text(BROKEN)
    git(repo, "add", GOOD_NAME)
    article.write_text(GOOD)  # the fix is in the working tree only
    result = runner.invoke(app, ["validate", "--staged"])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{GOOD_NAME}:9:9: NR203 error")
    assert "1 file checked" in result.stderr
    # The other way round: a clean index under a broken working tree passes.
    git(repo, "add", GOOD_NAME)
    article.write_text(BROKEN)
    result = runner.invoke(app, ["validate", "--staged"])
    assert result.exit_code == 0, result.output


def test_clean_stage_and_nothing_staged(repo: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--staged"])
    assert result.exit_code == 0, result.output
    assert "0 files checked" in result.stderr
    (repo / GOOD_NAME).write_text(BROKEN)  # changed, but not staged
    result = runner.invoke(app, ["validate", "--staged"])
    assert result.exit_code == 0, result.output


def test_only_content_markdown_is_validated(repo: Path, runner: CliRunner) -> None:
    (repo / "README.md").write_text("# Not an article\n")
    (repo / "content" / "notes.txt").write_text("no\n")
    git(repo, "add", "README.md", "content/notes.txt")
    result = runner.invoke(app, ["validate", "--staged"])
    assert result.exit_code == 0, result.output
    assert "0 files checked" in result.stderr


def test_from_a_subfolder_paths_are_as_in_the_repository(
    repo: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / GOOD_NAME).write_text(BROKEN)
    git(repo, "add", GOOD_NAME)
    monkeypatch.chdir(repo / "content" / "news")
    result = runner.invoke(app, ["validate", "--staged", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert f'"path": "{GOOD_NAME}"' in result.stdout


def test_cross_file_rules_see_the_archive_on_disk(repo: Path, runner: CliRunner) -> None:
    write(
        repo,
        GOOD.replace("Council freezes", "Harbor council freezes"),
        "content/news/2026/10/council-freezes-ferry-fares.md",
    )  # on disk, not staged
    staged = repo / "content" / "news" / "2026" / "12" / "fares.md"
    write(
        repo,
        GOOD.replace("slug: council-freezes-ferry-fares", "slug: fares").replace(
            "Council freezes", "Harbor council freezes"
        ),
        str(staged.relative_to(repo)),
    )
    git(repo, "add", str(staged))
    result = runner.invoke(app, ["validate", "--staged"])
    assert result.exit_code == 0, result.output  # a duplicate title is a warning
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("content/news/2026/12/fares.md:2:8: NR402 warning")
    assert "content/news/2026/10/council-freezes-ferry-fares.md:2" in lines[0]
    # The staged version replaces the disk version: staging a new title clears the finding.
    staged.write_text(staged.read_text().replace("Harbor council", "Port council"))
    git(repo, "add", str(staged))
    staged.write_text(staged.read_text().replace("Port council", "Harbor council"))
    result = runner.invoke(app, ["validate", "--staged"])
    assert result.stdout == "", result.output


def test_as_a_git_hook(repo: Path) -> None:
    """A real pre-commit hook: git sets GIT_DIR and GIT_INDEX_FILE, `commit -a` a temp index."""
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec {sys.executable} -m newsroom_cli validate --staged\n")
    hook.chmod(0o755)
    (repo / GOOD_NAME).write_text(BROKEN)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["git", "commit", "-a", "-m", "broken"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert f"{GOOD_NAME}:9:9: NR203" in done.stdout + done.stderr
    (repo / GOOD_NAME).write_text(GOOD.replace("7-2 vote", "7-2 council vote"))
    done = subprocess.run(
        ["git", "commit", "-a", "-m", "fixed"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_outside_a_repository_is_a_usage_error(newsroom: Path, runner: CliRunner) -> None:
    (newsroom / "newsroom.toml").write_text(CONFIG)
    env_dir = newsroom / "not-a-repo"
    env_dir.mkdir()
    result = runner.invoke(app, ["validate", "--staged"], env={"GIT_DIR": str(env_dir / "nothing")})
    assert result.exit_code == 2
    assert "git" in result.stderr
