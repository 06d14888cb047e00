"""The real archive (2,083 Hugo posts): every file judged, no crash, the known findings."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from typer.testing import CliRunner

from newsroom_cli.cli.app import app

# What `newsroom init --from` should write for this archive: its field names and aliases,
# no section or status, summary as the dek, topics as tags, slugs up to its longest.
ARCHIVE_CONFIG = """\
[publication]
name = "Digital.gov"
base_url = "https://digital.gov"
timezone = "America/New_York"

[paths]
content = "{content}"
pattern = "{{date:%Y}}/{{date:%m}}/{{date:%Y-%m-%d}}-{{slug}}.md"

[fields.dek]
aliases = ["summary"]
max_length = 1000
[fields.slug]
max_length = 120
[fields.deck]
type = "text"
[fields.section]
required = false
[fields.status]
required = false
[fields.authors]
required = false
[fields.expirydate]
type = "date"
[fields.weight]
type = "number"
[fields.source]
type = "string"
[fields.source_url]
type = "string"
[fields.primary_image]
type = "string"
[fields.featured_image]
type = "mapping"
[fields.aliases]
type = "list"
[fields.redirectto]
type = "string"
"""


def test_archive_validates_with_true_findings(
    corpus: Path, tmp_path: Path, runner: CliRunner
) -> None:
    config = tmp_path / "newsroom.toml"
    config.write_text(ARCHIVE_CONFIG.format(content=corpus.as_posix()), encoding="utf-8")
    result = runner.invoke(
        app, ["--config", str(config), "validate", "--format", "json", "--no-cache", str(corpus)]
    )
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert data["files"] == 2083
    files: dict[str, set[str]] = defaultdict(set)
    for problem in data["problems"]:
        files[problem["code"]].add(problem["path"])
        assert problem["line"] >= 1 and problem["column"] >= 1
    assert len(files["NR104"]) == 13  # duplicate keys
    assert len(files["NR109"]) == 4  # blank lines before the opening ---
    assert len(files["NR107"]) == 2  # CRLF line endings
    assert not files["NR100"] and not files["NR102"]  # every file read and parsed
    assert len(files["NR301"]) == 4  # the dates with a time but no offset
    assert data["summary"]["errors"] + data["summary"]["warnings"] == len(data["problems"])


def test_archive_with_the_config_init_from_writes(
    corpus: Path, tmp_path: Path, runner: CliRunner
) -> None:
    result = runner.invoke(
        app, ["init", "--from", str(corpus), "--timezone", "America/New_York", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app,
        [
            "--config",
            str(tmp_path / "newsroom.toml"),
            "validate",
            "--format",
            "json",
            "--no-cache",
            str(corpus),
        ],
    )
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert data["files"] == 2083
    files: dict[str, set[str]] = defaultdict(set)
    for problem in data["problems"]:
        files[problem["code"]].add(problem["path"])
    assert (len(files["NR104"]), len(files["NR109"]), len(files["NR107"])) == (13, 4, 2)
    assert not files["NR100"] and not files["NR102"] and not files["NR207"]
