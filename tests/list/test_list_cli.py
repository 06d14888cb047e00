"""`newsroom list` through the CLI: table, JSON, CSV, filters, sorting and the total line."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "preview"))

from helpers import expect_text
from preview_support import copy_examples

from newsroom_cli.cli.app import app

EXPECTED = Path(__file__).resolve().parents[1] / "expected" / "list"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_examples(tmp_path)


def run(runner: CliRunner, root: Path, *args: str) -> tuple[str, str]:
    result = runner.invoke(app, ["-C", str(root), "list", *args])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_table(runner: CliRunner, root: Path, request: pytest.FixtureRequest) -> None:
    out, err = run(runner, root)
    lines = out.splitlines()
    # At 80 columns authors, words and section give the headline its room.
    assert lines[0].split() == ["DATE", "STATUS", "HEADLINE", "PROBLEMS"]
    assert len(lines) == 18
    assert lines[-1].startswith("16 articles (2 draft, 2 review, 1 ready, 11 published); ")
    assert lines[-1].endswith("; 0 with problems")
    assert all(len(line) <= 80 for line in lines[:-1])
    assert "\x1b" not in out and err == ""
    expect_text(out, EXPECTED / "table.txt", request)


def test_wide_table(runner: CliRunner, root: Path, request: pytest.FixtureRequest) -> None:
    out, _ = run(runner, root, "--width", "140", "--section", "features")
    assert "The last net-mender on Cannery Row still works by hand" in out
    assert "Elena Vasquez +1" in out
    expect_text(out, EXPECTED / "table-wide.txt", request)


def test_json_has_every_field_and_the_total_on_stderr(runner: CliRunner, root: Path) -> None:
    out, err = run(runner, root, "--format", "json")
    rows = json.loads(out)
    assert len(rows) == 16
    assert set(rows[0]) >= {
        "path",
        "date",
        "section",
        "status",
        "title",
        "authors",
        "tags",
        "words",
        "reading_minutes",
        "errors",
        "warnings",
        "problems",
        "dek",
        "slug",
        "column",
        "featured",
        "updated",
    }
    assert len(out.splitlines()) == 18  # one line per article between the brackets
    assert err.startswith("16 articles")


def test_csv(runner: CliRunner, root: Path) -> None:
    out, err = run(runner, root, "--format", "csv", "--tag", "ferries")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("ferries" in row["tags"].split(";") for row in rows)
    assert rows[0]["problems"] == "0"
    assert err.startswith(f"{len(rows)} article")


def test_empty_json(runner: CliRunner, root: Path) -> None:
    out, err = run(runner, root, "--format", "json", "--week", "2020-W01")
    assert json.loads(out) == []
    assert err.startswith("0 articles")


@pytest.mark.parametrize(
    ("args", "count"),
    [
        (["--status", "published"], 11),
        (["--status", "draft", "--status", "review"], 4),
        (["--section", "analysis"], 3),
        (["--author", "Dan Reyes"], 3),
        (["--author", "tom-whitlock", "--status", "published"], 2),
        (["--tag", "ferries", "--tag", "port"], None),
        (["--week", "2026-W47"], 6),
        (["--week", "2026-W48"], 5),
        (["--since", "2026-11-16", "--until", "2026-11-23"], 6),
        (["--since", "2026-11-23"], 5),
        (["--until", "2026-11-16"], 5),
    ],
)
def test_filters(runner: CliRunner, root: Path, args: list[str], count: int | None) -> None:
    out, _ = run(runner, root, "--format", "json", *args)
    rows = json.loads(out)
    if count is not None:
        assert len(rows) == count
    else:
        assert rows and all({"ferries", "port"} & set(row["tags"]) for row in rows)


@pytest.mark.parametrize("key", ["date", "section", "status", "title"])
def test_sort(runner: CliRunner, root: Path, key: str) -> None:
    out, _ = run(runner, root, "--format", "json", "--sort", key)
    rows = json.loads(out)
    reverse, _ = run(runner, root, "--format", "json", "--sort", key, "--reverse")
    assert json.loads(reverse) == rows[::-1]
    if key == "title":
        assert [r["title"].casefold() for r in rows] == sorted(r["title"].casefold() for r in rows)
    if key == "status":
        assert rows[0]["status"] == "draft"


def test_paths_limit_the_listing(runner: CliRunner, root: Path) -> None:
    out, _ = run(runner, root, "--format", "json", "content/opinion")
    assert {row["section"] for row in json.loads(out)} == {"opinion"}


def test_no_problems(runner: CliRunner, root: Path) -> None:
    out, _ = run(runner, root, "--no-problems")
    assert out.splitlines()[1].rstrip().endswith("-")
    assert "with problems" not in out


def test_colour_when_asked(runner: CliRunner, root: Path) -> None:
    result = runner.invoke(app, ["-C", str(root), "--color", "always", "list"])
    assert result.exit_code == 0, result.output
    assert "\x1b[1;32mpublished" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sort", "author"], "--sort 'author'"),
        (["--format", "xml"], "--format 'xml'"),
        (["--week", "2026-47"], "--week"),
        (["--week", "2026-W47", "--since", "2026-11-01"], "cannot be combined"),
        (["content/nowhere"], "no such file or folder"),
    ],
)
def test_usage_errors(runner: CliRunner, root: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["-C", str(root), "list", *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_cut_cells_keep_whole_characters(runner: CliRunner, root: Path) -> None:
    """A headline opening with an invisible character and a path ending in combining marks
    are cut, not looped on (Rich before 14.3.3 never returned on the first) nor split from
    their marks (cutting the reversed path put an accent on the wrong letter)."""
    news = root / "content" / "news" / "2026" / "11"
    first = sorted(news.glob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    headline = "\u200b" + "Zero-width space before a headline far too long for its column " * 3
    text = text.replace("title:", f'title: "{headline}"\nx_old_title:', 1)
    accented = news / ("cafe\u0301-" * 12 + "ende\u0301.md")
    accented.write_text(text.replace("x_old_title:", "x_older_title:", 1), encoding="utf-8")
    first.write_text(text, encoding="utf-8")
    out, _ = run(runner, root, "--columns", "path,title", "--width", "60")
    lines = out.splitlines()
    assert any("Zero-width space before" in line for line in lines)
    cut = next(line for line in lines if "ende\u0301.md" in line)
    assert cut.startswith("…") and "\u0301\u0301" not in cut
    assert not cut[1:].startswith("\u0301")
