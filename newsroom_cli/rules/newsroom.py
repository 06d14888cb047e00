"""Newsroom rules (NR3xx): dates, length windows, images, roster, vocabulary, teasers, slugs."""

from __future__ import annotations

import datetime as dt
import os
import re
import string
import time
from collections.abc import Callable, Iterator
from typing import Any

from newsroom_cli.article import Span
from newsroom_cli.config import Config, TargetConfig
from newsroom_cli.dates import ParsedDate, format_iso, parse_date
from newsroom_cli.rules.base import Finding, Rule, per_config
from newsroom_cli.rules.context import Context, did_you_mean, suggest

FAMILY = "newsroom"

DATE_WITHOUT_OFFSET = "NR301"
BAD_DATE = "NR302"
UPDATED_BEFORE_DATE = "NR303"
SCHEDULED = "NR304"
IMAGE_WITHOUT_ALT = "NR305"
IMAGE_WITHOUT_CREDIT = "NR306"
HEADLINE_LENGTH = "NR307"
DEK_LENGTH = "NR308"
UNKNOWN_AUTHOR = "NR309"
UNKNOWN_TAG = "NR310"
TEASER_TOO_LONG = "NR311"
MISSING_RECOMMENDED = "NR312"
SLUG_FILE_MISMATCH = "NR313"
PUBLISHED_EMPTY_BODY = "NR314"
LOOSE_DATE = "NR315"

# Each rule is defined, with its documentation, right above the check that reports it.

# A date text with a one-digit month, day or hour, or a one-digit offset hour.
_LOOSE_DATE = re.compile(r"^\s*\d{4}-(?:\d-|\d\d-\d(?!\d))|[T\s]\d:|[+-]\d(?:$|:|\d\d$)")

_COMMENTS = re.compile(r"<!--.*?-->", re.S)


class _Plan:
    """What the newsroom rules need from a configuration, built once per configuration."""

    def __init__(self, config: Config) -> None:
        schema = config.schema
        self.config = config
        self.date_fields = tuple(field.name for field in schema if field.type == "date")
        self.windows = tuple(
            (name, code, label, schema.get(name))
            for name, code, label in (
                ("title", HEADLINE_LENGTH, "headline"),
                ("dek", DEK_LENGTH, "dek"),
            )
        )
        self.author_keys = [author.key for author in config.authors]
        self.author_set = frozenset(self.author_keys)
        self.tag_set = frozenset(config.tags) if config.tags is not None else None
        self.recommended = tuple(
            field for field in schema if field.recommended and not field.required
        )
        teaser = config.teaser
        keys = [teaser.key_for(target) for target in teaser.targets.values()]
        # The top-level keys a target's own text would be under (`teaser` also by alias).
        self.teaser_heads = frozenset(key.split(".", 1)[0] for key in keys)
        self.teaser_field = "teaser" in keys
        self.stem = _stem_plan(config.pattern)


_plan = per_config(_Plan)


def check(ctx: Context, now: dt.datetime) -> Iterator[Finding]:
    """Run the newsroom rules on one article; ``now`` decides what is in the future."""
    plan = _plan(ctx.config)
    article = ctx.article
    fields = article.fields
    yield from _dates(ctx, now, plan)
    if isinstance(fields.get("image"), dict):
        yield from _images(ctx)
    yield from _windows(ctx, plan)
    if plan.author_keys and not _all_in(fields.get("authors"), plan.author_set):
        yield from _roster(ctx, plan)
    if plan.tag_set is not None and not _all_in(fields.get("tags"), plan.tag_set, ctx, "tags"):
        yield from _vocabulary(ctx, plan)
    if not plan.teaser_heads.isdisjoint(article.front_matter) or (
        plan.teaser_field and "teaser" in fields
    ):
        yield from _teasers(ctx)
    for field in plan.recommended:
        value = fields.get(field.name)
        if value is None or (isinstance(value, str | list | dict) and not value):
            yield from _recommended(ctx, plan)
            break
    yield from _slug_file(ctx, plan)
    if article.status == "published":
        yield from _empty_body(ctx)


