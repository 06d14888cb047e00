"""Apply or show the planned changes of publish, unpublish and rename, one file at a time.

stdout gets the product: each article's path afterwards, or with --dry-run the diff;
stderr gets what was done. A file that cannot be changed is one error line, and the others
are still done (exit 1; exit 2 when none could be).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsroom_cli.cli.app import State, echo_core_error
from newsroom_cli.errors import NewsroomError

if TYPE_CHECKING:
    from newsroom_cli.workflow import Change

# The options publish, unpublish and rename share.
ArticleFiles = Annotated[list[Path], typer.Argument(metavar="FILE...", help="Article files.")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Print the changes as a diff; write nothing.")
]


def run_changes(
    st: State,
    files: Sequence[Path],
    plan: Callable[[Path], Change],
    *,
    verb: str,
    unchanged: str,
    dry_run: bool,
) -> None:
    """Plan each file with ``plan``, then write it (or print its diff with ``dry_run``)."""
    from newsroom_cli.workflow import apply_change, change_diff, exit_code

    done = failed = 0
    for file in files:
        try:
            change = plan(file)
            old = st.display_path(change.old_path)
            new = st.display_path(change.new_path)
            if dry_run:
                typer.echo(change_diff(change, old, new), nl=False)
            elif change.changed:
                apply_change(change)
        except NewsroomError as exc:
            failed += 1
            echo_core_error(exc)
            continue
        done += 1
        if not dry_run:
            typer.echo(new)
        typer.echo(_narration(change, old, new, verb, unchanged, dry_run), err=True)
    if len(files) > 1:
        parts = [f"{done} {_files(done)} {'would be ' if dry_run else ''}{verb}"]
        if failed:
            parts.append(f"{failed} could not be")
        typer.echo(", ".join(parts), err=True)
    code = exit_code(done, failed)
    if code:
        raise typer.Exit(code)


def _files(count: int) -> str:
    return "file" if count == 1 else "files"


def _narration(change: Change, old: str, new: str, verb: str, unchanged: str, dry_run: bool) -> str:
    if not change.changed:
        return f"{old}: {unchanged}; nothing to change"
    what = [f"{key} {value}" for key, value in change.described.items()]
    if change.moved:
        what.append(f"{'would move' if dry_run else 'moved'} to {new}")
    what.extend(change.notes)
    head = f"{old}: would be {verb}" if dry_run else f"{old}: {verb}"
    return head + (f" ({'; '.join(what)})" if what else "")
