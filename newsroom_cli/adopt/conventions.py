"""Conventions: where an article's date, status, section, language and URL come from.

A newsroom project writes ``date``, ``status`` and ``section`` in every article. An archive
made for a site generator does not: Jekyll dates posts by their file name, Zola may keep the
date in a ``path`` key, a static site publishes every post that is not a draft, Hugo keeps
languages in ``content/<lang>/``. ``[conventions]`` in ``newsroom.toml`` (written by
``newsroom init --from``) says which; :class:`Conventions` applies it, and every value it
gives comes with its source (``key:date``, ``filename``, ``key:path``, ``folder``,
``default``...) so that ``validate`` can point at it and ``list --format json`` can say it.

Without a ``[conventions]`` table the native conventions apply: every fact is the
front-matter field of its name, as written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from newsroom_cli.errors import ConfigError


class Article(Protocol):
    """What the conventions read of an article (:class:`newsroom_cli.article.Article`,
    which sits above this module: the loader applies the conventions, not the reverse)."""

    path: Path | None
    text: str
    front_matter: dict[str, Any]
    readable: bool
    problems: Any
    conventions: Conventions

    @property
    def fields(self) -> dict[str, Any]: ...

    @property
    def field_keys(self) -> dict[str, str]: ...


GENERATORS = ("newsroom", "hugo", "jekyll", "eleventy", "zola", "astro", "pelican", "unknown")
SECTION_SOURCES = ("field", "key", "folder", "single")

# Jekyll's and Zola's file-name date: YYYY-MM-DD then - or _ (one-digit month and day too).
FILENAME_DATE = r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})[-_]"
# A date inside a path or URL value: 2025/06/26/... (Zola's ``path``, permalinks).
_PATH_DATE = re.compile(r"(?:^|/)(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/|$)")
_PERMALINK_FIELDS = ("year", "month", "day", "slug", "section", "lang", "filename", "path")
_SUFFIXES = (".md", ".markdown", ".mdx")


class Fact(NamedTuple):
    """A value an article has under the conventions, and where it came from."""

    value: Any
    source: str


class Conventions(NamedTuple):
    """How the archive's generator reads an article (see the module docstring)."""

    generator: str = "newsroom"
    # Absolute content folder with a trailing separator; path-derived facts are relative to it.
    content_root: str = ""
    zone: dt.tzinfo = dt.UTC
    date_keys: tuple[str, ...] = ("date",)
    filename_date: str | None = None
    date_path_key: str | None = None
    draft_keys: tuple[str, ...] = ()
    published_keys: tuple[str, ...] = ()
    future_is_draft: bool = False
    expiry_keys: tuple[str, ...] = ()
    default_status: str | None = None
    section_source: str = "field"
    section_keys: tuple[str, ...] = ()
    section_default: str | None = None
    language: str = ""
    languages: tuple[str, ...] = ()
    language_keys: tuple[str, ...] = ()
    language_folders: bool = False
    language_filenames: bool = False
    translation_keys: tuple[str, ...] = ()
    permalink: str | None = None
    url_keys: tuple[str, ...] = ()
    meanings: Mapping[str, str] = {}
    # Keys whose one-string value is a list of its words (Jekyll's ``tags``, ``categories``).
    space_separated: frozenset[str] = frozenset()

    @property
    def native(self) -> bool:
        """Whether these are the native conventions (every fact is its own field)."""
        return self.generator == "newsroom" and self.default_status is None

    def items(self, key: str, value: str) -> list[str]:
        """A list key's one-string value as a list: its words where the generator splits it
        on spaces (Jekyll's ``tags: embedded nerves``), else the string as the one item."""
        if key in self.space_separated:
            return value.split()
        return [value]

    # -- dates ---------------------------------------------------------------------------

    def date(self, article: Article, tz: dt.tzinfo) -> Fact:
        """The article's date, from the date keys in order, the file name, then a path key."""
        from newsroom_cli.dates import parse_date

        for key in self.date_keys:
            raw, written = _value(article, key)
            if raw is None or raw == "":
                continue
            try:
                return Fact(parse_date(raw, tz).value, f"key:{written}")
            except ValueError:
                return Fact(None, f"key:{written}")
        # A file name or path that looks dated but names no real day (2014-02-30) is where
        # the missing date came from, so that validate can point at it.
        failed = "missing"
        if self.filename_date:
            match = re.match(self.filename_date, _stem(article))
            if match is not None:
                when = _day(match, tz)
                if when is not None:
                    return Fact(when, "filename")
                failed = "filename"
        if self.date_path_key:
            raw = front(article).get(self.date_path_key)
            if isinstance(raw, str):
                found = _PATH_DATE.search(raw.strip())
                if found is not None:
                    when = _day(found, tz)
                    if when is not None:
                        return Fact(when, f"key:{self.date_path_key}")
                    if failed == "missing":
                        failed = f"key:{self.date_path_key}"
        return Fact(None, failed)

    def derived_date_error(self, article: Article) -> tuple[str, str] | None:
        """For an article whose date would come from its file name or a path key but names
        no real day: (the source, ``filename`` or ``key:path``; what is wrong), else None."""
        fact = self.date(article, self.zone)
        if fact.value is not None or fact.source not in ("filename", f"key:{self.date_path_key}"):
            return None
        if fact.source == "filename":
            match = re.match(self.filename_date or "", _stem(article))
            written = _stem(article) if article.path is None else os.path.basename(article.path)
        else:
            raw = front(article).get(self.date_path_key or "")
            match = _PATH_DATE.search(raw.strip()) if isinstance(raw, str) else None
            written = str(raw)
        if match is None:
            return None
        day = f"{match['year']}-{match['month']}-{match['day']}"
        try:
            dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError as exc:
            return fact.source, f"{written!r} names {day}, which is not a date ({exc})"
        return None

    # -- what is not an article --------------------------------------------------------

    def skip_reason(self, article: Article) -> str | None:
        """Why a file under the content folder is not an article for the generator (a
        template stub), or ``None``. Natively every file is an article."""
        if self.native or not article.readable:
            return None
        if article.path is not None:
            name = os.path.basename(article.path)
            if name.startswith("_index."):
                return "a section page (_index): the generator lists the section's posts there"
            if "archetypes" in self.relative_parts(article)[:-1]:
                return "a template stub: an archetype, the generator's model for new posts"
        title = article.fields.get("title")
        if isinstance(title, str) and ("{{" in title or "{%" in title):
            return "a template stub: its title is a template placeholder"
        if (
            not (isinstance(title, str) and title.strip())
            and self.date(article, self.zone).value is None
        ):
            return "a template stub: no title and no date"
        return None

    # -- status --------------------------------------------------------------------------

    def status(
        self,
        article: Article,
        tz: dt.tzinfo,
        now: dt.datetime | None = None,
        expiry_at: dt.datetime | None = None,
    ) -> Fact:
        """The status as written; else ``draft`` for what the generator would not publish,
        else the default status (``published`` for a static site). ``expiry_at`` is the
        moment an expiry date is compared with (a round-up's: the end of its week)."""
        written = article.fields.get("status")
        if isinstance(written, str):
            return Fact(written, f"key:{article.field_keys.get('status', 'status')}")
        if self.default_status is None:
            return Fact(None, "missing")
        fm = front(article)
        for key in self.draft_keys:
            if _truthy(fm.get(key)):
                return Fact("draft", f"key:{key}")
        for key in self.published_keys:
            if fm.get(key) is False or (
                isinstance(fm.get(key), str) and fm[key].strip().lower() == "false"
            ):
                return Fact("draft", f"key:{key}")
        moment = now or dt.datetime.now(dt.UTC)
        if self.future_is_draft:
            when = self.date(article, tz).value
            if when is not None and when > moment:
                return Fact("draft", "future")
        if self.expiry_keys:
            from newsroom_cli.dates import parse_date

            for key in self.expiry_keys:
                raw = fm.get(key)
                if raw is None or raw == "":
                    continue
                try:
                    expires = parse_date(raw, tz).value
                except ValueError:
                    continue
                if expires <= (expiry_at or moment):
                    return Fact("expired", f"key:{key}")
        return Fact(self.default_status, "default")

    def time_dependent(self) -> bool:
        """Whether a status may change with the clock alone (a future date, an expiry)."""
        return self.default_status is not None and (self.future_is_draft or bool(self.expiry_keys))

    # -- section -------------------------------------------------------------------------

    def section(self, article: Article) -> Fact:
        """The section: a field, a key (first item of a list), the first folder, or one
        section for everything; ``section_default`` for an article without one."""
        source = self.section_source
        if source == "single":
            return Fact(self.section_default, "default")
        written = article.fields.get("section")
        if isinstance(written, str) and written.strip():
            return Fact(written.strip(), f"key:{article.field_keys.get('section', 'section')}")
        if source == "key":
            for key in self.section_keys:
                raw = front(article).get(key)
                if isinstance(raw, str) and key in self.space_separated:
                    raw = raw.split()
                value = _first_text(raw)
                if value is not None:
                    return Fact(value, f"key:{key}")
        elif source == "folder":
            parts = self.relative_parts(article)
            if self.language_folders and parts and parts[0] in self.languages:
                parts = parts[1:]
            if len(parts) > 1:
                return Fact(parts[0], "folder")
        if self.section_default is not None:
            return Fact(self.section_default, "default")
        return Fact(None, "missing")

    # -- language ------------------------------------------------------------------------

    def lang(self, article: Article, default: str) -> Fact:
        """The article's language: a key, the file name (``name.fr.md``), a language folder,
        else the site's default language."""
        fm = front(article)
        for key in self.language_keys:
            value = fm.get(key)
            if isinstance(value, str) and value.strip():
                return Fact(value.strip(), f"key:{key}")
        if self.language_filenames and article.path is not None:
            name = os.path.basename(article.path)
            for suffix in _SUFFIXES:
                if name.endswith(suffix):
                    inner = name[: -len(suffix)].rpartition(".")[2]
                    if "." in name[: -len(suffix)] and inner in self.languages:
                        return Fact(inner, "filename")
        if self.language_folders:
            for part in self.relative_parts(article)[:-1]:
                if part in self.languages:
                    return Fact(part, "folder")
        return Fact(self.language or default, "default")

    def translation_group(self, article: Article) -> str | None:
        """What the article's translations share: a translation key's value, else its path
        with the language taken out (Hugo, Starlight and Docsy link translations so)."""
        for key in self.translation_keys:
            value = article.front_matter.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
                return f"key:{value}"
        if not (self.language_folders or self.language_filenames):
            return None
        parts = list(self.relative_parts(article))
        if not parts:
            return None
        if self.language_folders:
            parts = [p for i, p in enumerate(parts[:-1]) if not (p in self.languages and i < 3)] + [
                parts[-1]
            ]
        if self.language_filenames:
            name = parts[-1]
            for suffix in _SUFFIXES:
                if name.endswith(suffix):
                    head, _, inner = name[: -len(suffix)].rpartition(".")
                    if head and inner in self.languages:
                        parts[-1] = head + suffix
        return "path:" + "/".join(parts)

    # -- paths and URLs ------------------------------------------------------------------

    def relative_parts(self, article: Article) -> tuple[str, ...]:
        """The article's path below the content folder, split in parts."""
        if article.path is None:
            return ()
        absolute = os.path.abspath(article.path)
        root = self.content_root
        if root and absolute.startswith(root):
            return tuple(absolute[len(root) :].split(os.sep))
        return tuple(str(article.path).replace(os.sep, "/").split("/"))

    def url_path(self, article: Article, tz: dt.tzinfo, slug: str | None) -> Fact:
        """The article's URL path from a URL key or the permalink pattern, or ``None``."""
        for key in self.url_keys:
            value = article.front_matter.get(key)
            if isinstance(value, str) and value.strip():
                path = value.strip()
                return Fact(path if path.startswith("/") else "/" + path, f"key:{key}")
        if not self.permalink:
            return Fact(None, "missing")
        when = self.date(article, tz).value
        name = _stem(article)
        if self.filename_date:
            cut = re.match(self.filename_date, name)
            if cut is not None:
                name = name[cut.end() :]
        folders = list(self.relative_parts(article)[:-1])
        if article.path is not None and os.path.basename(article.path).startswith("index."):
            folders = folders[:-1]  # a page bundle: its folder is the slug
        if self.language_folders and folders and folders[0] == self.language:
            folders = folders[1:]  # the default language has no prefix
        values = {
            "slug": slug or name,
            "filename": name,
            "section": _slugify(str(self.section(article).value or "")),
            "lang": self.lang(article, self.language).value,
            "path": "/".join(folders),
            "year": f"{when:%Y}" if when else "",
            "month": f"{when:%m}" if when else "",
            "day": f"{when:%d}" if when else "",
        }
        if when is None and any(f"{{{k}}}" in self.permalink for k in ("year", "month", "day")):
            return Fact(None, "missing")
        path = self.permalink.format_map(values)
        path = re.sub(r"/{2,}", "/", path)
        return Fact(path if path.startswith("/") else "/" + path, "permalink")


