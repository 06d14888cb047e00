"""List articles: date, section, status, headline, authors, words and problems.

Filter by status, section, author, tag or ISO week; sort; print a table, JSON or CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from newsroom_cli.choices import SortKey
from newsroom_cli.cli import complete
from newsroom_cli.cli.app import check_paths, state
from newsroom_cli.cli.options import ListFormat, format_option
from newsroom_cli.errors import NewsroomError


def list_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders; default: the content dir.", metavar="[PATHS]..."),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only this status (repeatable).",
            autocompletion=complete.statuses,
        ),
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            metavar="KEY",
            help="Only this section (repeatable).",
            autocompletion=complete.sections,
        ),
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option(
            "--author",
            metavar="NAME",
            help="Only pieces by this author key or roster name (repeatable).",
            autocompletion=complete.authors,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            metavar="TAG",
            help="Only pieces with this tag (repeatable).",
            autocompletion=complete.tags,
        ),
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", metavar="LANG", help="Only pieces in this language (repeatable)."),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            metavar="YYYY-Www",
            help="Only this ISO week, in the publication's time zone.",
            autocompletion=complete.weeks,
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
        SortKey, typer.Option("--sort", metavar="KEY", help="date, section, status or title.")
    ] = SortKey.DATE,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    output_format: Annotated[ListFormat, format_option("table, json or csv.")] = ListFormat.TABLE,
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
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="LIST",
            help="Comma-separated columns, in order: path, date, updated, section, status, "
            "headline, dek, slug, column, authors, tags, featured, words, reading_minutes, "
            "errors, warnings, problems. Default: date, section, status, headline, authors, "
            "words, problems (a narrow table drops authors, words, then section).",
        ),
    ] = None,
) -> None:
    from newsroom_cli.listing import (
        Filters,
        check_filters,
        scan,
        select,
        sort_rows,
        totals,
    )

    chosen = _columns(columns)
    st = state(ctx)
    check_paths(st, paths)
    config = st.config_for(paths)
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
    rows = scan(config, paths, problems=problems, use_cache=cache)
    check_filters(config, rows, filters)
    rows = sort_rows(config, select(config, rows, filters), sort, reverse=reverse)
    summary = totals(rows).describe()
    if output_format == "json":
        items = ",\n".join(
            json.dumps(_pick(row.as_dict(), chosen), ensure_ascii=False) for row in rows
        )
        typer.echo(f"[\n{items}\n]" if rows else "[]")
        typer.echo(summary, err=True)
        return
    if output_format == "csv":
        from newsroom_cli.listing import FIELD_NAMES

        buffer = io.StringIO()
        names = list(chosen or FIELD_NAMES)
        writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            data = _pick(row.as_dict(), chosen)
            for key in ("authors", "tags", "translations"):
                if key in data:
                    data[key] = ";".join(data[key])
            if "sources" in data:
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
        columns=chosen,
    )
    lines.append(summary)
    console.file.write("\n".join(lines) + "\n")
    console.file.flush()


# What --columns accepts besides the rows' field names.
_COLUMN_ALIASES = {"headline": "title", "minutes": "reading_minutes"}


def _columns(given: str | None) -> list[str] | None:
    """The columns named by ``--columns``, as field names, or ``None`` for the default."""
    if given is None:
        return None
    from newsroom_cli.cli.app import did_you_mean
    from newsroom_cli.listing import FIELD_NAMES

    chosen = []
    for raw in given.split(","):
        name = raw.strip().lower()
        if not name:
            continue
        key = _COLUMN_ALIASES.get(name, name)
        if key not in FIELD_NAMES:
            known = [*FIELD_NAMES, *_COLUMN_ALIASES]
            raise NewsroomError(
                f"--columns: no column {name!r}",
                hint=did_you_mean(name, known) or f"columns: {', '.join(known)}",
            )
        if key not in chosen:
            chosen.append(key)
    if not chosen:
        raise NewsroomError("--columns: name at least one column", hint="e.g. --columns path,title")
    return chosen


def _pick(data: dict[str, Any], columns: list[str] | None) -> dict[str, Any]:
    return data if columns is None else {key: data[key] for key in columns}


def _window(
    timezone: str, week: str | None, since: str | None, until: str | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    if week is None and since is None and until is None:
        return None, None
    from newsroom_cli.window import explicit_window, resolve_window

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
