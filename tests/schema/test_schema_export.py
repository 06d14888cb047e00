"""`newsroom schema`: the table, JSON, and a JSON Schema that editors' tooling can use."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsroom_cli.article import load_article, parse_article
from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.dates import parse_date
from newsroom_cli.schema_export import DATE_TEXT_PATTERN, to_json_schema
from tests.conftest import EXAMPLES, expect_text

EXPECTED = Path(__file__).resolve().parent.parent / "expected" / "schema"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    config = load_config(EXAMPLES)
    schema = to_json_schema(config.schema, config)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def example_articles() -> list[Path]:
    return sorted((EXAMPLES / "content").rglob("*.md"))


@pytest.mark.parametrize("path", example_articles(), ids=lambda p: p.stem)
def test_every_example_article_passes(validator: Any, path: Path) -> None:
    article = load_article(path)
    errors = [e.message for e in validator.iter_errors(article.front_matter)]
    assert errors == []


GOOD = """\
title: A headline long enough
dek: A dek that is long enough to pass the forty character minimum.
section: news
authors: [daniel-reyes]
date: 2026-11-20T09:30:00-05:00
status: draft
"""


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ("status: Pubished", "is not one of"),
        ("section: sports", "is not one of"),
        ("date: next tuesday", "does not match"),
        ("slug: Not A Slug", "does not match"),
        ("tags: [ferries, ferrys]", "is not valid under any"),
        ("authors: [nobody-here]", "is not valid under any"),
        ("featured: maybe", "is not of type 'boolean'"),
        ("title: Short", "is too short"),
        ("image: a-picture.jpg", "is not of type 'object'"),
    ],
)
def test_a_broken_field_is_caught(validator: Any, change: str, needle: str) -> None:
    key = change.split(":")[0]
    lines = [line for line in GOOD.splitlines() if not line.startswith(f"{key}:")]
    article = parse_article("---\n" + "\n".join([*lines, change]) + "\n---\n")
    messages = [e.message for e in validator.iter_errors(article.front_matter)]
    assert any(needle in m for m in messages), messages


def test_aliases_are_accepted_and_required_fields_checked(validator: Any) -> None:
    aliased = GOOD.replace("title:", "headline:").replace("authors:", "author:")
    article = parse_article(f"---\n{aliased}---\n")
    assert list(validator.iter_errors(article.front_matter)) == []
    missing = "\n".join(line for line in GOOD.splitlines() if not line.startswith("title"))
    article = parse_article(f"---\n{missing}\n---\n")
    assert not validator.is_valid(article.front_matter)
    unknown = parse_article(f"---\n{GOOD}kicker_colour: red\n---\n")
    assert validator.is_valid(unknown.front_matter)
    # An empty optional field is accepted, as validate treats it as absent; not a required one.
    empty = parse_article(f"---\n{GOOD}kicker:\ntags:\nfeatured:\n---\n")
    assert list(validator.iter_errors(empty.front_matter)) == []
    assert not validator.is_valid(parse_article(f"---\n{GOOD}title:\n---\n").front_matter)


@pytest.mark.parametrize(
    "spelling",
    [
        "2026-11-20",
        "2026-1-5",
        "2026-11-20T09:30:00-05:00",
        "2026-11-20T09:30:00Z",
        "2012-07-11 12:36:05 -0400",
        "2026-11-20 09:30",
        "2026-11-20t09:30:00.250+01",
        "2026-11-20 09:30 UTC",
    ],
)
def test_date_pattern_accepts_what_the_loader_reads(spelling: str) -> None:
    parse_date(spelling, dt.UTC)
    assert re.search(DATE_TEXT_PATTERN, spelling)


@given(st.from_regex(DATE_TEXT_PATTERN, fullmatch=True))
def test_what_the_pattern_accepts_reads_as_a_date(text: str) -> None:
    try:
        parse_date(text, dt.UTC)
    except ValueError as exc:
        # The pattern checks the spelling, not the calendar (2026-02-31) or offset range.
        assert "not a valid" in str(exc)


def run(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, ["-C", str(EXAMPLES), "schema", *args])
    assert result.exit_code == 0, result.output
    return result


def test_table(runner: CliRunner, request: pytest.FixtureRequest) -> None:
    result = run(runner)
    expect_text(result.stdout, EXPECTED / "examples-table.txt", request)


def test_json_lists_every_field(runner: CliRunner) -> None:
    data = json.loads(run(runner, "--format", "json").stdout)
    assert data["version"] == 1
    names = [f["name"] for f in data["fields"]]
    assert names[:3] == ["title", "dek", "slug"]
    section = next(f for f in data["fields"] if f["name"] == "section")
    assert section["allowed"] == ["news", "analysis", "opinion", "features"]


def test_json_schema_on_stdout_only(runner: CliRunner) -> None:
    result = run(runner, "-f", "json-schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is True
    assert result.stderr == ""


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["-C", str(EXAMPLES), "schema", "--format", "xml"])
    assert result.exit_code == 2


def test_the_real_archive_fits_the_schema_init_from_wrote(
    corpus: Path, tmp_path: Path, runner: CliRunner
) -> None:
    from newsroom_cli.discover import discover

    result = runner.invoke(app, ["-C", str(tmp_path), "init", "--from", str(corpus)])
    assert result.exit_code == 0, result.output
    config = load_config(tmp_path)
    validator = jsonschema.Draft202012Validator(to_json_schema(config.schema, config))
    paths = discover(config)
    failing = [p for p in paths if not validator.is_valid(load_article(p).front_matter)]
    # What remains are true slips: empty or placeholder summaries, a numeric slug, ...
    assert len(paths) == 2083 and len(failing) < 0.03 * len(paths)
