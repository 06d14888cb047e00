"""`newsroom new` checks what it is given before writing, and asks again at a terminal."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsroom_cli.article import load_article
from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.rules import check_article
from newsroom_cli.scaffold import parse_sets

TITLE = "Council freezes ferry fares through the summer"
NAME_OF_TITLE = "council-freezes-ferry-fares-through-the-summer.md"
BASE = ["new", TITLE, "--section", "news", "--date", "2026-11-20T09:30:00-05:00"]
ROSTER = (
    '[[authors]]\nkey = "daniel-reyes"\nname = "Daniel Reyes"\naliases = ["Dan Reyes"]\n'
    '[[authors]]\nkey = "mara-okafor"\nname = "Mara Okafor"\n'
)


def _with_roster(project: Path) -> None:
    with (project / "newsroom.toml").open("a", encoding="utf-8") as handle:
        handle.write(ROSTER)


def _written(project: Path) -> list[Path]:
    return sorted((project / "content").rglob("*.md"))


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("nonsense=1", "unknown field 'nonsense'"),
        ("featurd=true", "did you mean 'featured'?"),
        ("image.foo=bar", "image has no key 'foo'"),
        ("image.alt.x=bar", "one level of nesting"),
        ("image.captoin=A ferry", "did you mean 'caption'?"),
        ("teasers.metta=Short", "did you mean 'meta'?"),
        ("title.x=1", "title is not a mapping"),
    ],
)
def test_set_is_checked_against_the_schema(
    runner: CliRunner, project: Path, pair: str, message: str
) -> None:
    result = runner.invoke(app, [*BASE, "--author", "x", "--set", pair])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("newsroom: error: ")
    assert _written(project) == []


def test_set_keeps_known_fields_aliases_and_reserved_keys(project: Path) -> None:
    config = load_config(project)
    values = parse_sets(
        ["kicker=Harbor", "image.alt=A ferry", "featured=yes", "teasers.meta=Short"], config
    )
    assert values == {
        "column": "Harbor",
        "image": {"alt": "A ferry"},
        "featured": True,
        "teasers": {"meta": "Short"},
    }


def test_an_author_off_the_roster_is_refused(runner: CliRunner, project: Path) -> None:
    _with_roster(project)
    result = runner.invoke(app, [*BASE, "--author", "Daniel Reye"])
    assert result.exit_code == 2, result.output
    assert "author 'Daniel Reye' is not on the roster; did you mean" in result.stderr
    assert "daniel-reyes" in result.stderr
    assert _written(project) == []
    via_set = runner.invoke(app, [*BASE, "--set", "authors=nobody"])
    assert via_set.exit_code == 2, via_set.output
    assert "not on the roster" in via_set.stderr


def test_a_roster_name_is_written_as_its_key(runner: CliRunner, project: Path) -> None:
    _with_roster(project)
    result = runner.invoke(
        app, [*BASE, "--author", "dan reyes", "--set", "authors=Mara Okafor,daniel-reyes"]
    )
    assert result.exit_code == 0, result.output
    front = load_article(project / result.stdout.strip()).front_matter
    assert front["authors"] == ["daniel-reyes", "mara-okafor"]


def test_without_a_roster_any_author_is_kept(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, [*BASE, "--author", "Desk"])
    assert result.exit_code == 0, result.output
    assert load_article(project / result.stdout.strip()).front_matter["authors"] == ["Desk"]


def test_a_title_longer_than_validate_allows_is_refused(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["new", "A" * 121, "--section", "news", "--author", "x"])
    assert result.exit_code == 2, result.output
    assert "headline is 121 characters, longer than the 120" in result.stderr
    assert _written(project) == []
    with (project / "newsroom.toml").open("a", encoding="utf-8") as handle:
        handle.write("[fields.title]\nmax_length = 200\n")
    allowed = runner.invoke(app, ["new", "A" * 121, "--section", "news", "--author", "x"])
    assert allowed.exit_code == 0, allowed.output


def test_a_column_longer_than_validate_allows_is_refused(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, [*BASE, "--author", "x", "--set", "kicker=" + "k" * 61])
    assert result.exit_code == 2, result.output
    assert "column is 61 characters" in result.stderr


@pytest.mark.parametrize("spelling", ["Published", "PUBLISHED", "published"])
def test_status_in_another_case_is_accepted(
    runner: CliRunner, project: Path, spelling: str
) -> None:
    result = runner.invoke(app, [*BASE, "--author", "x", "--status", spelling])
    assert result.exit_code == 0, result.output
    assert load_article(project / result.stdout.strip()).front_matter["status"] == "published"


def test_a_wrong_status_gets_a_did_you_mean(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, [*BASE, "--author", "x", "--status", "publishd"])
    assert result.exit_code == 2
    assert "unknown status 'publishd'; did you mean 'published'?" in result.stderr


def test_tags_outside_the_vocabulary_are_refused(runner: CliRunner, project: Path) -> None:
    with (project / "newsroom.toml").open("a", encoding="utf-8") as handle:
        handle.write('[tags]\nvocabulary = ["ferries", "transit"]\n')
    result = runner.invoke(app, [*BASE, "--author", "x", "--tag", "ferrys"])
    assert result.exit_code == 2, result.output
    assert "did you mean 'ferries'?" in result.stderr
    cased = runner.invoke(app, [*BASE, "--author", "x", "--tag", "Ferries"])
    assert cased.exit_code == 0, cased.output
    assert load_article(project / cased.stdout.strip()).front_matter["tags"] == ["ferries"]


def test_a_fresh_article_has_its_missing_dek_at_the_dek_line(
    runner: CliRunner, project: Path
) -> None:
    result = runner.invoke(app, [*BASE, "--author", "x"])
    assert result.exit_code == 0, result.output
    path = project / result.stdout.strip()
    text = path.read_text(encoding="utf-8")
    dek_line = text.splitlines().index('dek: ""') + 1
    config = load_config(project)
    problems = check_article(config, load_article(path, schema=config.schema))
    (finding,) = [p for p in problems if p.code == "NR312"]
    assert (finding.line, finding.column) == (dek_line, 1)
    shown = runner.invoke(app, ["validate", str(path)])
    assert f":{dek_line}:1: NR312 warning no dek" in shown.stdout


# --- prompts at a real terminal -------------------------------------------------------------


def _read_until(fd: int, wanted: str, seen: list[str], timeout: float = 90.0) -> str:
    """Read the terminal until ``wanted`` has appeared in everything read so far."""
    deadline = time.monotonic() + timeout
    while wanted not in "".join(seen):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"timed out waiting for {wanted!r}; got {''.join(seen)!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen.append(chunk.decode("utf-8", "replace"))
    assert wanted in "".join(seen), f"the terminal closed before {wanted!r}: {''.join(seen)!r}"
    return "".join(seen)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_wrong_answer_is_asked_again_at_a_terminal(project: Path) -> None:
    _with_roster(project)
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsroom_cli", "new", TITLE, "--tag", "ferries"],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=follower,
        cwd=project,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    seen: list[str] = []
    try:
        _read_until(leader, "Section (news, analysis, opinion, features)", seen)
        os.write(leader, b"sports\r")
        _read_until(leader, "unknown section 'sports'", seen)
        _read_until(leader, "sections are: news, analysis, opinion, features", seen)
        os.write(leader, b"Analysis\r")
        _read_until(leader, "Author (daniel-reyes, mara-okafor)", seen)
        os.write(leader, b"Danial Reyes\r")
        _read_until(leader, "did you mean 'Daniel Reyes'?", seen)
        after = len("".join(seen))
        _read_until(leader, "Author (daniel-reyes, mara-okafor)", seen)
        assert "Section" not in "".join(seen)[after:]  # the section answer is kept
        os.write(leader, b"Dan Reyes\r")
        stdout, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    assert process.returncode == 0, "".join(seen)
    # stdout holds the path alone: the prompts and answers went to the terminal (stderr).
    assert re.fullmatch(r"content/analysis/\d{4}/\d{2}/" + NAME_OF_TITLE + "\n", stdout.decode())
    path = project / stdout.decode().strip()
    front = load_article(path).front_matter
    assert front["section"] == "analysis"
    assert front["authors"] == ["daniel-reyes"]
    assert front["tags"] == ["ferries"]
    assert front["title"] == TITLE


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_end_of_input_at_a_prompt_is_one_error_line(project: Path) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsroom_cli", "new", TITLE, "--author", "x"],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=follower,
        cwd=project,
        env={**os.environ, "NO_COLOR": "1"},
        close_fds=True,
    )
    os.close(follower)
    seen: list[str] = []
    try:
        _read_until(leader, "Section (", seen)
        os.write(leader, b"\x04")  # Ctrl-D: end of input
        stdout, _ = process.communicate(timeout=60)
        _read_until(leader, "newsroom: error: missing --section", seen)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    assert process.returncode == 2
    assert stdout == b""
    assert _written(project) == []
