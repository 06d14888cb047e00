"""The field schema: which front-matter fields exist, their types, limits and aliases.

The schema is declarative data. Built-in defaults describe a typical newsroom; the
``[fields]`` table of ``newsroom.toml`` overrides or extends them field by field, so an
existing archive (``summary`` for the dek, ``topics`` for tags) is read without renaming.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from newsroom_cli.config import Config

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


# What the loader reads as a date (see newsroom_cli.dates), as an ECMA-262 pattern for
# editors: a day, optionally a time after T or spaces, optionally an offset or Z/UTC/GMT.
DATE_TEXT_PATTERN = (
    r"^\s*\d{4}-\d{1,2}-\d{1,2}"
    r"(?:(?:[Tt]|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?"
    r"\s*$"
)
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def to_json_schema(schema: Schema, config: Config) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the front matter, for editors' YAML tooling.

    Each field is a ``$defs`` entry; its name and its aliases are properties that refer to
    it. Sections, statuses, a tag vocabulary and an authors roster become enums. Keys the
    schema does not know stay allowed (``validate`` warns about them instead).
    """
    definitions: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    required: list[Any] = []
    for item in schema:
        definitions[item.name] = _field_json_schema(item, config)
        properties[item.name] = {"$ref": f"#/$defs/{item.name}"}
        for alias in item.aliases:
            properties.setdefault(
                alias,
                {"$ref": f"#/$defs/{item.name}", "description": f"Another name for {item.name}."},
            )
        if item.required:
            names = (item.name, *item.aliases)
            required.append(
                {"anyOf": [{"required": [name]} for name in names]}
                if item.aliases
                else {"required": [item.name]}
            )
    for key in RESERVED_KEYS:
        properties.setdefault(key, _reserved_json_schema(key))
    result: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"Front matter of {config.publication.name} articles",
        "description": (
            "Generated by `newsroom schema --format json-schema` from newsroom.toml. Keys not "
            "listed are allowed here; `newsroom validate` reports them as unknown fields."
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": True,
        "$defs": definitions,
    }
    if required:
        result["allOf"] = required
    return result


def _field_json_schema(item: Field, config: Config) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string"}
    if item.min_length is not None:
        text["minLength"] = item.min_length
    if item.max_length is not None:
        text["maxLength"] = item.max_length
    if item.pattern:
        text["pattern"] = item.pattern
    allowed = _allowed_values(item, config)
    if allowed:
        text["enum"] = list(allowed)
    body: dict[str, Any]
    if item.type in ("string", "text"):
        body = text
    elif item.type == "date":
        body = {"type": "string", "pattern": DATE_TEXT_PATTERN}
    elif item.type == "list":
        # A single string is read as a one-item list (author: jdoe).
        body = {"anyOf": [text, {"type": "array", "items": text}]}
    elif item.type == "boolean":
        body = {"type": "boolean"}
    elif item.type == "number":
        body = {"type": "number"}
    else:
        body = {"type": "object"}
        if item.keys:
            # Sizes in pixels are whole numbers (image.width, image.height); the rest is text.
            body["properties"] = {
                key: {"type": "integer", "minimum": 1}
                if key in ("width", "height")
                else {"type": "string"}
                for key in item.keys
            }
    if not item.required:
        body = _nullable(body)
    description = item.description or item.name
    if item.aliases:
        description += f" Also written as: {', '.join(item.aliases)}."
    return {"title": item.name, "description": description, **body}


def _nullable(body: dict[str, Any]) -> dict[str, Any]:
    """Accept an empty value (``kicker:``), which ``validate`` treats as absent."""
    if "anyOf" in body:
        return {"anyOf": [*body["anyOf"], {"type": "null"}]}
    result = dict(body, type=[body["type"], "null"])
    if "enum" in result:
        result["enum"] = [*result["enum"], None]
    return result


def _allowed_values(item: Field, config: Config) -> tuple[str, ...]:
    if item.allowed:
        return item.allowed
    if item.name == "section":
        return tuple(section.key for section in config.sections)
    if item.name == "tags" and config.tags:
        return config.tags
    if item.name == "authors" and config.authors:
        names: dict[str, None] = {}
        for author in config.authors:
            names.update(dict.fromkeys((author.key, author.name, *author.aliases)))
        return tuple(names)
    return ()


def _reserved_json_schema(key: str) -> dict[str, Any]:
    if key == "newsroom-ignore":
        return {
            "description": "Rule codes switched off for this file.",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]+[0-9]+$"}},
            ],
        }
    if key == "teasers":
        return {
            "description": "Teasers per target, written by `newsroom teaser --write`.",
            "type": "object",
            "additionalProperties": {"type": "string"},
        }
    return {"description": "The article's address on the site.", "type": "string"}
