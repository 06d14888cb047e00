"""`newsroom init` and `newsroom new` through the CLI."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsroom_cli.article import load_article
from newsroom_cli.cli.app import app

TITLE = "US strikes in Baghdad wipe out militia leader"
EXPECTED = Path("content/analysis/2026/11/us-strikes-in-baghdad-wipe-out-militia-leader.md")
BASE = [
    "new",
    TITLE,
    "--section",
    "analysis",
    "--author",
    "Analysis Desk",
    "--date",
    "2026-11-20T09:30:00-05:00",
]


def test_init_writes_a_starter_config(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app,
        [
            "init",
            "paper",
            "--name",
            "The Paper",
            "--url",
            "https://paper.example",
            "--timezone",
            "Europe/Paris",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "paper/newsroom.toml\n"
    text = (tmp_path / "paper" / "newsroom.toml").read_text()
    assert 'name = "The Paper"' in text and text.startswith("# newsroom.toml")
    assert (tmp_path / "paper" / "content").is_dir()
    again = runner.invoke(app, ["init", "paper"])
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert (tmp_path / "paper" / "newsroom.toml").read_text() == text
    forced = runner.invoke(app, ["init", "paper", "--force", "--name", "Other"])
    assert forced.exit_code == 0, forced.output
    assert 'name = "Other"' in (tmp_path / "paper" / "newsroom.toml").read_text()


def test_init_refuses_a_bad_timezone(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "--timezone", "Mars/Base"])
    assert result.exit_code == 2
    assert "publication.timezone" in result.stderr
    assert not (tmp_path / "newsroom.toml").exists()


def test_new_writes_the_article_and_prints_only_the_path(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(
        app, BASE + ["--tag", "iraq", "--tag", "defense", "--column", "World View"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{EXPECTED.as_posix()}\n"
    assert "Created" in result.stderr
    article = load_article(project / EXPECTED)
    assert article.front_matter == {
        "title": TITLE,
        "dek": "",
        "slug": "us-strikes-in-baghdad-wipe-out-militia-leader",
        "section": "analysis",
        "column": "World View",
        "authors": ["Analysis Desk"],
        "date": "2026-11-20T09:30:00-05:00",
        "status": "draft",
        "tags": ["iraq", "defense"],
    }
    assert "## Why it matters" in article.body  # the analysis template


def test_second_identical_new_fails_and_keeps_the_first(runner: CliRunner, project: Path) -> None:
    assert runner.invoke(app, BASE).exit_code == 0
    before = (project / EXPECTED).read_bytes()
    result = runner.invoke(app, BASE + ["--template", "brief"])
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert (project / EXPECTED).read_bytes() == before
    forced = runner.invoke(app, BASE + ["--template", "brief", "--force"])
    assert forced.exit_code == 0, forced.output
    assert (project / EXPECTED).read_bytes() != before


@pytest.mark.parametrize(
    "pattern",
    [
        "{section}/{date:%Y}/{date:%m}/{slug}.md",
        "{slug}.md",
        "{year}/{month}/{day}/{slug}",
        "{section}/{column}/{slug}.markdown",
        "posts/{date:%Y-%m-%d}-{slug}.md",
    ],
)
def test_every_path_pattern_loads_back(runner: CliRunner, project: Path, pattern: str) -> None:
    with (project / "newsroom.toml").open("a") as handle:
        handle.write(f'[paths]\npattern = "{pattern}"\n')
    result = runner.invoke(
        app,
        BASE
        + [
            "--status",
            "review",
            "--set",
            "featured=true",
            "--set",
            "image.alt=A soldier",
            "--set",
            "kicker=Iraq",
        ],
    )
    assert result.exit_code == 0, result.output
    path = project / result.stdout.strip()
    assert path.is_file() and path.resolve().is_relative_to((project / "content").resolve())
    front = load_article(path).front_matter
    assert front["status"] == "review"
    assert front["featured"] is True
    assert front["image"] == {"alt": "A soldier"}
    assert front["column"] == "Iraq"


def test_authors_map_to_roster_keys(runner: CliRunner, project: Path) -> None:
    with (project / "newsroom.toml").open("a") as handle:
        handle.write('[[authors]]\nkey = "desk"\nname = "Analysis Desk"\n')
    assert runner.invoke(app, BASE).exit_code == 0
    assert load_article(project / EXPECTED).front_matter["authors"] == ["desk"]


def test_dry_run_and_json(runner: CliRunner, project: Path) -> None:
    dry = runner.invoke(app, BASE + ["--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.startswith("---\ntitle: US strikes")
    assert not (project / EXPECTED).exists()
    as_json = runner.invoke(app, BASE + ["--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["path"] == EXPECTED.as_posix()
    assert data["front_matter"]["section"] == "analysis"


def test_missing_values_fail_fast_without_a_terminal(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["new", TITLE, "--author", "x"], input="")
    assert result.exit_code == 2
    assert "--section" in result.stderr
    result = runner.invoke(app, ["new", TITLE, "--section", "news"], input="")
    assert result.exit_code == 2
    assert "--author" in result.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--section", "sports"], "unknown section 'sports'"),
        (["--section", "analyis"], "did you mean 'analysis'"),
        (["--status", "live"], "unknown status"),
        (["--date", "next tuesday"], "--date: not a date"),
        (["--template", "missing"], "no template named 'missing'"),
        (["--template", "../../etc/passwd"], "no template named"),
        (["--set", "featured=maybe"], "expected true or false"),
        (["--set", "novalue"], "expected KEY=VALUE"),
        (["--set", "../x=1"], "letters, digits"),
        (["--slug", "../../.."], "cannot make a slug"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    runner: CliRunner, project: Path, extra: list[str], message: str
) -> None:
    args = (
        BASE[:2]
        + ["--author", "x"]
        + (["--section", "analysis"] if "--section" not in extra else [])
        + extra
    )
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert list((project / "content").rglob("*.md")) == []


def test_slugs_never_leave_the_content_dir(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "../../etc/passwd ..",
            "--section",
            "news",
            "--author",
            "x",
            "--set",
            "slug=../../../outside",
        ],
    )
    assert result.exit_code == 0, result.output
    path = (project / result.stdout.strip()).resolve()
    assert path.is_relative_to((project / "content").resolve())
    assert path.name == "outside.md"


def test_long_titles_get_capped_slugs(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(
        app, ["new", "Ünïcödé headline " * 7, "--section", "news", "--author", "x"]
    )
    assert result.exit_code == 0, result.output
    name = Path(result.stdout.strip()).name
    assert len(name) <= 83 and name.startswith("unicode-headline-")
    assert len("unicode-headline-" * 7) > 83


def test_project_templates_override_and_section_templates(runner: CliRunner, project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "news.md").write_text(
        "---\n{{ front_matter }}\n---\n\nNEWS DESK {{ publication.name }}\n"
    )
    result = runner.invoke(
        app, ["new", "A headline for the news desk", "--section", "news", "--author", "x"]
    )
    assert result.exit_code == 0, result.output
    assert "NEWS DESK Test Ledger" in (project / result.stdout.strip()).read_text()


def test_a_template_that_breaks_front_matter_is_refused(runner: CliRunner, project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "article.md").write_text("---\ntitle: fixed\n---\n{{ nope }}\n")
    result = runner.invoke(
        app, ["new", "A headline for the news desk", "--section", "news", "--author", "x"]
    )
    assert result.exit_code == 2
    assert "template article.md" in result.stderr
    assert list((project / "content").rglob("*.md")) == []


def test_edit_opens_the_editor(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = project / "fake-editor"
    editor.write_text(f"#!{sys.executable}\nimport sys\nopen(sys.argv[1], 'a').write('EDITED')\n")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    result = runner.invoke(app, BASE + ["--edit"])
    assert result.exit_code == 0, result.output
    assert (project / EXPECTED).read_text().endswith("EDITED")


def test_edit_without_an_editor(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, BASE + ["--edit"])
    assert result.exit_code == 2
    assert "$EDITOR" in result.stderr
    assert (project / EXPECTED).exists()


def test_global_options_config_and_chdir(
    runner: CliRunner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path.parent / (tmp_path.name + "-elsewhere")
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(app, ["-C", str(project)] + BASE)
    assert result.exit_code == 0, result.output
    assert (project / EXPECTED).is_file()
    assert os.getcwd() == str(elsewhere)
    other = elsewhere / "other.toml"
    other.write_text('[paths]\ncontent = "stories"\npattern = "{slug}.md"\n')
    result = runner.invoke(app, ["--config", "other.toml"] + BASE)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "stories/us-strikes-in-baghdad-wipe-out-militia-leader.md"


def test_bad_config_is_one_line_exit_2(runner: CliRunner, project: Path) -> None:
    (project / "newsroom.toml").write_text("[publication]\ntimezone = 'Nowhere'\n")
    result = runner.invoke(app, BASE)
    assert result.exit_code == 2
    assert result.stderr.startswith("newsroom: error: ")
    assert "newsroom.toml: publication.timezone: unknown time zone 'Nowhere'" in result.stderr


def test_version_and_color_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("newsroom ")
    result = runner.invoke(app, ["--color", "sometimes", "init", "--help"])
    assert result.exit_code == 2


def test_debug_shows_the_exception(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["--debug"] + BASE[:2] + ["--author", "x", "--section", "nope"])
    assert result.exit_code != 0
    assert result.exception is not None and "unknown section" in str(result.exception)
