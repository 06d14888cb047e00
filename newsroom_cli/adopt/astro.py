"""Astro content collections, read statically from ``src/content.config.*`` or
``src/content/config.*``: the collections' names, where their files are, and the fields of
their Zod schemas.

The configuration is JavaScript or TypeScript and is never run. What can be read without
running it is read: ``name: defineCollection({...})`` (or ``const name = defineCollection``
exported in ``collections``), a ``glob()`` loader's ``base``, and the keys of every
``z.object({...})`` or ``.extend({...})`` in the schema, each with its type (``z.string()``,
``z.date()`` and ``z.coerce.date()``, ``z.array(...)``, ``z.boolean()``, ``z.number()``,
``z.object()``, ``z.enum([...])``, ``image()``, ``reference()``) and whether it is required
(``.optional()``, ``.nullish()`` and ``.default(...)`` make it not). A schema built by a
function the file imports (Starlight's ``docsSchema()``) gives only the fields its
``extend`` adds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_OPEN = {"(": ")", "[": "]", "{": "}"}
_DEFINE = re.compile(
    r"(?:(?:const|let|var)\s+)?([\w$]+|\"[^\"]+\"|'[^']+')\s*[:=]\s*defineCollection\s*\("
)
_EXPORTED = re.compile(r"export\s+const\s+collections\s*=\s*\{")
_OBJECT = re.compile(r"(?:\bz\s*\.\s*object|\.\s*extend)\s*\(\s*\{")
_KEY = re.compile(r"^\s*(?:([\w$]+)|\"([^\"]+)\"|'([^']+)')\s*:\s*(.*)$", re.S)
_BASE = re.compile(r"\bbase\s*:\s*['\"`]([^'\"`]+)['\"`]")
# A schema written out: `z.object(`, maybe inside an arrow function `({ image }) =>`.
_DIRECT = re.compile(
    r"\s*(?:(?:\([^)]*\)|[\w$]+)\s*=>\s*(?:\{\s*return\s+)?\(?\s*)?z\s*\.\s*object\s*\("
)
_NOT_REQUIRED = re.compile(r"\.\s*(?:optional|nullish|default)\s*\(")
_TYPES = (
    (re.compile(r"^z\s*\.\s*(?:coerce\s*\.\s*)?date\b"), "date"),
    (re.compile(r"^z\s*\.\s*(?:array\b|string\s*\(\s*\)\s*\.\s*array\b)"), "list"),
    (re.compile(r"^z\s*\.\s*(?:coerce\s*\.\s*)?boolean\b"), "boolean"),
    (re.compile(r"^z\s*\.\s*(?:coerce\s*\.\s*)?(?:number|bigint)\b"), "number"),
    (re.compile(r"^z\s*\.\s*(?:object|record)\b"), "mapping"),
    (re.compile(r"^(?:z\s*\.\s*(?:string|enum|literal|url|email)|image|reference)\b"), "string"),
)


@dataclass(frozen=True)
class ZodField:
    """A key of a collection's schema: its type (the toolkit's field types) and whether
    the schema requires it."""

    type: str | None
    required: bool
    allowed: tuple[str, ...] = ()


@dataclass
class Collection:
    """A content collection: its name, the folder its loader reads (when it says) and the
    fields its schema declares, in order."""

    name: str
    base: str | None = None
    fields: dict[str, ZodField] = field(default_factory=dict)
    # The schema is built by a function the file imports (Starlight's docsSchema()): only
    # the fields it adds are known.
    partial: bool = False


def _strip_comments(text: str) -> str:
    """The text without ``//`` and ``/* */`` comments (strings kept as they are)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "'\"`":
            end = _string_end(text, i)
            out.append(text[i:end])
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return len(text)


def _closing(text: str, start: int) -> int:
    """The index just after the bracket that closes the one at ``start``."""
    stack = [_OPEN[text[start]]]
    i = start + 1
    while i < len(text) and stack:
        char = text[i]
        if char in "'\"`":
            i = _string_end(text, i)
            continue
        if char in _OPEN:
            stack.append(_OPEN[char])
        elif stack and char == stack[-1]:
            stack.pop()
        i += 1
    return i


def _entries(body: str) -> list[str]:
    """The comma-separated entries of an object's body, at its top level."""
    entries: list[str] = []
    start = i = 0
    while i < len(body):
        char = body[i]
        if char in "'\"`":
            i = _string_end(body, i)
            continue
        if char in _OPEN:
            i = _closing(body, i)
            continue
        if char == ",":
            entries.append(body[start:i])
            start = i + 1
        i += 1
    entries.append(body[start:])
    return [e.strip() for e in entries if e.strip()]


def _outer(expression: str) -> str:
    """The expression with what is inside its brackets taken out (``z.array().optional()``
    for ``z.array(z.string().optional()).optional()``)."""
    out: list[str] = []
    i = 0
    while i < len(expression):
        char = expression[i]
        if char in "'\"`":
            i = _string_end(expression, i)
            continue
        if char in _OPEN:
            end = _closing(expression, i)
            out.append(char + _OPEN[char])
            i = end
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _zod_field(expression: str) -> ZodField:
    outer = _outer(expression)
    kind = next((name for pattern, name in _TYPES if pattern.match(outer.strip())), None)
    allowed: tuple[str, ...] = ()
    if re.match(r"^z\s*\.\s*enum\s*\(\s*\[", expression.strip()):
        inside = expression[
            expression.index("[") + 1 : _closing(expression, expression.index("[")) - 1
        ]
        allowed = tuple(m[1] or m[2] for m in re.finditer(r"\"([^\"]*)\"|'([^']*)'", inside))
    return ZodField(kind, _NOT_REQUIRED.search(outer) is None, allowed)


