"""Every mistake is one line on stderr, `newsroom: error: ...`, and exit 2."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "preview"))

from preview_support import copy_examples

from newsroom_cli.cli.app import app

FERRY = "content/news/2026/11/council-freezes-ferry-fares.md"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = copy_examples(tmp_path)
    monkeypatch.chdir(folder)
    return folder


def one_line(result: object) -> str:
    err: str = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert err.count("\n") == 1, err
    assert err.startswith("newsroom: error: "), err
    for clicks in ("Usage:", "Try '", "Error:", "Traceback"):
        assert clicks not in err
    return err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["preview"], "preview: missing argument PATH"),
        (["preview", "content"], "preview: content is a folder; give a file"),
        (["roundup", "--week", "2026-W47", "-o", "content"], "--output: content is a folder"),
        (["roundup", "--manifest", "content"], "--manifest: content is a folder"),
        (["--config", "content", "list"], "--config: content is a folder"),
        (
            ["--color", "sometimes", "list"],
            "--color 'sometimes': expected one of auto, always, never",
        ),
        (["-C", "/nope/nowhere", "list"], "-C /nope/nowhere: no such folder"),
        (["lsit"], "unknown command 'lsit' (did you mean list?)"),
        (["hook", "instal"], "hook: unknown command 'instal' (did you mean install"),
        (["list", "--week"], "--week needs a value (--week YYYY-Www)"),
        (["roundup", "--week"], "--week needs a value (--week YYYY-Www)"),
        (["list", "--width", "5"], "--width: expected a number from 40 to 1000, got 5"),
        (["preview", "--width", "5", FERRY], "--width: expected a number from 20 to 1000"),
        (["init", "--language", "de"], "init: no such option --language"),
        (["validate", "--fromat", "json"], "validate: no such option --fromat (did you mean"),
        (["--colour", "never", "list"], "no such option --colour (did you mean --color?)"),
        (["new"], "new: missing argument TITLE"),
        (["validate", "--format", "jsn"], "--format 'jsn': expected one of text, json, github"),
        (["validate", "--fail-on", "warn"], "(did you mean warning?)"),
        (["list", "--sort", "titel"], "(did you mean title?)"),
        (["preview", "--as", "newsleter", FERRY], "(did you mean newsletter?)"),
    ],
)
def test_usage_errors_are_one_line(
    root: Path, runner: CliRunner, args: list[str], expected: str
) -> None:
    assert expected in one_line(runner.invoke(app, args))


def test_a_did_you_mean_names_the_option(root: Path, runner: CliRunner) -> None:
    err = one_line(runner.invoke(app, ["validate", "--fromat", "json"]))
    assert err == ("newsroom: error: validate: no such option --fromat (did you mean --format?)\n")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "nope.md"],
        ["validate", "content/nope/"],
        ["list", "nope.md"],
        ["fix", "nope.md"],
        ["teaser", "nope.md"],
        ["preview", "nope.md"],
    ],
    ids=lambda args: args[0] + " " + args[1],
)
def test_a_missing_path_is_exit_2_everywhere(
    root: Path, runner: CliRunner, args: list[str]
) -> None:
    err = one_line(runner.invoke(app, args))
    assert "nope" in err


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--status", "publishd", "did you mean published?"),
        ("--section", "bogus", "known: news, analysis, opinion, features"),
        ("--section", "opinon", "did you mean opinion?"),
        ("--author", "nobody", "known: mara-okafor"),
        ("--author", "daniel-reyse", "did you mean daniel-reyes"),
        ("--tag", "transprt", "did you mean transport?"),
    ],
)
def test_list_filters_unknown_to_the_project_are_refused(
    root: Path, runner: CliRunner, option: str, value: str, hint: str
) -> None:
    err = one_line(runner.invoke(app, ["list", option, value]))
    assert f"{option} {value!r}" in err and hint in err


def test_list_filters_known_by_roster_name_or_case_still_work(
    root: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["list", "--author", "Dan Reyes", "--status", "PUBLISHED"])
    assert result.exit_code == 0, result.output
    assert "Council freezes ferry fares" in result.stdout


def test_a_section_the_articles_use_counts_as_known(root: Path, runner: CliRunner) -> None:
    folder = root / "content" / "obituaries"
    folder.mkdir()
    text = (root / FERRY).read_text(encoding="utf-8").replace("section: news", "section: obits")
    (folder / "ferry.md").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["list", "--section", "obits", "--no-problems"])
    assert result.exit_code == 0, result.output
    assert "Council freezes" in result.stdout


def test_teaser_of_empty_stdin(root: Path, runner: CliRunner) -> None:
    err = one_line(runner.invoke(app, ["teaser", "-"], input=""))
    assert "standard input is empty" in err
    err = one_line(runner.invoke(app, ["teaser", "-"], input="  \n\n"))
    assert "standard input is empty" in err


def test_roundup_output_with_an_unknown_suffix(root: Path, runner: CliRunner) -> None:
    err = one_line(runner.invoke(app, ["roundup", "--week", "2026-W47", "-o", "issue.docx"]))
    assert ".docx" in err and "md, html, txt, eml, json" in err
    assert not (root / "issue.docx").exists()
    given = runner.invoke(
        app, ["roundup", "--week", "2026-W47", "-o", "issue.docx", "--format", "html"]
    )
    assert given.exit_code == 0, given.output
    assert (root / "issue.docx").read_text(encoding="utf-8").lstrip().startswith("<!")


def test_an_unknown_ignore_code(root: Path, runner: CliRunner) -> None:
    err = one_line(runner.invoke(app, ["validate", "--ignore", "NR9999"]))
    assert "--ignore 'NR9999'" in err


def test_ignore_leaves_out_a_rule(root: Path, runner: CliRunner) -> None:
    piece = root / "content" / "news" / "short.md"
    piece.write_text(
        "---\ntitle: Short headline for a test\nsection: news\nauthors: [daniel-reyes]\n"
        "date: 2026-11-20T09:30:00-05:00\nstatus: draft\n---\nBody.\n",
        encoding="utf-8",
    )
    shown = runner.invoke(app, ["validate", "--fail-on", "warning", str(piece)])
    assert "NR312" in shown.stdout
    hidden = runner.invoke(
        app, ["validate", "--fail-on", "warning", "--ignore", "NR312", str(piece)]
    )
    assert hidden.exit_code == 0, hidden.output
    assert hidden.stdout == "" and hidden.stderr == "1 file checked: no problems\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["schema", "--format", "jsn"],
            "--format 'jsn': expected one of table, json, json-schema (did you mean json?)",
        ),
        (
            ["roundup", "--format", "htm"],
            "--format 'htm': expected one of md, html, txt, eml, json (did you mean html?)",
        ),
        (
            ["teaser", "--format", "jsn", FERRY],
            "--format 'jsn': expected text or json (did you mean json?)",
        ),
        (
            ["validate", "--fail-on", "warn"],
            "--fail-on 'warn': expected error or warning (did you mean warning?)",
        ),
        (
            ["--color", "sometimes", "list"],
            "--color 'sometimes': expected one of auto, always, never",
        ),
    ],
)
def test_choices_are_refused_by_the_parser_in_one_wording(
    root: Path, runner: CliRunner, args: list[str], expected: str
) -> None:
    assert one_line(runner.invoke(app, args)) == f"newsroom: error: {expected}\n"


def test_every_format_option_is_the_shared_one_with_an_enum() -> None:
    from newsroom_cli.cli.app import COMMANDS, load_command

    seen = []
    for name in COMMANDS:
        command = load_command(name)
        for param in getattr(command, "params", []):
            if "--format" in getattr(param, "opts", []):
                seen.append(name)
                assert param.metavar == "FORMAT", name
                assert getattr(param.type, "choices", None), name
    assert sorted(seen) == ["list", "roundup", "schema", "teaser", "validate"]
