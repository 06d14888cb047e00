"""The fixed sets a caller chooses from: the formats of a validation report and of a
round-up, the severity that fails a run, the keys ``list`` sorts by.

Each is a :class:`~enum.StrEnum`, so a member is its own string: the core compares plain
strings, and the command line's parser offers and checks the members.
"""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    """How a validation report is written: text lines, JSON, GitHub workflow commands."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class FailOn(StrEnum):
    """The least severe problem that makes a validation run fail."""

    ERROR = "error"
    WARNING = "warning"


class SortKey(StrEnum):
    """What ``list`` sorts its rows by."""

    DATE = "date"
    SECTION = "section"
    STATUS = "status"
    TITLE = "title"


class RoundupFormat(StrEnum):
    """What a round-up is rendered as."""

    MD = "md"
    HTML = "html"
    TXT = "txt"
    EML = "eml"
    JSON = "json"


def expected(choices: tuple[str, ...] | type[StrEnum]) -> str:
    """The choices as a message says what was expected: ``text or json``, ``one of a, b, c``."""
    names = [str(choice) for choice in choices]
    if len(names) == 2:
        return f"{names[0]} or {names[1]}"
    return "one of " + ", ".join(names)
