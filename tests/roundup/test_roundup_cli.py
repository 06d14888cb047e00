"""`newsroom roundup` through the CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from roundup_support import EXPECTED, copy_examples, write_article
from typer.testing import CliRunner

from newsroom_cli.cli.app import app


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return copy_examples(tmp_path)


def run(runner: CliRunner, ledger: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["-C", str(ledger), "roundup", *args])


def test_markdown_to_stdout_and_window_to_stderr(runner: CliRunner, ledger: Path) -> None:
    result = run(runner, ledger, "--week", "2026-W47")
    assert result.exit_code == 0, result.output
    assert result.stdout == (EXPECTED / "2026-W47.md").read_text(encoding="utf-8")
    assert (
        "Window 2026-W47: 2026-11-16T00:00:00-05:00 to 2026-11-23T00:00:00-05:00" in result.stderr
    )
    assert "America/New_York" in result.stderr
    assert "Issue No. 47: 6 articles in 4 sections" in result.stderr


def test_output_file_format_from_suffix_and_replaced(runner: CliRunner, ledger: Path) -> None:
    target = ledger / "issue.html"
    target.write_text("old", encoding="utf-8")
    result = run(runner, ledger, "--week", "2026-W47", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == (EXPECTED / "2026-W47.html").read_text(
        encoding="utf-8"
    )


def test_since_until_json(runner: CliRunner, ledger: Path) -> None:
    result = run(
        runner, ledger, "--since", "2026-11-16", "--until", "2026-11-23", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (EXPECTED / "2026-W47.json").read_text(encoding="utf-8")


def test_write_manifest_then_build_from_it(runner: CliRunner, ledger: Path) -> None:
    result = run(runner, ledger, "--week", "2026-W47", "--write-manifest")
    assert result.exit_code == 0, result.output
    manifest = ledger / "roundups" / "2026-W47.toml"
    assert manifest.is_file()
    assert result.stdout.strip().endswith("roundups/2026-W47.toml")
    again = run(runner, ledger, "--week", "2026-W47", "--write-manifest")
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    eml = ledger / "2026-W47.eml"
    built = run(runner, ledger, "--manifest", str(manifest), "--format", "eml", "-o", str(eml))
    assert built.exit_code == 0, built.output
    assert eml.read_bytes().replace(b"\r\n", b"\n").decode() == (
        EXPECTED / "2026-W47.eml"
    ).read_text(encoding="utf-8")
    assert b"\r\n" in eml.read_bytes()
    mixed = run(runner, ledger, "--manifest", str(manifest), "--week", "2026-W47")
    assert mixed.exit_code == 2


def test_changed_article_is_named_on_stderr(runner: CliRunner, ledger: Path) -> None:
    assert run(runner, ledger, "--week", "2026-W47", "--write-manifest").exit_code == 0
    article = ledger / "content/opinion/2026/11/tide-table-give-ferry-riders-a-seat.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nA late addition.\n", encoding="utf-8"
    )
    result = run(runner, ledger, "--manifest", str(ledger / "roundups/2026-W47.toml"))
    assert result.exit_code == 0, result.output
    assert (
        "content/opinion/2026/11/tide-table-give-ferry-riders-a-seat.md changed since "
        "the manifest was written"
    ) in result.stderr


def test_empty_week_exits_1(runner: CliRunner, ledger: Path) -> None:
    result = run(runner, ledger, "--week", "2026-W48")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no published articles in 2026-W48" in result.stderr
    allowed = run(runner, ledger, "--week", "2026-W48", "--allow-empty")
    assert allowed.exit_code == 0, allowed.output


def test_invalid_article_exits_1_with_the_list(runner: CliRunner, ledger: Path) -> None:
    write_article(
        ledger,
        "news/2026/11/broken.md",
        """
title: A published piece with a duplicated key
title: The duplicated title key
section: news
authors: [hannah-lee]
date: 2026-11-18T10:00:00-05:00
status: published
""",
    )
    result = run(runner, ledger, "--week", "2026-W47")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "content/news/2026/11/broken.md:3:" in result.stderr
    assert "1 selected article has errors" in result.stderr
    allowed = run(runner, ledger, "--week", "2026-W47", "--allow-invalid")
    assert allowed.exit_code == 0, allowed.output
    assert "included because of --allow-invalid" in allowed.stderr


def test_preview(runner: CliRunner, ledger: Path) -> None:
    result = run(runner, ledger, "--week", "2026-W47", "--preview")
    assert result.exit_code == 0, result.output
    assert "Night shift at the pilot station" in result.stdout
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--week", "2026-W99"],
        ["--week", "2026-W47", "--format", "pdf"],
        ["--week", "2026-W47", "--since", "2026-11-16"],
        ["--since", "2026-11-23", "--until", "2026-11-16"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, ledger: Path, args: list[str]) -> None:
    result = run(runner, ledger, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("newsroom: error:")
    assert "Traceback" not in result.output


def test_heavy_modules_are_not_imported_at_startup() -> None:
    code = (
        "import sys, newsroom_cli.cli.app, newsroom_cli.cli.roundup; "
        "print(sorted(m for m in ('jinja2', 'css_inline', 'nh3', 'markdown_it', 'babel') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