def _all_in(
    value: Any, allowed: frozenset[str], ctx: Context | None = None, name: str = ""
) -> bool:
    """Whether every text item of a list field (or a single text, split as the conventions
    split ``name``'s key) is in ``allowed``."""
    if isinstance(value, str):
        if value in allowed:
            return True
        if ctx is None:
            return False
        return all(item in allowed for item in ctx.article.strings(name))
    if isinstance(value, list):
        return all(item in allowed for item in value if isinstance(item, str))
    return True


def _key(ctx: Context, name: str) -> str:
    return ctx.article.field_keys.get(name, name)


BAD_DATE_RULE = Rule(
    code=BAD_DATE,
    name="unparseable-date",
    severity="error",
    family=FAMILY,
    summary="A date field cannot be read as a date.",
    explanation=(
        "Dates are ISO 8601 (`2026-11-20T09:30:00-05:00`); a space instead of the `T`, a "
        "missing time and offsets like `-0500` or `Z` are accepted. Impossible dates such "
        "as November 31 are reported too. In an adopted archive a date taken from the file "
        "name (`2014-02-30-title.md`) or a path key (Zola's `path`) that names no real day "
        "is reported on the file name or on the key."
    ),
    bad="date: Nov. 20, 2026",
    good="date: 2026-11-20T09:30:00-05:00",
)


def _parsed(ctx: Context, name: str) -> tuple[ParsedDate | None, Finding | None]:
    value = ctx.article.fields.get(name)
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return ParsedDate(
            value if value.tzinfo else value.replace(tzinfo=ctx.config.tz),
            value.tzinfo is not None,
            True,
        ), None
    if isinstance(value, dt.date):
        return parse_date(value, ctx.config.tz), None
    if not isinstance(value, str):
        return None, None  # a wrong type is the schema rules' finding
    try:
        return parse_date(value, ctx.config.tz), None
    except ValueError as exc:
        key = _key(ctx, name)
        return None, Finding(
            BAD_DATE,
            ctx.value_span(name),
            f"{key}: {exc}",
            key,
            "write ISO 8601, e.g. 2026-11-20T09:30:00-05:00",
        )


def _derived_date(ctx: Context) -> Iterator[Finding]:
    """A date the conventions take from the file name or a path key (Jekyll, Zola) that
    names no real day: the finding says so and points at the name or the key."""
    article = ctx.article
    found = article.conventions.derived_date_error(article)
    if found is None:
        return
    source, what = found
    if source == "filename":
        yield Finding(
            BAD_DATE,
            Span.point(1),
            f"file name: {what}; the archive dates this post by its file name",
            None,
            "rename the file with a real date, or write a date key",
        )
    else:
        key = source.removeprefix("key:")
        yield Finding(
            BAD_DATE,
            ctx.value_span(key),
            f"{key}: {what}; the archive dates this post by its {key} key",
            key,
            f"write a real date in {key}, or a date key",
        )


DATE_WITHOUT_OFFSET_RULE = Rule(
    code=DATE_WITHOUT_OFFSET,
    name="date-without-offset",
    severity="warning",
    family=FAMILY,
    summary="A date with a time of day but no UTC offset.",
    explanation=(
        "Without an offset the time is read in the publication's time zone, which is "
        "ambiguous around daylight-saving changes and wrong when the file moves to another "
        "site. A date without a time (a whole day) is accepted."
    ),
    bad="date: 2026-11-20 09:30",
    good="date: 2026-11-20T09:30:00-05:00",
)


