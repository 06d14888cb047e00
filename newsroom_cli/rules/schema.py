"""Schema rules (NR2xx): fields checked against the configured field schema.

Types, required fields, allowed values, lengths, patterns, unknown keys, aliases, and the
values YAML reads differently from how they look (``no`` as false, ``10:00`` as 600).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newsroom_cli.rules.base import Finding, Rule, per_config
from newsroom_cli.rules.context import Context, did_you_mean, one_of, suggest
from newsroom_cli.schema import RESERVED_KEYS, Field

if TYPE_CHECKING:
    from newsroom_cli.article import Article
    from newsroom_cli.config import Config

FAMILY = "schema"

MISSING_REQUIRED = "NR201"
WRONG_TYPE = "NR202"
NOT_ALLOWED = "NR203"
TOO_SHORT = "NR204"
TOO_LONG = "NR205"
PATTERN_MISMATCH = "NR206"
UNKNOWN_FIELD = "NR207"
YAML_SURPRISE = "NR208"
ALIAS_CONFLICT = "NR209"


# The headline and dek are judged by the newsroom rules' length windows instead.
_OWN_LENGTH_RULES = ("title", "dek")
_TEXT_TYPES = ("string", "text")
_TYPE_NAMES = {
    "string": "text",
    "text": "text",
    "date": "a date",
    "list": "a list",
    "boolean": "true or false",
    "mapping": "a mapping",
    "number": "a number",
}


class _FieldPlan:
    """One field's constraints, prepared once per configuration for the clean-value test."""

    def __init__(self, config: Config, field: Field) -> None:
        self.field = field
        self.name = field.name
        self.kind = field.type
        self.required = field.required
        self.allowed = frozenset(field.allowed_values([s.key for s in config.sections]))
        self.min_length = field.min_length
        self.max_length = field.max_length
        self.measure_text = field.name not in _OWN_LENGTH_RULES
        self.keys = frozenset(field.keys)
        self.pattern: re.Pattern[str] | None = None
        # A pattern that does not compile sends every value to the full check, which reports it.
        self.always_check = False
        if field.pattern is not None:
            try:
                self.pattern = re.compile(field.pattern)
            except re.error:
                self.always_check = True

    def clean_text(self, text: str, item: bool) -> bool:
        if self.allowed and text not in self.allowed:
            return False
        if self.pattern is not None and self.pattern.search(text) is None:
            return False
        if not item and self.measure_text:
            return self.fits(len(text.strip()))
        return True

    def fits(self, size: int) -> bool:
        return not (
            (self.min_length is not None and size < self.min_length)
            or (self.max_length is not None and size > self.max_length)
        )

    def clean(self, value: Any) -> bool:
        """Whether :func:`_check_value` would find nothing (``False`` when unsure)."""
        if self.always_check:
            return False
        if value is None or (isinstance(value, str | list | dict) and not value):
            return not self.required
        kind = self.kind
        if kind in _TEXT_TYPES:
            return isinstance(value, str) and self.clean_text(value, False)
        if kind == "list":
            if isinstance(value, str):
                return self.clean_text(value, True)
            if not isinstance(value, list):
                return False
            for item in value:
                if not isinstance(item, str) or not self.clean_text(item, True):
                    return False
            return self.fits(len(value))
        if kind == "date":
            return isinstance(value, str | dt.date)
        if kind == "boolean":
            return isinstance(value, bool)
        if kind == "mapping":
            keys = self.keys
            return isinstance(value, dict) and (not keys or all(str(k) in keys for k in value))
        if kind == "number":
            return not isinstance(value, bool) and isinstance(value, int | float)
        return False


class _Plan:
    """What the schema rules need from a configuration, built once per configuration."""

    def __init__(self, config: Config) -> None:
        schema = config.schema
        self.config = config
        # The keys the teaser reads ([teaser.fields], such as a meta `description`) are known.
        from newsroom_cli.config import TEASER_FIELDS

        kinds = config.teaser.fields or TEASER_FIELDS
        teaser_keys = (key.split(".")[0] for keys in kinds.values() for key in keys)
        self.known = [*schema.known_keys(), *RESERVED_KEYS, *dict.fromkeys(teaser_keys)]
        self.accepted = frozenset(self.known)
        self.alias_keys = frozenset(alias for field in schema for alias in field.aliases)
        self.fields = tuple(_FieldPlan(config, field) for field in schema)


_plan = per_config(_Plan)


