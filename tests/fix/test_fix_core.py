"""The safe fixes, tested on real files: what changes, what stays byte for byte."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom_cli.article import parse_article
from newsroom_cli.config import load_config
from newsroom_cli.fix import AmbiguousTimeError, fix_file, normalise_date, unified_diff

NEW_YORK = ZoneInfo("America/New_York")


def write(project: Path, name: str, data: bytes | str) -> Path:
    path = project / "content" / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def fixed(project: Path, name: str, data: bytes | str) -> tuple[bytes, list[str]]:
    path = write(project, name, data)
    result = fix_file(path, load_config(project), write=True)
    assert result.skipped is None, result.skipped
    return path.read_bytes(), [f.key for f in result.fixes]


def test_hugo_date_becomes_iso_with_its_own_offset(project: Path) -> None:
    data, keys = fixed(
        project,
        "a.md",
        "---\ntitle: A headline\nslug: a\ndate: 2012-07-11 12:36:05 -0400\n---\nBody.\n",
    )
    assert keys == ["date"]
    assert data == b"---\ntitle: A headline\nslug: a\ndate: 2012-07-11T12:36:05-04:00\n---\nBody.\n"


def test_naive_time_gets_the_publication_offset_of_that_day(project: Path) -> None:
    text = (
        "---\ntitle: A headline\nslug: a\ndate: 2026-07-01 09:30\nupdated: 2026-12-01 09:30\n---\n"
    )
    data, _ = fixed(project, "a.md", text)
    assert b"date: 2026-07-01T09:30:00-04:00\n" in data
    assert b"updated: 2026-12-01T09:30:00-05:00\n" in data


def test_date_only_stays_a_date(project: Path) -> None:
    data, keys = fixed(project, "a.md", "---\ntitle: T\nslug: t\ndate: 2026-1-5\n---\n")
    assert keys == ["date"]
    assert b"date: 2026-01-05\n" in data
    _, keys = fixed(project, "b.md", "---\ntitle: T\nslug: t\ndate: 2026-01-05\n---\n")
    assert keys == []


def test_missing_slug_is_derived_from_the_title(project: Path) -> None:
    data, keys = fixed(project, "a.md", '---\ntitle: "Ferry fares: what\'s next?"\n---\nBody\n')
    assert keys == ["slug"]
    assert (
        data
        == b'---\ntitle: "Ferry fares: what\'s next?"\nslug: ferry-fares-whats-next\n---\nBody\n'
    )
    data, keys = fixed(project, "b.md", "---\ntitle: Same here\nslug:\n---\n")
    assert keys == ["slug"] and b"slug: same-here\n" in data


def test_status_and_section_letter_case(project: Path) -> None:
    data, keys = fixed(
        project, "a.md", "---\ntitle: T\nslug: t\nstatus: 'Published'\nsection: News\n---\n"
    )
    assert sorted(keys) == ["section", "status"]
    assert b"status: 'published'\nsection: news\n" in data


def test_unknown_values_are_not_guessed(project: Path) -> None:
    _, keys = fixed(
        project,
        "a.md",
        "---\ntitle: T\nslug: t\nstatus: pubished\nsection: Sports\ndate: tomorrow\n---\n",
    )
    assert keys == []


def test_comments_quoting_crlf_bom_and_body_are_kept(project: Path) -> None:
    body = "\r\nFirst paragraph.\r\n\r\n---\r\n\r\nafter a rule: not front matter\r\n"
    text = (
        "\ufeff---\r\n# the desk's note\r\ntitle: 'Fares, frozen'   # headline\r\n"
        'date: "2026-11-20 09:30 -0500"  # filed\r\nstatus: Ready\r\n---' + body
    )
    data, keys = fixed(project, "a.md", text.encode("utf-8"))
    assert data.startswith(b"\xef\xbb\xbf---\r\n# the desk's note\r\n")
    assert b"title: 'Fares, frozen'   # headline\r\n" in data
    assert b'date: "2026-11-20T09:30:00-05:00"  # filed\r\n' in data
    assert (
        b"status: ready\r\nslug: fares-frozen\r\n---" + body.encode()
        == data[data.index(b"status:") :]
    )
    assert sorted(keys) == ["date", "slug", "status"]


def test_aliases_are_fixed_under_the_key_as_written(project: Path) -> None:
    data, keys = fixed(
        project,
        "a.md",
        "---\nheadline: An aliased headline\nslug: x\nlastmod: 2026-11-20 10:00:00 +0100\n---\n",
    )
    assert keys == ["lastmod"]
    assert b"lastmod: 2026-11-20T10:00:00+01:00\n" in data


def test_toml_dates_keep_their_type(project: Path) -> None:
    text = '+++\ntitle = "A TOML article"\nslug = "t"\ndate = 2026-07-01T09:30:00\n+++\nBody\n'
    data, keys = fixed(project, "a.md", text)
    assert keys == ["date"]
    assert b"date = 2026-07-01T09:30:00-04:00\n" in data
    article = parse_article(data)
    assert article.front_matter["date"] == dt.datetime(
        2026, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4))
    )


def test_json_front_matter(project: Path) -> None:
    text = '{\n  "title": "A JSON article",\n  "date": "2026-07-01 09:30"\n}\nBody\n'
    data, keys = fixed(project, "a.md", text)
    assert sorted(keys) == ["date", "slug"]
    assert b'"date": "2026-07-01T09:30:00-04:00"' in data and data.endswith(b"}\nBody\n")


def test_running_twice_changes_nothing(project: Path) -> None:
    text = (
        "---\ntitle: Twice is nice\ndate: 2012-07-11 12:36:05 -0400\nstatus: DRAFT\n"
        "section: Opinion\n---\nBody\n"
    )
    path = write(project, "a.md", text)
    config = load_config(project)
    first = fix_file(path, config, write=True)
    assert first.changed
    after = path.read_bytes()
    second = fix_file(path, config, write=True)
    assert not second.changed and second.fixes == [] and path.read_bytes() == after


def test_duplicate_keys_are_left_alone_with_a_note(project: Path) -> None:
    text = "---\ntitle: Dup\nslug: dup\ndate: 2026-07-01 09:30\ndate: 2026-07-02 09:30\n---\n"
    path = write(project, "a.md", text)
    result = fix_file(path, load_config(project), write=True)
    assert result.fixes == [] and not result.changed
    assert any("duplicate" in note for note in result.notes)
    assert path.read_text() == text


def test_ambiguous_local_time_is_not_guessed(project: Path) -> None:
    text = "---\ntitle: Fall back\nslug: f\ndate: 2026-11-01 01:30\n---\n"
    path = write(project, "a.md", text)
    result = fix_file(path, load_config(project), write=True)
    assert not result.changed and "happens twice" in result.notes[0]
    with pytest.raises(AmbiguousTimeError, match="does not exist"):
        normalise_date("2026-03-08 02:30", NEW_YORK)


def test_unreadable_front_matter_is_skipped(project: Path) -> None:
    path = write(project, "a.md", "---\ntitle: [broken\n---\n")
    result = fix_file(path, load_config(project), write=True)
    assert result.skipped and "cannot be read" in result.skipped
    missing = fix_file(project / "content" / "gone.md", load_config(project))
    assert missing.skipped == "no such file"


def test_diff_without_writing(project: Path) -> None:
    path = write(project, "a.md", "---\ntitle: Diff me\nslug: d\nstatus: Draft\n---\nBody")
    result = fix_file(path, load_config(project), write=False)
    assert path.read_text() == "---\ntitle: Diff me\nslug: d\nstatus: Draft\n---\nBody"
    assert unified_diff(result, "content/a.md") == (
        "--- a/content/a.md\n+++ b/content/a.md\n@@ -1,6 +1,6 @@\n ---\n title: Diff me\n"
        " slug: d\n-status: Draft\n+status: draft\n ---\n Body\n\\ No newline at end of file\n"
    )


_spellings = st.builds(
    lambda y, m, d, h, mi, s, sep, off: (
        f"{y:04d}-{m}-{d} "
        if h is None
        else f"{y:04d}-{m:02d}-{d:02d}{sep}{h:02d}:{mi:02d}{s}{off}"
    ),
    st.integers(1990, 2040),
    st.integers(1, 12),
    st.integers(1, 28),
    st.none() | st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(["", ":00", ":59", ":07.5"]),
    st.sampled_from(["T", " ", "t"]),
    st.sampled_from(["", "Z", " -0400", "+05:30", " UTC", "+01"]),
)


@given(_spellings)
def test_normalising_is_idempotent_and_keeps_the_instant(raw: str) -> None:
    tz = ZoneInfo("Europe/Berlin")
    try:
        first = normalise_date(raw, tz)
    except AmbiguousTimeError:
        return
    if first is None:
        return
    assert normalise_date(first, tz) is None
    from newsroom_cli.dates import parse_date

    assert parse_date(first, tz).value == parse_date(raw, tz).value
