"""Take articles back to draft: status `draft`; the date is kept.

A file filed by status (see paths.pattern) moves to where the pattern puts drafts; it
never replaces another file. Only the keys that change are rewritten.

Examples:

\b
  newsroom unpublish content/news/2026/12/ferry-fares.md
  newsroom unpublish --dry-run content/news/2026/12/ferry-fares.md
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.cli.changes import run_changes


def unpublish_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Article files.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the changes as a diff; write nothing.")
    ] = False,
) -> None:
    from newsroom_cli.workflow import plan_unpublish

    st = state(ctx)
    config = st.config
    run_changes(
        st,
        files,
        lambda path: plan_unpublish(config, path),
        verb="unpublished",
        unchanged="already a draft",
        dry_run=dry_run,
    )
