"""The round-up's weeks are the toolkit's time windows: :mod:`newsroom_cli.window`.

Kept so that ``from newsroom_cli.roundup.window import week_window`` keeps working for scripts.
"""

from newsroom_cli.window import (
    EmptyWindow,
    Window,
    current_week,
    explicit_window,
    parse_week,
    resolve_window,
    week_label,
    week_window,
    window_from_strings,
)

__all__ = [
    "EmptyWindow",
    "Window",
    "current_week",
    "explicit_window",
    "parse_week",
    "resolve_window",
    "week_label",
    "week_window",
    "window_from_strings",
]
