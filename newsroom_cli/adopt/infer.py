"""Describe an existing archive as a ``newsroom.toml``: fields, aliases, sections, people, tags.

``newsroom init --from DIR`` reads every article under DIR through the loader and writes a
configuration whose schema says what the archive actually does, so that ``validate`` starts
from an honest baseline: conventions the whole archive follows become rules, what only some
articles do stays optional, and real mistakes (a duplicate key, a rare over-long headline)
are still reported.

The decisions, in one place:

- A field is *required* when at least 99% of the articles have a value for it (the few
  without one are then reported), *recommended* when at least 90% do. ``presence`` records the
  share for every field seen.
- A key maps to a built-in field through the schema's aliases (``summary`` -> dek,
  ``topics`` -> tags, ``author`` -> authors). Two keys that map to the same field but are
  both written in several articles are different things in that archive: the rarer one
  becomes a field of its own.
- A built-in length limit or pattern that more than 2% of the values break is widened to
  what the archive does; rarer breaks stay, as they are probably mistakes.
- Sections come from a ``section`` field, else from ``categories``, else from the first
  folder level when it is not a year. Without sections, ``section`` is not required.
- The authors roster and the tag vocabulary are written when at most 1,000 distinct values
  are seen; beyond that they are a free-form cloud and a comment gives the count. A value
  that differs from a more used one only in letter case or separators (``Analytics`` beside
  ``analytics``) is left out, so ``validate`` reports it as the likely slip it is.
- The path pattern that reproduces most file paths is chosen among common layouts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import textwrap
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom_cli.adopt.conventions import Conventions
from newsroom_cli.adopt.detect import Learned, find_site, learn
from newsroom_cli.article import Article, ArticleReadError, load_article
from newsroom_cli.config import CONFIG_NAME, DEFAULT_PATTERN, Config, config_from_mapping
from newsroom_cli.dates import parse_date
from newsroom_cli.errors import NewsroomError
from newsroom_cli.schema import Field, Schema, default_schema

REQUIRED_SHARE = 0.99
RECOMMENDED_SHARE = 0.9
TOLERATED_BREAKS = 0.02
VOCABULARY_MAX = 1000
SECTION_FOLDERS_MAX = 30

# Keys common in Hugo and Jekyll archives that mean a built-in field the schema does not
# alias by default; used only when the field's own name is absent from the archive.
EXTRA_ALIASES = {
    "subtitle": "dek",
    "standfirst": "dek",
    "publishdate": "date",
    "publishDate": "date",
    "pubdate": "date",
    "modified": "updated",
    "last_modified_at": "updated",
    "byline": "authors",
    "category": "section",
    "keywords": "tags",
}

PATTERN_CANDIDATES = (
    DEFAULT_PATTERN,
    "{section}/{slug}.md",
    "{slug}.md",
    "{date:%Y}/{date:%m}/{slug}.md",
    "{date:%Y}/{slug}.md",
    "{date:%Y}/{date:%m}/{date:%Y}-{date:%m}-{date:%d}-{slug}.md",
    "{date:%Y}/{date:%Y}-{date:%m}-{date:%d}-{slug}.md",
    "{date:%Y}-{date:%m}-{date:%d}-{slug}.md",
    "{section}/{date:%Y}-{date:%m}-{date:%d}-{slug}.md",
    "{section}/{date:%Y}/{date:%m}/{date:%Y}-{date:%m}-{date:%d}-{slug}.md",
    "{section}/{slug}/index.md",
    "{slug}/index.md",
)

_DATE_LIKE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]|\s*$)")
_YEAR = re.compile(r"^\d{4}$")


@dataclass
class KeyStats:
    """What one front-matter key looks like across the archive."""

    key: str
    written: int = 0
    present: int = 0
    types: Counter[str] = field(default_factory=Counter)
    lengths: list[int] = field(default_factory=list)
    strings: Counter[str] = field(default_factory=Counter)
    subkeys: Counter[str] = field(default_factory=Counter)
    files: set[int] = field(default_factory=set)

    def main_type(self) -> str | None:
        """The type most values have (string and text counted together), or ``None``."""
        if not self.types:
            return None
        words = self.types["string"] + self.types["text"]
        kind, count = self.types.most_common(1)[0]
        if words >= count:
            return "text" if self.types["text"] >= words * 0.2 else "string"
        return kind


@dataclass
class ArchiveProfile:
    """Everything ``init --from`` learned about an archive."""

    folder: Path
    files: int = 0
    articles: int = 0
    unreadable: list[Path] = field(default_factory=list)
    keys: dict[str, KeyStats] = field(default_factory=dict)
    sections: Counter[str] = field(default_factory=Counter)
    section_source: str | None = None
    authors: Counter[str] = field(default_factory=Counter)
    tags: Counter[str] = field(default_factory=Counter)
    offsets: Counter[str] = field(default_factory=Counter)
    pattern: str | None = None
    pattern_share: float = 0.0
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    learned: Learned | None = None
    paths: list[Path] = field(default_factory=list)


def value_type(value: Any) -> str | None:
    """The schema type a front-matter value has (``None`` for an empty value)."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    text = str(value)
    if _DATE_LIKE.match(text):
        try:
            parse_date(text, dt.UTC)
        except ValueError:
            pass
        else:
            return "date"
    return "text" if "\n" in text.strip() or len(text) > 160 else "string"


