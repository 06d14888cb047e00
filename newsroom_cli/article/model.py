"""The article: front matter, body, format, the positions of keys and values, and what was
wrong with it as loaded; its fields through the schema's aliases, and its date, status,
section and language through the archive's conventions."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import Any

from newsroom_cli.adopt.conventions import NATIVE, Conventions, Fact
from newsroom_cli.article.json import json_locations
from newsroom_cli.article.positions import Location, Span
from newsroom_cli.article.problems import LoadProblem
from newsroom_cli.article.toml import toml_locations
from newsroom_cli.article.yaml import node_location, top_pair, yaml_locations
from newsroom_cli.schema import Schema, default_schema


class Article:
    """One article: front matter, body, format, positions and load problems."""

    def __init__(
        self,
        path: Path | None,
        text: str,
        format: str | None,
        front_matter: dict[str, Any],
        body: str,
        body_line: int,
        open_line: int | None = None,
        close_line: int | None = None,
        close_span: Span | None = None,
        problems: list[LoadProblem] | None = None,
        bom: bool = False,
        newline: str = "\n",
        readable: bool = True,
        schema: Schema | None = None,
        raw: bytes = b"",
    ) -> None:
        self.path = path
        self.text = text
        self.format = format
        self.front_matter = front_matter
        self.body = body
        self.body_line = body_line
        self.open_line = open_line
        self.close_line = close_line
        self.close_span = close_span
        self.problems: list[LoadProblem] = [] if problems is None else problems
        self.bom = bom
        self.newline = newline
        self.readable = readable
        self.schema: Schema = default_schema() if schema is None else schema
        self.raw = raw
        self.conventions: Conventions = NATIVE
        self._node: Any = None
        self._block = ""
        self._block_offset = 0

    def __repr__(self) -> str:
        return f"Article(path={self.path!r}, format={self.format!r}, readable={self.readable})"

    @cached_property
    def locations(self) -> dict[str, Location]:
        """Positions of keys and values, by dotted path (``image.alt``, ``tags.0``)."""
        if self.format == "yaml" and self._node is not None:
            return yaml_locations(self._node, self._block, self._block_offset)
        if self.format == "toml":
            return toml_locations(self._block, self._block_offset)
        if self.format == "json":
            return json_locations(self._block, self._block_offset)
        return {}

    @cached_property
    def _resolved(self) -> tuple[dict[str, Any], dict[str, str]]:
        # One pass over the schema for both views below (each is asked for on every file).
        resolved = self.schema.resolve(self.front_matter)
        return (
            {name: value for name, (_, value) in resolved.items()},
            {name: key for name, (key, _) in resolved.items()},
        )

    @cached_property
    def fields(self) -> dict[str, Any]:
        """Front-matter values by canonical field name (aliases resolved by the schema)."""
        return self._resolved[0]

    @cached_property
    def field_keys(self) -> dict[str, str]:
        """The key as written in the file for each canonical field present."""
        return self._resolved[1]

    def get(self, name: str, default: Any = None) -> Any:
        """A canonical field's value, or ``default``."""
        return self.fields.get(name, default)

    def location(self, name: str) -> Location | None:
        """Where a canonical field (or a dotted path below it) is written."""
        head, _, rest = name.partition(".")
        key = self.field_keys.get(head, head)
        if not rest and self._node is not None and "locations" not in self.__dict__:
            pair = top_pair(self._node, key)
            if pair is None:
                return None
            return node_location(*pair, self._block, self._block_offset)
        return self.locations.get(f"{key}.{rest}" if rest else key)

    def value_span(self, name: str) -> Span | None:
        """Where a canonical field's value (or a dotted path's) is written: the value part
        of :meth:`location`, without the rest of it for a value on one line."""
        if self._node is not None and "." not in name and "locations" not in self.__dict__:
            pair = top_pair(self._node, self.field_keys.get(name, name))
            if pair is None:
                return None
            start, end = pair[1].start_mark, pair[1].end_mark
            if start.line == end.line:
                line = start.line + self._block_offset + 1
                return Span(line, start.column + 1, line, end.column + 1)
        found = self.location(name)
        return None if found is None else found.value

    @property
    def title(self) -> str:
        """The headline as text ('' when missing or not a string)."""
        value = self.get("title")
        return value if isinstance(value, str) else ""

    @property
    def slug(self) -> str | None:
        """The slug as written, or ``None``."""
        value = self.get("slug")
        return value if isinstance(value, str) and value else None

    def strings(self, name: str) -> list[str]:
        """A list field as strings; a single string counts as a list of one (or, for a key
        the conventions read as a space-separated list, Jekyll's ``tags``, of its words)."""
        value = self.get(name)
        if isinstance(value, str):
            return self.conventions.items(self.field_keys.get(name, name), value)
        if isinstance(value, list):
            return [str(v) for v in value if isinstance(v, str | int)]
        return []

    @property
    def authors(self) -> list[str]:
        """Author keys: a list, or a single string as one author."""
        return self.strings("authors")

    @property
    def tags(self) -> list[str]:
        """Tags as strings."""
        return self.strings("tags")

    @property
    def status(self) -> str | None:
        """The status: as written, else what the archive's conventions give (``published``
        unless a draft for a static site), else ``None``."""
        value = self.get("status")
        if isinstance(value, str) or self.conventions.default_status is None:
            return value if isinstance(value, str) else None
        return self.facts["status"].value  # type: ignore[no-any-return]

    @property
    def section(self) -> str | None:
        """The section under the archive's conventions (the ``section`` field natively)."""
        if self.conventions.native:
            value = self.get("section")
            return value if isinstance(value, str) else None
        return self.facts["section"].value  # type: ignore[no-any-return]

    @property
    def language(self) -> str | None:
        """The article's language under the conventions (``None`` natively: the
        publication's)."""
        if self.conventions.native:
            return None
        return self.facts["language"].value  # type: ignore[no-any-return]

    @cached_property
    def facts(self) -> dict[str, Fact]:
        """Date, status, section and language with where each came from (``key:date``,
        ``filename``, ``folder``, ``default``...), as the conventions give them."""
        conventions = self.conventions
        zone = conventions.zone
        date = conventions.date(self, zone)
        return {
            "date": date,
            "status": conventions.status(self, zone),
            "section": conventions.section(self),
            "language": conventions.lang(self, conventions.language),
        }

    def date(self, tz: dt.tzinfo, name: str = "date") -> dt.datetime | None:
        """A date field as an aware datetime (naive values in ``tz``), or ``None``; the
        article's date comes through the conventions (a file name, a path key...)."""
        from newsroom_cli.dates import parse_date

        if name == "date" and not self.conventions.native:
            return self.conventions.date(self, tz).value  # type: ignore[no-any-return]
        raw = self.get(name)
        if raw is None:
            return None
        try:
            return parse_date(raw, tz).value
        except ValueError:
            return None

    @property
    def body_text(self) -> str:
        """The body with line endings normalised to ``\\n``."""
        return self.body.replace("\r\n", "\n").replace("\r", "\n")