NATIVE = Conventions()


def _value(article: Article, key: str) -> tuple[Any, str]:
    """A front-matter value by canonical field name or by key as written."""
    if key in article.fields:
        return article.fields[key], article.field_keys.get(key, key)
    return front(article).get(key), key


_META_LINE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")


def front(article: Article) -> Mapping[str, Any]:
    """The front matter; for Pelican metadata that is not YAML (``title: A: B``), the
    ``key: value`` lines as Pelican's Markdown reader takes them."""
    if article.front_matter or article.conventions.generator != "pelican":
        return article.front_matter
    cached = article.__dict__.get("_pelican_meta")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    meta: dict[str, Any] = {}
    lines = article.text.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() in ("---", "..."):
                break
            match = _META_LINE.match(line)
            if match:
                meta.setdefault(match[1].lower(), match[2])
    article.__dict__["_pelican_meta"] = meta
    return meta


def _stem(article: Article) -> str:
    """The file name without suffix; a page bundle's (``slug/index.md``) folder name."""
    if article.path is None:
        return ""
    name = os.path.basename(article.path)
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name == "index":
        return os.path.basename(os.path.dirname(os.path.abspath(article.path)))
    return name


def _day(match: re.Match[str], tz: dt.tzinfo) -> dt.datetime | None:
    try:
        return dt.datetime(int(match["year"]), int(match["month"]), int(match["day"]), tzinfo=tz)
    except ValueError:
        return None


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "yes"))


