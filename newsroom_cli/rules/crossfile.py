"""Rules across files (NR4xx): duplicate slugs and duplicate headlines.

Each file contributes its :class:`Identity` (kept in the results cache, so a warm run
compares without reading the files again); the comparison runs on every validation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsroom_cli.article import Span
from newsroom_cli.rules.base import Finding, Rule
from newsroom_cli.rules.context import Context

FAMILY = "crossfile"

DUPLICATE_SLUG = "NR401"
DUPLICATE_TITLE = "NR402"

RULES = (
    Rule(
        DUPLICATE_SLUG,
        "duplicate-slug",
        "error",
        FAMILY,
        "Two articles have the same slug.",
        "The slug names the article's URL, so two articles with one slug overwrite or "
        "shadow each other. Each file is reported, pointing at its slug and naming the "
        "others. With `--staged` the staged files are compared with the whole archive.",
        "# news/2026/11/fares.md\nslug: ferry-fares\n# news/2026/12/fares-update.md\n"
        "slug: ferry-fares",
        "# news/2026/11/fares.md\nslug: ferry-fares\n# news/2026/12/fares-update.md\n"
        "slug: ferry-fares-update",
    ),
    Rule(
        DUPLICATE_TITLE,
        "duplicate-title",
        "warning",
        FAMILY,
        "Two articles have the same headline.",
        "Headlines are compared ignoring letter case and spacing. Readers and search "
        "engines cannot tell such articles apart; recurring columns may want to ignore "
        "this rule.",
        "title: Council freezes ferry fares\n# and in another file\n"
        "title: Council Freezes Ferry Fares",
        "title: Council freezes ferry fares\n# and in another file\n"
        "title: Council extends ferry fare freeze",
    ),
)


@dataclass(frozen=True)
class Identity:
    """What the cross-file rules compare: the slug and the headline, with their places."""

    slug: str | None = None
    slug_span: Span | None = None
    title: str | None = None
    title_span: Span | None = None

    def to_data(self) -> list[object]:
        """A compact, JSON-safe form for the results cache."""
        return [self.slug, _span_data(self.slug_span), self.title, _span_data(self.title_span)]

    @classmethod
    def from_data(cls, data: Sequence[object]) -> Identity:
        """Rebuild from :meth:`to_data`."""
        slug, slug_span, title, title_span = (list(data) + [None] * 4)[:4]
        return cls(
            slug if isinstance(slug, str) else None,
            _span_from(slug_span),
            title if isinstance(title, str) else None,
            _span_from(title_span),
        )

    def span(self, what: str) -> Span:
        """Where the slug or the title is written."""
        found = self.slug_span if what == "slug" else self.title_span
        return found or Span.point(1)


def _span_data(span: Span | None) -> list[int] | None:
    return None if span is None else [span.line, span.column, span.end_line, span.end_column]


def _span_from(data: object) -> Span | None:
    if isinstance(data, list) and len(data) == 4 and all(isinstance(v, int) for v in data):
        return Span(*data)
    return None


def normalize_title(title: str) -> str:
    """A headline for comparison: letter case and spacing ignored."""
    return " ".join(title.casefold().split())


def identity(ctx: Context) -> Identity:
    """The slug and headline of one article, as the cross-file rules see them."""
    article = ctx.article
    slug = article.slug
    title = article.title.strip() or None
    return Identity(
        slug,
        ctx.value_span("slug") if slug else None,
        title,
        ctx.value_span("title") if title else None,
    )


def check(
    identities: Sequence[Identity], reported: Sequence[bool], names: Sequence[str]
) -> dict[int, list[Finding]]:
    """Findings by file index for the files marked ``reported``; ``names`` label the others."""
    findings: dict[int, list[Finding]] = defaultdict(list)
    _duplicates(
        identities,
        reported,
        names,
        findings,
        DUPLICATE_SLUG,
        lambda i: (i.slug, i.slug),
        "slug",
    )
    _duplicates(
        identities,
        reported,
        names,
        findings,
        DUPLICATE_TITLE,
        lambda i: (normalize_title(i.title) if i.title else None, i.title),
        "title",
    )
    return findings


def _duplicates(
    identities: Sequence[Identity],
    reported: Sequence[bool],
    names: Sequence[str],
    findings: dict[int, list[Finding]],
    code: str,
    pick: Callable[[Identity], tuple[str | None, str | None]],
    what: str,
) -> None:
    groups: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(identities):
        key = pick(item)[0]
        if key:
            groups[key].append(index)
    for members in groups.values():
        if len(members) < 2 or not any(reported[i] for i in members):
            continue
        for index in members:
            if not reported[index]:
                continue
            shown = pick(identities[index])[1]
            others = [m for m in members if m != index]
            places = [f"{names[other]}:{identities[other].span(what).line}" for other in others[:3]]
            more = f" and {len(others) - 3} more" if len(others) > 3 else ""
            findings[index].append(
                Finding(
                    code,
                    identities[index].span(what),
                    f"{what} {shown!r} is also used by {', '.join(places)}{more}",
                    what,
                    f"give each article its own {what}",
                )
            )
