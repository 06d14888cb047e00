"""Find, read and check ``newsroom.toml``; the defaults live here.

The file is found by walking up from the working directory, as git finds ``.git``; a
``[tool.newsroom]`` table in ``pyproject.toml`` is the fallback. Every value is checked on
load, and an error names the file, the key path and what was expected.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from newsroom_cli.adopt.conventions import NATIVE, Conventions
from newsroom_cli.dates import get_zone
from newsroom_cli.errors import ConfigError, NewsroomError
from newsroom_cli.schema import Schema, default_schema

CONFIG_NAME = "newsroom.toml"
# The starter configuration `init` writes: a template among the built-in ones.
STARTER_NAME = "newsroom.toml"
DEFAULT_PATTERN = "{section}/{date:%Y}/{date:%m}/{slug}.md"
# The shared default of the mapping fields (records are immutable, their mappings too).
_EMPTY: Mapping[str, Any] = MappingProxyType({})


class Publication(NamedTuple):
    """Who publishes: name, base URL, IANA time zone and language."""

    name: str = "Newsroom"
    base_url: str = "https://example.com"
    timezone: str = "UTC"
    language: str = "en"


class Section(NamedTuple):
    """A section of the publication, in round-up order."""

    key: str
    label: str
    template: str | None = None


class Author(NamedTuple):
    """A roster entry: the key front matter uses and the name bylines show."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    email: str | None = None


class TargetConfig(NamedTuple):
    """A teaser target's budget and how it is measured."""

    name: str
    limit: int
    unit: str = "chars"
    max_sentences: int | None = None
    max_bytes: int | None = None
    url_length: int | None = None
    reserve: int = 0
    # Where the text comes from, in order (empty: the target's default list, see
    # newsroom_cli.teaser.generate.default_sources); where --write stores it (None: from
    # teaser.key); whether whole sentences that leave a third of the budget empty are
    # followed by a cut of the next sentence.
    sources: tuple[str, ...] = ()
    key: str | None = None
    fill: bool = False


class TeaserConfig(NamedTuple):
    """Teaser settings: the targets, where ``--write`` stores text, dateline stripping, and
    which front-matter keys hold which kind of editor's text (``fields``)."""

    targets: Mapping[str, TargetConfig]
    key: str = "teaser"
    strip_datelines: bool = True
    fields: Mapping[str, tuple[str, ...]] = MappingProxyType({})

    def key_for(self, target: TargetConfig) -> str:
        """Where ``--write`` stores ``target``'s teaser, and the first text it reads.

        The target's own ``key`` if set; else ``teaser.key`` when it holds ``{target}``; else
        ``teaser.key`` (default ``teaser``) is the newsletter's and ``teasers.<name>`` the
        others'.
        """
        if target.key:
            return target.key.replace("{target}", target.name)
        if "{target}" in self.key:
            return self.key.replace("{target}", target.name)
        return self.key if target.name == "newsletter" else f"teasers.{target.name}"


class RulesConfig(NamedTuple):
    """Rule selection: codes switched off, re-graded, or ignored under some paths."""

    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = _EMPTY
    per_path: Mapping[str, tuple[str, ...]] = _EMPTY


SECURITY_MODES = ("starttls", "ssl", "none")


class SendConfig(NamedTuple):
    """How ``newsroom send`` reaches the SMTP server, and who receives the issue.

    ``port`` 0 means the usual port for ``security`` (587, 465 or 25); the password is read
    from the environment variable ``password_env`` names, never from a file.
    """

    host: str = ""
    port: int = 0
    security: str = "starttls"
    user: str = ""
    password_env: str = ""
    to: tuple[str, ...] = ()
    test_to: tuple[str, ...] = ()


class RoundupLogo(NamedTuple):
    """The masthead's logo: an absolute http(s) source, alt text and its size when known."""

    src: str
    alt: str = ""
    width: int | None = None
    height: int | None = None


