"""Mark articles published: status `published`, and the date set to now when it is missing.

With --now the date becomes now (in the publication's time zone) even when one is set.
A file filed by date or status (see paths.pattern) moves to where the pattern puts it now;
it never replaces another file. Only the keys that change are rewritten.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.cli.changes import ArticleFiles, DryRun, run_changes

# The Examples section of --help.
EXAMPLES = (
    "newsroom publish content/news/2026/12/ferry-fares.md",
    "newsroom publish --now --dry-run content/news/2026/12/*.md",
)


def publish_command(
    ctx: typer.Context,
    files: ArticleFiles,
    now: Annotated[
        bool, typer.Option("--now", help="Set the date to now even when one is set.")
    ] = False,
    dry_run: DryRun = False,
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
