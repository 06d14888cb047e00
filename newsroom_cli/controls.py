"""Control characters from articles, kept away from the terminal.

A headline or a body can hold escape sequences that clear the screen, retitle the window
or forge a hyperlink when printed. Everything the toolkit prints to a terminal from an
article passes through :func:`strip_controls` (Rich output through the console's render
hook, plain tables directly).
"""

from __future__ import annotations

# C0 and C1 control characters except tab and newline. Each is zero cells wide, so
# dropping one keeps a computed layout.
CONTROL_CHARACTERS: dict[int, None] = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]
)


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newline kept)."""
    return text.translate(CONTROL_CHARACTERS)
