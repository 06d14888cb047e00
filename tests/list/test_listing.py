"""`list`'s core (listing.py): rows, filters, sorting, totals and the row cache."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "preview"))

from preview_support import copy_examples, write_article

from newsroom_cli import listing
from newsroom_cli.config import load_config
from newsroom_cli.listing import (
    CACHE_DIR,
    CACHE_NAME,
    Filters,
    InventoryRow,
    scan,
    select,
    sort_rows,
    totals,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_examples(tmp_path)


def test_rows_from_front_matter(root: Path) -> None:
    config = load_config(root)
    rows = {row.slug: row for row in scan(config)}
    assert len(rows) == 16
    ferry = rows["council-freezes-ferry-fares"]
    assert ferry.path == "content/news/2026/11/council-freezes-ferry-fares.md"
    assert ferry.date == "2026-11-10T21:15:00-05:00"
    assert (ferry.section, ferry.status, ferry.authors) == ("news", "published", ("daniel-reyes",))
    assert ferry.tags == ("ferries", "transport", "city-hall", "budget")
    assert ferry.title == "Council freezes ferry fares through next summer, for now"
    assert 400 < ferry.words < 450 and ferry.reading_minutes == 2
    assert (ferry.errors, ferry.warnings, ferry.problems) == (0, 0, 0)
    # Sunday 23:30 in New York is Monday in UTC; the row keeps the local date.
    assert rows["water-main-break-closes-harbor-avenue"].date.startswith("2026-11-22T23:30")


def test_problem_counts_match_validate(root: Path) -> None:
    write_article(
        root,
        "news/2026/11/bad.md",
        "title: Short\nsection: sports\nauthors: [nobody]\nstatus: done",
        "Body.\n",
    )
    config = load_config(root)
    rows = {row.path: row for row in scan(config)}
    bad = rows["content/news/2026/11/bad.md"]
    assert bad.errors and bad.errors >= 4
    from newsroom_cli.rules import validate_paths

    report = validate_paths(config, [root / bad.path], use_cache=False)
    assert bad.problems == len(report.problems)


def test_without_problems(root: Path) -> None:
    rows = scan(load_config(root), problems=False)
    assert all(row.problems is None for row in rows)
    assert totals(rows).with_problems is None


def test_unreadable_and_bare_files_are_listed(root: Path) -> None:
    (root / "content" / "binary.md").write_bytes(b"\x00\x01")
    (root / "content" / "bare.md").write_text("No front matter.\n", encoding="utf-8")
    rows = {row.path: row for row in scan(load_config(root))}
    assert rows["content/binary.md"].errors == 1
    assert rows["content/bare.md"].title == "" and rows["content/bare.md"].errors


def test_filters(root: Path) -> None:
    config = load_config(root)
    rows = scan(config)

    def slugs(**given: object) -> set[str | None]:
        return {row.slug for row in select(config, rows, Filters(**given))}  # type: ignore[arg-type]

    assert len(slugs(statuses=("DRAFT", "review"))) == 4
    assert len(slugs(sections=("opinion",))) == 3
    assert slugs(authors=("Dan Reyes",)) == slugs(authors=("daniel-reyes",))
    assert len(slugs(authors=("Dan Reyes",))) == 3
    assert len(slugs(tags=("ferries",))) >= 2
    assert slugs(statuses=("ready",), sections=("news",)) == {
        "school-board-sets-vote-on-eastside-closure"
    }
    from newsroom_cli.roundup.window import week_window

    week = week_window("2026-W47", config.publication.timezone)
    in_week = slugs(start=week.start, end=week.end)
    assert "water-main-break-closes-harbor-avenue" in in_week
    assert len(in_week) == 6
    since = dt.datetime(2026, 11, 23, tzinfo=config.tz)
    assert len(slugs(start=since)) == 5


def test_sorting(root: Path) -> None:
    config = load_config(root)
    rows = scan(config)
    by_date = sort_rows(config, rows, "date")
    dates = [row.date for row in by_date]
    assert dates == sorted(dates, key=lambda d: dt.datetime.fromisoformat(d or ""))
    assert sort_rows(config, rows, "date", reverse=True) == by_date[::-1]
    sections = [row.section for row in sort_rows(config, rows, "section")]
    assert sections == sorted(sections, key=["news", "analysis", "opinion", "features"].index)
    statuses = [row.status for row in sort_rows(config, rows, "status")]
    assert statuses[0] == "draft" and statuses[-1] == "published"
    titles = [row.title.casefold() for row in sort_rows(config, rows, "title")]
    assert titles == sorted(titles)


def test_totals(root: Path) -> None:
    summary = totals(scan(load_config(root)))
    assert summary.articles == 16
    assert summary.by_status == {"draft": 2, "review": 2, "ready": 1, "published": 11}
    assert summary.describe().startswith("16 articles (2 draft, 2 review, 1 ready, 11 published); ")


def test_cache_is_reused_and_refreshed(root: Path) -> None:
    config = load_config(root)
    first = scan(config)
    cache_file = root / CACHE_DIR / CACHE_NAME
    assert cache_file.is_file()
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    assert len(stored["rows"]) == 16
    assert scan(config) == first

    before = next(row for row in first if row.slug == "council-freezes-ferry-fares")
    path = root / before.path
    text = path.read_text(encoding="utf-8").replace("status: published", "status: draft", 1)
    path.write_text(text + "\nTwo more words.\n", encoding="utf-8")
    changed = {row.path: row for row in scan(config)}[before.path]
    assert changed.status == "draft" and changed.words == before.words + 3
    # Just modified: not cached yet, since a second edit could keep the same timestamp.
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    assert str(path) not in stored["rows"]


def test_cache_is_dropped_when_the_configuration_changes(root: Path) -> None:
    scan(load_config(root))
    cache_file = root / CACHE_DIR / CACHE_NAME
    before = json.loads(cache_file.read_text(encoding="utf-8"))["fingerprint"]
    config_file = root / "newsroom.toml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace(
            'name = "Tom Whitlock"', 'name = "Thomas Whitlock"'
        ),
        encoding="utf-8",
    )
    scan(load_config(root))
    assert json.loads(cache_file.read_text(encoding="utf-8"))["fingerprint"] != before


def test_a_damaged_cache_is_ignored(root: Path) -> None:
    config = load_config(root)
    expected = scan(config, use_cache=False)
    cache_file = root / CACHE_DIR / CACHE_NAME
    cache_file.parent.mkdir(exist_ok=True)
    cache_file.write_text("{not json", encoding="utf-8")
    assert scan(config) == expected
    cache_file.write_text(
        json.dumps(
            {"fingerprint": listing.config_fingerprint(config), "rows": {"x": [1, {"bad": 1}]}}
        ),
        encoding="utf-8",
    )
    assert scan(config) == expected


def test_no_cache_without_a_configuration_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_article(tmp_path, "a.md", "title: A title long enough here", "Body.\n")
    monkeypatch.chdir(tmp_path)
    rows = scan(load_config(tmp_path))
    assert len(rows) == 1
    assert not (tmp_path / CACHE_DIR / CACHE_NAME).exists()


def test_parallel_reading_gives_the_same_rows(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(root)
    serial = scan(config, use_cache=False, jobs=1, problems=False)
    monkeypatch.setattr(listing, "PARALLEL_THRESHOLD", 2)
    parallel = scan(config, use_cache=False, jobs=2, problems=False)
    assert parallel == serial


def test_as_dict_has_every_field() -> None:
    row = InventoryRow(
        "p.md", None, None, None, None, "T", None, None, None, ("a",), (), False, 3, 1, 1, 2
    )
    data = row.as_dict()
    assert set(data) == set(listing.FIELD_NAMES)
    assert data["problems"] == 3 and data["authors"] == ["a"]


def test_cache_is_dropped_when_the_toolkits_code_changes(root: Path) -> None:
    # list's rows used to be keyed on the version and configuration only, so a checkout of
    # other code answered from rows the old code had made; both caches now share one policy.
    import os

    import newsroom_cli.wordcount as module

    config = load_config(root)
    first = scan(config)
    cache_file = root / CACHE_DIR / CACHE_NAME
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    # Mark one cached row so that a cache hit shows: the old code's row, kept.
    key = next(k for k in stored["rows"] if k.endswith("council-freezes-ferry-fares.md"))
    stored["rows"][key][1][list(listing.row_values(first[0])).index(first[0].title)] = "OLD"
    cache_file.write_text(json.dumps(stored), encoding="utf-8")
    assert "OLD" in [row.title for row in scan(config)]

    source = Path(module.__file__ or "")
    info = source.stat()
    try:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        assert "OLD" not in [row.title for row in scan(config)]
    finally:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