LOOSE_DATE_RULE = Rule(
    code=LOOSE_DATE,
    name="loose-date-spelling",
    severity="warning",
    family=FAMILY,
    summary="A date in a loose YAML 1.1 spelling (one-digit month, day, hour or offset).",
    explanation=(
        "YAML 1.1 readers (Jekyll, PyYAML) accept `2015-03-17 14:00:00 -4`, so it is read as "
        "the date it means and never called invalid; other readers (Hugo, TOML, JavaScript) "
        "refuse it. The warning gives the ISO 8601 spelling, and `newsroom fix` writes it."
    ),
    bad="---\ndate: 2015-03-17 14:00:00 -4\n---",
    good="---\ndate: 2015-03-17T14:00:00-04:00\n---",
)


UPDATED_BEFORE_DATE_RULE = Rule(
    code=UPDATED_BEFORE_DATE,
    name="updated-before-date",
    severity="error",
    family=FAMILY,
    summary="`updated` is earlier than `date`.",
    explanation=(
        "An update cannot precede publication; usually the two were swapped or one has a "
        "typo in the year."
    ),
    bad="date: 2026-11-20T09:30:00-05:00\nupdated: 2025-11-20T12:00:00-05:00",
    good="date: 2026-11-20T09:30:00-05:00\nupdated: 2026-11-20T12:00:00-05:00",
)


SCHEDULED_RULE = Rule(
    code=SCHEDULED,
    name="published-in-future",
    severity="warning",
    family=FAMILY,
    summary="A published article is dated in the future.",
    explanation=(
        "The article is scheduled: most sites will not show it until that time. This is a "
        "warning so that scheduled pieces can be committed; the finding disappears once "
        "the time has passed."
    ),
    bad="status: published\ndate: 2099-01-01T09:00:00-05:00",
    good="status: ready\ndate: 2099-01-01T09:00:00-05:00",
)


def _dates(ctx: Context, now: dt.datetime, plan: _Plan) -> Iterator[Finding]:
    parsed: dict[str, ParsedDate] = {}
    fields = ctx.article.fields
    if not ctx.article.conventions.native and fields.get("date") in (None, ""):
        fact = ctx.article.facts["date"]
        if fact.value is None and fact.source != "missing":
            yield from _derived_date(ctx)
    for name in plan.date_fields:
        value, problem = _parsed(ctx, name)
        if isinstance(fields.get(name), str):
            # What Article.date would give for this text, kept for the slug rule.
            ctx.dates[name] = value.value if value is not None else None
        if problem is not None:
            yield problem
        if value is None:
            continue
        parsed[name] = value
        raw = fields.get(name)
        if isinstance(raw, str) and _LOOSE_DATE.search(raw.strip()):
            key = _key(ctx, name)
            spec = "seconds" if value.value.microsecond == 0 else "microseconds"
            written = (
                value.value.isoformat(timespec=spec)
                if value.has_time
                else value.value.date().isoformat()
            )
            yield Finding(
                LOOSE_DATE,
                ctx.value_span(name),
                f"{key}: {raw.strip()!r} is read as {written}, a spelling YAML 1.1 allows",
                key,
                f"write {written}; `newsroom fix` does it",
            )
        if value.has_time and not value.has_offset:
            key = _key(ctx, name)
            yield Finding(
                DATE_WITHOUT_OFFSET,
                ctx.value_span(name),
                f"{key}: no UTC offset; read in {ctx.config.publication.timezone}",
                key,
                f"write {format_iso(value.value)}",
            )
    date, updated = parsed.get("date"), parsed.get("updated")
    if date is not None and updated is not None and updated.value < date.value:
        key = _key(ctx, "updated")
        yield Finding(
            UPDATED_BEFORE_DATE,
            ctx.value_span("updated"),
            f"{key} ({format_iso(updated.value)}) is before date ({format_iso(date.value)})",
            key,
        )
    if date is not None and ctx.article.status == "published" and date.value > now:
        ctx.expires = min(ctx.expires or float("inf"), date.value.timestamp())
        key = _key(ctx, "date")
        yield Finding(
            SCHEDULED,
            ctx.value_span("date"),
            f"scheduled: published with a date in the future ({format_iso(date.value)})",
            key,
            "fine if intended; otherwise set status: ready until then",
        )


