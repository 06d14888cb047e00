"""Send a round-up issue from its manifest over SMTP ([roundup.send] in newsroom.toml).

The message is the one `roundup --manifest FILE --format eml` builds. A real send goes to
roundup.send.to and records [sent] in the manifest; sending that issue again is refused
unless --resend. --test sends to roundup.send.test_to with [TEST] in the subject and
records nothing; --dry-run connects to nothing and prints what would be sent to whom.

Exit 1 when the pre-send check or an article stops the send; exit 2 when the send fails
(nothing recorded) or the issue was already sent.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsroom_cli.cli.app import state

if TYPE_CHECKING:
    from newsroom_cli.roundup.send import SendReport


def send_command(
    ctx: typer.Context,
    manifest: Annotated[
        Path,
        typer.Argument(
            metavar="MANIFEST",
            help="The issue's manifest, e.g. roundups/2026-W47.toml.",
            dir_okay=False,
        ),
    ],
    test: Annotated[
        bool,
        typer.Option("--test", help="Send to roundup.send.test_to, marked [TEST]; record nothing."),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Connect to nothing; print what would be sent to whom."),
    ] = False,
    resend: Annotated[
        bool, typer.Option("--resend", help="Send an issue the manifest records as sent.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(metavar="SECONDS", help="Give up on a silent server after this long."),
    ] = 30.0,
) -> None:
    from newsroom_cli.roundup.send import PresendProblems, send_issue

    st = state(ctx)
    path = manifest if manifest.is_absolute() else Path.cwd() / manifest
    try:
        report = send_issue(
            st.config, path, test=test, dry_run=dry_run, resend=resend, timeout=timeout
        )
    except PresendProblems as exc:
        for error in exc.errors:
            typer.echo(f"newsroom: error: {error}", err=True)
        raise
    _render(st.display_path(path), report)


def _render(shown: str, report: SendReport) -> None:
    out = report.outgoing
    for warning in out.warnings:
        typer.echo(f"newsroom: warning: {warning}", err=True)
    count = len(out.recipients)
    whom = f"{count} recipient{'s' if count != 1 else ''}"
    if report.dry_run:
        kind = "test send" if out.test else "send"
        typer.echo(f"Dry run: nothing was sent. The {kind} of {shown} would go")
        typer.echo(f"  through: {out.server.describe()}")
        typer.echo(f"  from:    {out.sender}")
        typer.echo(f"  to:      {', '.join(out.recipients)} ({whom})")
        typer.echo(f"  subject: {out.subject}")
        typer.echo(f"  message: {out.message_id}, {len(out.data):,} bytes")
        typer.echo("  records: nothing (a test)" if out.test else f"  records: [sent] in {shown}")
        for note in report.notes:
            typer.echo(f"newsroom: note: {note}", err=True)
        return
    label = "Test-sent" if out.test else "Sent"
    typer.echo(
        f"{label} issue No. {out.issue} ({out.week}) to {whom} ({', '.join(out.recipients)}) "
        f"through {out.server.describe()} at {report.sent_at}, {out.message_id}",
        err=True,
    )
    if report.recorded:
        typer.echo(f"Recorded the send in {shown}; another send needs --resend", err=True)
