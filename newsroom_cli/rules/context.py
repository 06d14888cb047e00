"""What a check sees: the configuration, the loaded article, and helpers to place findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from newsroom_cli.article import Article, Location, Span
from newsroom_cli.config import Config


class Context:
    """One article under check."""

    __slots__ = ("article", "config", "dates", "expires", "path")

    def __init__(self, config: Config, article: Article, path: str | None) -> None:
        self.config = config
        self.article = article
        # The file's path as a string (``str(Path)``), or ``None`` for text without a file.
        self.path = path
        # When a finding depends on the clock (a scheduled article), when it stops holding.
        self.expires: float | None = None
        # Date fields written as text, as :meth:`Article.date` reads them (parsed once).
        self.dates: dict[str, dt.datetime | None] = {}

    def location(self, dotted: str) -> Location | None:
        """Where a canonical field, or a dotted path below it, is written."""
        return self.article.location(dotted)

    def value_span(self, dotted: str) -> Span:
        """The value of ``dotted``, else the nearest thing written (parent, key, block)."""
        found = self.article.value_span(dotted)
        if found is not None:
            return found
        head = dotted.rsplit(".", 1)[0] if "." in dotted else None
        if head is not None:
            return self.value_span(head)
        return self.block_span()

    def key_span(self, dotted: str) -> Span:
        """The key of ``dotted``, else the nearest thing written."""
        found = self.location(dotted)
        if found is not None:
            return found.key
        head = dotted.rsplit(".", 1)[0] if "." in dotted else None
        if head is not None:
            return self.key_span(head)
        return self.block_span()

    def block_span(self) -> Span:
        """The closing delimiter, where a missing key belongs; else the opening line."""
        article = self.article
        if article.close_span is not None:
            return article.close_span
        return Span.point(article.open_line or 1)


def suggest(value: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``value`` (same letters in another case first), or ``None``."""
    options = list(dict.fromkeys(choices))
    wanted = value.casefold().strip()
    for option in options:
        if option.casefold() == wanted:
            return option
    import difflib

    folded = {option.casefold(): option for option in options}
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a near miss, else ''."""
    found = suggest(value, choices)
    return f"; did you mean {found!r}?" if found is not None and found != value else ""


def one_of(choices: Iterable[str], limit: int = 8) -> str:
    """A short list of allowed values for a hint."""
    items = list(choices)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