IMAGE_WITHOUT_ALT_RULE = Rule(
    code=IMAGE_WITHOUT_ALT,
    name="image-without-alt",
    severity="warning",
    family=FAMILY,
    summary="The lead image has no `alt` text.",
    explanation=(
        "Screen readers and text-only e-mail clients need a description of the image. "
        "Re-grade this rule to an error to make it a requirement."
    ),
    bad="image:\n  src: ferry.jpg\n  credit: James Corrigan",
    good=(
        "image:\n  src: ferry.jpg\n  alt: A white ferry leaves the terminal at dawn.\n"
        "  credit: James Corrigan"
    ),
)


IMAGE_WITHOUT_CREDIT_RULE = Rule(
    code=IMAGE_WITHOUT_CREDIT,
    name="image-without-credit",
    severity="warning",
    family=FAMILY,
    summary="The lead image has no `credit`.",
    explanation="Every published image needs its photographer or source named.",
    bad="image:\n  src: ferry.jpg\n  alt: A white ferry leaves the terminal at dawn.",
    good=(
        "image:\n  src: ferry.jpg\n  alt: A white ferry leaves the terminal at dawn.\n"
        "  credit: James Corrigan / The Harbor Ledger"
    ),
)


def _images(ctx: Context) -> Iterator[Finding]:
    image = ctx.article.fields.get("image")
    if not isinstance(image, dict):
        return
    key = _key(ctx, "image")
    for sub, code, what in (
        ("alt", IMAGE_WITHOUT_ALT, "alt text"),
        ("credit", IMAGE_WITHOUT_CREDIT, "credit"),
    ):
        value = image.get(sub)
        if not isinstance(value, str) or not value.strip():
            yield Finding(
                code,
                ctx.key_span("image"),
                f"{key}: no {what}",
                f"{key}.{sub}",
                f"add `{sub}:` under {key}:",
            )


HEADLINE_LENGTH_RULE = Rule(
    code=HEADLINE_LENGTH,
    name="headline-length",
    severity="warning",
    family=FAMILY,
    summary="The headline is outside its length window.",
    explanation=(
        "The window is the `title` field's `min_length` and `max_length` (10 to 120 "
        "characters by default): shorter is rarely a real headline, longer is cut in "
        "search results and social cards."
    ),
    bad="title: Fares",
    good="title: Council freezes ferry fares through next summer",
)


DEK_LENGTH_RULE = Rule(
    code=DEK_LENGTH,
    name="dek-length",
    severity="warning",
    family=FAMILY,
    summary="The dek is outside its length window.",
    explanation=(
        "The window is the `dek` field's `min_length` and `max_length` (40 to 240 "
        "characters by default)."
    ),
    bad="dek: Fares frozen.",
    good="dek: A 7-2 vote keeps the one-way fare to Gull Island at $3.25 until September.",
)


def _windows(ctx: Context, plan: _Plan) -> Iterator[Finding]:
    fields = ctx.article.fields
    for name, code, label, field in plan.windows:
        value = fields.get(name)
        if field is None or not isinstance(value, str) or not value.strip():
            continue
        size = len(value.strip())
        if field.min_length is not None and size < field.min_length:
            yield Finding(
                code,
                ctx.value_span(name),
                f"{label} is {_characters(size)}, shorter than {field.min_length}",
                _key(ctx, name),
            )
        elif field.max_length is not None and size > field.max_length:
            yield Finding(
                code,
                ctx.value_span(name),
                f"{label} is {_characters(size)}, longer than {field.max_length}",
                _key(ctx, name),
            )


def _characters(size: int) -> str:
    return f"{size} character{'s' if size != 1 else ''}"


