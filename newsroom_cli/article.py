"""The article model and its loader: one way to read an article.

A file becomes an :class:`Article`: the front-matter mapping, the body, the front-matter
format (YAML ``---``, TOML ``+++`` or JSON), and the position in the file of every key and
value. What common front-matter readers drop silently (a BOM, an unterminated or empty
block, a leading thematic break, duplicate keys, unsafe tags) is recorded as a
:class:`LoadProblem` instead, and nothing of the text is lost.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from newsroom_cli.adopt.conventions import NATIVE, Conventions, Fact
from newsroom_cli.errors import NewsroomError
from newsroom_cli.pyyaml import yaml
from newsroom_cli.schema import Schema, default_schema

# Structure problems found while loading; the rule catalogue documents each code.
UNREADABLE = "NR100"
NO_FRONT_MATTER = "NR101"
SYNTAX_ERROR = "NR102"
NOT_A_MAPPING = "NR103"
DUPLICATE_KEY = "NR104"
UNTERMINATED = "NR105"
BOM = "NR106"
LINE_ENDINGS = "NR107"
TAB_INDENT = "NR108"
LEADING_BLANK_LINES = "NR109"
NOT_UTF8 = "NR110"
BINARY = "NR111"
UNSAFE_TAG = "NR112"
TOO_COMPLEX = "NR113"
EMPTY_FRONT_MATTER = "NR114"
NOT_YAML_METADATA = "NR115"

MAX_FRONT_MATTER_BYTES = 1_000_000
MAX_DEPTH = 50
MAX_NODES = 50_000

_SAFE_TAG_PREFIX = "tag:yaml.org,2002:"
_SAFE_TAGS = {
    _SAFE_TAG_PREFIX + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "map",
        "seq",
        "timestamp",
        "binary",
        "merge",
        "omap",
        "pairs",
        "set",
        "value",
    )
}


class Span(NamedTuple):
    """A place in the file: 1-based line and column, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        """A zero-width span at ``line:column``."""
        return cls(line, column, line, column)


class Location(NamedTuple):
    """Where a front-matter key and its value are written, and how the value is spelled."""

    key: Span
    value: Span
    source: str | None = None
    style: str | None = None


class LoadProblem(NamedTuple):
    """A structural problem found while loading (reported by ``validate``)."""

    code: str
    message: str
    span: Span
    severity: str = "error"
    hint: str | None = None
    field: str | None = None


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
            return _yaml_locations(self._node, self._block, self._block_offset)
        if self.format == "toml":
            return _toml_locations(self._block, self._block_offset)
        if self.format == "json":
            return _json_locations(self._block, self._block_offset)
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
            pair = self._top_pair(key)
            if pair is None:
                return None
            return _node_location(*pair, self._block, self._block_offset)
        return self.locations.get(f"{key}.{rest}" if rest else key)

    def _top_pair(self, key: str) -> tuple[Any, Any] | None:
        """The YAML nodes of a top-level key and its value, found among the root's pairs
        without indexing every node. A key written twice is found where its value wins:
        the last time."""
        found = None
        for key_node, value_node in self._node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found = key_node, value_node
        return found

    def value_span(self, name: str) -> Span | None:
        """Where a canonical field's value (or a dotted path's) is written: the value part
        of :meth:`location`, without the rest of it for a value on one line."""
        if self._node is not None and "." not in name and "locations" not in self.__dict__:
            pair = self._top_pair(self.field_keys.get(name, name))
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
        """A list field as strings; a single string counts as a list of one."""
        value = self.get(name)
        if isinstance(value, str):
            return [value]
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


class ArticleReadError(NewsroomError):
    """A file could not be read at all (missing, a directory, permissions, a symlink loop)."""

    code = UNREADABLE


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes, turning OS errors into :class:`ArticleReadError`."""
    return read_file(path)[0]


def read_file(path: Path | str) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and ``stat`` from one open; errors as :class:`ArticleReadError`."""
    try:
        # Non-blocking open, then a type check: reading a named pipe would wait forever and a
        # symlink to a device could be endless.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise ArticleReadError(f"{path}: not a regular file (a pipe or a device)")
            return _read_all(fd, info.st_size), info
        finally:
            os.close(fd)
    except IsADirectoryError:
        raise ArticleReadError(f"{path}: is a directory, not an article") from None
    except FileNotFoundError:
        if os.path.islink(path):
            raise ArticleReadError(f"{path}: dangling symbolic link") from None
        raise ArticleReadError(f"{path}: no such file") from None
    except PermissionError:
        raise ArticleReadError(f"{path}: permission denied") from None
    except OSError as exc:
        reason = "symbolic link loop" if exc.errno == 40 else (exc.strerror or str(exc))
        raise ArticleReadError(f"{path}: cannot read ({reason})") from None