class RoundupConfig(NamedTuple):
    """Round-up settings.

    ``sender`` is the ``From`` text (``roundup.from``) and ``sender_header`` the ``Sender``
    mailbox (``roundup.sender``); ``unsubscribe_url`` and ``web_url`` are patterns with
    ``{week}`` and ``{issue}``, inserted as written so an e-mail service's merge tag
    survives; ``first_issue`` is the ISO week of issue No. 1; ``messages`` overrides the
    words of the templates' message catalogue.
    """

    name: str = "The Week"
    per_section: int = 5
    sections: tuple[str, ...] = ()
    subject: str = "{publication}: {name} No. {issue}"
    preheader: str = ""
    footer: str = ""
    sender: str = ""
    list_unsubscribe: str = ""
    utm: Mapping[str, str] = _EMPTY
    sender_header: str = ""
    to: str = ""
    reply_to: str = ""
    list_id: str = ""
    unsubscribe_url: str = ""
    web_url: str = ""
    first_issue: str = ""
    logo: RoundupLogo | None = None
    messages: Mapping[str, Any] = _EMPTY
    archive_dir: str = "public/roundups"
    send: SendConfig = SendConfig()


DEFAULT_SECTIONS = (
    Section("news", "News"),
    Section("analysis", "Analysis"),
    Section("opinion", "Opinion"),
    Section("features", "Features"),
)

UNITS = ("chars", "graphemes", "x")

# What an editor's text in front matter is, and the keys that hold it, first found wins.
# `summary` is the teaser in Hugo and Pelican, `excerpt` in Jekyll, Eleventy and Astro;
# `description` is the meta description everywhere. `init --from` writes the archive's own.
TEASER_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "teaser": ("teaser", "summary", "excerpt"),
        "description": ("description",),
        "dek": ("dek", "deck", "subtitle", "standfirst"),
    }
)
# Names a target's `sources` list may hold besides these kinds and front-matter keys.
BODY_SOURCES = ("more", "lead", "title")

DEFAULT_TARGETS: dict[str, TargetConfig] = {
    "newsletter": TargetConfig("newsletter", 400, "chars", max_sentences=3),
    "meta": TargetConfig("meta", 155, "chars", fill=True),
    "og": TargetConfig("og", 200, "chars", fill=True),
    "x": TargetConfig("x", 280, "x", reserve=24),
    "bluesky": TargetConfig("bluesky", 300, "graphemes", max_bytes=3000),
    "mastodon": TargetConfig("mastodon", 500, "graphemes", url_length=23, reserve=24),
}


class Config(NamedTuple):
    """The loaded configuration of one project."""

    root: Path
    path: Path | None = None
    publication: Publication = Publication()
    content_dir: Path = Path("content")
    pattern: str = DEFAULT_PATTERN
    # Where articles that are not published go, when apart (Jekyll's `_drafts/{slug}.md`).
    draft_pattern: str | None = None
    templates_dir: Path | None = None
    roundups_dir: Path = Path("roundups")
    include: tuple[str, ...] = ("**/*.md", "**/*.markdown")
    exclude: tuple[str, ...] = ("**/_index.md",)
    sections: tuple[Section, ...] = DEFAULT_SECTIONS
    authors: tuple[Author, ...] = ()
    tags: tuple[str, ...] | None = None
    schema: Schema = default_schema()
    rules: RulesConfig = RulesConfig()
    teaser: TeaserConfig = TeaserConfig(MappingProxyType(DEFAULT_TARGETS))
    roundup: RoundupConfig = RoundupConfig()
    raw: Mapping[str, Any] = _EMPTY
    conventions: Conventions = NATIVE

    @property
    def tz(self) -> ZoneInfo:
        """The publication's time zone."""
        return get_zone(self.publication.timezone)

    @property
    def source(self) -> str:
        """The config file's path for messages, or a note that defaults are in use."""
        return str(self.path) if self.path else "(built-in defaults)"

    def pattern_for(self, status: object) -> str:
        """The path pattern of an article with ``status``: drafts may have their own."""
        if self.draft_pattern is not None and status != "published":
            return self.draft_pattern
        return self.pattern

    def section(self, key: str) -> Section | None:
        """The section with ``key``, or ``None``."""
        return next((s for s in self.sections if s.key == key), None)

    def author(self, key_or_name: str) -> Author | None:
        """The roster entry matching a key, a name or an alias (case-insensitive)."""
        wanted = key_or_name.casefold()
        for author in self.authors:
            names = (author.key, author.name, *author.aliases)
            if any(n.casefold() == wanted for n in names):
                return author
        return None

    def display_name(self, author_key: str) -> str:
        """The byline for an author key: the roster's name, else the key as written."""
        found = self.author(author_key)
        return found.name if found else author_key