def _items(ctx: Context, name: str) -> Iterator[tuple[str, str, str]]:
    """(dotted path, key as written, text) of each string item of a list field."""
    value = ctx.article.fields.get(name)
    key = _key(ctx, name)
    if isinstance(value, str):
        words = ctx.article.strings(name)
        if words == [value]:
            yield name, key, value
        else:  # a space-separated list (Jekyll's tags): each word is an item
            for word in words:
                yield name, key, word
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield f"{name}.{index}", f"{key}.{index}", item


UNKNOWN_AUTHOR_RULE = Rule(
    code=UNKNOWN_AUTHOR,
    name="author-not-on-roster",
    severity="error",
    family=FAMILY,
    summary="An author is not a key of the `[[authors]]` roster.",
    explanation=(
        "Checked only when newsroom.toml has a roster. Front matter uses the roster key; a "
        "name or alias written instead is reported with the key to use."
    ),
    bad="authors: [Dan Reyes]",
    good="authors: [daniel-reyes]",
)


def _roster(ctx: Context, plan: _Plan) -> Iterator[Finding]:
    config = ctx.config
    if not config.authors:
        return
    keys = plan.author_keys
    for dotted, key, text in _items(ctx, "authors"):
        if text in plan.author_set:
            continue
        entry = config.author(text)
        if entry is not None:
            message = f"{text!r} is not a roster key; did you mean {entry.key!r}?"
        else:
            names = {a.name: a.key for a in config.authors}
            near = suggest(text, [*keys, *names])
            near = names.get(near, near) if near else None
            message = f"author {text!r} is not on the roster" + (
                f"; did you mean {near!r}?" if near else ""
            )
        yield Finding(
            UNKNOWN_AUTHOR,
            ctx.value_span(dotted),
            message,
            key,
            "add them to [[authors]] in newsroom.toml if they are new",
        )


UNKNOWN_TAG_RULE = Rule(
    code=UNKNOWN_TAG,
    name="tag-not-in-vocabulary",
    severity="error",
    family=FAMILY,
    summary="A tag is not in the tag vocabulary.",
    explanation=(
        'Checked only when newsroom.toml has `[tags] vocabulary`. Keeps "ferry", '
        '"ferries" and "Ferries" from becoming three topics; near misses get a '
        '"did you mean".'
    ),
    bad="tags: [Ferries]",
    good="tags: [ferries]",
)


def _vocabulary(ctx: Context, plan: _Plan) -> Iterator[Finding]:
    vocabulary = ctx.config.tags
    if vocabulary is None or plan.tag_set is None:
        return
    allowed = plan.tag_set
    for dotted, key, text in _items(ctx, "tags"):
        if text not in allowed:
            yield Finding(
                UNKNOWN_TAG,
                _word_span(ctx, dotted, text),
                f"tag {text!r} is not in the vocabulary{did_you_mean(text, vocabulary)}",
                key,
                "add it to [tags] vocabulary in newsroom.toml if it is new",
            )


def _word_span(ctx: Context, dotted: str, word: str) -> Span:
    """The span of ``word`` inside the value of ``dotted`` when written there on one line
    (a tag of a space-separated list), else the whole value's span."""
    span = ctx.value_span(dotted)
    lines = ctx.article.text.splitlines()
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return span
    written = lines[span.line - 1][span.column - 1 : span.end_column - 1]
    if written == word:
        return span
    found = re.search(rf"(?<!\S){re.escape(word)}(?!\S)", written.strip("'\""))
    if found is None:
        return span
    column = span.column + (1 if written[:1] in ("'", '"') else 0) + found.start()
    return Span(span.line, column, span.line, column + len(word))


def _measure() -> Callable[[str, TargetConfig], int]:
    from newsroom_cli.teaser.fit import measure

    def measured(text: str, target: TargetConfig) -> int:
        return int(measure(text, target.unit, url_length=target.url_length))

    return measured


