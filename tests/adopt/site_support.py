"""What the synthetic-site tests share: a pinned terminal, files written from a mapping, and
the CLI run in-process."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsroom_cli.cli.app import app

ENV = {"COLUMNS": "80", "TERMINAL_WIDTH": "80", "NO_COLOR": "1"}


def write(root: Path, files: dict[str, str]) -> None:
    """Each file of ``files`` (a path relative to ``root``: its text) written, folders made."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run(*args: str) -> object:
    """The CLI's result for ``args``, exceptions raised as they happen."""
    return CliRunner().invoke(app, list(args), env=ENV, catch_exceptions=False)
