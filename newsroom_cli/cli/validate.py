"""Check articles against the schema and the newsroom's rules.

Prints one line per problem (`path:line:col: CODE severity message`) on stdout and a
summary on stderr. Exit 0 when no problem reaches --fail-on, 1 when one does, 2 for
usage or configuration errors. Without PATHS the content dir is validated; with
--staged, the staged content of staged Markdown files.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsroom_cli.choices import FailOn, ReportFormat
from newsroom_cli.cli import complete
from newsroom_cli.cli.app import check_paths, state
from newsroom_cli.cli.options import format_option
from newsroom_cli.errors import ExitCode, NewsroomError

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsroom_cli.cli.app import State
    from newsroom_cli.rules import Report


def validate_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders (walked for *.md and *.markdown); default: the content dir.",
            # An unreadable file is reported as a problem (NR100), not refused as an argument.
            readable=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, format_option("text, json or github.")
    ] = ReportFormat.TEXT,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            metavar="LEVEL",
            help="Exit 1 on problems of this severity or worse: error or warning.",
        ),
    ] = FailOn.ERROR,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the problems, no summary.")
    ] = False,
    staged: Annotated[
        bool,
        typer.Option(
            "--staged", help="Validate the staged content of staged Markdown files (for git hooks)."
        ),
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ignore and do not update the results cache.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also say which files were skipped and why (on stderr)."
        ),
    ] = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODE",
            help="Leave out this rule's problems in this run: a code, a name or a prefix "
            "such as NR3 (repeatable; rules.ignore in newsroom.toml does it for good).",
            autocompletion=complete.rule_codes,
        ),
    ] = None,
) -> None:
    from newsroom_cli.rules import report as formats

    st = state(ctx)
    given = list(paths or [])
    if not staged:
        check_paths(st, given)
    # Staged files are the project's: a hook needs the project's configuration.
    config = st.project if staged else st.config_for(given)
    display: Callable[[Path], str] = st.display_path
    if output_format == "github":
        display = _workspace_display(st)
    from newsroom_cli.rules.validation import validate

    report = validate(
        config,
        given,
        staged=staged,
        use_cache=not no_cache,
        display=display,
        start=st.start_dir,
    )
    if ignore:
        report = _without(report, ignore)
    out = sys.stdout
    if output_format == "json":
        out.write(formats.to_json(report) + "\n")
    else:
        lines = (
            formats.github_lines(report)
            if output_format == "github"
            else (_colored(st.color, report))
        )
        out.writelines(line + "\n" for line in lines)
    out.flush()
    if verbose and not staged:
        from newsroom_cli.discover import skipped_files

        for name, reason in skipped_files(config, given):
            typer.echo(f"skipped {st.display_path(Path(name))}: {reason}", err=True)
    if not quiet:
        typer.echo(formats.summary(report), err=True)
    if report.fails(fail_on):
        if staged and not quiet:
            typer.echo(formats.blocked(report, fail_on), err=True)
        raise typer.Exit(ExitCode.PROBLEMS)


def _without(report: "Report", selectors: list[str]) -> "Report":
    """The report without the problems of the rules ``--ignore`` names."""
    from newsroom_cli.cli.app import did_you_mean
    from newsroom_cli.rules import Report
    from newsroom_cli.rules.registry import BY_CODE, BY_NAME, expand

    codes: set[str] = set()
    for selector in selectors:
        found = expand(selector)
        if not found:
            hint = did_you_mean(selector, [*BY_CODE, *BY_NAME]) or "see docs/rules.md"
            raise NewsroomError(f"--ignore {selector!r}: no such rule", hint=hint)
        codes.update(found)
    kept = [problem for problem in report.problems if problem.code not in codes]
    return Report(files=report.files, problems=kept)


def _colored(choice: str, report: "Report") -> list[str]:
    from newsroom_cli.cli.console import use_color
    from newsroom_cli.rules import report as formats

    if not use_color(choice, sys.stdout):
        return list(formats.text_lines(report))
    lines = []
    for problem in report.problems:
        line = formats.text_line(problem)
        place, _, rest = line.partition(f" {problem.code} ")
        color = "31" if problem.severity == "error" else "33"
        lines.append(
            f"\x1b[1m{place}\x1b[0m \x1b[{color}m{problem.code} "
            f"{problem.severity}\x1b[0m{rest[len(problem.severity) :]}"
        )
    return lines


def _workspace_display(st: "State") -> "Callable[[Path], str]":
    """Paths as GitHub wants them in annotations: relative to the repository's root
    (the workflow's workspace), wherever the command runs from."""
    from newsroom_cli.gitindex import workspace_root

    root = workspace_root(Path.cwd())
    if root is None:
        return st.display_path
    top = str(root)

    def display(path: Path) -> str:
        absolute = os.path.realpath(path)
        if absolute == top or absolute.startswith(top + os.sep):
            return Path(os.path.relpath(absolute, top)).as_posix()
        return st.display_path(path)

    return display