def _read_all(fd: int, size: int) -> bytes:
    """An open file's bytes up to its end: one read of its ``stat`` size, and the read that
    finds the end (a file object per article costs more than the reads)."""
    parts = [os.read(fd, size + 1)]
    while chunk := os.read(fd, max(size, 65536)):
        parts.append(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def load_article(
    path: Path, *, schema: Schema | None = None, conventions: Conventions | None = None
) -> Article:
    """Read and parse the article at ``path``.

    Raises :class:`ArticleReadError` only when the file cannot be read; every problem with
    its content is recorded on the returned article instead.
    """
    return parse_article(read_bytes(path), path=path, schema=schema, conventions=conventions)


def parse_article(
    data: bytes | str,
    *,
    path: Path | None = None,
    schema: Schema | None = None,
    conventions: Conventions | None = None,
) -> Article:
    """Parse an article from bytes or text; never raises for bad content.

    ``conventions`` (the configuration's) say where its date, status, section and language
    come from; without them every fact is its own field.
    """
    schema = schema or default_schema()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    problems: list[LoadProblem] = []
    bom = False
    if isinstance(data, str):
        text = data
        if text.startswith("\ufeff"):
            bom = True
            text = text[1:]
    else:
        decoded = _decode(data, problems)
        if decoded is None:
            return Article(
                path, "", None, {}, "", 1, problems=problems, readable=False, schema=schema, raw=raw
            )
        text, bom = decoded
    if bom:
        problems.append(
            LoadProblem(
                BOM,
                "file starts with a byte-order mark (BOM)",
                Span(1, 1, 1, 2),
                "warning",
                hint="save the file as UTF-8 without a BOM",
            )
        )
    newline = _newline_style(text, problems)
    article = _split(text, path, problems, schema)
    if conventions is not None:
        article.conventions = conventions
        if conventions.generator == "pelican" and article.format == "yaml":
            pelican_metadata(article)
    article.bom = bom
    article.newline = newline
    article.raw = raw
    return article


def pelican_metadata(article: Article) -> None:
    """Pelican reads metadata as ``key: value`` lines, not YAML: a block YAML refuses
    (``title: DataFusion: A Query Engine``) is read so, and the refusal becomes a warning."""
    refused = [p for p in article.problems if p.code == SYNTAX_ERROR]
    if not refused or article.front_matter:
        return
    from newsroom_cli.adopt.conventions import front

    meta = dict(front(article))
    if not meta:
        return
    article.front_matter = meta
    article.readable = True
    article.__dict__.pop("_resolved", None)
    article.__dict__.pop("fields", None)
    article.__dict__.pop("field_keys", None)
    article.problems = [p for p in article.problems if p.code != SYNTAX_ERROR] + [
        LoadProblem(
            NOT_YAML_METADATA,
            f"metadata is not YAML ({p.message}); read as Pelican reads it, one key: value "
            "per line",
            p.span,
            "warning",
            hint="fine for Pelican; quote the value to make it YAML too",
        )
        for p in refused
    ]


def _decode(data: bytes, problems: list[LoadProblem]) -> tuple[str, bool] | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            LoadProblem(
                NOT_UTF8, "file is UTF-16, not UTF-8", Span.point(1), hint="save the file as UTF-8"
            )
        )
        return None
    head = data[:8192]
    if b"\x00" in head:
        problems.append(
            LoadProblem(
                BINARY,
                "file is binary, not a text article",
                Span.point(1),
                hint="only Markdown text files can be articles",
            )
        )
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problems.append(
            LoadProblem(
                NOT_UTF8,
                f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
                Span(line, column, line, column + 1),
                hint="save the file as UTF-8",
            )
        )
        return None


def _newline_style(text: str, problems: list[LoadProblem]) -> str:
    if "\r" not in text:
        return "\n"
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf and not lf and not cr:
        problems.append(
            LoadProblem(
                LINE_ENDINGS,
                "Windows (CRLF) line endings",
                Span.point(1),
                "warning",
                hint="save the file with LF line endings",
            )
        )
        return "\r\n"
    line = _first_line_ending_mismatch(text)
    problems.append(
        LoadProblem(
            LINE_ENDINGS,
            "mixed line endings (CRLF and LF)",
            Span.point(line),
            "warning",
            hint="save the file with LF line endings",
        )
    )
    return "mixed"


def _first_line_ending_mismatch(text: str) -> int:
    lines = text.split("\n")
    first_crlf = lines[0].endswith("\r") if len(lines) > 1 else False
    for number, line in enumerate(lines[:-1], start=1):
        if line.endswith("\r") != first_crlf:
            return number
    return 1


_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*\r?$", re.MULTILINE)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (1-based number, start offset, line without its ending)."""
    offset = 0
    for number, match in enumerate(_LINE_RE.finditer(text), start=1):
        chunk = match.group()
        yield number, offset, chunk.rstrip("\r\n")
        offset += len(chunk)


