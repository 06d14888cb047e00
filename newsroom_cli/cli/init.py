"""Write a commented starter newsroom.toml (in DIR, default: here)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.config import CONFIG_NAME, starter_config
from newsroom_cli.errors import NewsroomError
from newsroom_cli.writer import atomic_write


def init_command(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(metavar="[DIR]", help="Folder for newsroom.toml.", file_okay=False)
    ] = Path("."),
    name: Annotated[str, typer.Option(help="Publication name.")] = "Newsroom",
    url: Annotated[str, typer.Option(help="Base URL of the site.")] = "https://example.com",
    timezone: Annotated[str, typer.Option(help="IANA time zone.")] = "UTC",
    force: Annotated[bool, typer.Option(help="Replace an existing newsroom.toml.")] = False,
) -> None:
    st = state(ctx)
    target = directory / CONFIG_NAME
    if target.exists() and not force:
        raise NewsroomError(
            f"{st.display_path(target)} already exists", hint="use --force to replace it"
        )
    text = starter_config(name, url, timezone)
    directory.mkdir(parents=True, exist_ok=True)
    atomic_write(target, text.encode("utf-8"), overwrite=force)
    (directory / "content").mkdir(exist_ok=True)
    typer.echo(st.display_path(target))
    typer.echo(
        f"Wrote {st.display_path(target)}; articles go in "
        f"{st.display_path(directory / 'content')}/",
        err=True,
    )
