"""`newsroom hook install|uninstall` and the hook itself, in real temporary git repositories."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.hooks import MARKER, hook_script, hooks_dir, install_hook
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ARTICLE = EXAMPLES / "content" / "news" / "2026" / "11" / "council-freezes-ferry-fares.md"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=env
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the example newsroom's config, as the working directory."""
    root = tmp_path / "paper"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copy(EXAMPLES / "newsroom.toml", root / "newsroom.toml")
    (root / "content" / "news").mkdir(parents=True)
    git(root, "add", "newsroom.toml")
    git(root, "commit", "-q", "-m", "config", "--no-verify")
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return root


def install(runner: CliRunner, *args: str) -> Path:
    result = runner.invoke(app, ["hook", "install", *args])
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


def test_install_writes_an_executable_hook_with_the_marker(repo: Path, runner: CliRunner) -> None:
    shown = install(runner)
    assert shown == Path(".git/hooks/pre-commit")
    hook = repo / shown
    text = hook.read_text()
    assert text.startswith("#!/bin/sh\n") and MARKER in text
    assert "validate --staged" in text
    assert hook.stat().st_mode & stat.S_IXUSR
    result = runner.invoke(app, ["hook", "install"])
    assert result.exit_code == 0 and "Hook unchanged" in result.stderr


def test_the_hook_refuses_a_bad_article_and_passes_a_good_one(
    repo: Path, runner: CliRunner
) -> None:
    install(runner)
    good = repo / "content" / "news" / ARTICLE.name
    shutil.copy(ARTICLE, good)
    git(repo, "add", str(good))
    committed = git(repo, "commit", "-q", "-m", "good article", check=False)
    assert committed.returncode == 0, committed.stderr

    text = good.read_text()
    good.write_text(text.replace("status: published", "status: pubished"))
    git(repo, "add", str(good))
    refused = git(repo, "commit", "-q", "-m", "bad status", check=False)
    assert refused.returncode != 0
    # git shows the hook's output on stderr.
    assert "content/news/council-freezes-ferry-fares.md:9:9: NR203" in refused.stderr
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "2"

    # Only what is staged counts: the fix staged, a new mistake left unstaged.
    fixed_text = text.replace("status: published", "status: ready")
    good.write_text(fixed_text)
    git(repo, "add", str(good))
    good.write_text(fixed_text.replace("title:", "titel:"))
    fixed = git(repo, "commit", "-q", "-m", "fix", check=False)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_the_hook_falls_back_to_newsroom_on_path(repo: Path, tmp_path: Path) -> None:
    script = hook_script(python=str(tmp_path / "no-such-python"))
    hook = hooks_dir(repo) / "pre-commit"
    hook.write_text(script)
    hook.chmod(0o755)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "newsroom"
    fake.write_text('#!/bin/sh\necho "fake newsroom $*"\nexit 1\n')
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([str(hook)], cwd=repo, capture_output=True, text=True, env=env)
    assert result.returncode == 1 and result.stdout == "fake newsroom validate --staged\n"


def test_a_foreign_hook_is_kept_unless_forced(repo: Path, runner: CliRunner) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\nmake lint\n")
    hook.chmod(0o755)
    refused = runner.invoke(app, ["hook", "install"])
    assert refused.exit_code == 2
    assert "newsroom did not write" in refused.stderr and "keeps a copy" in refused.stderr
    # The core names no option; the command line offers the one `hook install` has.
    assert refused.stderr.rstrip().endswith(
        "(add `newsroom validate --staged` to it (docs/hooks.md), or use --force to replace it)"
    ), refused.stderr
    assert hook.read_text() == "#!/bin/sh\nmake lint\n"
    install(runner, "--force")
    backup = hook.with_name("pre-commit.before-newsroom")
    assert backup.read_text() == "#!/bin/sh\nmake lint\n" and os.access(backup, os.X_OK)
    assert MARKER in hook.read_text()
    result = runner.invoke(app, ["hook", "uninstall"])
    assert result.exit_code == 0, result.output
    assert hook.read_text() == "#!/bin/sh\nmake lint\n" and not backup.exists()
    refused = runner.invoke(app, ["hook", "uninstall"])
    assert refused.exit_code == 2 and hook.exists()


def test_uninstall_removes_only_its_own_hook(repo: Path, runner: CliRunner) -> None:
    path = repo / install(runner)
    result = runner.invoke(app, ["hook", "uninstall"])
    assert result.exit_code == 0, result.output
    assert not path.exists()
    again = runner.invoke(app, ["hook", "uninstall"])
    assert again.exit_code == 0 and "nothing to do" in again.stderr


def test_core_hooks_path_is_respected(repo: Path, runner: CliRunner) -> None:
    git(repo, "config", "core.hooksPath", ".githooks")
    assert install(runner) == Path(".githooks/pre-commit")
    assert (repo / ".githooks" / "pre-commit").is_file()
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()


def test_a_linked_worktree_uses_the_shared_hooks(repo: Path, tmp_path: Path) -> None:
    worktree = tmp_path / "second"
    git(repo, "worktree", "add", "-q", str(worktree))
    result = install_hook(worktree)
    assert result.path.resolve() == (repo / ".git" / "hooks" / "pre-commit").resolve()


def test_outside_a_repository(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "newsroom.toml").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["-C", str(tmp_path), "hook", "install"])
    assert result.exit_code == 2
    assert "git repository" in result.stderr


def test_pre_commit_manifest() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "newsroom-validate"
    assert hook["entry"] == "newsroom validate --staged"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["require_serial"] is True
    assert hook["types_or"] == ["markdown"]


def test_a_blocked_commit_says_how_many_errors_and_how_to_skip_the_hook(
    repo: Path, runner: CliRunner
) -> None:
    install(runner)
    bad = repo / "content" / "news" / ARTICLE.name
    text = ARTICLE.read_text()
    bad.write_text(
        text.replace("status: published", "status: pubished").replace("title:", "titel:")
    )
    git(repo, "add", str(bad))
    refused = git(repo, "commit", "-q", "-m", "two mistakes", check=False)
    assert refused.returncode != 0
    last = refused.stderr.strip().splitlines()[-1]
    assert last.startswith("newsroom: commit blocked by 2 errors"), refused.stderr
    assert "git commit --no-verify" in last
    skipped = git(repo, "commit", "-q", "--no-verify", "-m", "skipped", check=False)
    assert skipped.returncode == 0, skipped.stderr


def test_without_git_every_command_says_the_same(
    repo: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One runner of git: hook install and validate --staged used to word this differently.
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    lines = set()
    for args in (["hook", "install"], ["validate", "--staged"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        lines.add(result.stderr.strip())
    assert lines == {
        "newsroom: error: git is not installed or not on PATH (install git, or name the files)"
    }
