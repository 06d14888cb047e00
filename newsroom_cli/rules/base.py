"""The data the rules produce: rule definitions, problems and the report of a run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsroom_cli.article import Span

SEVERITIES = ("error", "warning")
FAMILIES = ("structure", "schema", "newsroom", "crossfile")


@dataclass(frozen=True)
class Rule:
    """A rule: stable code, short name, default severity, family and documentation."""

    code: str
    name: str
    severity: str
    family: str
    summary: str
    explanation: str
    bad: str
    good: str


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, with its place (1-based, end exclusive) and a hint."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: str
    field: str | None
    message: str
    hint: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The problem as the JSON report writes it."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "severity": self.severity,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class Finding:
    """What a check reports, before the path and the configured severity are attached."""

    code: str
    span: Span
    message: str
    field: str | None = None
    hint: str | None = None


@dataclass
class Report:
    """The result of validating a set of files: problems sorted by path and position."""

    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def files_with_problems(self) -> int:
        """How many files have at least one problem."""
        return len({p.path for p in self.problems})

    def fails(self, fail_on: str = "error") -> bool:
        """Whether a problem reaches the threshold (``error`` or ``warning``)."""
        if fail_on == "warning":
            return bool(self.problems)
        return self.errors > 0

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)
