"""ISO weeks and explicit windows in the publication's zone."""

from __future__ import annotations

import datetime as dt

import pytest

from newsroom_cli.errors import NewsroomError
from newsroom_cli.roundup.window import (
    current_week,
    explicit_window,
    resolve_window,
    week_label,
    week_window,
)

NY = "America/New_York"


def test_week_is_monday_to_monday_local() -> None:
    window = week_window("2026-W47", NY)
    assert window.start.isoformat() == "2026-11-16T00:00:00-05:00"
    assert window.end.isoformat() == "2026-11-23T00:00:00-05:00"
    assert window.week == "2026-W47"
    assert window.duration == dt.timedelta(days=7)


def test_sunday_2330_in_new_york_belongs_to_its_week_though_monday_in_utc() -> None:
    late_sunday = dt.datetime.fromisoformat("2026-11-22T23:30:00-05:00")
    assert late_sunday.astimezone(dt.UTC).weekday() == 0
    assert week_window("2026-W47", NY).contains(late_sunday)
    assert not week_window("2026-W48", NY).contains(late_sunday)


def test_start_is_included_and_end_excluded() -> None:
    window = week_window("2026-W47", NY)
    assert window.contains(window.start)
    assert not window.contains(window.end)
    assert window.contains(window.end - dt.timedelta(seconds=1))


def test_week_with_the_autumn_dst_change_is_an_hour_longer() -> None:
    # New York leaves daylight time on Sunday, Nov. 1, 2026, the last day of 2026-W44.
    window = week_window("2026-W44", NY)
    assert window.start.isoformat() == "2026-10-26T00:00:00-04:00"
    assert window.end.isoformat() == "2026-11-02T00:00:00-05:00"
    assert window.duration == dt.timedelta(days=7, hours=1)
    assert week_window("2026-W45", NY).duration == dt.timedelta(days=7)


def test_week_with_the_spring_dst_change_is_an_hour_shorter() -> None:
    window = week_window("2026-W10", NY)
    assert window.duration == dt.timedelta(days=6, hours=23)


def test_iso_year_2026_has_53_weeks_and_new_year_2027_is_in_it() -> None:
    assert week_label(dt.date(2027, 1, 1)) == "2026-W53"
    window = week_window("2026-W53", NY)
    assert window.start.date() == dt.date(2026, 12, 28)
    assert window.end.date() == dt.date(2027, 1, 4)
    assert window.contains(dt.datetime(2027, 1, 1, 12, tzinfo=window.zone))


def test_a_year_without_week_53_is_refused() -> None:
    with pytest.raises(NewsroomError, match="weeks 1 to 52"):
        week_window("2025-W53", NY)


@pytest.mark.parametrize("text", ["2026-47", "W47", "2026-W", "2026-W0", "next week"])
def test_bad_week_text_is_a_usage_error(text: str) -> None:
    with pytest.raises(NewsroomError) as info:
        week_window(text, NY)
    assert info.value.exit_code == 2


def test_explicit_dates_are_local_midnights_and_a_full_week_gets_its_label() -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    window = explicit_window("2026-11-16", "2026-11-23", NY, now)
    assert window == week_window("2026-W47", NY)
    other = explicit_window("2026-11-18", "2026-11-20T12:00", NY, now)
    assert other.week is None
    assert other.end.isoformat() == "2026-11-20T12:00:00-05:00"
    assert other.label == "2026-11-18..2026-11-20T12:00:00-05:00"


def test_explicit_window_must_not_be_empty() -> None:
    with pytest.raises(NewsroomError, match="empty"):
        explicit_window("2026-11-23", "2026-11-16", NY, dt.datetime.now(dt.UTC))


def test_default_is_the_current_week_so_far() -> None:
    now = dt.datetime(2026, 11, 24, 3, 30, tzinfo=dt.UTC)  # Monday 22:30 in New York
    window = current_week(NY, now)
    assert window.start.isoformat() == "2026-11-23T00:00:00-05:00"
    assert window.end.isoformat() == "2026-11-23T22:30:00-05:00"
    assert resolve_window(timezone=NY, now=now) == window


def test_week_and_since_cannot_be_combined() -> None:
    with pytest.raises(NewsroomError, match="cannot be combined"):
        resolve_window(
            timezone=NY, now=dt.datetime.now(dt.UTC), week="2026-W47", since="2026-11-16"
        )


def test_other_zones_decide_their_own_weeks() -> None:
    tokyo = week_window("2026-W47", "Asia/Tokyo")
    assert tokyo.start.isoformat() == "2026-11-16T00:00:00+09:00"
    # A New York Sunday evening is already Monday of the next week in Tokyo.
    evening = dt.datetime.fromisoformat("2026-11-22T20:00:00-05:00")
    assert not tokyo.contains(evening)
    assert week_window("2026-W48", "Asia/Tokyo").contains(evening)