def profile_archive(folder: Path, config: Config | None = None) -> ArchiveProfile:
    """Read every article under ``folder`` and describe its front matter."""
    from newsroom_cli.discover import discover

    if not folder.is_dir():
        raise NewsroomError(f"{folder}: not a folder", hint="give the folder of the articles")
    base = config or Config(root=Path.cwd())
    paths = discover(base, [folder])
    profile = ArchiveProfile(folder=folder, files=len(paths))
    profile.paths = paths
    schema = default_schema()
    articles: list[Article] = []
    failed: list[Article] = []
    # Pelican metadata is read as Pelican reads it, so the generator is known before loading.
    reading = Conventions(generator="pelican") if find_site(folder)[0] == "pelican" else None
    for path in paths:
        try:
            article = load_article(path, schema=schema, conventions=reading)
        except ArticleReadError:
            profile.unreadable.append(path)
            continue
        if not article.readable or article.format is None:
            profile.unreadable.append(path)
            failed.append(article)
            continue
        articles.append(article)
    # The generator's conventions give dates, statuses, sections and languages; what they
    # say is not an article (a template stub, a section page) is not learned from.
    profile.learned = learn(folder, [*articles, *failed])
    if profile.learned.stubs:
        articles = [a for a in articles if a.conventions.skip_reason(a) is None]
    profile.articles = len(articles)
    for number, article in enumerate(articles):
        _count_keys(profile, number, article)
    # The fields are inferred with what the generator's summary-like keys mean.
    profile.fields = _infer_fields(profile, articles)
    if profile.learned.collection is not None:
        _collection_fields(profile)
    profile.sections = +profile.learned.sections
    learned_section = profile.learned.table.get("section", {})
    source = learned_section.get("source")
    profile.section_source = (
        "folders"
        if source == "folder"
        else learned_section.get("keys", ["section"])[0]
        if source == "key"
        else "single"
    )
    _infer_people_and_tags(profile, articles)
    _infer_pattern(profile, articles, base)
    return profile


def _collection_fields(profile: ArchiveProfile) -> None:
    """An Astro collection's schema decides what is required and each key's type."""
    from newsroom_cli.adopt.astro import field_tables

    learned = profile.learned
    assert learned is not None and learned.collection is not None
    schema = default_schema().with_meanings(learned.table.get("meanings", {}))

    def canonical(key: str) -> str | None:
        name = schema.canonical(key)
        if name is None and key in EXTRA_ALIASES:
            name = EXTRA_ALIASES[key]
        return name

    where = learned.collections_file.name if learned.collections_file else "content config"
    unseen = field_tables(learned.collection, profile.fields, canonical, where)
    if unseen:
        profile.notes.append(
            f"{len(unseen)} fields of the {learned.collection.name} collection's schema are in "
            f"no article yet: {', '.join(unseen)}"
        )


