"""Assemble the weekly round-up from a week's published articles.

Markdown goes to stdout unless -o names a file; the resolved window, warnings and a
summary go to stderr. Exit 1 when the week is empty or a selected article has errors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsroom_cli.choices import RoundupFormat
from newsroom_cli.cli import complete
from newsroom_cli.cli.app import State, state
from newsroom_cli.cli.options import format_option
from newsroom_cli.errors import NewsroomError

if TYPE_CHECKING:
    from newsroom_cli.roundup.assemble import RoundupIssue
    from newsroom_cli.roundup.build import Build

_SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".eml": "eml",
    ".json": "json",
}


def _warn(message: str) -> None:
    typer.echo(f"newsroom: warning: {message}", err=True)


def _absolute(path: Path) -> Path:
    return path if path.is_absolute() else Path.cwd() / path


def roundup_command(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-Www", help="ISO week, e.g. 2026-W47.", autocompletion=complete.weeks
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Start of an explicit window (date or ISO time)."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="End of an explicit window, excluded."),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Build from a reviewed manifest.", dir_okay=False),
    ] = None,
    write_manifest: Annotated[
        bool,
        typer.Option("--write-manifest", help="Write roundups/<week>.toml for review."),
    ] = False,
    fmt: Annotated[
        RoundupFormat | None,
        format_option("md, html, txt, eml or json; default: from -o, else md.", short=True),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (replaced if it exists) instead of stdout.",
            dir_okay=False,
        ),
    ] = None,
    preview: Annotated[
        bool, typer.Option("--preview", help="Show the issue in the terminal.")
    ] = False,
    intro: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="A Markdown intro under the header.", dir_okay=False),
    ] = None,
    issue: Annotated[
        int | None,
        typer.Option(metavar="N", help="Issue number; default: after the last manifest."),
    ] = None,
    subject: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Subject; default: roundup.subject.")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Replace an existing manifest with --write-manifest.")
    ] = False,
    fresh: Annotated[
        bool,
        typer.Option("--fresh", help="Build from the week's articles even if its manifest exists."),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The issue's date (Date header); default: end of the window.",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Only run the pre-send check; exit 1 if it finds an error."),
    ] = False,
    allow_invalid: Annotated[
        bool, typer.Option("--allow-invalid", help="Build even if articles have errors.")
    ] = False,
    allow_empty: Annotated[
        bool, typer.Option("--allow-empty", help="Build even if the window is empty.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", metavar="LANG", help="Articles in this language; default: the publication's."
        ),
    ] = None,
) -> None:
    from newsroom_cli.roundup.build import InvalidArticles

    st = state(ctx)
    config = st.project
    chosen = _choose_format(fmt, output)
    when = _issue_date(st, date)
    try:
        built = _build(
            st,
            week,
            since,
            until,
            manifest,
            intro,
            issue,
            subject,
            allow_invalid,
            allow_empty,
            fresh=fresh,
            date=when,
            lang=lang,
        )
    except InvalidArticles as exc:
        for problem in exc.problems:
            typer.echo(f"{problem.path}:{problem.line}: {problem.code} {problem.message}", err=True)
        raise
    _narrate(st, built)
    if check:
        _check(st, built, only=True)
        return
    if write_manifest:
        _write_manifest(st, built, force)
    if preview:
        _preview(st, built.issue)
        return
    if write_manifest and output is None:
        return
    from newsroom_cli.roundup.render import render_issue

    rendered = render_issue(config, built.issue, chosen)
    for warning in rendered.warnings:
        _warn(warning)
    _check(st, built, only=False, html=rendered.html or None)
    if output is None:
        typer.echo(rendered.data, nl=False)
        return
    from newsroom_cli.writer import atomic_write

    target = _absolute(output)
    atomic_write(target, rendered.data, overwrite=True)
    typer.echo(
        f"Wrote {st.display_path(target)} ({chosen}, {len(rendered.data):,} bytes)", err=True
    )


def _choose_format(fmt: RoundupFormat | None, output: Path | None) -> str:
    if fmt is not None:
        return fmt
    if output is not None:
        # A name without a suffix is Markdown; a suffix no format has is a mistake.
        if not output.suffix:
            return "md"
        chosen = _SUFFIXES.get(output.suffix.lower())
        if chosen is None:
            raise NewsroomError(
                f"-o {output}: no round-up format writes {output.suffix} files",
                hint=f"formats: {', '.join(RoundupFormat)}; name the file .md, .html, .txt, .eml "
                "or .json, or give --format",
            )
        return chosen
    return "md"


def _build(
    st: State,
    week: str | None,
    since: str | None,
    until: str | None,
    manifest: Path | None,
    intro: Path | None,
    issue: int | None,
    subject: str | None,
    allow_invalid: bool,
    allow_empty: bool,
    *,
    fresh: bool,
    date: dt.datetime | None,
    lang: str | None = None,
) -> Build:
    from newsroom_cli.roundup.build import BuildOptions, build_from_manifest, build_issue

    config = st.config
    language = lang or config.conventions.language or config.publication.language
    known = config.conventions.languages
    if lang is not None and known and lang not in known:
        raise NewsroomError(
            f"--lang {lang!r}: the archive has no such language",
            hint=f"use one of: {', '.join(known)}",
        )
    options = BuildOptions(
        intro=_absolute(intro) if intro is not None else None,
        issue=issue,
        subject=subject,
        allow_invalid=allow_invalid,
        allow_empty=allow_empty,
        date=date,
        language=language,
        fresh=fresh,
    )
    if manifest is not None:
        if week or since or until or issue is not None or subject is not None:
            raise NewsroomError(
                "--manifest fixes the window, issue and subject",
                hint="edit the manifest instead of --week, --since, --until, --issue or --subject",
            )
        from newsroom_cli.roundup.manifest import read_manifest

        loaded = read_manifest(_absolute(manifest))
        if lang is not None and loaded.language is not None and lang != loaded.language:
            raise NewsroomError(
                f"--lang {lang!r}: the manifest is the {loaded.language!r} issue",
                hint="leave out --lang: a manifest fixes its language",
            )
        typer.echo(f"Building from {st.display_path(_absolute(manifest))}", err=True)
        return build_from_manifest(config, loaded, options)
    from newsroom_cli.window import resolve_window

    window = resolve_window(
        timezone=config.publication.timezone,
        now=dt.datetime.now(dt.UTC),
        week=week,
        since=since,
        until=until,
    )
    built = build_issue(config, window, options)
    if built.source is not None:
        typer.echo(
            f"Building from {st.display_path(built.source)}, the week's reviewed manifest "
            "(--fresh builds from the articles instead)",
            err=True,
        )
    else:
        typer.echo(f"Window {window.describe()}", err=True)
    return built


def _issue_date(st: State, text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    from newsroom_cli.dates import parse_date

    try:
        return parse_date(text, st.config.tz).value
    except ValueError as exc:
        raise NewsroomError(f"--date {text!r}: {exc}") from None


def _check(st: State, built: Build, *, only: bool, html: str | None = None) -> None:
    from newsroom_cli.errors import ExitCode
    from newsroom_cli.roundup.check import check_issue, has_errors

    findings = check_issue(st.config, built.issue, html)
    for finding in findings:
        typer.echo(str(finding), err=True)
    if not only:
        return
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if not findings:
        typer.echo(f"Issue No. {built.issue.issue} is ready to send: no problems", err=True)
        return
    typer.echo(
        f"Pre-send check: {errors} error{'s' if errors != 1 else ''} and "
        f"{warnings} warning{'s' if warnings != 1 else ''}",
        err=True,
    )
    if has_errors(findings):
        raise typer.Exit(ExitCode.PROBLEMS)


def _narrate(st: State, built: Build) -> None:
    for warning in built.warnings:
        _warn(warning)
    for problem in built.problems:
        _warn(f"{problem} (included because of --allow-invalid)")
    issue = built.issue
    if built.manifest.path is not None:
        typer.echo(f"Window {issue.window.describe()}", err=True)
    shown = len(issue.items)
    more = sum(section.more for section in issue.sections)
    typer.echo(
        f"Issue No. {issue.issue}: {shown} article{'s' if shown != 1 else ''} in "
        f"{len(issue.sections)} section{'s' if len(issue.sections) != 1 else ''}"
        + (f", {more} more on the site" if more else "")
        + (f", {len(built.manifest.excluded)} left out" if built.manifest.excluded else ""),
        err=True,
    )


def _write_manifest(st: State, built: Build, force: bool) -> None:
    from newsroom_cli.roundup.manifest import dump_manifest, manifest_path
    from newsroom_cli.writer import atomic_write

    config = st.config
    target = (
        built.manifest.path
        if built.manifest.path is not None
        else manifest_path(config, built.manifest.window, built.manifest.language)
    )
    shown = st.display_path(target)
    if target.exists() and not force:
        raise NewsroomError(
            f"{shown} already exists",
            hint="edit it and build with --manifest, or use --force to replace "
            "it (its issue number is kept)",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    manifest = built.manifest
    if manifest.sent is None and target.exists():
        # A rewritten manifest keeps the record of its send, so the issue is not sent twice.
        from dataclasses import replace

        from newsroom_cli.roundup.manifest import read_manifest

        manifest = replace(manifest, sent=read_manifest(target).sent)
    text = dump_manifest(manifest, st.display_path(target))
    atomic_write(target, text.encode("utf-8"), overwrite=force)
    typer.echo(shown)
    typer.echo(
        f"Wrote the manifest {shown}; review it, then build with --manifest {shown}", err=True
    )


def _preview(st: State, issue: RoundupIssue) -> None:
    from newsroom_cli.cli.render import render_roundup

    st.console().print(render_roundup(issue))
