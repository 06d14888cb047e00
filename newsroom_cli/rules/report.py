"""Output formats of a validation report: text, JSON and GitHub workflow commands."""

from __future__ import annotations

from collections.abc import Iterator

from newsroom_cli.choices import ReportFormat
from newsroom_cli.rules.base import Problem, Report

FORMATS = tuple(ReportFormat)
JSON_VERSION = 1


def _message(problem: Problem) -> str:
    text = problem.message
    if problem.hint:
        text += f" ({problem.hint})"
    return text


def text_line(problem: Problem) -> str:
    """``path:line:col: CODE severity message (hint)``, on one line."""
    message = _message(problem).replace("\r", " ").replace("\n", " ")
    return (
        f"{problem.path}:{problem.line}:{problem.column}: {problem.code} "
        f"{problem.severity} {message}"
    )


def text_lines(report: Report) -> Iterator[str]:
    """One line per problem."""
    for problem in report.problems:
        yield text_line(problem)


def summary(report: Report) -> str:
    """The one-line summary that goes to stderr."""
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    if not report.problems:
        return f"{files} checked: no problems"
    errors = f"{report.errors} error{'s' if report.errors != 1 else ''}"
    warnings = f"{report.warnings} warning{'s' if report.warnings != 1 else ''}"
    return (
        f"{files} checked: {errors} and {warnings} in "
        f"{report.files_with_problems} file{'s' if report.files_with_problems != 1 else ''}"
    )


def blocked(report: Report, fail_on: str = "error") -> str:
    """What a pre-commit hook says when the problems stop the commit, and how to skip it."""
    if fail_on == "warning":
        count = len(report.problems)
        what = f"{count} problem{'s' if count != 1 else ''}"
    else:
        what = f"{report.errors} error{'s' if report.errors != 1 else ''}"
    return (
        f"newsroom: commit blocked by {what} in the staged articles; fix and stage them "
        "again, or skip this check once with `git commit --no-verify`"
    )


def to_json(report: Report) -> str:
    """The JSON report: version, file count, problems and the summary counts."""
    import json

    data = {
        "version": JSON_VERSION,
        "files": report.files,
        "problems": [problem.as_dict() for problem in report.problems],
        "summary": {"errors": report.errors, "warnings": report.warnings},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the problem's place."""
    command = "error" if problem.severity == "error" else "warning"
    properties = [
        f"file={_escape_property(problem.path)}",
        f"line={problem.line}",
        f"col={problem.column}",
    ]
    if problem.end_line != problem.line or problem.end_column > problem.column:
        properties.append(f"endLine={problem.end_line}")
        if problem.end_line == problem.line:
            properties.append(f"endColumn={problem.end_column}")
    properties.append(f"title={_escape_property(problem.code)}")
    return f"::{command} {','.join(properties)}::{_escape_data(_message(problem))}"


def github_lines(report: Report) -> Iterator[str]:
    """One workflow command per problem."""
    for problem in report.problems:
        yield github_line(problem)