def _count_keys(profile: ArchiveProfile, number: int, article: Article) -> None:
    for key, value in article.front_matter.items():
        stats = profile.keys.setdefault(key, KeyStats(key))
        stats.written += 1
        kind = value_type(value)
        if kind is None:
            continue
        stats.present += 1
        stats.files.add(number)
        stats.types[kind] += 1
        if isinstance(value, str):
            stats.lengths.append(len(value))
            stats.strings[value] += 1
        if isinstance(value, dict):
            stats.subkeys.update(str(k) for k in value)
        if kind == "date" and isinstance(value, str):
            match = re.search(r"(Z|[+-]\d{2}:?\d{2})\s*$", value)
            if match:
                offset = match[1]
                profile.offsets["+00:00" if offset == "Z" else _colon(offset)] += 1


def _colon(offset: str) -> str:
    return offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"


def _infer_fields(profile: ArchiveProfile, articles: list[Article]) -> dict[str, dict[str, Any]]:
    """The ``[fields]`` tables: built-in fields adjusted, the archive's own fields added."""
    total = max(profile.articles, 1)
    meanings = profile.learned.table.get("meanings", {}) if profile.learned else {}
    schema = default_schema().with_meanings(meanings)
    by_field: dict[str, list[KeyStats]] = {}
    own: list[KeyStats] = []
    for stats in sorted(profile.keys.values(), key=lambda s: -s.present):
        name = schema.canonical(stats.key)
        if name is None and stats.key in EXTRA_ALIASES:
            target = EXTRA_ALIASES[stats.key]
            if target not in profile.keys:
                name = target
        if name is None:
            own.append(stats)
        else:
            by_field.setdefault(name, []).append(stats)
    tables: dict[str, dict[str, Any]] = {}
    for item in schema:
        group = by_field.get(item.name, [])
        main, separate = _split_aliases(item, group)
        own.extend(separate)
        tables[item.name] = _builtin_table(item, main, separate, total, profile)
    implausible = sorted(s.key for s in own if not plausible_key(s.key))
    never = sorted(s.key for s in own if plausible_key(s.key) and not s.present)
    for stats in own:
        if plausible_key(stats.key) and stats.present:
            tables[stats.key] = _own_table(stats, total)
    if implausible:
        shown = ", ".join(visible(_shortened(k)) for k in implausible[:3])
        more = f" and {len(implausible) - 3} more" if len(implausible) > 3 else ""
        profile.notes.append(
            f"{len(implausible)} front-matter keys that cannot be field names (probably a "
            f"value broken over lines) were left out: {shown}{more}"
        )
    if never:
        profile.notes.append(
            f"{len(never)} keys written only with empty values were left out: "
            + ", ".join(never[:5])
            + (f" and {len(never) - 5} more" if len(never) > 5 else "")
        )
    return {name: table for name, table in tables.items() if table}


_PLAUSIBLE_KEY = re.compile(r"^[^\W\d][\w.:/@$-]{0,63}$")


def plausible_key(key: str) -> bool:
    """Whether a front-matter key could name a field: a word of at most 64 characters
    (``cSpell:ignore`` and ``og_image`` can; an HTML paragraph from a broken value cannot)."""
    return bool(_PLAUSIBLE_KEY.match(key))