TEASER_TOO_LONG_RULE = Rule(
    code=TEASER_TOO_LONG,
    name="teaser-too-long",
    severity="warning",
    family=FAMILY,
    summary="An editor's teaser is longer than a teaser target allows.",
    explanation=(
        "The text is measured as its target measures it (characters, graphemes or X's "
        "weighted count, less the reserve for a link). Each target's own key is measured "
        "against that target: `teaser` for the newsletter, `teasers.meta`, `teasers.x`... "
        'for the others (with `teaser.key = "teasers.{target}"`, `teasers.newsletter` '
        "too). A longer text still works, but is cut like generated text."
    ),
    bad="teasers:\n  meta: <a 200-character paragraph>   # meta allows 155",
    good="teaser: Fares stay at $3.25 through the summer after a 7-2 council vote.",
)


def _teasers(ctx: Context) -> Iterator[Finding]:
    teaser = ctx.config.teaser
    front_matter = ctx.article.front_matter
    for target in teaser.targets.values():
        key = teaser.key_for(target)
        value: Any = front_matter
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None and key == "teaser":
            value = ctx.article.fields.get("teaser")
        if isinstance(value, str) and value.strip():
            yield from _teaser(ctx, key, value, [target])


def _teaser(ctx: Context, dotted: str, text: str, targets: list[TargetConfig]) -> Iterator[Finding]:
    measure = _measure()
    text = " ".join(text.split())
    over = []
    for target in targets:
        budget = max(0, target.limit - target.reserve)
        size = measure(text, target)
        too_many_bytes = target.max_bytes is not None and len(text.encode()) > target.max_bytes
        if size > budget or too_many_bytes:
            over.append(f"{target.name} ({size} of {budget} {target.unit})")
    if over:
        location = ctx.location(dotted)
        span = location.value if location else ctx.value_span(dotted.split(".")[0])
        yield Finding(
            TEASER_TOO_LONG,
            span,
            f"teaser too long for {', '.join(over)}",
            dotted,
            "shorten it, or let `newsroom teaser` cut it per target",
        )


MISSING_RECOMMENDED_RULE = Rule(
    code=MISSING_RECOMMENDED,
    name="missing-recommended-field",
    severity="warning",
    family=FAMILY,
    summary="A recommended field is missing (by default: the dek).",
    explanation=(
        "A piece without a dek has nothing to show under the headline in lists and "
        "round-ups, and teasers fall back to the first paragraph. Reported at the closing "
        "delimiter, or at the key when it is there without a value."
    ),
    bad="---\ntitle: Council freezes ferry fares\n---",
    good="---\ntitle: Council freezes ferry fares\ndek: The one-way fare stays at $3.25.\n---",
)


def _recommended(ctx: Context, plan: _Plan) -> Iterator[Finding]:
    for field in plan.recommended:
        value = ctx.article.fields.get(field.name)
        if value is None or (isinstance(value, str | list | dict) and not value):
            label = {"dek": "dek (the standfirst under the headline)"}.get(field.name, field.name)
            written = ctx.location(field.name)
            if written is not None:
                # Present but empty (`dek: ""`, as `new` writes it): the line to fill in.
                key = _key(ctx, field.name)
                yield Finding(
                    MISSING_RECOMMENDED,
                    written.key,
                    f"no {label}",
                    key,
                    f"write it after `{key}:`",
                )
                continue
            yield Finding(
                MISSING_RECOMMENDED,
                ctx.block_span(),
                f"no {label}",
                field.name,
                f"add a `{field.name}:` line",
            )


