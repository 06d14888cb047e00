"""Apply safe fixes to front matter: missing slugs, date spellings, letter case.

Only the keys fixed change; the body, comments, quoting and line endings stay as they are.
--diff shows the changes without writing; --check exits 1 when anything would change.
Exit 1 also when a file had to be skipped (its front matter cannot be read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsroom_cli.cli.app import check_paths, state
from newsroom_cli.errors import ExitCode


def fix_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PATHS]...", help="Files or folders; default: the content dir."),
    ] = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff on stdout; write nothing.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if anything would change.")
    ] = False,
) -> None:
    from newsroom_cli.discover import discover
    from newsroom_cli.fix import fix_file, unified_diff

    st = state(ctx)
    check_paths(st, paths)
    config = st.config_for(paths)
    files = discover(config, paths)
    write = not (diff or check)
    changed = skipped = 0
    for path in files:
        result = fix_file(path, config, write=write)
        shown = st.display_path(path)
        for note in result.notes:
            typer.echo(f"{shown}: left alone: {note}", err=True)
        if result.skipped is not None:
            skipped += 1
            typer.echo(f"{shown}: skipped: {result.skipped}", err=True)
            continue
        if not result.changed:
            continue
        changed += 1
        if diff:
            typer.echo(unified_diff(result, shown), nl=False)
        verb = "fixed" if write else "would fix"
        what = "; ".join(f"{item.key} ({item.reason})" for item in result.fixes)
        typer.echo(f"{shown}: {verb} {what}", err=True)
    typer.echo(_summary(len(files), changed, skipped, write), err=True)
    if skipped or (check and changed):
        raise typer.Exit(ExitCode.PROBLEMS)


def _summary(total: int, changed: int, skipped: int, write: bool) -> str:
    def files(n: int) -> str:
        return f"{n} file{'s' if n != 1 else ''}"

    verb = "fixed" if write else "would be fixed"
    parts = [f"{files(changed)} {verb}", f"{total - changed - skipped} unchanged"]
    if skipped:
        parts.append(f"{skipped} skipped")
    return ", ".join(parts)
