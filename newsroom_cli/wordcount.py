"""Word counts and reading times of article bodies, the same for `preview` and `list`."""

from __future__ import annotations

import math
import re

# What a reader never reads as words: shortcodes, HTML tags and comments, link targets.
_NOT_PROSE = re.compile(
    r"\{\{[<%].*?[>%]\}\}|<!--.*?-->|</?[A-Za-z][^>\n]*>|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)",
    re.DOTALL,
)
# Markdown markers at the start of a line (bullets, quotes, headings, table bars) and dashes
# between spaces are not words. Finding them is much cheaper than matching every word.
_LINE_MARKERS = re.compile(r"^[ \t]*(?:[-*+>#|]+[ \t]+)+", re.MULTILINE)

WORDS_PER_MINUTE = 238


def word_count(body: str) -> int:
    """The number of words a reader sees in a Markdown body."""
    cleaned = _NOT_PROSE.sub(" ", body) if ("{{" in body or "<" in body or "](" in body) else body
    words = len(cleaned.split())
    for markers in _LINE_MARKERS.findall(cleaned):
        words -= len(markers.split())
    return words - sum(cleaned.count(dash) for dash in (" — ", " – ", " - "))


def reading_minutes(words: int) -> int:
    """Minutes an adult needs to read ``words`` words silently (at least 1 for any text)."""
    if words <= 0:
        return 0
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
