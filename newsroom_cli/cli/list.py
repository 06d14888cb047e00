"""List articles: date, section, status, headline, authors, words and problems.

Filter by status, section, author, tag or ISO week; sort; print a table, JSON or CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.errors import NewsroomError

FORMATS = ("table", "json", "csv")


def list_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders; default: the content dir.", metavar="[PATHS]..."),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", metavar="STATUS", help="Only this status (repeatable)."),
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option("--section", metavar="KEY", help="Only this section (repeatable)."),
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option(
            "--author",
            metavar="NAME",
            help="Only pieces by this author key or roster name (repeatable).",
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="TAG", help="Only pieces with this tag (repeatable)."),
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", metavar="LANG", help="Only pieces in this language (repeatable)."),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(
            "--week", metavar="YYYY-Www", help="Only this ISO week, in the publication's time zone."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only pieces dated at or after DATE."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Only pieces dated before DATE."),
    ] = None,
    sort: Annotated[
        str, typer.Option("--sort", metavar="KEY", help="date, section, status or title.")
    ] = "date",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    output_format: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="table, json or csv.")
    ] = "table",
    problems: Annotated[
        bool,
        typer.Option(
            "--problems/--no-problems",
            help="Count validation problems (--no-problems is faster the first time).",
        ),
    ] = True,
    width: Annotated[
        int | None,
        typer.Option("--width", metavar="N", min=40, max=1000, help="Table width in columns."),
    ] = None,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Reuse rows of unchanged files.")
    ] = True,
) -> None:
    from newsroom_cli.inventory import Filters, scan, select, sort_rows, totals

    st = state(ctx)
    config = st.config
    if output_format not in FORMATS:
        raise NewsroomError(f"--format {output_format!r}: expected one of {', '.join(FORMATS)}")
    from newsroom_cli.inventory import SORT_KEYS

    if sort not in SORT_KEYS:
        raise NewsroomError(f"--sort {sort!r}: expected one of {', '.join(SORT_KEYS)}")
    start, end = _window(config.publication.timezone, week, since, until)
    filters = Filters(
        statuses=tuple(status or ()),
        sections=tuple(section or ()),
        authors=tuple(author or ()),
        tags=tuple(tag or ()),
        languages=tuple(lang or ()),
        start=start,
        end=end,
    )
    for given in paths or []:
        if not given.exists():
            raise NewsroomError(f"{given}: no such file or folder")
    rows = scan(config, paths, problems=problems, use_cache=cache)
    rows = sort_rows(config, select(config, rows, filters), sort, reverse=reverse)
    summary = totals(rows).describe()
    if output_format == "json":
        items = ",\n".join(json.dumps(row.as_dict(), ensure_ascii=False) for row in rows)
        typer.echo(f"[\n{items}\n]" if rows else "[]")
        typer.echo(summary, err=True)
        return
    if output_format == "csv":
        from newsroom_cli.inventory import FIELD_NAMES

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIELD_NAMES, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            data = row.as_dict()
            data["authors"] = ";".join(data["authors"])
            data["tags"] = ";".join(data["tags"])
            data["translations"] = ";".join(data["translations"])
            data["sources"] = ";".join(f"{k}={v}" for k, v in data["sources"].items())
            writer.writerow({key: _spreadsheet_safe(value) for key, value in data.items()})
        typer.echo(buffer.getvalue(), nl=False)
        typer.echo(summary, err=True)
        return
    from newsroom_cli.cli.render import inventory_lines

    console = st.console(width=width)
    lines = inventory_lines(
        rows,
        author_name=config.display_name,
        width=console.width,
        color_system=console.color_system,
    )
    lines.append(summary)
    console.file.write("\n".join(lines) + "\n")
    console.file.flush()


def _window(
    timezone: str, week: str | None, since: str | None, until: str | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    if week is None and since is None and until is None:
        return None, None
    from newsroom_cli.roundup.window import explicit_window, resolve_window

    now = dt.datetime.now(dt.UTC)
    if week is not None:
        window = resolve_window(timezone=timezone, now=now, week=week, since=since, until=until)
        return window.start, window.end
    if since is not None and until is not None:
        window = explicit_window(since, until, timezone, now)
        return window.start, window.end
    # One open end: everything from --since on (scheduled pieces included), or before --until.
    if since is not None:
        far_future = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)
        return explicit_window(since, None, timezone, far_future).start, None
    return None, explicit_window("1000-01-01", until, timezone, now).end


def _spreadsheet_safe(value: object) -> object:
    """Text from articles that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value
