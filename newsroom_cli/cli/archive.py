"""Publish the round-up's issues as a web archive: a page per manifest in roundups/
(<week>/index.html), an index newest first, an Atom feed (feed.xml) and a JSON Feed
(feed.json). Another language's issues (roundups/<week>.<lang>.toml) get their own pages,
index and feeds under <lang>/, linked to the same week's translations.

Only files whose bytes change are written: with nothing changed, nothing is touched. The
paths written go to stdout, a summary to stderr. Exit 1 when there is no manifest to
publish or one of them cannot be built (the others are still written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.errors import ExitCode

EXAMPLES = (
    "newsroom archive",
    "newsroom archive -o site/static/newsletter",
    "newsroom archive && rsync -a public/roundups/ web:/var/www/newsletter/",
)


def archive_command(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Write the archive here; default: roundup.archive_dir (public/roundups).",
            file_okay=False,
        ),
    ] = None,
) -> None:
    from newsroom_cli.roundup.archive import build_archive

    st = state(ctx)
    target = None
    if output is not None:
        target = output if output.is_absolute() else Path.cwd() / output
    result = build_archive(st.project, target)
    for note in result.notes:
        typer.echo(f"newsroom: note: {note}", err=True)
    for line in result.skipped:
        typer.echo(f"newsroom: warning: {line}; skipped", err=True)
    for path in result.written:
        typer.echo(st.display_path(path))
    count = len(result.issues)
    written = len(result.written)
    typer.echo(
        f"Archive {st.display_path(result.out_dir)}: {count} issue{'s' if count != 1 else ''}; "
        f"wrote {written} file{'s' if written != 1 else ''}, "
        f"{len(result.unchanged)} unchanged",
        err=True,
    )
    if result.skipped:
        raise typer.Exit(ExitCode.PROBLEMS)
