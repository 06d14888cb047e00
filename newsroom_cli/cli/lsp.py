"""Run the language server on standard input and output (for editors; see docs/editors.md).

Diagnostics are the ones `newsroom validate` reports, as you type; completion, hover and
quick fixes in the front matter. The editor starts this command; it stops on the protocol's
shutdown and exit, or at the end of its input.
"""

from __future__ import annotations

from typing import Annotated

import typer

from newsroom_cli.errors import ExitCode, NewsroomError


def lsp_command(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio",
            help="Accepted for editors that pass it; standard input/output is the only way.",
        ),
    ] = False,
) -> None:
    try:
        from newsroom_cli.lsp.server import serve
    except ImportError as exc:  # pygls missing from a broken install
        raise NewsroomError(
            f"the language server needs pygls: {exc}", hint="reinstall newsroom-cli"
        ) from None
    code = serve()
    if code:
        raise typer.Exit(ExitCode.PROBLEMS)
