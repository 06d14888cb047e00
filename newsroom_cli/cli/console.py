"""The one console factory: colour, width and terminal decisions are made here."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream: IO[str] | None = None) -> bool:
    """Whether to colour output on ``stream`` given ``--color`` and the environment.

    ``--color always|never`` wins; in ``auto`` mode ``NO_COLOR`` turns colour off,
    ``FORCE_COLOR`` turns it on, ``TERM=dumb`` turns it off, and otherwise colour follows
    whether the stream is a terminal.
    """
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def is_terminal(stream: IO[str] | None = None) -> bool:
    """Whether ``stream`` is an interactive terminal."""
    stream = stream or sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def make_console(
    choice: str = "auto",
    *,
    stderr: bool = False,
    width: int | None = None,
    file: IO[str] | None = None,
    record: bool = False,
) -> Console:
    """Build a Rich console for stdout (or stderr) that honours ``--color`` and the pipe.

    Not a terminal: no escape codes and width 80 unless ``width`` is given.
    """
    from rich.console import Console

    stream = file or (sys.stderr if stderr else sys.stdout)
    color = use_color(choice, stream)
    terminal = is_terminal(stream)
    if not terminal and width is None:
        width = 80
    return Console(
        file=stream,
        force_terminal=True if color else (terminal and os.environ.get("TERM") != "dumb"),
        no_color=not color,
        color_system="auto" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        record=record,
        legacy_windows=False,
    )