def _first_text(value: Any) -> str | None:
    """A string, the first string of a list, or Pelican's ``[a, b]`` written as text."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("[") and text.endswith("]"):
            text = text[1:-1].split(",")[0].strip().strip("'\"")
        return text or None
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str) and item.strip():
                return item.strip()
    return None


def _slugify(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")


def conventions_from_mapping(
    data: Mapping[str, Any],
    *,
    source: str,
    content_root: str,
    language: str,
    zone: dt.tzinfo = dt.UTC,
) -> Conventions:
    """Build checked :class:`Conventions` from a ``[conventions]`` table."""

    def fail(key: str, expected: str) -> ConfigError:
        return ConfigError(
            f"expected {expected}, got {data_at(key)!r}", file=source, key=f"conventions.{key}"
        )

    def data_at(key: str) -> Any:
        head, _, rest = key.partition(".")
        value: Any = data.get(head)
        if rest and isinstance(value, Mapping):
            value = value.get(rest)
        return value

    def table(name: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, Mapping):
            raise fail(name, "a table")
        for key in value:
            if key not in allowed:
                raise ConfigError(
                    f"unknown key (expected one of: {', '.join(allowed)})",
                    file=source,
                    key=f"conventions.{name}.{key}",
                )
        return value

    def strings(tab: Mapping[str, Any], name: str, key: str) -> tuple[str, ...] | None:
        if key not in tab:
            return None
        value = tab[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(f"{name}.{key}", "a list of strings")
        return tuple(value)

    def text(tab: Mapping[str, Any], name: str, key: str) -> str | None:
        if key not in tab:
            return None
        value = tab[key]
        if not isinstance(value, str):
            raise fail(f"{name}.{key}", "a string")
        return value

    def flag(tab: Mapping[str, Any], name: str, key: str) -> bool | None:
        if key not in tab:
            return None
        value = tab[key]
        if not isinstance(value, bool):
            raise fail(f"{name}.{key}", "true or false")
        return value

    top = (
        "generator",
        "status",
        "date",
        "draft",
        "section",
        "language",
        "permalink",
        "meanings",
        "lists",
    )
    for key in data:
        if key not in top:
            raise ConfigError(
                f"unknown key (expected one of: {', '.join(top)})",
                file=source,
                key=f"conventions.{key}",
            )
    generator = data.get("generator", "unknown")
    if generator not in GENERATORS:
        raise ConfigError(
            f"expected one of {', '.join(GENERATORS)}, got {generator!r}",
            file=source,
            key="conventions.generator",
        )
    status = data.get("status", "published")
    if not isinstance(status, str) or not status:
        raise fail("status", "a status such as published")
    date = table("date", ("keys", "filename", "path_key"))
    filename = date.get("filename", False)
    if filename is True:
        filename = FILENAME_DATE
    elif filename is False:
        filename = None
    elif not isinstance(filename, str):
        raise fail("date.filename", "true, false or a regular expression")
    if filename is not None:
        try:
            compiled = re.compile(filename)
        except re.error as exc:
            raise ConfigError(
                f"not a regular expression: {exc}", file=source, key="conventions.date.filename"
            ) from None
        if not {"year", "month", "day"} <= set(compiled.groupindex):
            raise ConfigError(
                "needs the groups (?P<year>...), (?P<month>...) and (?P<day>...)",
                file=source,
                key="conventions.date.filename",
            )
    draft = table("draft", ("keys", "published_keys", "future", "expiry_keys"))
    section = table("section", ("source", "keys", "default"))
    section_source = section.get("source", "field")
    if section_source not in SECTION_SOURCES:
        raise fail("section.source", f"one of {', '.join(SECTION_SOURCES)}")
    section_default = text(section, "section", "default")
    if section_source == "single" and not section_default:
        raise ConfigError(
            "a single section needs its key in conventions.section.default",
            file=source,
            key="conventions.section.default",
        )
    lang = table(
        "language", ("default", "languages", "keys", "folders", "filenames", "translation_keys")
    )
    permalink = table("permalink", ("pattern", "keys"))
    pattern = text(permalink, "permalink", "pattern")
    if pattern is not None:
        import string

        try:
            names = {f[1] for f in string.Formatter().parse(pattern) if f[1] is not None}
        except ValueError as exc:
            raise ConfigError(
                f"not a valid pattern: {exc}", file=source, key="conventions.permalink.pattern"
            ) from None
        unknown = names - set(_PERMALINK_FIELDS)
        if unknown:
            raise ConfigError(
                f"unknown placeholder {{{sorted(unknown)[0]}}} "
                f"(expected: {', '.join(_PERMALINK_FIELDS)})",
                file=source,
                key="conventions.permalink.pattern",
            )
    lists = table("lists", ("space_separated",))
    meanings = data.get("meanings", {})
    if not isinstance(meanings, Mapping) or not all(isinstance(v, str) for v in meanings.values()):
        raise fail("meanings", "a table of strings")
    return Conventions(
        generator=generator,
        content_root=content_root,
        zone=zone,
        date_keys=strings(date, "date", "keys") or ("date",),
        filename_date=filename,
        date_path_key=text(date, "date", "path_key") or None,
        draft_keys=strings(draft, "draft", "keys") or (),
        published_keys=strings(draft, "draft", "published_keys") or (),
        future_is_draft=bool(flag(draft, "draft", "future")),
        expiry_keys=strings(draft, "draft", "expiry_keys") or (),
        default_status=status,
        section_source=section_source,
        section_keys=strings(section, "section", "keys") or (),
        section_default=section_default or None,
        language=text(lang, "language", "default") or language,
        languages=strings(lang, "language", "languages") or (),
        language_keys=strings(lang, "language", "keys") or (),
        language_folders=bool(flag(lang, "language", "folders")),
        language_filenames=bool(flag(lang, "language", "filenames")),
        translation_keys=strings(lang, "language", "translation_keys") or (),
        permalink=pattern,
        url_keys=strings(permalink, "permalink", "keys") or (),
        meanings=dict(meanings),
        space_separated=frozenset(strings(lists, "lists", "space_separated") or ()),
    )
