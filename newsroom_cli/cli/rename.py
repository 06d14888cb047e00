"""Give an article a new headline, with the slug and file name that go with it.

The slug is made from the new headline (or given with --slug) and the file is renamed to
match, never over another file. With --alias the old URL path is added to the front
matter's `aliases`, so the site can redirect it. Only the keys that change are rewritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.cli.changes import DryRun, run_changes

# The Examples section of --help.
EXAMPLES = (
    'newsroom rename content/news/2026/12/ferry-fares.md "Council freezes ferry fares"',
    'newsroom rename --alias --dry-run content/news/2026/12/ferry-fares.md "Fares frozen"',
)


def rename_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The article file.")],
    title: Annotated[str, typer.Argument(metavar="HEADLINE", help="The new headline.")],
    slug: Annotated[
        str | None, typer.Option(help="URL slug; default: from the new headline.")
    ] = None,
    alias: Annotated[
        bool, typer.Option("--alias", help="Keep the old URL path in `aliases`.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    from newsroom_cli.workflow import plan_rename

    st = state(ctx)
    config = st.config
    run_changes(
        st,
        [file],
        lambda path: plan_rename(config, path, title, slug=slug, alias=alias),
        verb="renamed",
        unchanged="already has that headline and file name",
        dry_run=dry_run,
    )
