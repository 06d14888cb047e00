"""What the synthetic-site tests share: a pinned terminal, files written from a mapping, the
CLI run in-process, and a site adopted with what `list` then shows of it."""

from __future__ import annotations

import json
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


def adopt(content: str) -> tuple[str, dict[str, dict]]:
    """``init --from content`` in the working folder: its report, and `list`'s JSON rows by
    path."""
    result = run("init", "--from", content)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    listed = run("list", "--format", "json", "--no-problems", "--no-cache")
    assert listed.exit_code == 0, listed.output  # type: ignore[attr-defined]
    rows = {Path(r["path"]).as_posix(): r for r in json.loads(listed.stdout)}  # type: ignore[attr-defined]
    return result.stderr, rows  # type: ignore[attr-defined]
