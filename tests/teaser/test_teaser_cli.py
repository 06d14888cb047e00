# ruff: noqa: E501
"""`newsroom teaser` through the CLI: targets, formats, stdin, --write, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, expect_text
from typer.testing import CliRunner

from newsroom_cli.cli.app import app

EXPECTED = Path(__file__).resolve().parent.parent / "expected" / "teaser"

ARTICLE = """\
---
title: "Ferry fares rise"
date: 2026-11-20T09:00:00-05:00
# a comment that must survive --write
tags: [transport]
---

HARBOR CITY — The ferry authority raised fares by 25 cents on Tuesday, the first increase since 2019. Commuters said they would pay.

A second paragraph.
"""


@pytest.fixture
def article_file(project: Path) -> Path:
    path = project / "content" / "ferry.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_default_target_prints_the_text_alone(runner: CliRunner, article_file: Path) -> None:
    result = runner.invoke(app, ["teaser", str(article_file)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "The ferry authority raised fares by 25 cents on Tuesday, the first increase since "
        "2019. Commuters said they would pay. A second paragraph.\n"
    )


def test_json_for_all_targets(runner: CliRunner, article_file: Path) -> None:
    result = runner.invoke(app, ["teaser", "--all-targets", "--format", "json", "content/ferry.md"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [item["target"] for item in data] == [
        "newsletter",
        "meta",
        "og",
        "x",
        "bluesky",
        "mastodon",
    ]
    for item in data:
        assert set(item) == {
            "path",
            "target",
            "text",
            "length",
            "limit",
            "unit",
            "source",
            "key",
            "truncated",
        }
        assert item["path"] == "content/ferry.md"
        assert item["length"] <= item["limit"]
        assert item["source"] == "lead"


def test_limit_overrides_the_budget(runner: CliRunner, article_file: Path) -> None:
    result = runner.invoke(
        app, ["teaser", "--target", "x", "--limit", "40", "--format", "json", str(article_file)]
    )
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert item["limit"] == 40 and item["length"] <= 40 and item["truncated"]
    assert item["text"] == "The ferry authority raised fares…"


def test_stdin(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["teaser", "-t", "meta", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("The ferry authority raised fares by 25 cents")


def test_several_files_are_labelled(runner: CliRunner, article_file: Path) -> None:
    result = runner.invoke(app, ["teaser", "-t", "meta", "-t", "og", str(article_file)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("content/ferry.md [meta]\n")
    assert "\n\ncontent/ferry.md [og]\n" in result.stdout


def test_write_target_stores_its_own_key(runner: CliRunner, article_file: Path) -> None:
    """README's `teaser --write --target meta` stores teasers.meta and leaves `teaser` alone."""
    result = runner.invoke(app, ["teaser", "--write", "-t", "meta", str(article_file)])
    assert result.exit_code == 0, result.output
    text = article_file.read_text(encoding="utf-8")
    before_lines = ARTICLE.splitlines()
    after_lines = text.splitlines()
    added = [line for line in after_lines if line not in before_lines]
    assert added[0] == "teasers:" and added[1].startswith("  meta: The ferry authority")
    assert len(added) == 2 and "teaser:" not in text
    assert [line for line in after_lines if line not in added] == before_lines
    assert "wrote teasers.meta in content/ferry.md" in result.stderr
    # The stored teaser is now meta's own text, and writing again changes nothing.
    again = runner.invoke(
        app, ["teaser", "--write", "-t", "meta", "--format", "json", str(article_file)]
    )
    assert again.exit_code == 0, again.output
    (item,) = json.loads(again.stdout)
    assert (item["source"], item["key"]) == ("teasers.meta", "teasers.meta")
    assert article_file.read_text(encoding="utf-8") == text
    # The newsletter still gets its own teaser from the lead, whole sentences.
    newsletter = runner.invoke(app, ["teaser", "--format", "json", str(article_file)])
    assert json.loads(newsletter.stdout)[0]["source"] == "lead"


def test_write_newsletter_stores_the_plain_teaser_key(
    runner: CliRunner, article_file: Path
) -> None:
    result = runner.invoke(app, ["teaser", "--write", str(article_file)])
    assert result.exit_code == 0, result.output
    assert "wrote teaser in content/ferry.md" in result.stderr
    assert "\nteaser: The ferry authority" in article_file.read_text(encoding="utf-8")


def test_write_all_targets_one_key_each(runner: CliRunner, article_file: Path) -> None:
    result = runner.invoke(app, ["teaser", "--write", "--all-targets", str(article_file)])
    assert result.exit_code == 0, result.output
    text = article_file.read_text(encoding="utf-8")
    assert "\nteaser: " in text
    for name in ("meta", "og", "x", "bluesky", "mastodon"):
        assert f"\n  {name}: " in text


