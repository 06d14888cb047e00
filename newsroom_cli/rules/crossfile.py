"""Rules across files (NR4xx): duplicate slugs and duplicate headlines.

Each file contributes its :data:`Identity` (kept in the results cache, so a warm run
compares without reading the files again); the comparison runs on every validation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from newsroom_cli.article import Span
from newsroom_cli.rules.base import Finding, Rule
from newsroom_cli.rules.context import Context

FAMILY = "crossfile"

DUPLICATE_SLUG = "NR401"
DUPLICATE_TITLE = "NR402"


# What the cross-file rules compare, flat to stay small over a large archive: the slug, the
# headline, then the slug's span and the headline's span (line, column, end line, end column;
# four ``None`` where the value is absent), and the article's language under an archive's
# conventions (``None`` natively): translations may share a headline, so each language is
# compared within itself.
Identity = tuple[Any, ...]
NO_IDENTITY: Identity = (None,) * 11


def compact(data: Sequence[object]) -> Identity:
    """An identity from its cached form, or :data:`NO_IDENTITY` when it is malformed."""
    if isinstance(data, tuple) and len(data) == 11:
        return data
    if not (isinstance(data, list) and len(data) == 11):
        return NO_IDENTITY
    slug, title, language = data[0], data[1], data[10]
    slug = slug if isinstance(slug, str) else None
    title = title if isinstance(title, str) else None
    language = language if isinstance(language, str) else None
    spans = data[2:10]
    for start in (0, 4):
        part = spans[start : start + 4]
        if not all(isinstance(v, int) for v in part):
            spans[start : start + 4] = [None] * 4
    return (slug, title, *spans, language)


def normalize_title(title: str) -> str:
    """A headline for comparison: letter case and spacing ignored."""
    return " ".join(title.casefold().split())


def _span_of(span: Span | None) -> tuple[int | None, ...]:
    if span is None:
        return (None,) * 4
    return (span.line, span.column, span.end_line, span.end_column)


def identity(ctx: Context) -> Identity:
    """The slug and headline of one article, as the cross-file rules see them."""
    article = ctx.article
    slug = article.slug
    title = article.title.strip() or None
    return (
        slug,
        title,
        *_span_of(ctx.value_span("slug") if slug else None),
        *_span_of(ctx.value_span("title") if title else None),
        article.language if slug or title else None,
    )


def _span(item: Identity, what: str) -> Span:
    start = 2 if what == "slug" else 6
    if item[start] is None:
        return Span.point(1)
    return Span(*item[start : start + 4])


def _groups(keys: Iterable[tuple[int, Hashable]]) -> list[list[int]]:
    """Indexes sharing a key, for keys held more than once (a single index costs no list)."""
    first: dict[Hashable, int] = {}
    shared: dict[Hashable, list[int]] = {}
    for index, key in keys:
        found = first.setdefault(key, index)
        if found != index:
            members = shared.get(key)
            if members is None:
                shared[key] = [found, index]
            else:
                members.append(index)
    return list(shared.values())


# The family's rules, defined with their documentation right above their check.
RULES = (
    Rule(
        code=DUPLICATE_SLUG,
        name="duplicate-slug",
        severity="error",
        family=FAMILY,
        summary="Two articles have the same slug.",
        explanation=(
            "The slug names the article's URL, so two articles with one slug overwrite or "
            "shadow each other. Each file is reported, pointing at its slug and naming the "
            "others. With `--staged` the staged files are compared with the whole archive."
        ),
        bad=(
            "# news/2026/11/fares.md\nslug: ferry-fares\n# news/2026/12/fares-update.md\n"
            "slug: ferry-fares"
        ),
        good=(
            "# news/2026/11/fares.md\nslug: ferry-fares\n# news/2026/12/fares-update.md\n"
            "slug: ferry-fares-update"
        ),
    ),
    Rule(
        code=DUPLICATE_TITLE,
        name="duplicate-title",
        severity="warning",
        family=FAMILY,
        summary="Two articles have the same headline.",
        explanation=(
            "Headlines are compared ignoring letter case and spacing. Readers and search "
            "engines cannot tell such articles apart; recurring columns may want to ignore "
            "this rule."
        ),
        bad=(
            "title: Council freezes ferry fares\n# and in another file\n"
            "title: Council Freezes Ferry Fares"
        ),
        good=(
            "title: Council freezes ferry fares\n# and in another file\n"
            "title: Council extends ferry fare freeze"
        ),
    ),
)


def check(
    identities: Sequence[Identity], reported: int, names: Sequence[str]
) -> dict[int, list[Finding]]:
    """Findings by file index for the first ``reported`` files; ``names`` label the others."""
    findings: dict[int, list[Finding]] = defaultdict(list)
    if len(identities) < 2:
        return findings
    slugs = _groups((i, (item[10], item[0])) for i, item in enumerate(identities) if item[0])
    _report(identities, reported, names, findings, DUPLICATE_SLUG, slugs, "slug")
    # Grouped by the hash first, so that a normalized headline is kept only for candidates.
    candidates = _groups(
        (i, hash((item[10], normalize_title(item[1]))))
        for i, item in enumerate(identities)
        if item[1]
    )
    titles: list[list[int]] = []
    for members in candidates:
        titles.extend(
            _groups((i, (identities[i][10], normalize_title(identities[i][1]))) for i in members)
        )
    _report(identities, reported, names, findings, DUPLICATE_TITLE, titles, "title")
    return findings


def _report(
    identities: Sequence[Identity],
    reported: int,
    names: Sequence[str],
    findings: dict[int, list[Finding]],
    code: str,
    groups: list[list[int]],
    what: str,
) -> None:
    field = 0 if what == "slug" else 1
    for members in groups:
        if members[0] >= reported:
            continue
        for index in members:
            if index >= reported:
                continue
            shown = identities[index][field]
            others = [m for m in members if m != index]
            places = [
                f"{names[other]}:{_span(identities[other], what).line}" for other in others[:3]
            ]
            more = f" and {len(others) - 3} more" if len(others) > 3 else ""
            findings[index].append(
                Finding(
                    code,
                    _span(identities[index], what),
                    f"{what} {shown!r} is also used by {', '.join(places)}{more}",
                    what,
                    f"give each article its own {what}",
                )
            )
