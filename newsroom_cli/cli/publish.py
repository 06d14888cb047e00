"""Mark articles published: status `published`, and the date set to now when it is missing.

With --now the date becomes now (in the publication's time zone) even when one is set.
A file filed by date or status (see paths.pattern) moves to where the pattern puts it now;
it never replaces another file. Only the keys that change are rewritten.

Examples:

\b
  newsroom publish content/news/2026/12/ferry-fares.md
  newsroom publish --now --dry-run content/news/2026/12/*.md
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.cli.changes import run_changes


def publish_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Article files.")],
    now: Annotated[
        bool, typer.Option("--now", help="Set the date to now even when one is set.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the changes as a diff; write nothing.")
    ] = False,
) -> None:
    from newsroom_cli.workflow import plan_publish

    st = state(ctx)
    config = st.config
    moment = dt.datetime.now(config.tz)
    run_changes(
        st,
        files,
        lambda path: plan_publish(config, path, now=moment, set_date=now),
        verb="published",
        unchanged="already published",
        dry_run=dry_run,
    )