def test_write_never_cuts_an_editors_text_without_force(
    runner: CliRunner, article_file: Path
) -> None:
    long = "An editor wrote this for search. " + "It says a great deal more than fits. " * 6
    article_file.write_text(
        ARTICLE.replace("tags: [transport]\n", f"tags: [transport]\nteasers:\n  meta: {long}\n"),
        encoding="utf-8",
    )
    before = article_file.read_text(encoding="utf-8")
    result = runner.invoke(app, ["teaser", "--write", "-t", "meta", str(article_file)])
    assert result.exit_code == 1, result.output
    assert "kept the text in teasers.meta" in result.stderr and "--force" in result.stderr
    assert article_file.read_text(encoding="utf-8") == before
    assert result.stdout.startswith("An editor wrote this for search.")
    forced = runner.invoke(app, ["teaser", "--write", "--force", "-t", "meta", str(article_file)])
    assert forced.exit_code == 0, forced.output
    assert "wrote teasers.meta" in forced.stderr
    assert article_file.read_text(encoding="utf-8") != before


def test_write_per_target_keys(runner: CliRunner, project: Path, article_file: Path) -> None:
    config = project / "newsroom.toml"
    config.write_text(config.read_text() + '\n[teaser]\nkey = "teasers.{target}"\n')
    result = runner.invoke(
        app, ["teaser", "--write", "-t", "newsletter", "-t", "x", str(article_file)]
    )
    assert result.exit_code == 0, result.output
    text = article_file.read_text(encoding="utf-8")
    assert "teasers:" in text and "  newsletter: " in text and "  x: " in text


def test_write_several_targets_into_one_key_is_refused(
    runner: CliRunner, project: Path, article_file: Path
) -> None:
    config = project / "newsroom.toml"
    config.write_text(config.read_text() + '\n[teaser.targets.og]\nkey = "teasers.meta"\n')
    result = runner.invoke(app, ["teaser", "--write", "--all-targets", str(article_file)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "'teasers.meta'" in result.stderr
    assert article_file.read_text(encoding="utf-8") == ARTICLE


def test_a_batch_goes_on_past_an_unreadable_file(
    runner: CliRunner, project: Path, article_file: Path
) -> None:
    broken = project / "content" / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    utf16 = project / "content" / "utf16.md"
    utf16.write_bytes("---\ntitle: T\n---\n\nBody.\n".encode("utf-16"))
    files = [str(article_file), str(broken), str(utf16)]
    result = runner.invoke(app, ["teaser", "-t", "meta", *files])
    assert result.exit_code == 1, result.output
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith("newsroom: error: ") and "broken.md:" in errors[0]
    assert "utf16.md" in errors[1]
    assert result.stdout.startswith("content/ferry.md [meta]\nThe ferry authority")
    as_json = runner.invoke(app, ["teaser", "-t", "meta", "--format", "json", *files])
    assert as_json.exit_code == 1
    items = json.loads(as_json.stdout)
    assert [sorted(item) for item in items[1:]] == [["error", "path"], ["error", "path"]]
    assert items[0]["text"].startswith("The ferry authority")
    assert "utf16.md" in items[2]["error"]


def test_one_unreadable_file_exits_1(runner: CliRunner, project: Path) -> None:
    broken = project / "content" / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    result = runner.invoke(app, ["teaser", "content/broken.md"])
    assert result.exit_code == 1
    assert "broken.md:3: YAML syntax error" in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_path_that_does_not_exist_is_a_usage_error(runner: CliRunner, article_file: Path) -> None:
    result = runner.invoke(app, ["teaser", str(article_file), "missing.md"])
    assert result.exit_code == 2
    assert "missing.md: no such file" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-t", "tiktok", "content/ferry.md"], "unknown teaser target 'tiktok'"),
        (["--format", "xml", "content/ferry.md"], "expected text or json"),
        (["--write", "-"], "--write cannot store into stdin"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    runner: CliRunner, article_file: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["teaser", *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


EXAMPLE_FILES = sorted((EXAMPLES / "content").rglob("*.md")) if EXAMPLES.is_dir() else []


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_example_teasers(
    runner: CliRunner,
    path: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    monkeypatch.chdir(copy)
    relative = path.relative_to(EXAMPLES).as_posix()
    result = runner.invoke(app, ["teaser", "--all-targets", "--format", "json", relative])
    assert result.exit_code == 0, result.output
    lines = []
    for item in json.loads(result.stdout):
        assert item["length"] <= item["limit"]
        flags = " truncated" if item["truncated"] else ""
        lines.append(
            f"# {item['target']}: {item['source']}, {item['length']}/{item['limit']} "
            f"{item['unit']}{flags}\n{item['text']}\n"
        )
    expect_text("\n".join(lines), EXPECTED / f"{path.stem}.txt", request)


def test_cli_start_up_does_not_import_the_teaser_machinery() -> None:
    import subprocess
    import sys

    code = (
        "import sys, newsroom_cli.cli.app; "
        "heavy = {'pysbd', 'markdown_it', 'mdit_py_plugins', 'regex', 'newsroom_cli.teaser'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
