"""The data the rules produce: rule definitions, problems and the report of a run."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from newsroom_cli.article import Span
    from newsroom_cli.config import Config

T = TypeVar("T")

SEVERITIES = ("error", "warning")
FAMILIES = ("structure", "schema", "newsroom", "crossfile")


@dataclass(frozen=True, kw_only=True, slots=True)
class Rule:
    """A rule: stable code, short name, default severity, family and its documentation (what
    it finds, why it matters, an example that breaks it and what to write instead). Defined
    with keywords, right above the check that reports it."""

    code: str
    name: str
    severity: str
    family: str
    summary: str
    explanation: str
    bad: str
    good: str


class Problem(NamedTuple):
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


class Finding(NamedTuple):
    """What a check reports, before the path and the configured severity are attached."""

    code: str
    span: Span
    message: str
    field: str | None = None
    hint: str | None = None


class Report:
    """The result of validating a set of files: problems sorted by path and position."""

    def __init__(self, files: int = 0, problems: list[Problem] | None = None) -> None:
        self.files = files
        self.problems: list[Problem] = [] if problems is None else problems

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return (self.files, self.problems) == (other.files, other.problems)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Report(files={self.files!r}, problems={self.problems!r})"

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


class LazyNames(Sequence[str]):
    """Display names, made only for the files that are named in a problem."""

    def __init__(self, paths: Sequence[Path | str], show: Callable[[Path], str]) -> None:
        self.paths = paths
        self.show = show
        self.made: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        found = self.made.get(index)
        if found is None:
            path = self.paths[index]
            found = self.made[index] = self.show(path if isinstance(path, Path) else Path(path))
        return found


def default_display(path: Path) -> str:
    """A path relative to the working directory when inside it, else as given."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def sort_problems(problems: list[Problem]) -> None:
    """Sort problems by path, then position, code and message (the report's order)."""
    problems.sort(key=lambda p: (p.path, p.line, p.column, p.code, p.message))


def per_config(build: Callable[[Config], T]) -> Callable[[Config], T]:
    """``build`` remembered for the latest configuration object (what rules derive from it)."""
    last: list[tuple[Config, T]] = []

    def get(config: Config) -> T:
        if not last or last[0][0] is not config:
            last[:] = [(config, build(config))]
        return last[0][1]

    return get
