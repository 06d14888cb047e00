"""Time windows: ISO weeks and explicit ranges in the publication's zone, for the round-up
and for ``list --week/--since/--until`` alike.

A window is half-open, ``[start, end)``, with both ends at local wall-clock times of the
publication's zone. An ISO week runs from Monday 00:00 to the next Monday 00:00, so a week
that crosses a daylight-saving change lasts seven days plus or minus an hour. Membership
is decided on absolute instants, so a piece dated Sunday 23:30 in New York belongs to its
week although it is already Monday in UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from newsroom_cli.dates import MAX_YEAR, MIN_YEAR, format_iso, get_zone, parse_date
from newsroom_cli.errors import BadValue, Conflict, NewsroomError

_WEEK_RE = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


@dataclass(frozen=True)
class Window:
    """A half-open time window ``[start, end)`` in one IANA zone.

    ``week`` is the ISO week label (``2026-W47``) when the window is exactly one ISO week,
    else ``None``.
    """

    start: dt.datetime
    end: dt.datetime
    timezone: str
    week: str | None = None

    def contains(self, when: dt.datetime) -> bool:
        """Whether the aware datetime ``when`` falls inside the window."""
        instant = when.astimezone(dt.UTC)
        return self.start.astimezone(dt.UTC) <= instant < self.end.astimezone(dt.UTC)

    @property
    def zone(self) -> ZoneInfo:
        """The window's time zone."""
        return get_zone(self.timezone)

    @property
    def duration(self) -> dt.timedelta:
        """The elapsed time between start and end (a DST week is 7 days ± 1 hour)."""
        return self.end.astimezone(dt.UTC) - self.start.astimezone(dt.UTC)

    @property
    def last_day(self) -> dt.date:
        """The last local calendar day the window touches."""
        return (self.end - dt.timedelta(microseconds=1)).astimezone(self.zone).date()

    @property
    def label(self) -> str:
        """``2026-W47`` for a week, else ``2026-11-16..2026-11-23`` (end exclusive)."""
        if self.week:
            return self.week
        return f"{_short(self.start)}..{_short(self.end)}"

    @property
    def file_stem(self) -> str:
        """A file name for this window's manifest, without the suffix."""
        if self.week:
            return self.week
        return f"{_stamp(self.start)}--{_stamp(self.end)}"

    def describe(self) -> str:
        """One line for people: label, both ends with offsets, and the zone."""
        return (
            f"{self.label}: {format_iso(self.start)} to {format_iso(self.end)} "
            f"(end excluded), {self.timezone}"
        )


def _short(value: dt.datetime) -> str:
    if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
        return value.date().isoformat()
    return format_iso(value)


def _stamp(value: dt.datetime) -> str:
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%dT%H%M%S")


class EmptyWindow(NewsroomError):
    """A window whose start is not before its end (the end is excluded)."""

    def __init__(self, *, start: str, end: str) -> None:
        super().__init__(
            f"the window is empty: its start {start} is not before its end {end}",
            hint="the end is excluded: 2026-11-16 to 2026-11-23 is one week",
        )
        self.start = start
        self.end = end


def parse_week(text: str) -> tuple[int, int]:
    """Read ``YYYY-Www`` (ISO year and week); raises :class:`NewsroomError` when invalid."""
    match = _WEEK_RE.match(text)
    if match is None:
        raise BadValue(field="week", value=text, problem="expected an ISO week such as 2026-W47")
    year, week = int(match[1]), int(match[2])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadValue(
            field="week", value=text, problem=f"year out of range ({MIN_YEAR} to {MAX_YEAR})"
        )
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        weeks = dt.date(year, 12, 28).isocalendar().week
        raise BadValue(
            field="week", value=text, problem=f"ISO year {year} has weeks 1 to {weeks}"
        ) from None
    return year, week