# The family's rules, defined with their documentation right above their check.
RULES = (
    Rule(
        code=MISSING_REQUIRED,
        name="missing-required-field",
        severity="error",
        family=FAMILY,
        summary="A required field is missing or empty.",
        explanation=(
            "The schema marks some fields as required (by default `title`, `section`, "
            "`authors`, `date` and `status`). A missing field is reported at the closing "
            "delimiter, where it can be added, with a hint of what to write; a field that is "
            "present without a value is reported at its key."
        ),
        bad="---\ntitle: Council freezes ferry fares\ndate: 2026-11-10T21:15:00-05:00\n---",
        good=(
            "---\ntitle: Council freezes ferry fares\ndate: 2026-11-10T21:15:00-05:00\n"
            "section: news\nauthors: [daniel-reyes]\nstatus: draft\n---"
        ),
    ),
    Rule(
        code=WRONG_TYPE,
        name="wrong-type",
        severity="error",
        family=FAMILY,
        summary="A field's value has the wrong type.",
        explanation=(
            "Each field has a type: string, text, date, list, boolean, mapping or number. A "
            "list field also accepts a single string (one author). The problem points at the "
            "value."
        ),
        bad='featured: "yes"\nimage: ferry.jpg',
        good="featured: true\nimage:\n  src: ferry.jpg",
    ),
    Rule(
        code=NOT_ALLOWED,
        name="value-not-allowed",
        severity="error",
        family=FAMILY,
        summary="A value is not one of the allowed values.",
        explanation=(
            "`section` must be one of the configured sections and `status` one of draft, "
            "review, ready or published; a field of your own can list `allowed` values. Near "
            'misses get a "did you mean".'
        ),
        bad="section: News\nstatus: pubished",
        good="section: news\nstatus: published",
    ),
    Rule(
        code=TOO_SHORT,
        name="too-short",
        severity="error",
        family=FAMILY,
        summary="A value is shorter than the field's `min_length`.",
        explanation=(
            "Text is measured in characters after trimming spaces; a list by its number of "
            "items. The headline and the dek have their own rules (NR307, NR308)."
        ),
        bad="column: X",
        good="column: Tide Table",
    ),
    Rule(
        code=TOO_LONG,
        name="too-long",
        severity="error",
        family=FAMILY,
        summary="A value is longer than the field's `max_length`.",
        explanation=(
            "Text is measured in characters after trimming spaces; a list by its number of "
            "items. The slug may have at most 80 characters."
        ),
        bad=(
            "slug: council-votes-to-freeze-ferry-fares-through-next-summer-and-study-a-second-"
            "smaller-boat"
        ),
        good="slug: council-freezes-ferry-fares",
    ),
    Rule(
        code=PATTERN_MISMATCH,
        name="pattern-mismatch",
        severity="error",
        family=FAMILY,
        summary="A value does not match the field's `pattern`.",
        explanation=(
            "By default the slug must be lowercase ASCII letters and digits joined by single "
            "hyphens, so that it is safe in a URL and a file name."
        ),
        bad="slug: Council_Freezes_Fares",
        good="slug: council-freezes-fares",
    ),
    Rule(
        code=UNKNOWN_FIELD,
        name="unknown-field",
        severity="warning",
        family=FAMILY,
        summary="A key is not a field of the schema.",
        explanation=(
            "Usually a typo. The problem points at the key and suggests the closest field or "
            "alias; declare a field of your own under `[fields]` in newsroom.toml to accept "
            "it. Inside a mapping field such as `image`, only its declared keys are known."
        ),
        bad="tilte: Council freezes ferry fares",
        good="title: Council freezes ferry fares",
    ),
    Rule(
        code=YAML_SURPRISE,
        name="yaml-surprise",
        severity="error",
        family=FAMILY,
        summary="YAML reads an unquoted value as something else than the text written.",
        explanation=(
            "YAML 1.1 reads `no`, `yes`, `on` and `off` as true or false, `10:00` as the number "
            "600, `1e3` as 1000.0 and `012` as 10. In a text field that silently changes the "
            "value. Quote it."
        ),
        bad="column: no\nkicker: 10:00",
        good='column: "no"\nkicker: "10:00"',
    ),
    Rule(
        code=ALIAS_CONFLICT,
        name="alias-conflict",
        severity="warning",
        family=FAMILY,
        summary="A field is written twice, under its name and an alias (or two aliases).",
        explanation=(
            "Only one of the values is used: the field's own name wins over an alias, and "
            "among aliases the first in the schema. The problem points at the key that is "
            "ignored."
        ),
        bad="dek: The fare stays at $3.25.\nsummary: Fares are frozen.",
        good="dek: The fare stays at $3.25.",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    """Check every front-matter key and every schema field."""
    plan = _plan(ctx.config)
    article = ctx.article
    schema = ctx.config.schema
    front_matter = article.front_matter
    accepted = plan.accepted
    for key in front_matter:
        if key not in accepted:
            yield Finding(
                UNKNOWN_FIELD,
                ctx.key_span(key),
                f"unknown field {key!r}{did_you_mean(key, plan.known)}",
                key,
                "declare it under [fields] in newsroom.toml if it is meant",
            )
    # Two spellings of one field always include an alias.
    if not plan.alias_keys.isdisjoint(front_matter):
        for field in schema:
            written = [name for name in (field.name, *field.aliases) if name in front_matter]
            if len(written) > 1:
                used = article.field_keys[field.name]
                for name in written:
                    if name != used:
                        yield Finding(
                            ALIAS_CONFLICT,
                            ctx.key_span(name),
                            f"{name!r} is ignored: {used!r} sets the same field ({field.name})",
                            name,
                            f"keep only {used!r}",
                        )
    fields = article.fields
    for prepared in plan.fields:
        name = prepared.name
        if name not in fields:
            if prepared.required and not _derived(article, name):
                field = prepared.field
                yield Finding(
                    MISSING_REQUIRED,
                    ctx.block_span(),
                    f"missing required field {field.name!r}",
                    field.name,
                    f"add {_example(ctx, field)}",
                )
            continue
        value = fields[name]
        if not prepared.clean(value):
            yield from _check_value(ctx, prepared.field, value)


def _derived(article: Article, name: str) -> bool:
    """Whether the archive's conventions give the article this field although it is not
    written (a date from the file name, a section from a folder, a static site's status)."""
    if article.conventions.native or name not in ("date", "section", "status", "language"):
        return False
    return article.facts[name].value is not None


def _example(ctx: Context, field: Field) -> str:
    name = field.name
    config = ctx.config
    if name == "section" and not field.allowed:
        keys = [section.key for section in config.sections]
        return f"`section: {keys[0]}` (one of: {one_of(keys)})"
    if name == "authors":
        # Never a particular person: whoever is first on the roster did not write this.
        if config.authors:
            return "`authors: [...]` with keys from the [[authors]] roster in newsroom.toml"
        return "`authors: [your-name]`"
    if field.type == "date":
        return f"`{name}: 2026-11-20T09:30:00-05:00` (ISO 8601 with the UTC offset)"
    if field.allowed:
        first = field.default if isinstance(field.default, str) else field.allowed[0]
        return f"`{name}: {first}` (one of: {one_of(field.allowed)})"
    if field.default is not None:
        return f"`{name}: {field.default}`"
    if field.type == "list":
        return f"`{name}: [...]`"
    if name == "title":
        return '`title: "Your headline"`'
    return f"a `{name}:` line"


def _written(ctx: Context, field: Field) -> str:
    return ctx.article.field_keys.get(field.name, field.name)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.datetime | dt.date):
        return "a date"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _as_text(ctx: Context, dotted: str, key: str, value: Any) -> tuple[str | None, Finding | None]:
    """Text from a scalar, or the finding that says why it is not text."""
    if isinstance(value, str):
        return value, None
    location = ctx.location(dotted)
    plain_yaml = location is not None and location.style == "" and location.source is not None
    if isinstance(value, bool | int | float) and plain_yaml:
        assert location is not None and location.source is not None
        source = location.source.strip()
        if not isinstance(value, bool) and str(value) == source:
            return source, None
        return None, Finding(
            YAML_SURPRISE,
            location.value,
            f"{key}: {source} is read as {_describe(value)}, not as the text {source!r}",
            key,
            f'quote it: "{source}"',
        )
    return None, Finding(
        WRONG_TYPE, ctx.value_span(dotted), f"{key}: expected text, got {_describe(value)}", key
    )


def _check_value(ctx: Context, field: Field, value: Any) -> Iterator[Finding]:
    key = _written(ctx, field)
    name = field.name
    if value is None or (isinstance(value, str | list | dict) and not value):
        if field.required:
            yield Finding(
                MISSING_REQUIRED,
                ctx.key_span(name),
                f"required field {key!r} has no value",
                key,
                f"write {_example(ctx, field)}",
            )
        return
    kind = field.type
    if kind in _TEXT_TYPES:
        text, problem = _as_text(ctx, name, key, value)
        if problem is not None:
            yield problem
        elif text is not None:
            yield from _check_text(ctx, field, name, key, text)
    elif kind == "list":
        if isinstance(value, str):
            yield from _check_text(ctx, field, name, key, value, item=True)
            return
        if not isinstance(value, list):
            yield Finding(
                WRONG_TYPE,
                ctx.value_span(name),
                f"{key}: expected a list, got {_describe(value)}",
                key,
                f"write one item per line under {key}:, each starting with '- '",
            )
            return
        for index, item in enumerate(value):
            dotted = f"{name}.{index}"
            item_key = f"{key}.{index}"
            if isinstance(item, list | dict) or item is None:
                yield Finding(
                    WRONG_TYPE,
                    ctx.value_span(dotted),
                    f"{item_key}: expected text, got {_describe(item)}",
                    item_key,
                )
                continue
            text, problem = _as_text(ctx, dotted, item_key, item)
            if problem is not None:
                yield problem
            elif text is not None:
                yield from _check_text(ctx, field, dotted, item_key, text, item=True)
        yield from _check_length(ctx, field, name, key, len(value), "items")
    elif kind == "date":
        if not isinstance(value, str | dt.date):
            yield Finding(
                WRONG_TYPE,
                ctx.value_span(name),
                f"{key}: expected a date, got {_describe(value)}",
                key,
                "write ISO 8601, e.g. 2026-11-20T09:30:00-05:00",
            )
    elif kind == "boolean":
        if not isinstance(value, bool):
            hint = "write true or false without quotes" if isinstance(value, str) else None
            yield Finding(
                WRONG_TYPE,
                ctx.value_span(name),
                f"{key}: expected true or false, got {_describe(value)}",
                key,
                hint,
            )
    elif kind == "mapping":
        if not isinstance(value, dict):
            sub = f" ({', '.join(field.keys)})" if field.keys else ""
            yield Finding(
                WRONG_TYPE,
                ctx.value_span(name),
                f"{key}: expected a mapping{sub}, got {_describe(value)}",
                key,
                f"write {key}: and then one `name: value` per indented line",
            )
            return
        if field.keys:
            for sub_key in value:
                if str(sub_key) not in field.keys:
                    dotted = f"{key}.{sub_key}"
                    yield Finding(
                        UNKNOWN_FIELD,
                        ctx.key_span(f"{name}.{sub_key}"),
                        f"unknown key {dotted!r}{did_you_mean(str(sub_key), field.keys)}",
                        dotted,
                        f"{key} has: {', '.join(field.keys)}",
                    )
    elif kind == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        yield Finding(
            WRONG_TYPE,
            ctx.value_span(name),
            f"{key}: expected a number, got {_describe(value)}",
            key,
        )


def _allowed(ctx: Context, field: Field) -> tuple[str, ...]:
    return field.allowed_values([s.key for s in ctx.config.sections])


def _check_text(
    ctx: Context, field: Field, dotted: str, key: str, text: str, *, item: bool = False
) -> Iterator[Finding]:
    allowed = _allowed(ctx, field)
    if allowed and text not in allowed:
        near = suggest(text, allowed)
        hint = f"one of: {one_of(allowed)}"
        yield Finding(
            NOT_ALLOWED,
            ctx.value_span(dotted),
            f"{key}: {text!r} is not allowed" + (f"; did you mean {near!r}?" if near else ""),
            key,
            hint,
        )
    if field.pattern is not None and re.search(field.pattern, text) is None:
        yield Finding(
            PATTERN_MISMATCH,
            ctx.value_span(dotted),
            f"{key}: {text!r} does not match the pattern {field.pattern}",
            key,
            _pattern_hint(field),
        )
    if not item and field.name not in _OWN_LENGTH_RULES:
        yield from _check_length(ctx, field, dotted, key, len(text.strip()), "characters")


def _pattern_hint(field: Field) -> str | None:
    if field.name == "slug":
        return "lowercase letters and digits joined by single hyphens, e.g. council-freezes-fares"
    return None


def _check_length(
    ctx: Context, field: Field, dotted: str, key: str, size: int, unit: str
) -> Iterator[Finding]:
    if field.min_length is not None and size < field.min_length:
        yield Finding(
            TOO_SHORT,
            ctx.value_span(dotted),
            f"{key}: {size} {unit}, at least {field.min_length} expected",
            key,
        )
    if field.max_length is not None and size > field.max_length:
        yield Finding(
            TOO_LONG,
            ctx.value_span(dotted),
            f"{key}: {size} {unit}, at most {field.max_length} allowed",
            key,
        )
