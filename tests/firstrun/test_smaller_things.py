"""The smaller things a newcomer saw: list columns, kicker casing, GitHub paths, duplicate
keys, plurals, completion and the Examples in every --help."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "preview"))

from preview_support import copy_examples

from newsroom_cli.cli.app import COMMANDS, app

FERRY = "content/news/2026/11/council-freezes-ferry-fares.md"
TIDE = "content/opinion/2026/11/tide-table-the-seawall-is-a-promise.md"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = copy_examples(tmp_path)
    monkeypatch.chdir(folder)
    return folder


def ok(result: object) -> str:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


# --- list ---------------------------------------------------------------------------


def test_at_80_columns_the_headline_gets_its_room(root: Path, runner: CliRunner) -> None:
    lines = ok(runner.invoke(app, ["list"])).splitlines()
    header = lines[0]
    assert header.split() == ["DATE", "STATUS", "HEADLINE", "PROBLEMS"]
    start = header.index("HEADLINE")
    width = header.index("PROBLEMS") - start - 1
    assert width >= 50
    assert any("Council freezes ferry fares through next summer" in line for line in lines)
    assert all(len(line) <= 80 for line in lines[:-1])


def test_a_wider_table_brings_the_other_columns_back(root: Path, runner: CliRunner) -> None:
    header = ok(runner.invoke(app, ["list", "--width", "140"])).splitlines()[0]
    assert header.split() == [
        "DATE",
        "SECTION",
        "STATUS",
        "HEADLINE",
        "AUTHORS",
        "WORDS",
        "PROBLEMS",
    ]


def test_columns_and_the_path_column(root: Path, runner: CliRunner) -> None:
    out = ok(runner.invoke(app, ["list", "--columns", "path,status", "--width", "100"]))
    lines = out.splitlines()
    assert lines[0].split() == ["PATH", "STATUS"]
    assert any(line.startswith(FERRY) for line in lines)


def test_columns_choose_the_csv_and_json_fields(root: Path, runner: CliRunner) -> None:
    out = ok(runner.invoke(app, ["list", "--columns", "path,headline", "--format", "csv"]))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["path", "title"]
    data = json.loads(ok(runner.invoke(app, ["list", "--columns", "words", "--format", "json"])))
    assert all(list(row) == ["words"] for row in data)


def test_an_unknown_column_is_a_usage_error(root: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--columns", "date,pth"])
    assert result.exit_code == 2
    assert result.stderr == "newsroom: error: --columns: no column 'pth' (did you mean path?)\n"


# --- preview ------------------------------------------------------------------------


def test_preview_keeps_the_kickers_casing(root: Path, runner: CliRunner) -> None:
    piece = root / TIDE
    piece.write_text(
        piece.read_text(encoding="utf-8").replace("column: Tide Table", "column: QiOSK"),
        encoding="utf-8",
    )
    out = ok(runner.invoke(app, ["preview", TIDE]))
    assert "QiOSK" in out and "QIOSK" not in out


def test_one_word(root: Path, runner: CliRunner) -> None:
    piece = root / "content" / "news" / "one.md"
    text = (root / FERRY).read_text(encoding="utf-8")
    piece.write_text(text.split("\n---\n", 1)[0] + "\n---\nWord.\n", encoding="utf-8")
    out = ok(runner.invoke(app, ["preview", str(piece)]))
    assert "1 word ·" in out and "1 words" not in out
    listed = runner.invoke(app, ["list", str(piece)])
    assert "; 1 word;" in listed.stdout


def test_one_character(root: Path, runner: CliRunner) -> None:
    piece = root / "content" / "news" / "short.md"
    text = (root / FERRY).read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lines = ["title: X" if line.startswith("title:") else line for line in head.splitlines()]
    piece.write_text("\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--fail-on", "warning", str(piece)])
    assert "is 1 character, shorter than" in result.stdout


# --- validate -----------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_github_annotations_name_paths_from_the_repository_root(
    root: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    subprocess.run(["git", "init", "-q"], cwd=root.parent, check=True)
    bad = root / "content" / "news" / "bad.md"
    bad.write_text("---\ntitle: Bad\n---\nBody.\n", encoding="utf-8")
    monkeypatch.chdir(root / "content" / "news")
    result = runner.invoke(app, ["validate", "--format", "github", "bad.md"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all("file=examples/content/news/bad.md," in line for line in lines)
    # The text format keeps paths as the user typed them.
    text = runner.invoke(app, ["validate", "bad.md"])
    assert text.stdout.startswith("bad.md:")


def test_github_annotations_follow_the_workspace(
    root: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root))
    bad = root / "content" / "news" / "bad.md"
    bad.write_text("---\ntitle: Bad\n---\nBody.\n", encoding="utf-8")
    monkeypatch.chdir(root / "content")
    result = runner.invoke(app, ["validate", "--format", "github", "news/bad.md"])
    assert "file=content/news/bad.md," in result.stdout


def test_a_duplicate_keys_value_problem_points_at_the_winning_line(
    root: Path, runner: CliRunner
) -> None:
    piece = root / "content" / "news" / "twice.md"
    text = (root / FERRY).read_text(encoding="utf-8")
    text = text.replace("status: published\n", "status: published\nstatus: publishd\n", 1)
    piece.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "status: publishd")
    result = runner.invoke(app, ["validate", str(piece)])
    value_problem = next(p for p in result.stdout.splitlines() if " NR203 " in p)
    assert value_problem.startswith(f"content/news/twice.md:{line}:9: NR203")


# --- completion ---------------------------------------------------------------------


def complete(root: Path, words: str, *, shell: str = "bash") -> list[str]:
    """What the shell would be offered after ``words`` (bash's protocol of Typer's script)."""
    env = {
        **os.environ,
        "_NEWSROOM_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
        "_TYPER_COMPLETE_ARGS": words,
    }
    done = subprocess.run(
        [sys.executable, "-m", "newsroom_cli"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_completion_offers_the_projects_values(root: Path) -> None:
    assert complete(root, "newsroom list --section ") == [
        "news",
        "analysis",
        "opinion",
        "features",
    ]
    assert complete(root, "newsroom list --status re") == ["review", "ready"]
    assert complete(root, "newsroom list --author da") == ["daniel-reyes"]
    assert "transport" in complete(root, "newsroom list --tag tr")
    weeks = complete(root, "newsroom roundup --week 20")
    assert len(weeks) == 8 and all(len(w) == 8 and w[4:6] == "-W" for w in weeks)
    codes = complete(root, "newsroom validate --ignore NR3")
    assert "NR312" in codes and all(code.startswith("NR3") for code in codes)


def test_completion_in_zsh_shows_what_a_value_means(root: Path) -> None:
    out = " ".join(complete(root, "newsroom list --author da", shell="zsh"))
    assert "daniel-reyes" in out and "Daniel Reyes" in out


def test_show_completion_prints_a_script(root: Path, runner: CliRunner) -> None:
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": ""}
    done = subprocess.run(
        [sys.executable, "-m", "newsroom_cli", "--show-completion"],
        cwd=root,
        env={**env, "SHELL": "/bin/bash"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "_NEWSROOM_COMPLETE" in done.stdout


def test_help_lists_the_completion_options(runner: CliRunner) -> None:
    out = ok(runner.invoke(app, ["--help"]))
    assert "--install-completion" in out and "--show-completion" in out


# --- help ---------------------------------------------------------------------------


def every_command() -> list[list[str]]:
    commands = [[]] + [[name] for name in COMMANDS]
    return [*commands, ["hook", "install"], ["hook", "uninstall"]]


@pytest.mark.parametrize("command", every_command(), ids=lambda c: " ".join(c) or "newsroom")
def test_every_help_ends_with_examples(runner: CliRunner, command: list[str]) -> None:
    out = ok(runner.invoke(app, [*command, "--help"]))
    examples = out.split("Examples:\n", 1)
    assert len(examples) == 2, out
    lines = [line.strip() for line in examples[1].splitlines() if line.strip()]
    assert lines and all(line.startswith(("newsroom ", "$EDITOR", "cat ")) for line in lines)


@pytest.mark.parametrize("group", [[], ["hook"]], ids=["newsroom", "hook"])
def test_no_summary_in_a_command_list_is_cut(runner: CliRunner, group: list[str]) -> None:
    out = ok(runner.invoke(app, [*group, "--help"]))
    listing = out.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    summaries = [line.strip() for line in listing.splitlines() if line.strip()]
    assert summaries
    for summary in summaries:
        assert not summary.endswith("..."), summary
        assert summary.endswith("."), summary


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_install_completion_for_bash(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "SHELL": "/bin/bash"}
    command = f"{sys.executable} -m newsroom_cli --install-completion"
    done = subprocess.run(
        ["bash", "-c", command], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    script = home / ".bash_completions" / "newsroom.sh"
    assert "_NEWSROOM_COMPLETE" in script.read_text(encoding="utf-8")
    assert str(script) in (home / ".bashrc").read_text(encoding="utf-8")