SLUG_FILE_MISMATCH_RULE = Rule(
    code=SLUG_FILE_MISMATCH,
    name="slug-file-mismatch",
    severity="warning",
    family=FAMILY,
    summary="The slug does not match the file name.",
    explanation=(
        "The file name is expected to follow the last part of `paths.pattern` (by default "
        "`{slug}.md`; for an `index.md` page bundle, the folder name). A mismatch usually "
        "means a renamed file or an edited slug, and a URL that differs from the file."
    ),
    bad="# council-freezes-fares.md\nslug: ferry-fares-frozen",
    good="# council-freezes-fares.md\nslug: council-freezes-fares",
)


def _slug_file(ctx: Context, plan: _Plan) -> Iterator[Finding]:
    slug = ctx.article.slug
    path = ctx.path
    if slug is None or path is None:
        return
    name = os.path.basename(path)
    stem = name.rsplit(".", 1)[0]
    if stem in ("index", "_index"):
        folder = os.path.basename(os.path.dirname(path))
        if folder != slug:
            yield _slug_finding(
                ctx,
                slug,
                f"folder name {folder!r}",
                f"rename the folder to {slug}/ or change the slug",
            )
        return
    found = _match_stem(ctx, plan.stem, stem)
    if found is not None:
        start, end = found
        if stem[start:end] != slug:
            expected = stem[:start] + slug + stem[end:] + name[len(stem) :]
            yield _slug_finding(
                ctx,
                slug,
                f"file name {name!r}",
                f"rename the file to {expected} or change the slug",
            )
    elif slug not in stem:
        yield _slug_finding(ctx, slug, f"file name {name!r}", "rename the file or change the slug")


def _slug_finding(ctx: Context, slug: str, what: str, hint: str) -> Finding:
    key = _key(ctx, "slug")
    return Finding(
        SLUG_FILE_MISMATCH,
        ctx.value_span("slug"),
        f"slug {slug!r} does not match the {what}",
        key,
        hint,
    )


# The file-name part of the path pattern, parsed once per configuration: a compiled
# expression when it does not depend on the article, else the parts to fill in per file.
_StemPlan = re.Pattern[str] | list[tuple[str, str | None, str]]
_ANY_SLUG = re.compile("(?P<slug>.+)")


def _stem_plan(pattern: str) -> _StemPlan:
    last = pattern.replace("\\", "/").rsplit("/", 1)[-1]
    if last.endswith((".md", ".markdown")):
        last = last.rsplit(".", 1)[0]
    try:
        parsed = list(string.Formatter().parse(last))
    except ValueError:
        return _ANY_SLUG
    if not any(field == "slug" for _, field, _, _ in parsed):
        return _ANY_SLUG
    parts = [(literal, field, spec or "") for literal, field, spec, _ in parsed]
    if any(field in _ARTICLE_PLACEHOLDERS for _, field, _ in parts):
        return parts
    return re.compile(_stem_expression(parts, None, None))


_ARTICLE_PLACEHOLDERS = ("date", "year", "month", "day", "section")


def _stem_expression(
    parts: list[tuple[str, str | None, str]], when: dt.datetime | None, section: Any
) -> str:
    """A regular expression for the file name the path pattern gives, capturing the slug.

    Placeholders other than the slug are filled in from the article where possible, so
    that ``{date:%Y-%m-%d}-{slug}`` does not leave the split between them to guesswork.
    """
    pieces = []
    seen_slug = False
    for literal, field, spec in parts:
        pieces.append(re.escape(literal))
        if field is None:
            continue
        if field == "slug" and not seen_slug:
            pieces.append("(?P<slug>.+)")
            seen_slug = True
        elif field in ("date", "year", "month", "day") and when is not None:
            spec = spec or {"year": "%Y", "month": "%m", "day": "%d"}.get(field, "%Y-%m-%d")
            pieces.append(re.escape(format(when, spec)))
        elif field == "section" and isinstance(section, str):
            pieces.append(re.escape(section))
        else:
            pieces.append(".+?")
    return "".join(pieces)


