"""The field schema: which front-matter fields exist, their types, limits and aliases.

The schema is declarative data. Built-in defaults describe a typical newsroom; the
``[fields]`` table of ``newsroom.toml`` overrides or extends them field by field, so an
existing archive (``summary`` for the dek, ``topics`` for tags) is read without renaming.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

FIELD_TYPES = ("string", "text", "date", "list", "boolean", "mapping", "number")

STATUSES = ("draft", "review", "ready", "published")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Field(NamedTuple):
    """One front-matter field and its constraints."""

    name: str
    type: str = "string"
    required: bool = False
    recommended: bool = False
    allowed: tuple[str, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    default: Any = None
    aliases: tuple[str, ...] = ()
    description: str = ""
    keys: tuple[str, ...] = ()
    presence: float | None = None

    def allowed_values(self, sections: Sequence[str]) -> tuple[str, ...]:
        """The values the field accepts when it lists them: its own ``allowed``, or for
        ``section`` the configured sections' keys; empty when any value will do."""
        if self.allowed:
            return self.allowed
        if self.name == "section":
            return tuple(sections)
        return ()

    def convert(self, text: str) -> Any:
        """Convert command-line text (``--set KEY=VALUE``) to this field's type."""
        if self.type == "boolean":
            lowered = text.strip().lower()
            if lowered in ("true", "yes", "on", "1"):
                return True
            if lowered in ("false", "no", "off", "0"):
                return False
            raise ValueError(f"{self.name}: expected true or false, got {text!r}")
        if self.type == "list":
            return [part.strip() for part in text.split(",") if part.strip()]
        if self.type == "number":
            try:
                return int(text)
            except ValueError:
                try:
                    return float(text)
                except ValueError:
                    raise ValueError(f"{self.name}: expected a number, got {text!r}") from None
        if self.type == "mapping":
            raise ValueError(f"{self.name}: a mapping cannot be set from the command line")
        return text


_DEFAULT_FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "string",
        required=True,
        min_length=10,
        max_length=120,
        aliases=("headline",),
        description="The headline.",
    ),
    Field(
        "dek",
        "text",
        recommended=True,
        min_length=40,
        max_length=240,
        aliases=("summary", "description", "excerpt", "deck"),
        description="The standfirst under the headline.",
    ),
    Field(
        "slug",
        "string",
        pattern=SLUG_PATTERN,
        max_length=80,
        description="The URL name; derived from the title when absent.",
    ),
    Field("section", "string", required=True, description="One of the configured sections."),
    Field(
        "column",
        "string",
        max_length=60,
        aliases=("kicker",),
        description="A recurring column or kicker.",
    ),
    Field(
        "authors",
        "list",
        required=True,
        aliases=("author",),
        description="Bylines, as keys of the authors roster.",
    ),
    Field("date", "date", required=True, description="Publication time with a UTC offset."),
    Field("updated", "date", aliases=("lastmod",), description="Time of the last update."),
    Field(
        "status",
        "string",
        required=True,
        allowed=STATUSES,
        default="draft",
        description="Workflow status.",
    ),
    Field("tags", "list", aliases=("topics",), description="Tags from the vocabulary."),
    Field(
        "image",
        "mapping",
        keys=("src", "alt", "credit", "caption", "width", "height"),
        description="The lead image: src, alt, credit, caption, width and height in pixels.",
    ),
    Field("teaser", "text", description="An editor's override of the generated teaser."),
    Field("featured", "boolean", description="Lead item of its section in round-ups."),
)

# Keys the toolkit itself reads besides the schema's fields.
RESERVED_KEYS = ("newsroom-ignore", "teasers", "url")


