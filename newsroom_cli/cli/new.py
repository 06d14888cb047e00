"""Create a new article from a template, with complete front matter.

Prints the new file's path alone on stdout, so `$EDITOR "$(newsroom new ...)"` works.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.errors import NewsroomError


def _ask(option: str, label: str, check: Callable[[str], str]) -> str:
    """Ask for a missing value at a terminal until ``check`` accepts it; fail fast elsewhere.

    A wrong answer is asked again with the choices shown; what was given before stays.
    """
    if not sys.stdin.isatty():
        raise NewsroomError(f"missing {option}", hint=f"give {option} (stdin is not a terminal)")
    while True:
        # On stderr, and read without input()'s prompt, which writes to stdout: stdout holds
        # only the new path, for `$EDITOR "$(newsroom new ...)"`.
        typer.echo(f"{label}: ", nl=False, err=True)
        line = sys.stdin.readline()
        if not line:
            typer.echo("", err=True)
            raise NewsroomError(f"missing {option}", hint="no answer (end of input)")
        value = line.rstrip("\r\n")
        if not value.strip():
            typer.echo(f"{label}: an answer is needed", err=True)
            continue
        try:
            return check(value.strip())
        except NewsroomError as exc:
            typer.echo(f"{exc.message}" + (f" ({exc.hint})" if exc.hint else ""), err=True)


def new_command(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The headline.")],
    section: Annotated[str | None, typer.Option(help="Section key.")] = None,
    author: Annotated[
        list[str] | None, typer.Option("--author", help="Author key or name (repeatable).")
    ] = None,
    column: Annotated[str | None, typer.Option(help="Recurring column or kicker.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Tag (repeatable).")] = None,
    status: Annotated[str, typer.Option(help="draft, review, ready or published.")] = "draft",
    date: Annotated[
        str | None, typer.Option(help="Publication time (ISO 8601); default: now.")
    ] = None,
    slug: Annotated[str | None, typer.Option(help="URL slug; default: from the title.")] = None,
    template: Annotated[
        str | None, typer.Option(metavar="NAME", help="Template name; default: the section's.")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="KEY=VALUE", help="Any other field (repeatable)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the file instead of writing it.")
    ] = False,
    force: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
    edit: Annotated[bool, typer.Option(help="Open the new file in $VISUAL or $EDITOR.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print {path, front_matter} as JSON.")
    ] = False,
) -> None:
    from newsroom_cli.dates import parse_date
    from newsroom_cli.scaffold import (
        check_author,
        check_fields,
        check_section,
        check_status,
        parse_sets,
        plan_article,
        write_article,
    )

    st = state(ctx)
    config = st.project
    # What was given is checked before anything is asked, so a prompt never comes in vain.
    extra = parse_sets(list(set_ or []), config)
    check_fields(config, {"title": title.strip(), "column": column})
    status = check_status(config, status)
    authors = [check_author(config, name) for name in author or []]
    tz = config.tz
    if date is None:
        when = dt.datetime.now(tz).replace(microsecond=0)
    else:
        try:
            when = parse_date(date, tz).value
        except ValueError as exc:
            raise NewsroomError(f"--date: {exc}") from None
    if section is not None:
        section = check_section(config, section)
    elif "section" not in extra:
        keys = ", ".join(s.key for s in config.sections)
        section = _ask("--section", f"Section ({keys})", lambda v: check_section(config, v))
    if not authors and "authors" not in extra:
        roster = ", ".join(a.key for a in config.authors)
        label = f"Author ({roster})" if roster else "Author"
        authors = [_ask("--author", label, lambda v: check_author(config, v))]
    planned = plan_article(
        config,
        title=title,
        section=section or "",
        authors=authors,
        when=when,
        status=status,
        column=column,
        tags=list(tag or []),
        slug=slug,
        template=template,
        extra=extra,
    )
    shown = st.display_path(planned.path)
    if dry_run:
        if as_json:
            typer.echo(
                json.dumps(
                    {"path": shown, "front_matter": planned.front_matter},
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            typer.echo(planned.text, nl=False)
        typer.echo(f"Would write {shown} (template {planned.template}); nothing written", err=True)
        return
    if planned.path.exists() and not force:
        raise NewsroomError(f"{shown} already exists", hint="use --force to replace it")
    write_article(config, planned, force=force)
    if as_json:
        typer.echo(
            json.dumps(
                {"path": shown, "front_matter": planned.front_matter}, ensure_ascii=False, indent=2
            )
        )
    else:
        typer.echo(shown)
    typer.echo(f"Created {shown} from template {planned.template}", err=True)
    if edit:
        _open_editor(planned.path)


def _open_editor(path: Path) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise NewsroomError(
            "--edit: neither $VISUAL nor $EDITOR is set", hint=f"the file was written: {path}"
        )
    try:
        subprocess.call([*shlex.split(editor), str(path)])
    except OSError as exc:
        raise NewsroomError(f"--edit: cannot run {editor!r}: {exc.strerror}") from None