def _shortened(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _split_aliases(item: Field, group: list[KeyStats]) -> tuple[list[KeyStats], list[KeyStats]]:
    """Keys that share a field; a key written alongside the main one in 2+ articles is apart."""
    if not group:
        return [], []
    own_name = next((s for s in group if s.key == item.name), None)
    first = own_name or group[0]
    main: list[KeyStats] = [first]
    separate: list[KeyStats] = []
    for stats in group:
        if stats is first:
            continue
        together = len(stats.files & first.files)
        (separate if together >= 2 else main).append(stats)
    return main, separate


def _builtin_table(
    item: Field,
    main: list[KeyStats],
    separate: list[KeyStats],
    total: int,
    profile: ArchiveProfile,
) -> dict[str, Any]:
    table: dict[str, Any] = {}
    present = len(set().union(*(s.files for s in main))) if main else 0
    share = present / total
    keys = {s.key for s in main}
    aliases = [a for a in item.aliases if a not in {s.key for s in separate}]
    aliases += sorted(k for k in keys if k != item.name and k not in aliases)
    if tuple(aliases) != item.aliases:
        table["aliases"] = aliases
    required = share >= REQUIRED_SHARE and present > 0
    if required != item.required:
        table["required"] = required
    recommended = not required and share >= RECOMMENDED_SHARE
    if recommended != item.recommended:
        table["recommended"] = recommended
    if main:
        table["presence"] = round(share, 4)
        lengths = [n for s in main for n in s.lengths]
        table.update(_widened_limits(item, lengths, profile))
        strings: Counter[str] = Counter()
        for stats in main:
            strings.update(stats.strings)
        table.update(_widened_values(item, strings))
        table.update(_archive_type(item, main, profile))
    return table


def _fits(declared: str, kind: str) -> bool:
    """Whether a value of type ``kind`` is acceptable for a field of type ``declared``."""
    words = ("string", "text")
    return kind == declared or (kind in words and declared in (*words, "list"))


def _archive_type(item: Field, main: list[KeyStats], profile: ArchiveProfile) -> dict[str, Any]:
    """The archive's own type for a built-in field when too many values have another one."""
    kinds: Counter[str] = Counter()
    for stats in main:
        kinds.update(stats.types)
    total = sum(kinds.values())
    misfits = sum(n for kind, n in kinds.items() if not _fits(item.type, kind))
    if not total or misfits / total <= TOLERATED_BREAKS:
        return {}
    merged = KeyStats(item.name, types=kinds)
    kind = merged.main_type() or item.type
    if _fits(item.type, kind):
        return {}
    profile.notes.append(f"{item.name}: type {kind}, as {misfits} of {total} values are")
    changes: dict[str, Any] = {"type": kind}
    if item.keys and kind != "mapping":
        changes["keys"] = []
    return changes


def _widened_values(item: Field, strings: Counter[str]) -> dict[str, Any]:
    """A pattern or a list of allowed values that too many of the archive's values break."""
    total = sum(strings.values())
    if not total:
        return {}
    changes: dict[str, Any] = {}
    if item.pattern:
        broken = sum(n for v, n in strings.items() if not re.search(item.pattern, v))
        if broken / total > TOLERATED_BREAKS:
            changes["pattern"] = ".+"
    if item.allowed:
        allowed = {a.casefold() for a in item.allowed}
        broken = sum(n for v, n in strings.items() if v.casefold() not in allowed)
        if broken / total > TOLERATED_BREAKS:
            changes["allowed"] = sorted({*item.allowed, *strings})
    return changes


def _widened_limits(item: Field, lengths: list[int], profile: ArchiveProfile) -> dict[str, Any]:
    if not lengths:
        return {}
    changes: dict[str, Any] = {}
    if item.min_length is not None:
        short = sum(1 for n in lengths if n < item.min_length)
        if short / len(lengths) > TOLERATED_BREAKS:
            changes["min_length"] = min(lengths)
            profile.notes.append(
                f"{item.name}: min_length lowered to {min(lengths)} "
                f"({short} values were shorter than {item.min_length})"
            )
    if item.max_length is not None:
        long = sum(1 for n in lengths if n > item.max_length)
        if long / len(lengths) > TOLERATED_BREAKS:
            changes["max_length"] = max(lengths)
            profile.notes.append(
                f"{item.name}: max_length raised to {max(lengths)} "
                f"({long} values were longer than {item.max_length})"
            )
    return changes


def _own_table(stats: KeyStats, total: int) -> dict[str, Any]:
    kind = stats.main_type() or "string"
    values = sum(stats.types.values())
    words = stats.types["string"] + stats.types["text"]
    if kind in ("number", "boolean", "date") and values and words / values > TOLERATED_BREAKS:
        # Mostly numbers but also text (an issue number or its URL): text takes both.
        kind = "text" if stats.types["text"] >= words * 0.2 else "string"
    share = stats.present / total
    table: dict[str, Any] = {"type": kind}
    if share >= REQUIRED_SHARE:
        table["required"] = True
    elif share >= RECOMMENDED_SHARE:
        table["recommended"] = True
    if kind == "mapping" and stats.subkeys:
        table["keys"] = [k for k, _ in stats.subkeys.most_common()]
    table["presence"] = round(share, 4)
    table["description"] = f"Seen in {stats.present} of {total} articles."
    return table


def _infer_sections(profile: ArchiveProfile, articles: list[Article]) -> None:
    total = max(profile.articles, 1)
    for source in ("section", "categories", "category"):
        values: Counter[str] = Counter()
        for article in articles:
            value = article.front_matter.get(source)
            items = value if isinstance(value, list) else [value]
            first = next((v for v in items if isinstance(v, str) and v.strip()), None)
            if first is not None:
                values[clean_name(first)] += 1
        if values and sum(values.values()) / total >= 0.5:
            profile.sections = values
            profile.section_source = source
            return
    folders: Counter[str] = Counter()
    for article in articles:
        assert article.path is not None
        parts = article.path.relative_to(profile.folder).parts
        if len(parts) > 1:
            folders[parts[0]] += 1
    usable = [name for name in folders if not _YEAR.match(name) and not name.startswith((".", "_"))]
    if 2 <= len(usable) <= SECTION_FOLDERS_MAX and len(usable) == len(folders):
        profile.sections = folders
        profile.section_source = "folders"


def _infer_people_and_tags(profile: ArchiveProfile, articles: list[Article]) -> None:
    authors: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    tidied: dict[str, Counter[str]] = {"author": Counter(), "tag": Counter()}
    for article in articles:
        for what, values, counts in (
            ("author", article.authors, authors),
            ("tag", article.tags, tags),
        ):
            for value in values:
                name = clean_name(value)
                if not name:
                    tidied[what]["empty"] += 1
                elif name != value:
                    kind = "spaces around" if value.strip() != value else "decomposed Unicode"
                    tidied[what][kind] += 1
            counts.update(dict.fromkeys((n for n in map(clean_name, values) if n), 1))
    profile.authors, author_variants = without_variants(authors)
    profile.tags, tag_variants = without_variants(tags)
    for what, variants in (("author", author_variants), ("tag", tag_variants)):
        if tidied[what]:
            found = ", ".join(
                f"{n} empty" if kind == "empty" else f"{n} with {kind}"
                for kind, n in sorted(tidied[what].items())
            )
            profile.notes.append(
                f"{what} values written untidily ({found}): the {what}s here are trimmed and "
                "NFC-normalised and no empty one is kept; validate reports them as written"
            )
        if variants:
            shown = "; ".join(
                f"{visible(v)} beside {visible(k)} ({difference(v, k)})"
                for v, k in sorted(variants.items())[:5]
            )
            more = f" and {len(variants) - 5} more" if len(variants) > 5 else ""
            profile.notes.append(
                f"{len(variants)} {what} spellings left out as variants of a more used one, "
                f"so validate reports them: {shown}{more}"
            )


def clean_name(value: str) -> str:
    """A roster name or tag as a person would keep it: trimmed and NFC-normalised."""
    return unicodedata.normalize("NFC", value.strip())


def visible(value: str) -> str:
    """``value`` quoted, with characters that print as nothing or as a plain space escaped."""
    shown = "".join(
        char
        if char == " " or (char.isprintable() and not char.isspace())
        else f"\\u{ord(char):04x}"
        for char in value
    )
    return f'"{shown}"'


def _char_name(char: str) -> str:
    if char == " ":
        return "space"
    if char.isspace() or not char.isprintable() or unicodedata.category(char) in ("Cf", "Mn"):
        return unicodedata.name(char, f"U+{ord(char):04X}").lower()
    return f"'{char}'"


def difference(variant: str, chosen: str) -> str:
    """What sets ``variant`` apart from ``chosen``, named for a person: ``no-break space at 8``
    (positions count characters from 1), ``letter case``."""
    if variant.casefold() == chosen.casefold():
        return "letter case"
    import difflib

    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, variant, chosen, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        ours = " ".join(_char_name(c) for c in variant[a1:a2])
        theirs = " ".join(_char_name(c) for c in chosen[b1:b2])
        if op == "replace":
            if variant[a1:a2].casefold() == chosen[b1:b2].casefold():
                parts.append(f"letter case at {a1 + 1}")
            else:
                parts.append(f"{ours} at {a1 + 1} instead of {theirs}")
        elif op == "insert":
            parts.append(f"missing {theirs} at {a1 + 1}")
        else:
            parts.append(f"extra {ours} at {a1 + 1}")
    if len(parts) > 2:
        return f"{parts[0]}, {parts[1]} and {len(parts) - 2} more"
    return ", ".join(parts) or "invisible difference"


def without_variants(counts: Counter[str]) -> tuple[Counter[str], dict[str, str]]:
    """Drop values that differ from a more used one only in case, separators or characters
    that print as nothing (a zero-width space, a no-break space for a space).

    Returns the kept counts and, for each dropped value, the value it is a variant of.
    """
    kept: Counter[str] = Counter()
    chosen: dict[str, str] = {}
    variants: dict[str, str] = {}
    for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        visible_only = "".join(c for c in value if unicodedata.category(c) != "Cf")
        form = re.sub(
            r"[\s_-]+", "-", unicodedata.normalize("NFKC", visible_only).strip().casefold()
        )
        if form in chosen:
            variants[value] = chosen[form]
        else:
            chosen[form] = value
            kept[value] = count
    return kept, variants


def _infer_pattern(profile: ArchiveProfile, articles: list[Article], config: Config) -> None:
    scores: Counter[str] = Counter()
    tested = 0
    for article in articles:
        slug = article.slug
        if article.path is None or slug is None:
            continue
        tested += 1
        relative = article.path.relative_to(profile.folder).as_posix()
        when = article.date(config.tz)
        section = article.get("section") or (
            relative.split("/", 1)[0] if profile.section_source == "folders" else ""
        )
        for candidate in PATTERN_CANDIDATES:
            if "{date" in candidate and when is None:
                continue
            try:
                filled = candidate.format(slug=slug, section=section, date=when)
            except (KeyError, ValueError, IndexError):
                continue
            if filled == relative:
                scores[candidate] += 1
    if tested and scores:
        best, count = scores.most_common(1)[0]
        if count / tested >= 0.5:
            profile.pattern = best
            profile.pattern_share = count / tested


def render_config(
    profile: ArchiveProfile, *, config_dir: Path, name: str, url: str, timezone: str
) -> str:
    """The commented ``newsroom.toml`` text for an archive, checked by the config loader."""
    import tomli_w

    def toml(data: Mapping[str, Any]) -> str:
        return tomli_w.dumps(data).rstrip("\n")

    from newsroom_cli.adopt.report import conventions_text

    content = Path(os.path.relpath(profile.folder.resolve(), config_dir.resolve())).as_posix()
    total = profile.articles
    learned = profile.learned
    if learned is not None and learned.base_url and url == "https://example.com":
        url = learned.base_url.rstrip("/")  # the site's own, when --url was not given
    out: list[str] = [
        "# newsroom.toml, written by `newsroom init --from` from the articles in",
        f"# {content} ({total} articles read"
        + (
            f", {len(profile.unreadable)} with front matter that could not be read"
            if profile.unreadable
            else ""
        )
        + ").",
        "# It describes the archive as it is; tighten it as your conventions settle.",
        "# See docs/configuration.md for every key.",
        "",
        toml(
            {
                "publication": {
                    "name": name,
                    "base_url": url,
                    "timezone": timezone,
                    "language": learned.language if learned and learned.language else "en",
                }
            }
        ),
    ]
    if learned is not None:
        out += ["", *conventions_text(learned)]
    if profile.offsets:
        common = ", ".join(f"{o} ({n})" for o, n in profile.offsets.most_common(3))
        out.append(f"# Offsets written in the archive's dates: {common}.")
    paths: dict[str, Any] = {"content": content}
    if learned is not None and (
        learned.generator == "astro" or any(p.suffix == ".mdx" for p in profile.paths)
    ):
        paths["include"] = ["**/*.md", "**/*.markdown", "**/*.mdx"]
    pattern_note = "# The file layout `newsroom new` follows"
    if profile.pattern:
        paths["pattern"] = profile.pattern
        pattern_note += f"; {profile.pattern_share:.0%} of the archive's paths match it."
    else:
        pattern_note += ": none of the common layouts matched, so the default is kept."
    out += ["", pattern_note, toml({"paths": paths})]
    out += ["", *_sections_text(profile)]
    out += ["", *_authors_text(profile)]
    out += ["", *_tags_text(profile)]
    out += [
        "",
        "# The field schema as the archive uses it. presence: the share of articles",
        "# with a value; required: at least 99% have one; recommended: 90% do.",
    ]
    for note in profile.notes:
        out += textwrap.wrap(f"{note}.", 88, initial_indent="# ", subsequent_indent="#   ")
    for field_name, table in profile.fields.items():
        out.append("")
        out.append(toml({"fields": {field_name: table}}))
    text = "\n".join(out).rstrip("\n") + "\n"
    config_from_mapping(tomllib.loads(text), root=config_dir, path=config_dir / CONFIG_NAME)
    return text


def _sections_text(profile: ArchiveProfile) -> list[str]:
    if not profile.sections:
        return [
            "# No sections found (no section field, and the first folder level is not one);",
            "# the default sections stay, and `section` is not required.",
        ]
    where = {
        "folders": "the first folder level",
        "section": "the section field",
        "single": "one section for everything (the conventions above)",
    }.get(profile.section_source or "", f"the {profile.section_source} field")
    lines = [f"# Sections, from {where}, most used first."]
    import tomli_w

    for key, count in profile.sections.most_common():
        lines.append("[[sections]]")
        rendered = tomli_w.dumps({"key": key}).strip()
        lines.append(f"{rendered}  # {count} articles")
    return lines


def _authors_text(profile: ArchiveProfile) -> list[str]:
    import tomli_w

    count = len(profile.authors)
    if not count:
        return ["# No authors found; add an [[authors]] roster to check bylines."]
    if count > VOCABULARY_MAX:
        return [f"# {count} distinct authors seen: too many for a roster, none written."]
    lines = [
        f"# The authors roster: the {count} author keys seen, most bylines first.",
        '# `validate` flags a byline not listed here. Add `name = "..."` for bylines.',
    ]
    for key, uses in profile.authors.most_common():
        lines.append("[[authors]]")
        lines.append(f"{tomli_w.dumps({'key': key}).strip()}  # {uses} articles")
    return lines


def _tags_text(profile: ArchiveProfile) -> list[str]:
    import tomli_w

    count = len(profile.tags)
    if not count:
        return ["# No tags found; add [tags] vocabulary = [...] to check them."]
    if count > VOCABULARY_MAX:
        return [f"# {count} distinct tags seen: a free-form cloud, so no vocabulary is written."]
    lines = [
        f"# The tag vocabulary: the {count} tags seen. `validate` flags others.",
        "[tags]",
        "vocabulary = [",
    ]
    for tag in sorted(profile.tags):
        lines.append(
            f"    {tomli_w.dumps({'v': tag}).split('=', 1)[1].strip()},  # {profile.tags[tag]}"
        )
    lines.append("]")
    return lines


def inferred_schema(profile: ArchiveProfile) -> Schema:
    """The schema the profile's ``[fields]`` tables give (for tests and previews)."""
    return default_schema().with_fields(profile.fields)