class Schema:
    """An ordered set of fields with an alias index (immutable)."""

    __slots__ = ("_index", "_spellings", "fields")

    def __init__(self, fields: tuple[Field, ...] = _DEFAULT_FIELDS) -> None:
        self.fields = fields
        index: dict[str, str] = {}
        for item in fields:
            index[item.name] = item.name
        for item in fields:
            for alias in item.aliases:
                index.setdefault(alias, item.name)
        self._index = index
        self._spellings = tuple((item.name, item.aliases) for item in fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schema):
            return NotImplemented
        return self.fields == other.fields

    def __hash__(self) -> int:
        return hash(self.fields)

    def __repr__(self) -> str:
        return f"Schema(fields={self.fields!r})"

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def get(self, name: str) -> Field | None:
        """Return the field called ``name`` (not an alias), or ``None``."""
        for item in self.fields:
            if item.name == name:
                return item
        return None

    def __getitem__(self, name: str) -> Field:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def canonical(self, key: str) -> str | None:
        """Map a key as written (a field name or one of its aliases) to the field name."""
        return self._index.get(key)

    def known_keys(self) -> list[str]:
        """All field names and aliases, for "did you mean" suggestions."""
        return list(self._index)

    def resolve(self, front_matter: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
        """Map canonical field names to ``(key as written, value)``.

        The field's own name wins over an alias; among aliases the first in the schema wins.
        """
        result: dict[str, tuple[str, Any]] = {}
        for name, aliases in self._spellings:
            if name in front_matter:
                result[name] = (name, front_matter[name])
                continue
            for alias in aliases:
                if alias in front_matter:
                    result[name] = (alias, front_matter[alias])
                    break
        return result

    def with_fields(self, updates: Mapping[str, Mapping[str, Any]], *, source: str = "") -> Schema:
        """Return a copy with fields overridden or added from a ``[fields]`` table."""
        fields = list(self.fields)
        for name, table in updates.items():
            base = next((f for f in fields if f.name == name), None)
            new = field_from_table(name, table, base=base, source=source)
            if base is None:
                fields.append(new)
            else:
                fields[fields.index(base)] = new
        return Schema(tuple(fields))

    def with_meanings(self, meanings: Mapping[str, str]) -> Schema:
        """Return a copy whose aliases agree with ``[conventions.meanings]``.

        A key that means the dek or the teaser in the archive's generator (Hugo's
        ``summary`` is the teaser, ``description`` the meta description everywhere) is an
        alias of that field only: it leaves every other field's aliases, and a key whose
        meaning has no field of its own (``meta``) is an alias of none. A key that is a
        field of its own stays one.
        """
        if not meanings:
            return self
        names = {item.name for item in self.fields}
        fields = []
        for item in self.fields:
            aliases = [
                alias
                for alias in item.aliases
                if alias not in meanings or MEANING_FIELDS.get(meanings[alias]) == item.name
            ]
            aliases += [
                key
                for key, meaning in meanings.items()
                if MEANING_FIELDS.get(meaning) == item.name
                and key not in names
                and key not in aliases
            ]
            fields.append(item._replace(aliases=tuple(aliases)))
        return Schema(tuple(fields))


# The schema field each meaning of [conventions.meanings] names; "meta" (the meta
# description) has none: the teaser reads it, nothing else does.
MEANING_FIELDS = {"dek": "dek", "teaser": "teaser"}


def default_schema() -> Schema:
    """The built-in schema."""
    return Schema()


_FIELD_KEYS = {
    "type": str,
    "required": bool,
    "recommended": bool,
    "allowed": list,
    "min_length": int,
    "max_length": int,
    "pattern": str,
    "aliases": list,
    "description": str,
    "keys": list,
    "presence": float,
}


def field_from_table(
    name: str, table: Mapping[str, Any], *, base: Field | None = None, source: str = ""
) -> Field:
    """Build a field from a ``[fields.NAME]`` table, on top of ``base`` when given."""
    from newsroom_cli.errors import ConfigError

    if not isinstance(table, Mapping):
        raise ConfigError("expected a table", file=source, key=f"fields.{name}")
    changes: dict[str, Any] = {}
    for key, value in table.items():
        path = f"fields.{name}.{key}"
        if key == "default":
            changes["default"] = value
            continue
        expected = _FIELD_KEYS.get(key)
        if expected is None:
            raise ConfigError(
                f"unknown key (expected one of: default, {', '.join(_FIELD_KEYS)})",
                file=source,
                key=path,
            )
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"expected {expected.__name__}, got {value!r}", file=source, key=path)
        if key == "type" and value not in FIELD_TYPES:
            raise ConfigError(
                f"unknown type {value!r} (expected one of: {', '.join(FIELD_TYPES)})",
                file=source,
                key=path,
            )
        if key == "pattern":
            try:
                re.compile(str(value))
            except re.error as exc:
                raise ConfigError(
                    f"not a valid regular expression: {exc}", file=source, key=path
                ) from None
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise ConfigError("expected a list of strings", file=source, key=path)
            value = tuple(value)
        changes[key] = value
    if base is None:
        return Field(name, **changes)
    return base._replace(**changes)


def field_to_table(item: Field) -> dict[str, Any]:
    """The ``[fields.NAME]`` table that recreates ``item`` (non-default values only)."""
    table: dict[str, Any] = {"type": item.type}
    for key in _FIELD_KEYS:
        if key == "type":
            continue
        value = getattr(item, key)
        if value in (None, False, (), ""):
            continue
        table[key] = list(value) if isinstance(value, tuple) else value
    if item.default is not None:
        table["default"] = item.default
    return table
