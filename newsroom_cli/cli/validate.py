"""Check articles against the schema and the newsroom's rules.

Prints one line per problem (`path:line:col: CODE severity message`) on stdout and a
summary on stderr. Exit 0 when no problem reaches --fail-on, 1 when one does, 2 for
usage or configuration errors. Without PATHS the content dir is validated; with
--staged, the staged content of staged Markdown files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.errors import ExitCode, NewsroomError

if TYPE_CHECKING:
    from newsroom_cli.cli.app import State
    from newsroom_cli.config import Config
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
        str, typer.Option("--format", metavar="FORMAT", help="text, json or github.")
    ] = "text",
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            metavar="LEVEL",
            help="Exit 1 on problems of this severity or worse: error or warning.",
        ),
    ] = "error",
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
) -> None:
    from newsroom_cli.rules import report as formats

    if output_format not in formats.FORMATS:
        raise NewsroomError(
            f"--format: expected one of {', '.join(formats.FORMATS)}, got {output_format!r}"
        )
    if fail_on not in ("error", "warning"):
        raise NewsroomError(f"--fail-on: expected error or warning, got {fail_on!r}")
    st = state(ctx)
    config = st.config
    given = list(paths or [])
    if staged:
        report = _validate_staged(st, config, given, use_cache=not no_cache)
    else:
        from newsroom_cli.discover import discover_survey

        # One walk finds the files and looks at each: its kind, and the size and mtime the
        # results cache is keyed on (only when a cache is used).
        files, surveyed = discover_survey(config, given, with_keys=not no_cache)
        if not given and not config.content_dir.is_dir():
            raise NewsroomError(
                f"no content dir at {st.display_path(config.content_dir)}",
                hint="give paths to validate, or set paths.content",
            )
        found = None
        if not no_cache:
            from newsroom_cli.rules.cache import stored_report

            found = stored_report(config, files, st.display_path, surveyed=surveyed)
        if found is None:
            from newsroom_cli.rules import validate_paths

            found = validate_paths(
                config,
                files,
                use_cache=not no_cache,
                display=st.display_path,
                surveyed=surveyed,
            )
        report = found

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
        raise typer.Exit(ExitCode.PROBLEMS)


def _colored(choice: str, report: Report) -> list[str]:
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


def _validate_staged(st: State, config: Config, given: list[Path], *, use_cache: bool) -> Report:
    from newsroom_cli.discover import MARKDOWN_SUFFIXES, _matches, discover
    from newsroom_cli.gitindex import staged_files
    from newsroom_cli.rules import validate_paths

    cwd = Path.cwd()
    staged = staged_files(cwd, start=st.start_dir, suffixes=MARKDOWN_SUFFIXES)
    content = config.content_dir.resolve()
    chosen = []
    for item in staged:
        if given:
            inside = any(
                item.path == (cwd / g).resolve() or item.path.is_relative_to((cwd / g).resolve())
                for g in given
            )
            if not inside:
                continue
        elif item.path.is_relative_to(content):
            relative = item.path.relative_to(content).as_posix()
            if not _matches(relative, config.include) or _matches(relative, config.exclude):
                continue
        else:
            continue
        chosen.append(item)
    names = {item.path: item.name for item in chosen}
    archive = discover(config) if config.content_dir.is_dir() else []
    # realpath, not resolve(): a symbolic link loop in the archive must not raise.
    context = [Path(os.path.realpath(p)) for p in archive]

    def display(path: Path) -> str:
        return names.get(path) or st.display_path(path)

    return validate_paths(
        config,
        [item.path for item in chosen],
        sources={item.path: item.data for item in chosen},
        use_cache=use_cache,
        context=context,
        display=display,
    )
