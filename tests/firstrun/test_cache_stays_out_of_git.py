"""`.newsroom-cache/` carries its own .gitignore: `git add -A` never tracks it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "preview"))

from preview_support import copy_examples

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=ENV
    )
    return done.stdout


def newsroom(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsroom_cli", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_examples(tmp_path)
    git(root, "init", "-q", "-b", "main")
    return root


def test_git_add_all_leaves_the_cache_out(repo: Path) -> None:
    assert newsroom(repo, "list").returncode == 0
    assert newsroom(repo, "validate", "-q").returncode == 0
    cache = repo / ".newsroom-cache"
    assert (cache / "list.json").is_file()
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    git(repo, "add", "-A")
    tracked = git(repo, "ls-files").splitlines()
    assert "newsroom.toml" in tracked
    assert not [name for name in tracked if name.startswith(".newsroom-cache")]
    git(repo, "commit", "-q", "-m", "archive")
    # Listing again leaves the work tree clean.
    assert newsroom(repo, "list").returncode == 0
    assert git(repo, "status", "--porcelain") == ""


def test_a_cache_folder_from_an_older_release_gets_its_gitignore(repo: Path) -> None:
    cache = repo / ".newsroom-cache"
    cache.mkdir()
    (cache / "list.json").write_text("{}", encoding="utf-8")
    assert newsroom(repo, "list").returncode == 0
    assert (cache / ".gitignore").is_file()
    git(repo, "add", "-A")
    assert not [n for n in git(repo, "ls-files").splitlines() if n.startswith(".newsroom-cache")]