def _split(text: str, path: Path | None, problems: list[LoadProblem], schema: Schema) -> Article:
    def bare(fmt: str | None = None, readable: bool = False) -> Article:
        return Article(
            path, text, fmt, {}, text, 1, problems=problems, readable=readable, schema=schema
        )

    lines = _lines(text)
    opening: tuple[int, int, str] | None = None
    for number, offset, line in lines:
        if line.strip():
            opening = (number, offset, line)
            break
    if opening is None:
        problems.append(
            LoadProblem(
                NO_FRONT_MATTER,
                "empty file: no front matter",
                Span.point(1),
                hint="start the file with --- and a title",
            )
        )
        return bare()
    open_line, open_offset, first = opening
    if open_line > 1:
        problems.append(
            LoadProblem(
                LEADING_BLANK_LINES,
                f"{open_line - 1} blank line(s) before the front matter",
                Span(1, 1, open_line, 1),
                "warning",
                hint="remove the blank lines: many tools then see no front matter",
            )
        )
    marker = first.rstrip()
    if marker in ("---", "+++"):
        fmt = "yaml" if marker == "---" else "toml"
        first_end = text.find("\n", open_offset)
        block_start = len(text) + 1 if first_end == -1 else first_end + 1
        closer = (_YAML_CLOSE if fmt == "yaml" else _TOML_CLOSE).search(text, block_start)
        if closer is not None:
            offset = closer.start()
            number = text.count("\n", 0, offset) + 1
            line = closer.group().rstrip("\r")
            block = text[block_start:offset]
            body_start = offset + len(line)
            body_start += (
                2 if text.startswith("\r\n", body_start) else (1 if body_start < len(text) else 0)
            )
            close = Span(number, 1, number, len(line.rstrip()) + 1)
            article = Article(
                path,
                text,
                fmt,
                {},
                text[body_start:],
                number + 1,
                open_line=open_line,
                close_line=number,
                close_span=close,
                problems=problems,
                schema=schema,
            )
            article._block = block
            article._block_offset = open_line
            if fmt == "yaml":
                _parse_yaml(article, block, open_line)
                if _is_prose(article, block):
                    return _thematic_break(article, text, open_line)
            else:
                _parse_toml(article, block, open_line)
            return article
        if fmt == "yaml" and not _looks_like_yaml(text[block_start:]):
            problems.append(
                LoadProblem(
                    NO_FRONT_MATTER,
                    "no front matter: the file opens with a thematic break (---)",
                    Span(open_line, 1, open_line, 4),
                    hint="add a front-matter block above the text",
                )
            )
        else:
            end = _last_line(text)
            problems.append(
                LoadProblem(
                    UNTERMINATED,
                    f"front matter opened on line {open_line} is never closed",
                    Span(open_line, 1, open_line, len(marker) + 1),
                    hint=f"add a closing {marker} line after the last key "
                    f"(the file ends on line {end})",
                )
            )
        article = bare(fmt)
        article.open_line = open_line
        return article
    if marker.startswith("{"):
        return _parse_json(text, open_offset, open_line, path, problems, schema)
    problems.append(
        LoadProblem(
            NO_FRONT_MATTER,
            "no front matter",
            Span(open_line, 1, open_line, 1),
            hint="start the file with a --- line, the fields, and another ---",
        )
    )
    return bare()


def _is_prose(article: Article, block: str) -> bool:
    """Whether a YAML block that is not a mapping is really prose after a thematic break."""
    return (
        not article.readable
        and bool(article.problems)
        and article.problems[-1].code in (NOT_A_MAPPING, SYNTAX_ERROR)
        and not _looks_like_yaml(block)
    )


def _thematic_break(article: Article, text: str, open_line: int) -> Article:
    article.problems[-1] = LoadProblem(
        NO_FRONT_MATTER,
        "no front matter: the file opens with a thematic break (---)",
        Span(open_line, 1, open_line, 4),
        hint="add a front-matter block above the text",
    )
    article.format = None
    article.body = text
    article.body_line = 1
    article.close_line = None
    article.close_span = None
    return article


