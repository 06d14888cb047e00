"""Take articles back to draft: status `draft`; the date is kept.

A file filed by status (see paths.pattern) moves to where the pattern puts drafts; it
never replaces another file. Only the keys that change are rewritten.
"""

from __future__ import annotations

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.cli.changes import ArticleFiles, DryRun, run_changes

# The Examples section of --help.
EXAMPLES = (
    "newsroom unpublish content/news/2026/12/ferry-fares.md",
    "newsroom unpublish --dry-run content/news/2026/12/ferry-fares.md",
)


def unpublish_command(
    ctx: typer.Context,
    files: ArticleFiles,
    dry_run: DryRun = False,
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