def find_config(start: Path) -> Path | None:
    """Walk up from ``start`` to the first ``newsroom.toml``, or a pyproject with the table."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("newsroom"), dict)


def load_config(cwd: Path | None = None, explicit: Path | None = None) -> Config:
    """Load the project's configuration: ``explicit``, else the nearest one above ``cwd``.

    Without any file the built-in defaults apply, rooted at ``cwd``.
    """
    cwd = (cwd or Path.cwd()).resolve()
    if explicit is not None:
        path = explicit if explicit.is_absolute() else cwd / explicit
        if not path.is_file():
            raise ConfigError("no such configuration file", file=str(explicit))
    else:
        found = find_config(cwd)
        if found is None:
            return Config(root=cwd)
        path = found
    return read_config(path)


def read_config(path: Path) -> Config:
    """Read and check one configuration file (``newsroom.toml`` or ``pyproject.toml``)."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", file=source) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", file=source) from None
    try:
        data = tomllib.loads(text)
    except ValueError as exc:
        # TOMLDecodeError, or int()'s refusal of a number over 4,300 digits.
        raise ConfigError(f"not valid TOML: {exc}", file=source) from None
    except RecursionError:
        raise ConfigError("not valid TOML: nested too deeply", file=source) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("newsroom", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError("expected a table", file=source, key="tool.newsroom")
    return config_from_mapping(data, root=path.parent.resolve(), path=path)


# The tables of newsroom.toml, in the order docs/configuration.md describes them.
_TABLES = (
    "publication",
    "paths",
    "sections",
    "authors",
    "tags",
    "fields",
    "rules",
    "teaser",
    "roundup",
    "conventions",
)


def config_from_mapping(data: Mapping[str, Any], *, root: Path, path: Path | None = None) -> Config:
    """Build a checked ``Config`` from parsed TOML data: one reader per table."""
    reader = _Reader(str(path) if path else "(configuration)")
    for key in data:
        if key not in _TABLES:
            raise ConfigError(
                f"unknown table (expected one of: {', '.join(sorted(_TABLES))})",
                file=reader.source,
                key=key,
            )
    publication = _publication(reader, data)
    paths = _paths(reader, data)
    sections = _sections(reader, data)
    authors = _authors(reader, data)
    tags = _tags(reader, data)
    schema = _fields(reader, data)
    rules = _rules(reader, data)
    teaser = _teaser(reader, data)
    roundup = _roundup(reader, data, tuple(s.key for s in sections))
    content_dir = root / reader.string(paths, "paths.content", "content")
    conventions = NATIVE
    if "conventions" in data:
        conventions = _conventions(reader, data, content_dir, publication)
        if conventions.meanings:
            schema = schema.with_meanings(conventions.meanings)
            explicit = set(reader.table(reader.table(data, "teaser"), "teaser.fields"))
            teaser = teaser._replace(
                fields=_fields_with_meanings(teaser.fields, conventions.meanings, explicit=explicit)
            )
    templates_dir = _templates_dir(reader, paths, root)
    return Config(
        root=root,
        path=path,
        publication=publication,
        content_dir=content_dir,
        pattern=reader.string(paths, "paths.pattern", DEFAULT_PATTERN),
        draft_pattern=reader.optional_string(paths, "paths.draft_pattern"),
        templates_dir=templates_dir if templates_dir.is_dir() else None,
        roundups_dir=root / reader.string(paths, "paths.roundups", "roundups"),
        include=tuple(reader.string_list(paths, "paths.include", ["**/*.md", "**/*.markdown"])),
        exclude=tuple(reader.string_list(paths, "paths.exclude", ["**/_index.md"])),
        sections=sections,
        authors=authors,
        tags=tags,
        schema=schema,
        rules=rules,
        teaser=teaser,
        roundup=roundup,
        raw=data,
        conventions=conventions,
    )


def _publication(reader: _Reader, data: Mapping[str, Any]) -> Publication:
    """``[publication]``: name, base URL, time zone, language."""
    pub = reader.table(data, "publication")
    publication = Publication(
        name=reader.string(pub, "publication.name", Publication().name),
        base_url=reader.url(pub, "publication.base_url", Publication().base_url),
        timezone=reader.zone(pub, "publication.timezone", Publication().timezone),
        language=reader.string(pub, "publication.language", Publication().language),
    )
    reader.only(pub, "publication", ("name", "base_url", "timezone", "language"))
    return publication


def _paths(reader: _Reader, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """``[paths]``, checked: known keys, and path patterns that make paths. The values are
    read where the configuration is assembled."""
    paths = reader.table(data, "paths")
    reader.only(
        paths,
        "paths",
        ("content", "pattern", "draft_pattern", "templates", "roundups", "include", "exclude"),
    )
    check_pattern(reader.string(paths, "paths.pattern", DEFAULT_PATTERN), source=reader.source)
    draft_pattern = reader.optional_string(paths, "paths.draft_pattern")
    if draft_pattern is not None:
        check_pattern(draft_pattern, source=reader.source, key="paths.draft_pattern")
    return paths


def _templates_dir(reader: _Reader, paths: Mapping[str, Any], root: Path) -> Path:
    """``paths.templates``; unset and missing, the project's ``templates`` folder."""
    templates_dir = root / reader.string(paths, "paths.templates", "templates")
    if paths.get("templates") is None and not templates_dir.is_dir():
        templates_dir = root / "templates"
    return templates_dir


def _sections(reader: _Reader, data: Mapping[str, Any]) -> tuple[Section, ...]:
    """``[[sections]]``, in round-up order; none: the default four."""
    sections = (
        tuple(
            Section(
                key=reader.string(item, f"sections[{i}].key", None),
                label=reader.string(item, f"sections[{i}].label", None)
                if "label" in item
                else reader.string(item, f"sections[{i}].key", None).replace("-", " ").title(),
                template=reader.optional_string(item, f"sections[{i}].template"),
            )
            for i, item in enumerate(reader.array_of_tables(data, "sections"))
        )
        or DEFAULT_SECTIONS
    )
    keys = [s.key for s in sections]
    if len(set(keys)) != len(keys):
        raise ConfigError("section keys must be unique", file=reader.source, key="sections")
    return sections


def _authors(reader: _Reader, data: Mapping[str, Any]) -> tuple[Author, ...]:
    """``[[authors]]``: the roster."""
    return tuple(
        Author(
            key=reader.string(item, f"authors[{i}].key", None),
            name=reader.string(item, f"authors[{i}].name", None)
            if "name" in item
            else reader.string(item, f"authors[{i}].key", None),
            aliases=tuple(reader.string_list(item, f"authors[{i}].aliases", [])),
            email=reader.optional_string(item, f"authors[{i}].email"),
        )
        for i, item in enumerate(reader.array_of_tables(data, "authors"))
    )


def _tags(reader: _Reader, data: Mapping[str, Any]) -> tuple[str, ...] | None:
    """``[tags]``: the vocabulary (a bare ``tags = [...]`` list is read too)."""
    tags_table = data.get("tags")
    if isinstance(tags_table, list):
        return tuple(reader.string_list(data, "tags", []))
    if tags_table is not None:
        return tuple(reader.string_list(reader.table(data, "tags"), "tags.vocabulary", []))
    return None


def _fields(reader: _Reader, data: Mapping[str, Any]) -> Schema:
    """``[fields.NAME]``: the built-in schema with the publication's changes."""
    schema = default_schema()
    fields_table = reader.table(data, "fields")
    if fields_table:
        schema = schema.with_fields(fields_table, source=reader.source)
    return schema


def _rules(reader: _Reader, data: Mapping[str, Any]) -> RulesConfig:
    """``[rules]``: codes ignored, re-graded, and switched off per path."""
    rules_table = reader.table(data, "rules")
    reader.only(rules_table, "rules", ("ignore", "severity", "per_path"))
    severity = reader.table(rules_table, "rules.severity")
    for code, grade in severity.items():
        if grade not in ("error", "warning", "off"):
            raise ConfigError(
                f"expected error, warning or off, got {grade!r}",
                file=reader.source,
                key=f"rules.severity.{code}",
            )
    per_path = reader.table(rules_table, "rules.per_path")
    return RulesConfig(
        ignore=tuple(reader.string_list(rules_table, "rules.ignore", [])),
        severity=dict(severity),
        per_path={
            glob: tuple(reader.string_list(per_path, f"rules.per_path.{glob}", []))
            for glob in per_path
        },
    )


def _teaser(reader: _Reader, data: Mapping[str, Any]) -> TeaserConfig:
    """``[teaser]``: the key ``--write`` stores text under, datelines, ``[teaser.fields]``
    and ``[teaser.targets.NAME]`` over the built-in targets."""
    teaser_table = reader.table(data, "teaser")
    reader.only(teaser_table, "teaser", ("key", "strip_datelines", "targets", "fields"))
    fields_of = dict(TEASER_FIELDS)
    kinds_table = reader.table(teaser_table, "teaser.fields")
    reader.only(kinds_table, "teaser.fields", tuple(TEASER_FIELDS))
    for kind in kinds_table:
        kind_keys = tuple(reader.string_list(kinds_table, f"teaser.fields.{kind}", []))
        _check_keys(reader, kind_keys, f"teaser.fields.{kind}")
        fields_of[kind] = kind_keys
    targets = dict(DEFAULT_TARGETS)
    for name, table in reader.table(teaser_table, "teaser.targets").items():
        targets[name] = _target(reader, name, table, targets.get(name))
    teaser_key = reader.string(teaser_table, "teaser.key", "teaser")
    if not teaser_key or any(not part for part in teaser_key.split(".")):
        raise ConfigError(
            "expected a key such as teaser or teasers.{target}",
            file=reader.source,
            key="teaser.key",
        )
    return TeaserConfig(
        targets=targets,
        key=teaser_key,
        strip_datelines=reader.boolean(teaser_table, "teaser.strip_datelines", True),
        fields=MappingProxyType(fields_of),
    )


_ROUNDUP_KEYS = (
    "name",
    "per_section",
    "sections",
    "subject",
    "preheader",
    "footer",
    "from",
    "list_unsubscribe",
    "utm",
    "sender",
    "to",
    "reply_to",
    "list_id",
    "unsubscribe_url",
    "web_url",
    "first_issue",
    "logo",
    "messages",
    "archive_dir",
    "send",
)


def _roundup(
    reader: _Reader, data: Mapping[str, Any], section_keys: tuple[str, ...]
) -> RoundupConfig:
    """``[roundup]``: the issue's name, shape and headers; ``[roundup.utm]``,
    ``[roundup.messages]`` and ``[roundup.send]`` in readers of their own."""
    rt = reader.table(data, "roundup")
    reader.only(rt, "roundup", _ROUNDUP_KEYS)
    per_section = reader.integer(rt, "roundup.per_section", 5)
    if per_section < 1:
        raise ConfigError(
            "expected a number of at least 1", file=reader.source, key="roundup.per_section"
        )
    utm = reader.table(rt, "roundup.utm")
    reader.only(utm, "roundup.utm", ("source", "medium", "campaign"))
    roundup_sections = tuple(reader.string_list(rt, "roundup.sections", []))
    for key in roundup_sections:
        if key not in section_keys:
            raise ConfigError(
                f"unknown section {key!r} (sections are: {', '.join(section_keys)})",
                file=reader.source,
                key="roundup.sections",
            )
    sender = reader.string(rt, "roundup.from", "")
    unsubscribe = reader.string(rt, "roundup.list_unsubscribe", "")
    one_line = {
        key: reader.string(rt, f"roundup.{key}", "")
        for key in ("sender", "to", "reply_to", "list_id", "unsubscribe_url", "web_url")
    }
    for key, value in (
        ("roundup.from", sender),
        ("roundup.list_unsubscribe", unsubscribe),
        *((f"roundup.{k}", v) for k, v in one_line.items()),
    ):
        if "\r" in value or "\n" in value or "\x00" in value:
            raise ConfigError("must be on one line", file=reader.source, key=key)
    return RoundupConfig(
        name=reader.string(rt, "roundup.name", "The Week"),
        per_section=per_section,
        sections=roundup_sections,
        subject=reader.string(rt, "roundup.subject", RoundupConfig().subject),
        preheader=reader.string(rt, "roundup.preheader", ""),
        footer=reader.string(rt, "roundup.footer", ""),
        sender=sender,
        list_unsubscribe=unsubscribe,
        utm={k: reader.string(utm, f"roundup.utm.{k}", "") for k in utm},
        sender_header=one_line["sender"],
        to=one_line["to"],
        reply_to=one_line["reply_to"],
        list_id=one_line["list_id"],
        unsubscribe_url=one_line["unsubscribe_url"],
        web_url=one_line["web_url"],
        first_issue=_first_issue(reader, rt),
        logo=_logo(reader, rt.get("logo")),
        messages=_messages(reader, rt),
        archive_dir=_one_line(reader, rt, "roundup.archive_dir", "public/roundups"),
        send=_send_config(reader, reader.table(rt, "roundup.send")),
    )


def _first_issue(reader: _Reader, rt: Mapping[str, Any]) -> str:
    """``roundup.first_issue``: the ISO week of issue No. 1, normalised (``2026-W01``)."""
    first_issue = reader.string(rt, "roundup.first_issue", "")
    if not first_issue:
        return ""
    year, number = _iso_week(first_issue)
    if year == 0:
        raise ConfigError(
            f"expected an ISO week such as 2026-W01, got {first_issue!r}",
            file=reader.source,
            key="roundup.first_issue",
        )
    return f"{year:04d}-W{number:02d}"


def _messages(reader: _Reader, rt: Mapping[str, Any]) -> Mapping[str, Any]:
    """``[roundup.messages]``: the templates' words, strings or tables of plural forms."""
    messages = reader.table(rt, "roundup.messages")
    for key, value in messages.items():
        plural = isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values())
        if not isinstance(value, str) and not plural:
            raise ConfigError(
                "expected a string, or a table of plural forms (one, other, ...)",
                file=reader.source,
                key=f"roundup.messages.{key}",
            )
    return MappingProxyType(dict(messages))


def _conventions(
    reader: _Reader, data: Mapping[str, Any], content_dir: Path, publication: Publication
) -> Conventions:
    """``[conventions]``: what the archive's generator means (written by ``init --from``)."""
    from newsroom_cli.adopt.conventions import conventions_from_mapping

    return conventions_from_mapping(
        reader.table(data, "conventions"),
        source=reader.source,
        content_root=os.path.join(os.path.abspath(content_dir), ""),
        language=publication.language,
        zone=get_zone(publication.timezone),
    )


# What [conventions.meanings] (written by init --from) calls each kind of editor's text.
_MEANING_KINDS = {"teaser": "teaser", "meta": "description", "description": "description"}


def _fields_with_meanings(
    fields: Mapping[str, tuple[str, ...]], meanings: Mapping[str, str], *, explicit: set[str]
) -> Mapping[str, tuple[str, ...]]:
    """The teaser's kinds of text with each key moved to the kind its generator gives it
    (Hugo's ``summary`` is the teaser, Jekyll's ``excerpt`` too, ``description`` the meta
    description); a kind written out in ``[teaser.fields]`` is kept as written."""
    result = {kind: list(keys) for kind, keys in fields.items()}
    for key, meaning in meanings.items():
        kind = _MEANING_KINDS.get(meaning, meaning)
        if kind not in result or kind in explicit:
            continue
        for other, keys in result.items():
            if other != kind and other not in explicit and key in keys:
                keys.remove(key)
        if key not in result[kind]:
            result[kind].append(key)
    return MappingProxyType({kind: tuple(keys) for kind, keys in result.items()})


def _one_line(reader: _Reader, table: Mapping[str, Any], key: str, default: str = "") -> str:
    value = reader.string(table, key, default)
    if any(ch in value for ch in "\r\n\x00"):
        raise ConfigError("must be on one line", file=reader.source, key=key)
    return value


def _send_config(reader: _Reader, table: Mapping[str, Any]) -> SendConfig:
    """``[roundup.send]``: checked here so a mistake stops every command, not just a send."""
    prefix = "roundup.send"
    if "password" in table:
        raise ConfigError(
            "a password is never kept in a file",
            file=reader.source,
            key=f"{prefix}.password",
            hint="set password_env to the name of an environment variable that holds it",
        )
    reader.only(
        table, prefix, ("host", "port", "security", "user", "password_env", "to", "test_to")
    )
    security = reader.string(table, f"{prefix}.security", "starttls")
    if security not in SECURITY_MODES:
        raise ConfigError(
            f"expected one of {', '.join(SECURITY_MODES)}, got {security!r}",
            file=reader.source,
            key=f"{prefix}.security",
        )
    port = reader.integer(table, f"{prefix}.port", 0)
    if not 0 <= port <= 65535:
        raise ConfigError(
            f"expected a port from 1 to 65535, got {port}", file=reader.source, key=f"{prefix}.port"
        )
    password_env = reader.string(table, f"{prefix}.password_env", "")
    if password_env and not password_env.replace("_", "a").isalnum():
        raise ConfigError(
            f"expected the name of an environment variable, got {password_env!r}",
            file=reader.source,
            key=f"{prefix}.password_env",
        )
    lists = {}
    for name in ("to", "test_to"):
        addresses = reader.string_list(table, f"{prefix}.{name}", [])
        for address in addresses:
            if not address.strip() or any(ch in address for ch in "\r\n\x00"):
                raise ConfigError(
                    f"expected e-mail addresses on one line, got {address!r}",
                    file=reader.source,
                    key=f"{prefix}.{name}",
                )
        lists[name] = tuple(addresses)
    return SendConfig(
        host=_one_line(reader, table, f"{prefix}.host").strip(),
        port=port,
        security=security,
        user=_one_line(reader, table, f"{prefix}.user"),
        password_env=password_env,
        to=lists["to"],
        test_to=lists["test_to"],
    )


def _iso_week(text: str) -> tuple[int, int]:
    """``(year, week)`` of an ISO week such as ``2026-W01``; ``(0, 0)`` when it is not one."""
    import datetime as dt
    import re

    match = re.fullmatch(r"\s*(\d{4})-?[Ww](\d{1,2})\s*", text)
    if match is None:
        return 0, 0
    year, week = int(match[1]), int(match[2])
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return 0, 0
    return year, week


def _logo(reader: _Reader, raw: Any) -> RoundupLogo | None:
    """``roundup.logo``: a URL, or a table with src, alt, width and height."""
    if raw is None:
        return None
    table: Mapping[str, Any] = {"src": raw} if isinstance(raw, str) else raw
    if not isinstance(table, Mapping):
        raise reader.fail("roundup.logo", "a URL or a table with src, alt, width, height", raw)
    reader.only(table, "roundup.logo", ("src", "alt", "width", "height"))
    src = reader.string(table, "roundup.logo.src", None)
    if not src.startswith(("https://", "http://")) or any(ord(c) < 0x21 for c in src):
        raise ConfigError(
            "expected an absolute http(s) URL", file=reader.source, key="roundup.logo.src"
        )
    sizes: dict[str, int | None] = {}
    for key in ("width", "height"):
        if key in table:
            value = reader.integer(table, f"roundup.logo.{key}", None)
            if value < 1:
                raise ConfigError(
                    "expected a number of pixels", file=reader.source, key=f"roundup.logo.{key}"
                )
            sizes[key] = value
        else:
            sizes[key] = None
    return RoundupLogo(
        src=src,
        alt=reader.string(table, "roundup.logo.alt", ""),
        width=sizes["width"],
        height=sizes["height"],
    )


def _target(reader: _Reader, name: str, table: Any, base: TargetConfig | None) -> TargetConfig:
    key = f"teaser.targets.{name}"
    if not isinstance(table, Mapping):
        raise ConfigError("expected a table", file=reader.source, key=key)
    reader.only(
        table,
        key,
        (
            "limit",
            "unit",
            "sentences",
            "max_bytes",
            "url_length",
            "reserve",
            "sources",
            "key",
            "fill",
        ),
    )
    limit = reader.integer(table, f"{key}.limit", base.limit if base else None)
    unit = reader.string(table, f"{key}.unit", base.unit if base else "chars")
    if unit not in UNITS:
        raise ConfigError(
            f"expected one of {', '.join(UNITS)}, got {unit!r}",
            file=reader.source,
            key=f"{key}.unit",
        )
    reserve = reader.integer(table, f"{key}.reserve", base.reserve if base else 0)
    if limit < 1 or reserve < 0 or reserve >= limit:
        raise ConfigError(
            "expected a positive limit larger than the reserve",
            file=reader.source,
            key=f"{key}.limit",
        )

    sources = base.sources if base else ()
    if "sources" in table:
        sources = tuple(reader.string_list(table, f"{key}.sources", []))
        _check_keys(reader, sources, f"{key}.sources")
        if not sources:
            raise ConfigError("expected at least one source", file=reader.source, key=key)
    own_key = base.key if base else None
    if "key" in table:
        own_key = reader.string(table, f"{key}.key", None)
        _check_keys(reader, (own_key,), f"{key}.key")

    def optional(name_: str, default: int | None) -> int | None:
        if name_ not in table:
            return default
        value = reader.integer(table, f"{key}.{name_}", None)
        if value < 1:
            raise ConfigError(
                "expected a number of at least 1", file=reader.source, key=f"{key}.{name_}"
            )
        return value

    return TargetConfig(
        name=name,
        limit=limit,
        unit=unit,
        max_sentences=optional("sentences", base.max_sentences if base else None),
        max_bytes=optional("max_bytes", base.max_bytes if base else None),
        url_length=optional("url_length", base.url_length if base else None),
        reserve=reserve,
        sources=sources,
        key=own_key,
        fill=reader.boolean(table, f"{key}.fill", base.fill if base else False),
    )


def _check_keys(reader: _Reader, keys: tuple[str, ...], where: str) -> None:
    for item in keys:
        if not item or any(not part for part in item.replace("{target}", "t").split(".")):
            raise ConfigError(
                f"expected front-matter keys such as teasers.meta, got {item!r}",
                file=reader.source,
                key=where,
            )


def check_pattern(pattern: str, *, source: str = "", key: str = "paths.pattern") -> None:
    """Refuse path patterns that could leave the content dir or lack the slug."""
    import string

    bad = pattern.startswith(("/", "\\")) or ".." in pattern.replace("\\", "/").split("/")
    if bad or "\x00" in pattern or (len(pattern) > 1 and pattern[1] == ":"):
        raise ConfigError("must be a relative path inside the content dir", file=source, key=key)
    try:
        names = [f[1] for f in string.Formatter().parse(pattern) if f[1] is not None]
    except ValueError as exc:
        raise ConfigError(f"not a valid pattern: {exc}", file=source, key=key) from None
    allowed = {"section", "date", "slug", "year", "month", "day", "column", "status"}
    for name in names:
        if name not in allowed:
            raise ConfigError(
                f"unknown placeholder {{{name}}} (expected: {', '.join(sorted(allowed))})",
                file=source,
                key=key,
            )
    if "slug" not in names:
        raise ConfigError("must contain {slug}", file=source, key=key)


class _Reader:
    """Typed access to parsed TOML with errors that name the key path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, expected: str, value: Any) -> ConfigError:
        return ConfigError(f"expected {expected}, got {value!r}", file=self.source, key=key)

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key.rsplit(".", 1)[-1], {})
        if not isinstance(value, Mapping):
            raise self.fail(key, "a table", value)
        return value

    def only(self, data: Mapping[str, Any], prefix: str, allowed: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                raise ConfigError(
                    f"unknown key (expected one of: {', '.join(allowed)})",
                    file=self.source,
                    key=f"{prefix}.{key}",
                )

    def array_of_tables(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(key, f"an array of tables ([[{key}]])", value)
        return value

    def string(self, data: Mapping[str, Any], key: str, default: str | None) -> str:
        name = key.rsplit(".", 1)[-1]
        if name not in data:
            if default is None:
                raise ConfigError("missing required key", file=self.source, key=key)
            return default
        value = data[name]
        if not isinstance(value, str):
            raise self.fail(key, "a string", value)
        return value

    def optional_string(self, data: Mapping[str, Any], key: str) -> str | None:
        name = key.rsplit(".", 1)[-1]
        return self.string(data, key, "") if name in data else None

    def integer(self, data: Mapping[str, Any], key: str, default: int | None) -> int:
        name = key.rsplit(".", 1)[-1]
        if name not in data:
            if default is None:
                raise ConfigError("missing required key", file=self.source, key=key)
            return default
        value = data[name]
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, "an integer", value)
        return value

    def boolean(self, data: Mapping[str, Any], key: str, default: bool) -> bool:
        value = data.get(key.rsplit(".", 1)[-1], default)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false", value)
        return value

    def string_list(self, data: Mapping[str, Any], key: str, default: list[str]) -> list[str]:
        value = data.get(key.rsplit(".", 1)[-1], default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of strings", value)
        return value

    def url(self, data: Mapping[str, Any], key: str, default: str) -> str:
        value = self.string(data, key, default)
        if any(ch.isspace() or not ch.isprintable() for ch in value):
            # urlsplit drops tabs and line breaks silently; they would reach links and headers.
            raise ConfigError(
                f"a URL has no spaces or control characters, got {value!r}",
                file=self.source,
                key=key,
            )
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(
                f"expected an http or https URL, got {value!r}", file=self.source, key=key
            )
        return value.rstrip("/")

    def zone(self, data: Mapping[str, Any], key: str, default: str) -> str:
        value = self.string(data, key, default)
        try:
            get_zone(value)
        except ValueError as exc:
            raise ConfigError(str(exc), file=self.source, key=key) from None
        return value


def builtin_templates_dir() -> Path:
    """The built-in templates: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "article.md").is_file():
            return candidate
    raise NewsroomError(
        "built-in templates are missing from this installation", hint="reinstall newsroom-cli"
    )


def starter_config(name: str, url: str, timezone: str) -> str:
    """The commented ``newsroom.toml`` that ``newsroom init`` writes, checked before use."""
    import tomli_w

    def quoted(value: str) -> str:
        return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()

    from string import Template

    starter = (builtin_templates_dir() / STARTER_NAME).read_text(encoding="utf-8")
    text = Template(starter).substitute(
        name=quoted(name), url=quoted(url), timezone=quoted(timezone)
    )
    config_from_mapping(tomllib.loads(text), root=Path.cwd(), path=Path(CONFIG_NAME))
    return text