def _object_fields(text: str) -> dict[str, ZodField]:
    """The keys of every ``z.object({...})`` and ``.extend({...})`` at the top of ``text``
    (not those of an object nested in a key's value, which is a mapping field)."""
    found: dict[str, ZodField] = {}
    i = 0
    while True:
        match = _OBJECT.search(text, i)
        if match is None:
            return found
        brace = match.end() - 1
        end = _closing(text, brace)
        for entry in _entries(text[brace + 1 : end - 1]):
            parsed = _KEY.match(entry)
            if parsed is not None:
                key = parsed[1] or parsed[2] or parsed[3]
                found[key] = _zod_field(parsed[4])
        i = end


def read_collections(text: str) -> list[Collection]:
    """The collections a content configuration defines, in the order it defines them."""
    text = _strip_comments(text)
    collections: dict[str, Collection] = {}
    for match in _DEFINE.finditer(text):
        name = match[1].strip("'\"")
        paren = match.end() - 1
        body = text[paren : _closing(text, paren)]
        collection = Collection(name)
        loader = re.search(r"\bglob\s*\(", body)
        if loader is not None:
            paren = loader.end() - 1
            base = _BASE.search(body[paren : _closing(body, paren)])
            if base is not None:
                collection.base = base[1]
        schema = re.search(r"\bschema\s*:", body)
        if schema is not None:
            collection.fields = _object_fields(body[schema.end() :])
            collection.partial = _DIRECT.match(body[schema.end() :]) is None
        collections[name] = collection
    exported = _EXPORTED.search(text)
    if exported is not None:
        # `collections = { blog, news: articles }` renames a const; keep the exported names.
        brace = exported.end() - 1
        renamed: dict[str, Collection] = {}
        for entry in _entries(text[brace + 1 : _closing(text, brace) - 1]):
            parsed = _KEY.match(entry)
            if parsed is not None:
                name, value = parsed[1] or parsed[2] or parsed[3], parsed[4].strip()
            else:
                name = value = entry.strip()
            if value in collections and value != name:
                found = collections.pop(value)
                found.name = name
                renamed[name] = found
        collections.update(renamed)
    return list(collections.values())


def collection_of(folder: Path, site: Path, collections: list[Collection]) -> Collection | None:
    """The collection whose files are under ``folder``: the one a ``glob()`` loader's
    ``base`` names, else ``src/content/<name>/`` (where Astro and Starlight keep them)."""
    try:
        relative = folder.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return None
    for collection in collections:
        if collection.base is not None:
            base = collection.base.removeprefix("./").rstrip("/")
            if relative == base or relative.startswith(base + "/"):
                return collection
    parts = relative.split("/")
    if len(parts) >= 3 and parts[:2] == ["src", "content"]:
        return next((c for c in collections if c.name == parts[2]), None)
    return None


# A date field that dates the post, not its last change or its end.
_NOT_PUBLISHED = re.compile(r"updat|modif|edit|expir|revis|lastmod", re.I)
_PUBLISH_NAMES = ("date", "pubDate", "publishDate", "published", "pubdate", "publishedAt")


def date_keys(collection: Collection) -> list[str]:
    """The collection's date fields that date a post, the usual publishing names first."""
    dates = [
        k for k, f in collection.fields.items() if f.type == "date" and not _NOT_PUBLISHED.search(k)
    ]
    return sorted(dates, key=lambda k: (k not in _PUBLISH_NAMES, dates.index(k)))


def field_tables(
    collection: Collection,
    tables: dict[str, dict[str, Any]],
    canonical: Callable[[str], str | None],
    where: str,
) -> list[str]:
    """Apply the collection's schema to the ``[fields]`` tables learned from the articles:
    a required key is required, an optional one is not, a key's type and its allowed values
    are the schema's. ``canonical`` maps a key to a built-in field (``pubDate`` to ``date``).
    Returns the keys that were declared but written in no article."""
    unseen: list[str] = []
    for key, declared in collection.fields.items():
        name = canonical(key)
        if name is not None:
            table = tables.setdefault(name, {})
            if key != name and key not in table.get("aliases", []):
                table["aliases"] = [*table.get("aliases", []), key]
        else:
            if key not in tables:
                tables[key] = {}
                unseen.append(key)
            table = tables[key]
            if declared.type is not None:
                table["type"] = declared.type
                if declared.type != "mapping":
                    table.pop("keys", None)
            described = f"Declared in the {collection.name} collection's schema ({where})."
            seen = table.get("description")
            table["description"] = f"{seen} {described}" if seen else described
        table["required"] = declared.required
        if declared.required:
            table.pop("recommended", None)
        if declared.allowed:
            table["allowed"] = list(declared.allowed)
    return unseen