def _match_stem(ctx: Context, plan: _StemPlan, stem: str) -> tuple[int, int] | None:
    """Where the slug is in ``stem`` by the path pattern, or ``None`` if it does not fit."""
    if isinstance(plan, re.Pattern):
        match = plan.fullmatch(stem)
        return match.span("slug") if match is not None else None
    when = _date_of(ctx)
    section = ctx.article.get("section")
    # With only literal text around the slug, the expression is prefix (.+) suffix.
    prefix: list[str] = []
    suffix: list[str] = []
    seen_slug = False
    for literal, field, spec in plan:
        (suffix if seen_slug else prefix).append(literal)
        if field is None:
            continue
        if field == "slug" and not seen_slug:
            seen_slug = True
        elif field in ("date", "year", "month", "day") and when is not None:
            spec = spec or {"year": "%Y", "month": "%m", "day": "%d"}.get(field, "%Y-%m-%d")
            (suffix if seen_slug else prefix).append(format(when, spec))
        elif field == "section" and isinstance(section, str):
            (suffix if seen_slug else prefix).append(section)
        else:
            match = re.compile(_stem_expression(plan, when, section)).fullmatch(stem)
            return match.span("slug") if match is not None else None
    head, tail = "".join(prefix), "".join(suffix)
    end = len(stem) - len(tail)
    if end - len(head) < 1 or not stem.startswith(head) or not stem.endswith(tail):
        return None
    if "\n" in stem[len(head) : end]:  # `.` stops at a line break
        return None
    return len(head), end


def _date_of(ctx: Context) -> dt.datetime | None:
    """The article's date, as :meth:`Article.date` reads it (parsed once by the date rules)."""
    raw = ctx.article.get("date")
    if isinstance(raw, str) and "date" in ctx.dates:
        return ctx.dates["date"]
    return ctx.article.date(ctx.config.tz)


PUBLISHED_EMPTY_BODY_RULE = Rule(
    code=PUBLISHED_EMPTY_BODY,
    name="published-empty-body",
    severity="error",
    family=FAMILY,
    summary="A published article has no text.",
    explanation=(
        "`status: published` with nothing but white space and HTML comments after the "
        "front matter is usually a file filed too early."
    ),
    bad="---\nstatus: published\n---\n",
    good="---\nstatus: published\n---\n\nThe council voted...",
)


def _empty_body(ctx: Context) -> Iterator[Finding]:
    if ctx.article.status != "published" or "status" not in ctx.article.fields:
        # A status the conventions give (a static site's link posts) is not a filing slip.
        return
    # Text before any comment is text; only a body that opens with a comment is searched.
    text = ctx.article.body.lstrip()
    if text and (not text.startswith("<!--") or _COMMENTS.sub("", text).strip()):
        return
    yield Finding(
        PUBLISHED_EMPTY_BODY,
        ctx.value_span("status"),
        "status is published but the article has no text",
        _key(ctx, "status"),
        "write the article, or set status: draft",
    )


def now_utc() -> dt.datetime:
    """The current time, aware, for the rules that look at the future."""
    return dt.datetime.fromtimestamp(time.time(), dt.UTC)


__all__ = ["RULES", "check", "now_utc"]


# The family in code order, as docs/rules.md lists it.
RULES = (
    DATE_WITHOUT_OFFSET_RULE,
    BAD_DATE_RULE,
    UPDATED_BEFORE_DATE_RULE,
    SCHEDULED_RULE,
    IMAGE_WITHOUT_ALT_RULE,
    IMAGE_WITHOUT_CREDIT_RULE,
    HEADLINE_LENGTH_RULE,
    DEK_LENGTH_RULE,
    UNKNOWN_AUTHOR_RULE,
    UNKNOWN_TAG_RULE,
    TEASER_TOO_LONG_RULE,
    MISSING_RECOMMENDED_RULE,
    SLUG_FILE_MISMATCH_RULE,
    PUBLISHED_EMPTY_BODY_RULE,
    LOOSE_DATE_RULE,
)
