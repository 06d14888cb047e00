"""Dates as newsrooms write them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom_cli.dates import format_iso, parse_date

NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("raw", "expected", "has_offset"),
    [
        ("2026-11-17T09:30:00-05:00", "2026-11-17T09:30:00-05:00", True),
        ("2026-11-17T14:30:00Z", "2026-11-17T14:30:00+00:00", True),
        ("2012-07-11 12:36:05 -0400", "2012-07-11T12:36:05-04:00", True),
        ("2026-11-17 09:30", "2026-11-17T09:30:00-05:00", False),
        ("2026-07-01T09:30:00", "2026-07-01T09:30:00-04:00", False),
        ("2026-11-17", "2026-11-17T00:00:00-05:00", False),
        ("2026-11-17T09:30:00.250+01:00", "2026-11-17T09:30:00+01:00", True),
    ],
)
def test_spellings(raw: str, expected: str, has_offset: bool) -> None:
    parsed = parse_date(raw, NY)
    assert format_iso(parsed.value) == expected
    assert parsed.has_offset is has_offset


@pytest.mark.parametrize(
    "raw",
    [
        "yesterday",
        "2026-13-01",
        "2026-02-30T10:00:00Z",
        "",
        3,
        "2026-11-17T25:00",
        "2026-11-17T10:00+25:00",
    ],
)
def test_not_dates(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_date(raw, NY)


def test_date_objects() -> None:
    assert parse_date(dt.date(2026, 11, 17), NY).has_time is False
    aware = dt.datetime(2026, 11, 17, 9, tzinfo=dt.UTC)
    assert parse_date(aware, NY).value == aware


@given(st.text(max_size=40))
def test_any_text_is_a_date_or_a_value_error(raw: str) -> None:
    try:
        parse_date(raw, NY)
    except ValueError:
        pass
