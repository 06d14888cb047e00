"""The one console factory: colour, width and terminal decisions are made here."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, RenderHook
    from rich.segment import Segment

COLOR_CHOICES = ("auto", "always", "never")


class ColorMode(StrEnum):
    """``--color``: colour on a terminal only, always, or never."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


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
    console = Console(
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
    console.push_render_hook(_control_filter())
    return console


def _control_filter() -> RenderHook:
    """A render hook that drops control characters from the text of what is printed.

    Rich writes its own colours and links as styles, so text never needs one; article
    content (a headline, a body) must not reach the terminal as escape sequences.
    """
    from rich.console import RenderHook
    from rich.segment import Segment

    from newsroom_cli.controls import strip_controls

    class Inert:
        def __init__(self, renderable: Any) -> None:
            self.renderable = renderable

        def __rich_console__(self, console: Console, options: Any) -> Iterator[Segment]:
            for segment in console.render(self.renderable, options):
                text = segment.text
                cleaned = text if segment.control else strip_controls(text)
                yield segment if cleaned == text else Segment(cleaned, segment.style)

    class Filter(RenderHook):
        def process_renderables(self, renderables: list[Any]) -> list[Any]:
            return [Inert(renderable) for renderable in renderables]

    return Filter()