def _last_line(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


# A key line, a list item, a flow collection, or a whole quoted string (a YAML scalar).
_KEY_LINE = re.compile(
    r"^\s*(?:#.*)?$|^[\w\"'.-][^:\n]*:(?:\s|$)|^- |^\[|^\{|^\"[^\"\n]*\"\s*$|^'[^'\n]*'\s*$"
)


def _looks_like_yaml(rest: str) -> bool:
    """Whether the text after an unclosed ``---`` reads as keys rather than prose."""
    for line in rest.split("\n")[:5]:
        stripped = line.strip()
        if not stripped:
            continue
        return bool(_KEY_LINE.match(line.rstrip("\r")))
    return False


class _Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """A safe loader that keeps dates as the text written (``dates`` reads them)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_RESOLVER_FIRSTS = frozenset(key for key in _Loader.yaml_implicit_resolvers if key)
# Letters that start only booleans and nulls (yes, No, TRUE, off, null...): the longest
# such word has five letters, so a longer plain value starting with one is a string.
_WORD_FIRSTS = frozenset(
    key
    for key, resolvers in _Loader.yaml_implicit_resolvers.items()
    if key and {tag for tag, _ in resolvers} <= {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
)
_LONGEST_WORD = 5


def _resolve(self: Any, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
    """Tag a node; quoted scalars and plain ones no implicit type can start with are strings.

    The library asks this for every scalar; the shortcut skips its regular expressions for
    most front-matter values.
    """
    if kind is yaml.ScalarNode and (
        not implicit[0]
        or (
            value
            and (
                value[0] not in _RESOLVER_FIRSTS
                or (len(value) > _LONGEST_WORD and value[0] in _WORD_FIRSTS)
            )
        )
    ):
        return "tag:yaml.org,2002:str"
    return yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)  # type: ignore[no-any-return,no-untyped-call]


_Loader.resolve = _resolve


_Composer: Any = _Loader
if yaml.__with_libyaml__:

    class _LibyamlComposer(yaml.cyaml.CParser, yaml.resolver.BaseResolver):  # type: ignore[misc,name-defined]
        """libyaml's composer with the loader's resolver and nothing else.

        Nodes are all the loader asks of the library (the builder makes the values), so the
        constructor's and the resolver's set-up that the full loader does per document is
        skipped; the full loader is still used for what the builder leaves to the library.
        """

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
        resolve = _resolve

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            """Nothing to track: the loader declares no path resolvers."""

        def ascend_resolver(self) -> None:
            """Nothing to track: the loader declares no path resolvers."""

    _Composer = _LibyamlComposer


def _mark_span(start: Any, end: Any, offset: int) -> Span:
    return Span(start.line + offset + 1, start.column + 1, end.line + offset + 1, end.column + 1)


def _empty_yaml_block(open_line: int) -> LoadProblem:
    return LoadProblem(
        EMPTY_FRONT_MATTER,
        "empty front matter",
        Span(open_line, 1, open_line, 4),
        hint="add the required fields between the --- lines",
    )


def _parse_yaml(article: Article, block: str, open_line: int) -> None:
    problems = article.problems
    if len(block) > MAX_FRONT_MATTER_BYTES:
        problems.append(
            LoadProblem(
                TOO_COMPLEX, "front matter larger than 1 MB; not read", Span.point(open_line)
            )
        )
        article.readable = False
        return
    if not block.strip():
        problems.append(_empty_yaml_block(open_line))
        return
    tab_lines: set[int] = set()
    for number, _, line in _lines(block) if "\t" in block else ():
        if line.startswith("\t") or (line[: len(line) - len(line.lstrip())].count("\t")):
            indent = len(line) - len(line.lstrip(" \t"))
            file_line = open_line + number
            tab_lines.add(file_line)
            problems.append(
                LoadProblem(
                    TAB_INDENT,
                    "tab in YAML indentation",
                    Span(file_line, 1, file_line, indent + 1),
                    hint="indent with spaces",
                )
            )
    # Composing recurses in C; only a long block can nest deep enough to crash it, and the
    # builder refuses anything deeper than MAX_DEPTH that gets through.
    deep = _too_deep(block) if len(block) > 4096 and _may_nest_deeply(block) else None
    if deep is not None:
        _refuse_deep(article, deep, open_line, problems)
        return
    loader = _Composer(block)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if _library_depth_limit(exc):
            # libyaml 0.2.5 as bundled since PyYAML 6.0.4 stops at its own depth; the
            # loader's limit is lower and is reported the same way whatever the release.
            deep = _too_deep(block)
            if deep is not None:
                _refuse_deep(article, deep, open_line, problems)
                return
        mark = exc.problem_mark or exc.context_mark
        error_line = open_line + 1 + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        if error_line not in tab_lines:
            reason = exc.problem or exc.context or "syntax error"
            problems.append(
                LoadProblem(
                    SYNTAX_ERROR,
                    f"YAML syntax error: {reason}",
                    Span(error_line, column, error_line, column + 1),
                    hint=_yaml_hint(reason),
                )
            )
        article.readable = False
        return
    except yaml.YAMLError as exc:
        problems.append(LoadProblem(SYNTAX_ERROR, f"YAML error: {exc}", Span.point(open_line)))
        article.readable = False
        return
    finally:
        loader.dispose()
    if node is None:
        problems.append(_empty_yaml_block(open_line))
        return
    if not isinstance(node, yaml.MappingNode):
        if not _check_nodes(node, open_line, problems):
            article.readable = False
            return
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        problems.append(
            LoadProblem(
                NOT_A_MAPPING,
                f"front matter is {kind}, not a set of key: value fields",
                _mark_span(node.start_mark, node.end_mark, open_line),
                hint="write one `key: value` per line",
            )
        )
        article.readable = False
        return
    try:
        built = _Builder(open_line, problems).document(node)
        if built is _REFUSED:
            article.readable = False
            return
        if built is _USE_LIBRARY:
            if not _check_nodes(node, open_line, problems):
                article.readable = False
                return
            built = _Loader(block).construct_document(node)
        data = built
    except (yaml.YAMLError, RecursionError, TypeError, ValueError, KeyError) as exc:
        # The safe constructors raise assorted errors for a malformed tagged value
        # (KeyError for `!!bool maybe`).
        problems.append(
            LoadProblem(
                SYNTAX_ERROR,
                f"YAML error: {exc}",
                _mark_span(node.start_mark, node.start_mark, open_line),
            )
        )
        article.readable = False
        return
    article.front_matter = {str(k): v for k, v in data.items()}
    article._node = node


# Every nested collection opens with one of these indicators, so a block with few of them
# cannot nest deeper than MAX_DEPTH and needs no separate depth check.
_NESTING_INDICATOR = re.compile(r"[\[{]|[-:?](?=[ \t\r\n]|$)")


def _may_nest_deeply(block: str) -> bool:
    """Whether the block has enough collection indicators to nest past ``MAX_DEPTH``."""
    for count, _ in enumerate(_NESTING_INDICATOR.finditer(block), start=1):
        if count >= MAX_DEPTH:
            return True
    return False


def _refuse_deep(article: Article, mark: Any, open_line: int, problems: list[LoadProblem]) -> None:
    problems.append(
        LoadProblem(
            TOO_COMPLEX,
            f"front matter nested more than {MAX_DEPTH} levels deep; not read",
            _mark_span(mark, mark, open_line),
        )
    )
    article.readable = False


def _library_depth_limit(exc: yaml.YAMLError) -> bool:
    """Whether the YAML library refused the text for nesting past a limit of its own."""
    return "nesting depth" in str(getattr(exc, "problem", "") or "")


def _too_deep(block: str) -> Any:
    """The start mark of the first collection nested deeper than ``MAX_DEPTH``, or ``None``.

    Composing recurses in the YAML library and crashes the interpreter at some ten thousand
    levels, so the flat event stream is checked first. Some libyaml builds refuse nesting
    past a limit of their own (1,000 levels since PyYAML 6.0.4), and may do so before the
    event at ``MAX_DEPTH`` comes out: the text before their limit is checked again, then
    (should that not settle it) the whole text with the pure-Python parser, which has no
    such limit, so the answer does not depend on the installed release.
    """
    mark = _first_too_deep(_Loader(block))
    if not isinstance(mark, _LibraryLimit):
        return mark
    if mark.at:
        # The text before the library's limit holds fewer levels than the limit and all of
        # the first MAX_DEPTH + 1: the library's own parser finds the level there, quickly.
        found = _first_too_deep(_Loader(block[: mark.at]))
        if found is not None and not isinstance(found, _LibraryLimit):
            return found
    found = _first_too_deep(_PurePythonParser(block))
    return None if isinstance(found, _LibraryLimit) else found


class _LibraryLimit(NamedTuple):
    """Where the YAML library stopped at a nesting limit of its own (0: not known)."""

    at: int


class _PurePythonParser(yaml.SafeLoader):
    """The YAML library's Python parser, used only to find deep nesting."""


def _first_too_deep(loader: Any) -> Any:
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        # The composer reports syntax errors with their position.
        if _library_depth_limit(exc):
            return _LibraryLimit(getattr(getattr(exc, "problem_mark", None), "index", 0) or 0)
        return None
    finally:
        loader.dispose()
    return None


_REFUSED = object()
_USE_LIBRARY = object()
_STR_TAG = _SAFE_TAG_PREFIX + "str"
_SEQ_TAG = _SAFE_TAG_PREFIX + "seq"
_MAP_TAG = _SAFE_TAG_PREFIX + "map"
_NULL_TAG = _SAFE_TAG_PREFIX + "null"
_BOOL_TAG = _SAFE_TAG_PREFIX + "bool"
_MERGE_TAG = _SAFE_TAG_PREFIX + "merge"
_SCALAR = yaml.ScalarNode


class _Merge(Exception):
    """A merge key (``<<``): the YAML library's own constructor handles the document."""


class _Refuse(Exception):
    """The document is refused; the problem is already recorded."""


class _Builder:
    """Builds values from composed nodes in one pass, with the loader's safety checks.

    Plain strings, lists and mappings (nearly all front matter) are built directly; other
    safe scalars go through the YAML library's safe constructor. On the way it reports
    duplicate keys and unsafe tags, and refuses recursive aliases, nesting deeper than
    ``MAX_DEPTH`` and documents that would expand to more than ``MAX_NODES`` values.
    """

    def __init__(self, open_line: int, problems: list[LoadProblem]) -> None:
        self.open_line = open_line
        self.problems = problems
        self.memo: dict[int, tuple[Any, int]] = {}
        self.active: set[int] = set()
        self.unsafe = False
        self._constructor: yaml.constructor.SafeConstructor | None = None

    def document(self, root: Any) -> Any:
        try:
            value, _ = self.build(root, 1)
        except _Merge:
            return _USE_LIBRARY
        except _Refuse:
            return _REFUSED
        return _REFUSED if self.unsafe else value

    def refuse(self, message: str, node: Any) -> _Refuse:
        self.problems.append(
            LoadProblem(
                TOO_COMPLEX, message, _mark_span(node.start_mark, node.start_mark, self.open_line)
            )
        )
        return _Refuse()

    def scalar(self, node: Any) -> Any:
        if self._constructor is None:
            self._constructor = yaml.constructor.SafeConstructor()
        return self._constructor.construct_object(node, deep=True)

    def build(self, node: Any, depth: int) -> tuple[Any, int]:
        # Plain strings are most of front matter: no memo or bookkeeping for them.
        if node.tag == _STR_TAG and node.__class__ is _SCALAR:
            return node.value, 1
        ident = id(node)
        known = self.memo.get(ident)
        if known is not None:
            return known
        if ident in self.active:
            raise self.refuse("front matter refers to itself through an alias; not read", node)
        if depth > MAX_DEPTH:
            raise self.refuse(
                f"front matter nested more than {MAX_DEPTH} levels deep; not read", node
            )
        tag = node.tag
        kind = node.__class__
        size = 1
        if tag not in _SAFE_TAGS:
            self.problems.append(
                LoadProblem(
                    UNSAFE_TAG,
                    f"tag {tag!r} is not allowed in front matter",
                    _mark_span(node.start_mark, node.end_mark, self.open_line),
                    hint="remove the tag; front matter holds plain values only",
                )
            )
            self.unsafe = True
            value: Any = None
        elif kind is _SCALAR:
            value = None if tag == _NULL_TAG else self.scalar(node)
        elif tag == _SEQ_TAG:
            self.active.add(ident)
            value = []
            append = value.append
            for child in node.value:
                if child.tag == _STR_TAG and child.__class__ is _SCALAR:
                    append(child.value)
                    size += 1
                else:
                    item, item_size = self.build(child, depth + 1)
                    append(item)
                    size += item_size
            self.active.discard(ident)
        elif tag == _MAP_TAG:
            self.active.add(ident)
            value, size = self.mapping(node, depth)
            self.active.discard(ident)
        else:
            value = self.scalar(node)
        if size > MAX_NODES:
            raise self.refuse(
                "front matter expands to too many values (an alias bomb?); not read", node
            )
        self.memo[ident] = (value, size)
        return value, size

    def mapping(self, node: Any, depth: int) -> tuple[dict[Any, Any], int]:
        value: dict[Any, Any] = {}
        size = 1
        for key_node, value_node in node.value:
            if key_node.tag == _STR_TAG and key_node.__class__ is _SCALAR:
                key = key_node.value
                size += 1
            else:
                if key_node.tag == _MERGE_TAG:
                    raise _Merge()
                key, key_size = self.build(key_node, depth + 1)
                size += key_size
                try:
                    hash(key)
                except TypeError:
                    raise TypeError("a list or mapping cannot be a key") from None
            if key in value and key_node.__class__ is _SCALAR:
                self.duplicate(node, key_node)
            if value_node.tag == _STR_TAG and value_node.__class__ is _SCALAR:
                value[key] = value_node.value
                size += 1
            else:
                value[key], item_size = self.build(value_node, depth + 1)
                size += item_size
        return value, size

    def duplicate(self, node: Any, key_node: Any) -> None:
        first_node = next(
            k for k, _ in node.value if k.__class__ is _SCALAR and k.value == key_node.value
        )
        first = first_node.start_mark.line + self.open_line + 1
        self.problems.append(
            LoadProblem(
                DUPLICATE_KEY,
                f"duplicate key {key_node.value!r} (first on line {first}); "
                "the later value silently wins",
                _mark_span(key_node.start_mark, key_node.end_mark, self.open_line),
                hint=f"keep one {key_node.value!r} and delete the other",
                field=str(key_node.value),
            )
        )


def _yaml_hint(reason: str) -> str | None:
    if "mapping values are not allowed" in reason:
        return "quote a value that contains ': ' (e.g. title: \"Q: what next?\")"
    if "found character '\\t'" in reason:
        return "indent with spaces"
    if "expected <block end>" in reason:
        return "check the indentation of this line and the one above"
    return None


def _check_nodes(root: Any, open_line: int, problems: list[LoadProblem]) -> bool:
    """Refuse unsafe tags, alias bombs and deep nesting; report duplicate keys."""
    ok = True
    expanded: dict[int, int] = {}
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    visited: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        ident = id(node)
        if done:
            size = 1
            if isinstance(node, yaml.SequenceNode):
                size += sum(expanded.get(id(child), 1) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                size += sum(expanded.get(id(k), 1) + expanded.get(id(v), 1) for k, v in node.value)
            expanded[ident] = size
            if size > MAX_NODES:
                problems.append(
                    LoadProblem(
                        TOO_COMPLEX,
                        "front matter expands to too many values (an alias bomb?); not read",
                        _mark_span(node.start_mark, node.start_mark, open_line),
                    )
                )
                return False
            continue
        if ident in visited:
            continue
        visited.add(ident)
        if depth > MAX_DEPTH:
            problems.append(
                LoadProblem(
                    TOO_COMPLEX,
                    f"front matter nested more than {MAX_DEPTH} levels deep; not read",
                    _mark_span(node.start_mark, node.start_mark, open_line),
                )
            )
            return False
        tag = node.tag or ""
        if tag not in _SAFE_TAGS:
            problems.append(
                LoadProblem(
                    UNSAFE_TAG,
                    f"tag {tag!r} is not allowed in front matter",
                    _mark_span(node.start_mark, node.end_mark, open_line),
                    hint="remove the tag; front matter holds plain values only",
                )
            )
            ok = False
        stack.append((node, depth, True))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1, False) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen and key.tag != _SAFE_TAG_PREFIX + "merge":
                        first = seen[key.value].start_mark.line + open_line + 1
                        problems.append(
                            LoadProblem(
                                DUPLICATE_KEY,
                                f"duplicate key {key.value!r} (first on line {first}); "
                                "the later value silently wins",
                                _mark_span(key.start_mark, key.end_mark, open_line),
                                hint=f"keep one {key.value!r} and delete the other",
                                field=str(key.value),
                            )
                        )
                    seen.setdefault(key.value, key)
                stack.append((key, depth + 1, False))
                stack.append((value, depth + 1, False))
    return ok


def _scalar_end(node: Any, block: str) -> tuple[int, int, int]:
    """End index, line and column of a node, without a block scalar's trailing newlines."""
    end = node.end_mark.index
    start = node.start_mark.index
    trimmed = block[start:end].rstrip("\r\n \t")
    end = start + len(trimmed)
    line = block.count("\n", 0, end)
    column = end - (block.rfind("\n", 0, end) + 1)
    return end, line, column


def _yaml_locations(root: Any, block: str, offset: int) -> dict[str, Location]:
    result: dict[str, Location] = {}

    def visit(node: Any, prefix: str, depth: int) -> None:
        if depth > 2:
            return
        if isinstance(node, yaml.MappingNode):
            pairs = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
            # A key written twice is placed where its value wins: the last time.
            last = {key.value: index for index, (key, _) in enumerate(pairs)}
            for index, (key, value) in enumerate(pairs):
                path = f"{prefix}{key.value}"
                if last[key.value] != index or path in result:
                    continue
                result[path] = _node_location(key, value, block, offset)
                visit(value, path + ".", depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                path = f"{prefix}{index}"
                result[path] = _node_location(item, item, block, offset)
                visit(item, path + ".", depth + 1)

    visit(root, "", 0)
    return result


def _node_location(key: Any, value: Any, block: str, offset: int) -> Location:
    _, end_line, end_column = _scalar_end(value, block)
    start = value.start_mark
    value_span = Span(
        start.line + offset + 1, start.column + 1, end_line + offset + 1, end_column + 1
    )
    source = style = None
    if isinstance(value, yaml.ScalarNode):
        style = value.style or ""
        source = block[start.index : value.end_mark.index]
    return Location(_mark_span(key.start_mark, key.end_mark, offset), value_span, source, style)


_TOML_ERROR_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parse_toml(article: Article, block: str, open_line: int) -> None:
    try:
        data = tomllib.loads(block)
    except RecursionError:
        article.problems.append(
            LoadProblem(
                TOO_COMPLEX, "front matter nested too deeply; not read", Span.point(open_line)
            )
        )
        article.readable = False
        return
    except ValueError as exc:
        if not isinstance(exc, tomllib.TOMLDecodeError):
            # tomllib lets int() errors through (a number over 4,300 digits).
            article.problems.append(
                LoadProblem(SYNTAX_ERROR, f"TOML error: {exc}", Span.point(open_line))
            )
            article.readable = False
            return
        message = str(exc)
        match = _TOML_ERROR_POS.search(message)
        line, column = (int(match[1]), int(match[2])) if match else (0, 1)
        reason = _TOML_ERROR_POS.sub("", message).strip()
        code = DUPLICATE_KEY if "overwrite" in reason.lower() else SYNTAX_ERROR
        article.problems.append(
            LoadProblem(
                code,
                f"TOML {'error' if code == DUPLICATE_KEY else 'syntax error'}: {reason}",
                Span(open_line + line, column, open_line + line, column + 1),
            )
        )
        article.readable = False
        return
    if not data:
        article.problems.append(
            LoadProblem(EMPTY_FRONT_MATTER, "empty front matter", Span(open_line, 1, open_line, 4))
        )
    article.front_matter = data


_TOML_KEY = re.compile(r"""^(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*""")
_TOML_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(?:#.*)?$")


def _toml_locations(block: str, offset: int) -> dict[str, Location]:
    result: dict[str, Location] = {}
    prefix = ""
    for number, _, line in _lines(block):
        file_line = offset + number
        table = _TOML_TABLE.match(line)
        if table:
            prefix = table[1] + "."
            span = Span(
                file_line,
                line.index(table[1]) + 1,
                file_line,
                line.index(table[1]) + len(table[1]) + 1,
            )
            result.setdefault(table[1], Location(span, span))
            continue
        match = _TOML_KEY.match(line)
        if not match:
            continue
        key = match[2].strip("\"'")
        key_col = len(match[1]) + 1
        value_text = line[match.end() :].rstrip()
        result.setdefault(
            prefix + key,
            Location(
                Span(file_line, key_col, file_line, key_col + len(match[2])),
                Span(file_line, match.end() + 1, file_line, match.end() + len(value_text) + 1),
                value_text,
            ),
        )
    return result


def _parse_json(
    text: str,
    start: int,
    open_line: int,
    path: Path | None,
    problems: list[LoadProblem],
    schema: Schema,
) -> Article:
    import json  # JSON front matter is rare; the module stays out of start-up.

    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    decoder = json.JSONDecoder(object_pairs_hook=pairs)
    failure: LoadProblem | None = None
    try:
        data, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        failure = LoadProblem(
            SYNTAX_ERROR,
            f"JSON syntax error: {exc.msg}",
            Span(exc.lineno, exc.colno, exc.lineno, exc.colno + 1),
        )
    except RecursionError:
        failure = LoadProblem(
            TOO_COMPLEX, "front matter nested too deeply; not read", Span.point(open_line)
        )
    except ValueError as exc:
        # int() refuses numbers over 4,300 digits with a plain ValueError.
        failure = LoadProblem(SYNTAX_ERROR, f"JSON error: {exc}", Span.point(open_line))
    if failure is not None:
        problems.append(failure)
        return Article(
            path,
            text,
            "json",
            {},
            text,
            1,
            open_line=open_line,
            problems=problems,
            readable=False,
            schema=schema,
        )
    close_line = text.count("\n", 0, end) + 1
    body_start = end
    newline = text.find("\n", end)
    rest = text[end:newline] if newline != -1 else text[end:]
    if not rest.strip():
        body_start = newline + 1 if newline != -1 else len(text)
    article = Article(
        path,
        text,
        "json",
        {},
        text[body_start:],
        close_line + 1,
        open_line=open_line,
        close_line=close_line,
        close_span=Span(close_line, 1, close_line, 2),
        problems=problems,
        schema=schema,
    )
    article._block = text[:end]
    article._block_offset = 0
    for key in dict.fromkeys(duplicates):
        location = _json_locations(article._block, 0).get(key)
        span = location.key if location else Span.point(open_line)
        problems.append(
            LoadProblem(
                DUPLICATE_KEY, f"duplicate key {key!r}; the later value wins", span, field=key
            )
        )
    if not isinstance(data, dict):
        problems.append(
            LoadProblem(NOT_A_MAPPING, "front matter is not an object", Span.point(open_line))
        )
        article.readable = False
        return article
    if not data:
        problems.append(
            LoadProblem(EMPTY_FRONT_MATTER, "empty front matter", Span.point(open_line))
        )
    article.front_matter = data
    return article


_JSON_KEY = re.compile(r'^(\s*)"((?:[^"\\]|\\.)*)"\s*:\s*')


def _json_locations(block: str, offset: int) -> dict[str, Location]:
    result: dict[str, Location] = {}
    for number, _, line in _lines(block):
        match = _JSON_KEY.match(line.lstrip("{"))
        if not match:
            continue
        shift = len(line) - len(line.lstrip("{"))
        file_line = offset + number
        key_col = shift + len(match[1]) + 1
        value_text = line[shift + match.end() :].rstrip().rstrip(",")
        result.setdefault(
            match[2],
            Location(
                Span(file_line, key_col, file_line, key_col + len(match[2]) + 2),
                Span(
                    file_line,
                    shift + match.end() + 1,
                    file_line,
                    shift + match.end() + len(value_text) + 1,
                ),
                value_text,
            ),
        )
    return result


__all__ = [
    "Article",
    "ArticleReadError",
    "LoadProblem",
    "Location",
    "Span",
    "load_article",
    "parse_article",
]
