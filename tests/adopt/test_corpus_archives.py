"""The five real archives of ../shared/corpus, adopted as they are with ``init --from``.

For each: every post is dated as its generator dates it, the five busiest ISO weeks' round-ups
hold that week's posts (within the per-section cap) and nothing else, ``validate`` reports no
date error on a date the generator accepts, and every other command runs. Skipped when an
archive is absent; nothing is copied from it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsroom_cli.cli.app import app

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ARCHIVES = {
    "elixir-lang-blog": "_posts",
    "opentelemetry-blog": "content",
    "biome-blog": "src/content/docs",
    "datafusion-blog": "content",
    "digitalgov-news": ".",
}
ENV = {"COLUMNS": "80", "TERMINAL_WIDTH": "80", "NO_COLOR": "1"}
_FILE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")
_DATE_LINE = re.compile(r"^date:\s*['\"]?([0-9][0-9:. T+-]+[0-9Z])['\"]?\s*$", re.MULTILINE)
_OFFSET = re.compile(r"\s*([+-])(\d{1,2}):?(\d{2})?$")


def run(*args: str) -> object:
    result = CliRunner().invoke(app, list(args), env=ENV, catch_exceptions=False)
    return result


def generator_time(name: str, path: Path) -> dt.datetime | None:
    """The moment the archive's generator gives a post, read independently of the toolkit:
    Jekyll's file name (no date key in this archive), else the date line of the metadata
    (naive times and bare days in UTC, the zone init --from writes)."""
    text = path.read_text(encoding="utf-8")
    head = text.split("\n---", 1)[0]
    found = _DATE_LINE.search(head)
    if found:
        value = found[1].strip()
        offset = _OFFSET.search(value) if len(value) > 10 else None
        if offset:
            value = value[: offset.start()] + f"{offset[1]}{int(offset[2]):02d}:{offset[3] or '00'}"
        parts = value.replace("Z", "+00:00").split()
        value = "T".join(parts) if len(parts) == 2 else value
        day_part, _, rest = value.partition("T")
        year, month, day = day_part.split("-")
        value = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        if rest:
            hour, _, tail = rest.partition(":")
            value += f"T{int(hour):02d}:{tail}"
        when = dt.datetime.fromisoformat(value)
        return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    if name == "elixir-lang-blog":
        match = _FILE_DATE.match(path.name)
        assert match is not None
        return dt.datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=dt.UTC)
    return None


@pytest.fixture(scope="module", params=sorted(ARCHIVES))
def adopted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    name = request.param
    folder = CORPUS / name / ARCHIVES[name]
    if not folder.is_dir():
        pytest.skip(f"{name} not present in ../shared/corpus")
    project = tmp_path_factory.mktemp(name.replace("-", "_"))
    old = Path.cwd()
    os.chdir(project)
    try:
        result = run("init", "--from", str(folder))
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        listed = run("list", "--format", "json", "--no-problems", "--no-cache")
        assert listed.exit_code == 0, listed.output  # type: ignore[attr-defined]
        rows = json.loads(listed.stdout)  # type: ignore[attr-defined]
        yield {"name": name, "folder": folder, "project": project, "rows": rows, "init": result}
    finally:
        os.chdir(old)


def test_init_reports_what_it_learned(adopted: dict) -> None:
    text = (adopted["project"] / "newsroom.toml").read_text(encoding="utf-8")
    assert "[conventions]" in text
    report = adopted["init"].stderr
    assert "generator:" in report and "posts are dated" in report


def test_every_post_is_dated_as_its_generator_dates_it(adopted: dict) -> None:
    rows = adopted["rows"]
    assert rows
    for row in rows:
        path = (adopted["project"] / row["path"]).resolve()
        expected = generator_time(adopted["name"], path)
        assert row["date"] is not None, row["path"]
        if expected is not None:
            assert dt.datetime.fromisoformat(row["date"]) == expected, row["path"]
        assert row["sources"]["date"] in ("key:date", "filename"), row


def test_round_ups_of_the_busiest_weeks_hold_that_weeks_posts(adopted: dict) -> None:
    os.chdir(adopted["project"])
    config = (adopted["project"] / "newsroom.toml").read_text(encoding="utf-8")
    default = re.search(
        r'^\[conventions\.language\][^\[]*?default = "([^"]+)"', config, re.S | re.M
    )
    language = default[1] if default else "en"
    rows = [r for r in adopted["rows"] if r["language"] == language]
    weeks: Counter[str] = Counter()
    for row in rows:
        year, week, _ = dt.date.fromisoformat(row["date"][:10]).isocalendar()
        weeks[f"{year}-W{week:02d}"] += 1
    for week, _ in weeks.most_common(5):
        result = run("roundup", "--week", week, "--format", "json", "--allow-invalid")
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        issue = json.loads(result.stdout)  # type: ignore[attr-defined]
        project = adopted["project"]
        paths = [
            (project / item["path"]).resolve() for s in issue["sections"] for item in s["items"]
        ]
        in_week = [
            r
            for r in rows
            if week == "{}-W{:02d}".format(*dt.date.fromisoformat(r["date"][:10]).isocalendar()[:2])
        ]
        expected = {(project / r["path"]).resolve() for r in in_week if r["status"] != "draft"}
        assert set(paths) <= expected, week
        by_section = Counter(
            r["section"] for r in in_week if (project / r["path"]).resolve() in expected
        )
        assert len(paths) == sum(min(n, 5) for n in by_section.values()), week


def test_validate_reports_no_date_error_on_a_date_the_generator_accepts(adopted: dict) -> None:
    os.chdir(adopted["project"])
    result = run("validate", "--format", "json")
    assert result.exit_code in (0, 1), result.output  # type: ignore[attr-defined]
    assert "NR302" not in result.stdout  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", [["list"], ["schema"], ["validate"]])
def test_other_commands_run(adopted: dict, command: list[str]) -> None:
    os.chdir(adopted["project"])
    result = run(*command)
    assert result.exit_code in (0, 1), result.output  # type: ignore[attr-defined]


def test_preview_and_teaser_of_a_post(adopted: dict) -> None:
    os.chdir(adopted["project"])
    path = adopted["rows"][len(adopted["rows"]) // 2]["path"]
    for command in (["preview", path], ["teaser", path]):
        result = run(*command)
        assert result.exit_code in (0, 1), result.output  # type: ignore[attr-defined]


_RAW_TAG = re.compile(
    r"\{\{<|>\}\}|\{\{%|%\}\}|\{%|%\}|\{\{[^}]*\|[^}]*\}\}|\[TOC\]"
    r"|^\s*import\s.+\sfrom\s['\"]|^:::",
    re.MULTILINE,
)


def _outside_code(tokens: list) -> list:
    found = []
    for token in tokens:
        if token.type in ("fence", "code_block", "code_inline"):
            continue
        found.append(token)
        found.extend(_outside_code(token.children or []))
    return found


def test_no_raw_template_tag_in_a_preview_outside_code(adopted: dict) -> None:
    """What preview renders of each post (every fourth of the largest archive) holds no raw
    Liquid, Nunjucks, Hugo or Zola tag, [TOC], MDX import or ::: aside outside code."""
    from newsroom_cli.article import load_article
    from newsroom_cli.config import load_config
    from newsroom_cli.preview import body_tokens, tag_context

    assert _RAW_TAG.search('text {{< figure src="x" >}} text') is not None
    config = load_config(adopted["project"])
    rows = adopted["rows"]
    step = 4 if len(rows) > 1000 else 1
    for row in rows[::step]:
        path = adopted["project"] / row["path"]
        article = load_article(path, schema=config.schema, conventions=config.conventions)
        tokens = body_tokens(article.body_text, hyperlinks=False, context=tag_context(article))
        raw = [m[0] for t in _outside_code(tokens) for m in _RAW_TAG.finditer(t.content or "")]
        assert raw == [], row["path"]


def test_jekyll_space_separated_tags_are_words(adopted: dict) -> None:
    if adopted["name"] != "elixir-lang-blog":
        pytest.skip("the Jekyll archive writes tags as space-separated strings")
    tagged = [r for r in adopted["rows"] if r["tags"]]
    assert len(tagged) == 17
    assert all(" " not in tag for r in tagged for tag in r["tags"])
    assert any(len(r["tags"]) > 1 for r in tagged)
