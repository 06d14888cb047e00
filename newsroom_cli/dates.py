"""Parsing and formatting of article dates, in one place.

YAML parsers disagree about dates: PyYAML turns ``2026-11-20`` into a ``date``, keeps Hugo's
``2012-07-11 12:36:05 -0400`` as a string and drops offsets in some spellings. The loader keeps
every date as the text written in the file and this module reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo

_DATE_RE = re.compile(
    r"""^\s*
    (?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:
        (?:[Tt]|\s+)
        (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?
        \s*
        (?P<offset>[Zz]|(?:UTC|GMT)|[+-]\d{1,2}(?::\d{2}|\d{2})?)?
    )?
    \s*$""",
    re.VERBOSE,
)


# The spelling most archives use, which ``datetime.fromisoformat`` reads in one C call.
_ISO_WITH_OFFSET = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]|Z)"
)


class ParsedDate(NamedTuple):
    """A date read from front matter: an aware datetime plus how it was written."""

    value: dt.datetime
    has_offset: bool
    has_time: bool


# Years a date may have: any zone's offset then stays inside what datetime can hold.
MIN_YEAR = 2
MAX_YEAR = 9998


def parse_date(raw: object, tz: dt.tzinfo) -> ParsedDate:
    """Read a front-matter date; naive values are placed in ``tz``.

    Raises ``ValueError`` with a readable message when the value is not a date.
    """
    parsed = _parse_date(raw, tz)
    if not MIN_YEAR <= parsed.value.year <= MAX_YEAR:
        raise ValueError(f"not a valid date: {raw!r} (year out of range)")
    return parsed


def _parse_date(raw: object, tz: dt.tzinfo) -> ParsedDate:
    if isinstance(raw, dt.datetime):
        if raw.tzinfo is None:
            return ParsedDate(raw.replace(tzinfo=tz), has_offset=False, has_time=True)
        return ParsedDate(raw, has_offset=True, has_time=True)
    if isinstance(raw, dt.date):
        return ParsedDate(
            dt.datetime(raw.year, raw.month, raw.day, tzinfo=tz), has_offset=False, has_time=False
        )
    if not isinstance(raw, str):
        raise ValueError(f"expected a date, got {type(raw).__name__}")
    if _ISO_WITH_OFFSET.fullmatch(raw):
        try:
            return ParsedDate(dt.datetime.fromisoformat(raw), has_offset=True, has_time=True)
        except ValueError:
            pass  # an impossible day or offset: the general reader words the message
    match = _DATE_RE.match(raw)
    if match is None:
        raise ValueError(f"not a date: {raw!r} (expected ISO 8601, e.g. 2026-11-20T09:30:00-05:00)")
    parts = match.groupdict()
    try:
        day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        if parts["hour"] is None:
            return ParsedDate(
                dt.datetime(day.year, day.month, day.day, tzinfo=tz),
                has_offset=False,
                has_time=False,
            )
        fraction = (parts["fraction"] or "0")[:6].ljust(6, "0")
        naive = dt.datetime(
            day.year,
            day.month,
            day.day,
            int(parts["hour"]),
            int(parts["minute"]),
            int(parts["second"] or 0),
            int(fraction),
        )
    except ValueError as exc:
        raise ValueError(f"not a valid date: {raw!r} ({exc})") from None
    offset = parts["offset"]
    if offset is None:
        return ParsedDate(naive.replace(tzinfo=tz), has_offset=False, has_time=True)
    return ParsedDate(naive.replace(tzinfo=_offset_zone(offset)), has_offset=True, has_time=True)


def _offset_zone(text: str) -> dt.tzinfo:
    if text in ("Z", "z", "UTC", "GMT"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    # YAML 1.1 and Go allow one-digit hours (-4, -4:30) beside -04, -0400 and -04:00.
    hour_text, _, minute_text = text[1:].partition(":")
    if not minute_text and len(hour_text) > 2:
        hour_text, minute_text = hour_text[:-2], hour_text[-2:]
    hours = int(hour_text)
    minutes = int(minute_text or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"not a valid UTC offset: {text!r}")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def format_iso(value: dt.datetime) -> str:
    """Format an aware datetime as ISO 8601 with its offset, to the second."""
    return value.replace(microsecond=0).isoformat()


def get_zone(name: str) -> ZoneInfo:
    """Return the IANA zone ``name``; raises ``ValueError`` for an unknown name."""
    from zoneinfo import ZoneInfoNotFoundError

    if not name or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(f"not a time zone name: {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown time zone {name!r} (expected an IANA name such as America/New_York)"
        ) from None
