"""Install or remove the git pre-commit hook that runs `newsroom validate --staged`."""

from __future__ import annotations

from typing import Annotated

import typer

from newsroom_cli.cli.app import SubcommandGroup, state
from newsroom_cli.cli.examples import epilog

hook_app = typer.Typer(
    name="hook",
    cls=SubcommandGroup,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help=__doc__,
    epilog=epilog("hook"),
)


@hook_app.command(
    "install",
    short_help="Write the pre-commit hook that validates staged articles.",
    epilog=epilog("hook install"),
)
def install_command(
    ctx: typer.Context,
    force: Annotated[
        bool,
        typer.Option(help="Replace a pre-commit hook newsroom did not write (a copy is kept)."),
    ] = False,
) -> None:
    """Write .git/hooks/pre-commit (or core.hooksPath's) to validate staged articles."""
    from newsroom_cli.hooks import install_hook

    st = state(ctx)
    # The hook validates the project's articles: there must be a project.
    result = install_hook(st.project.root, force=force)
    shown = st.display_path(result.path)
    typer.echo(shown)
    if result.backup is not None:
        typer.echo(f"Kept the old hook as {st.display_path(result.backup)}", err=True)
    typer.echo(f"Hook {result.action}: {shown} runs `newsroom validate --staged`", err=True)


@hook_app.command(
    "uninstall",
    short_help="Remove the hook newsroom wrote; an older hook comes back.",
    epilog=epilog("hook uninstall"),
)
def uninstall_command(ctx: typer.Context) -> None:
    """Remove the pre-commit hook if newsroom wrote it (an old hook it replaced comes back)."""
    from pathlib import Path

    from newsroom_cli.hooks import uninstall_hook

    st = state(ctx)
    result = uninstall_hook(Path.cwd())
    shown = st.display_path(result.path)
    message = {
        "absent": f"No pre-commit hook at {shown}; nothing to do",
        "removed": f"Removed {shown}",
        "restored": f"Removed newsroom's hook and put the earlier one back at {shown}",
    }[result.action]
    typer.echo(message, err=True)
