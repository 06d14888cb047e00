"""Round-ups of a bilingual archive: each language's manifest is a file of its own, records
its language, numbers its own issues, and a manifest written before languages were recorded
is still read (as the publication's language)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.roundup.build import BuildOptions, build_issue
from newsroom_cli.roundup.manifest import manifest_path, read_manifest
from newsroom_cli.roundup.message import message_id
from newsroom_cli.roundup.window import week_window

ENV = {"COLUMNS": "80", "TERMINAL_WIDTH": "80", "NO_COLOR": "1"}


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args), env=ENV, catch_exceptions=False)


def post(title: str) -> str:
    return f"---\ntitle: {title}\ndate: 2026-11-17\n---\n\nSome text of the post.\n"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    files = {
        "hugo.toml": 'baseURL = "https://site.example/"\ndefaultContentLanguage = "en"\n'
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
        "content/en/posts/ferry.md": post("Ferry fares frozen"),
        "content/fr/posts/ferry.md": post("Tarifs du ferry gelés"),
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    old = Path.cwd()
    os.chdir(tmp_path)
    result = run("init", "--from", "content")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    yield tmp_path
    os.chdir(old)


def write_manifest(*args: str) -> str:
    result = run("roundup", "--week", "2026-W47", "--write-manifest", "--allow-invalid", *args)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return result.stdout.strip()  # type: ignore[attr-defined,no-any-return]


def test_each_language_has_its_own_manifest_for_the_week(site: Path) -> None:
    assert write_manifest() == "roundups/2026-W47.toml"
    assert write_manifest("--lang", "fr") == "roundups/2026-W47.fr.toml"
    english = read_manifest(site / "roundups/2026-W47.toml")
    french = read_manifest(site / "roundups/2026-W47.fr.toml")
    assert english.language == "en" and french.language == "fr"
    assert [i.path for i in english.items] == ["content/en/posts/ferry.md"]
    assert [i.path for i in french.items] == ["content/fr/posts/ferry.md"]
    # Each language numbers its own issues: the French week is No. 1 too.
    assert english.issue == french.issue == 1
    # Building a language's week uses its manifest, and the JSON says the language.
    built = run("roundup", "--week", "2026-W47", "--lang", "fr", "--format", "json")
    assert "2026-W47.fr.toml" in built.stderr  # type: ignore[attr-defined]
    issue = json.loads(built.stdout)  # type: ignore[attr-defined]
    assert issue["language"] == "fr"
    assert [i["path"] for s in issue["sections"] for i in s["items"]] == [
        "content/fr/posts/ferry.md"
    ]
    # The issue's words are in its language.
    markdown = run("roundup", "--manifest", "roundups/2026-W47.fr.toml", "--format", "md")
    assert "nov. 2026" in markdown.stdout  # type: ignore[attr-defined]
    from_manifest = run("roundup", "--manifest", "roundups/2026-W47.fr.toml", "--format", "json")
    assert json.loads(from_manifest.stdout)["language"] == "fr"  # type: ignore[attr-defined]
    refused = run("roundup", "--manifest", "roundups/2026-W47.fr.toml", "--lang", "en")
    assert refused.exit_code == 2  # type: ignore[attr-defined]
    assert "the manifest is the 'fr' issue" in refused.stderr  # type: ignore[attr-defined]
    # Two languages' issues of one week are two messages.
    config = load_config(site)
    window = week_window("2026-W47", "UTC")
    ids = {
        message_id(
            config,
            build_issue(config, window, BuildOptions(language=lang, allow_invalid=True)).issue,
        )
        for lang in ("en", "fr")
    }
    assert len(ids) == 2


def test_a_manifest_without_a_language_is_the_publications(site: Path) -> None:
    target = site / write_manifest()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('language = "en"\n', ""), encoding="utf-8")
    manifest = read_manifest(target)
    assert manifest.language is None
    built = run("roundup", "--week", "2026-W47", "--format", "json")
    assert built.exit_code == 0, built.output  # type: ignore[attr-defined]
    assert json.loads(built.stdout)["language"] == "en"  # type: ignore[attr-defined]
    config = load_config(site)
    assert manifest_path(config, manifest.window).name == "2026-W47.toml"
    assert manifest_path(config, manifest.window, "fr").name == "2026-W47.fr.toml"
    # The French week still gets its own file and number beside the old manifest.
    assert write_manifest("--lang", "fr") == "roundups/2026-W47.fr.toml"
    assert read_manifest(site / "roundups/2026-W47.fr.toml").issue == 1
