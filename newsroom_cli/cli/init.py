"""Write a commented starter newsroom.toml (in DIR, default: here).

With --from ARCHIVE the file describes an existing archive instead: the fields its articles
use, their aliases and types, how often each is present, and the sections, authors and tags
seen, so that `newsroom validate` starts from an honest baseline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import State, state
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
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="ARCHIVE",
            help="Describe the articles under this folder (the content folder of a Hugo, "
            "Jekyll, Eleventy, Zola, Astro or Pelican site) and learn its conventions.",
            file_okay=False,
        ),
    ] = None,
) -> None:
    st = state(ctx)
    target = directory / CONFIG_NAME
    if target.exists() and not force:
        raise NewsroomError(
            f"{st.display_path(target)} already exists", hint="use --force to replace it"
        )
    if from_ is not None:
        _init_from(st, directory, from_, name=name, url=url, timezone=timezone, force=force)
        return
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


def _init_from(
    st: State, directory: Path, archive: Path, *, name: str, url: str, timezone: str, force: bool
) -> None:
    from newsroom_cli.adopt.infer import profile_archive, render_config

    if not archive.is_dir():
        raise NewsroomError(f"--from {archive}: not a folder", hint="give the articles' folder")
    profile = profile_archive(archive)
    if not profile.files:
        raise NewsroomError(f"--from {archive}: no Markdown files found")
    directory.mkdir(parents=True, exist_ok=True)
    text = render_config(profile, config_dir=directory, name=name, url=url, timezone=timezone)
    target = directory / CONFIG_NAME
    atomic_write(target, text.encode("utf-8"), overwrite=force)
    typer.echo(st.display_path(target))
    fields = sum(1 for table in profile.fields.values() if "presence" in table)
    lines = [
        f"Wrote {st.display_path(target)} from {profile.articles} articles in "
        f"{st.display_path(archive)}: {fields} fields, {len(profile.sections)} sections, "
        f"{len(profile.authors)} authors, {len(profile.tags)} tags"
    ]
    if profile.unreadable:
        lines.append(
            f"{len(profile.unreadable)} files with front matter that could not be read were "
            "left out; `newsroom validate` shows why"
        )
    if profile.learned is not None:
        # What the conventions are and what will not work, so nothing is a surprise later.
        lines.append("What it learned about the archive:")
        lines += [f"  {line}" for line in profile.learned.report]
    for line in lines:
        typer.echo(line, err=True)