def _local_midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """Local 00:00 of ``day``; where midnight is skipped by a DST change, the first instant."""
    naive = dt.datetime(day.year, day.month, day.day)
    local = naive.replace(tzinfo=zone)
    # A non-existent wall time does not survive a round trip through UTC.
    back = local.astimezone(dt.UTC).astimezone(zone)
    if back.replace(tzinfo=None) != naive:
        return back.replace(fold=0)
    return local


def week_label(day: dt.date) -> str:
    """The ISO week label of a calendar day, e.g. ``2027-01-01`` → ``2026-W53``."""
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def week_window(week: str, timezone: str) -> Window:
    """The ISO week ``YYYY-Www`` as a window from Monday 00:00 to the next Monday 00:00 local."""
    year, number = parse_week(week)
    zone = get_zone(timezone)
    monday = dt.date.fromisocalendar(year, number, 1)
    return Window(
        start=_local_midnight(monday, zone),
        end=_local_midnight(monday + dt.timedelta(days=7), zone),
        timezone=timezone,
        week=f"{year}-W{number:02d}",
    )


def current_week(timezone: str, now: dt.datetime) -> Window:
    """The current ISO week so far: from this Monday 00:00 local to ``now`` (to the second)."""
    zone = get_zone(timezone)
    local_now = now.astimezone(zone).replace(microsecond=0)
    full = week_window(week_label(local_now.date()), timezone)
    return Window(start=full.start, end=local_now, timezone=timezone, week=None)


def _bound(text: str, zone: ZoneInfo, field: str) -> dt.datetime:
    try:
        parsed = parse_date(text, zone)
    except ValueError as exc:
        raise BadValue(field=field, problem=str(exc)) from None
    if not parsed.has_time:
        return _local_midnight(parsed.value.date(), zone)
    return parsed.value.astimezone(zone)


def explicit_window(
    since: str | None, until: str | None, timezone: str, now: dt.datetime
) -> Window:
    """A window from ``--since``/``--until`` (dates are local midnight; the end is excluded).

    Without ``until`` the window ends now; without ``since`` it starts seven days before
    ``until``.
    """
    zone = get_zone(timezone)
    end = (
        _bound(until, zone, "until")
        if until is not None
        else now.astimezone(zone).replace(microsecond=0)
    )
    if since is not None:
        start = _bound(since, zone, "since")
    else:
        start = (
            _local_midnight(end.date() - dt.timedelta(days=7), zone)
            if _is_midnight(end)
            else end - dt.timedelta(days=7)
        )
    if start >= end:
        raise EmptyWindow(start=format_iso(start), end=format_iso(end))
    week = None
    if _is_midnight(start) and start.weekday() == 0:
        candidate = week_window(week_label(start.date()), timezone)
        if candidate.start == start and candidate.end == end:
            week = candidate.week
    return Window(start=start, end=end, timezone=timezone, week=week)


def _is_midnight(value: dt.datetime) -> bool:
    return (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)


def resolve_window(
    *,
    timezone: str,
    now: dt.datetime,
    week: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Window:
    """The window the options ask for: ``week``, else ``since``/``until``, else this week."""
    if week is not None and (since is not None or until is not None):
        raise Conflict(field="week", others=("since", "until"))
    if week is not None:
        return week_window(week, timezone)
    if since is not None or until is not None:
        return explicit_window(since, until, timezone, now)
    return current_week(timezone, now)


def window_from_strings(start: str, end: str, timezone: str, week: str | None) -> Window:
    """Rebuild a stored window (ISO 8601 ends with offsets) in ``timezone``."""
    zone = get_zone(timezone)
    try:
        begin = parse_date(start, zone).value.astimezone(zone)
        finish = parse_date(end, zone).value.astimezone(zone)
    except ValueError as exc:
        raise NewsroomError(f"window: {exc}") from None
    if begin >= finish:
        raise NewsroomError("window: start is not before end")
    return Window(start=begin, end=finish, timezone=timezone, week=week)
