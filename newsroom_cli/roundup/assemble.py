"""The assembled round-up issue: its data model, article links, and shaping into sections.

A :class:`RoundupIssue` is plain data that every renderer (Markdown, HTML, text, e-mail,
JSON, the terminal preview) reads; nothing here knows about output formats.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from newsroom_cli.window import Window, week_label

if TYPE_CHECKING:
    from newsroom_cli.article import Article
    from newsroom_cli.config import Config


@dataclass(frozen=True)
class RoundupImage:
    """An item's image: an absolute ``src``, its alt text, and optional credit and caption."""

    src: str
    alt: str
    credit: str | None = None
    caption: str | None = None
    width: int | None = None
    height: int | None = None

    def height_at(self, width: int) -> int | None:
        """The height the image has when shown ``width`` pixels wide, when its size is known."""
        if not self.width or not self.height:
            return None
        return max(1, round(self.height * width / self.width))


@dataclass(frozen=True)
class RoundupItem:
    """One article as the round-up shows it.

    ``path`` is relative to the project root with ``/`` separators; ``date`` is in the
    publication's zone; ``authors`` are display names; ``content_hash`` identifies the
    file's bytes (``sha256:`` and 16 hex digits).
    """

    path: str
    slug: str
    title: str
    url: str
    teaser: str
    authors: tuple[str, ...]
    date: dt.datetime
    column: str | None
    image: RoundupImage | None
    featured: bool
    content_hash: str
    section: str = ""
    pinned: bool = False

    @property
    def byline(self) -> str:
        """``By A``, ``By A and B``, ``By A, B and C``; '' without authors."""
        return byline(self.authors)


@dataclass(frozen=True)
class RoundupSection:
    """A section of the issue: its items after the cap, and how many more the site has."""

    key: str
    label: str
    items: tuple[RoundupItem, ...]
    more: int = 0
    more_url: str | None = None


@dataclass(frozen=True)
class RoundupIssue:
    """Everything a renderer needs for one issue of the round-up."""

    title: str
    publication: str
    name: str
    issue: int
    window: Window
    subject: str
    preheader: str
    intro: str | None
    footer: str
    sections: tuple[RoundupSection, ...]
    base_url: str = ""
    sender: str = ""
    list_unsubscribe: str = ""
    language: str = "en"
    unsubscribe_url: str = ""
    web_url: str = ""
    date: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    preheader_derived: bool = False

    @property
    def week(self) -> str:
        """The ISO week of the issue (of its window's start for an explicit window)."""
        return self.window.week or week_label(self.window.start.date())

    @property
    def lead(self) -> RoundupItem | None:
        """The issue's lead story: its first featured piece, if any."""
        for item in self.items:
            if item.featured:
                return item
        return None

    @property
    def items(self) -> list[RoundupItem]:
        """Every item shown, in order."""
        return [item for section in self.sections for item in section.items]

    @property
    def date_range(self) -> str:
        """The window's days for a header: ``November 16–22, 2026``."""
        return date_range(self.window.start.date(), self.window.last_day)


def byline(names: Sequence[str]) -> str:
    """Join display names into a byline: ``By A, B and C``."""
    if not names:
        return ""
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_range(first: dt.date, last: dt.date) -> str:
    """A compact range of days: ``November 16–22, 2026``, ``Dec. 28, 2026 – Jan. 3, 2027``."""
    if first == last:
        return f"{_MONTHS[first.month - 1]} {first.day}, {first.year}"
    if first.year != last.year:
        return (
            f"{_MONTHS[first.month - 1]} {first.day}, {first.year} – "
            f"{_MONTHS[last.month - 1]} {last.day}, {last.year}"
        )
    if first.month != last.month:
        return (
            f"{_MONTHS[first.month - 1]} {first.day} – "
            f"{_MONTHS[last.month - 1]} {last.day}, {last.year}"
        )
    return f"{_MONTHS[first.month - 1]} {first.day}–{last.day}, {last.year}"


def content_hash(data: bytes) -> str:
    """The hash a manifest stores for an article's bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()[:16]


def _safe_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not _has_controls(url)


def _has_controls(text: str) -> bool:
    return any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text)


def path_url(config: Config, path: Path, slug: str | None) -> str:
    """The URL an article gets from its place under the content dir (see :func:`article_url`)."""
    try:
        relative = PurePosixPath(
            path.resolve().relative_to(config.content_dir.resolve()).as_posix()
        )
    except (ValueError, RuntimeError):  # outside the content dir, or a symbolic link loop
        relative = PurePosixPath(path.name)
    folder = relative.parent
    stem = relative.stem
    parts = list(folder.parts) if stem in ("index", "_index") else [*folder.parts, slug or stem]
    encoded = "/".join(quote(part, safe="-._~") for part in parts if part not in ("", "."))
    return (
        f"{config.publication.base_url}/{encoded}/"
        if encoded
        else f"{config.publication.base_url}/"
    )


def article_url(config: Config, article: Article) -> str:
    """The public URL of an article.

    The rule: a front-matter ``url`` that is an absolute http(s) URL is used as written; one
    that starts with ``/`` (or any other relative path) is joined to the publication's
    ``base_url``. Without a usable ``url``, the URL is ``base_url`` plus the file's folder
    under the content dir plus the slug (the file name without suffix when there is no
    slug), ending in ``/``; an ``index.md`` or ``_index.md`` stands for its folder. So
    ``content/news/2026/11/ferry.md`` is ``https://site.example/news/2026/11/ferry/``.
    Other schemes (``javascript:``, ``data:``) are never used.
    """
    return article_url_source(config, article)[0]


def article_url_source(config: Config, article: Article) -> tuple[str, str]:
    """The public URL of an article (see :func:`article_url`) and where it came from:
    ``key:url`` (or the archive's URL key, ``key:path`` for Zola), ``permalink`` (the
    generator's pattern), ``folder`` (the file's folder and slug) or ``default``."""
    base = config.publication.base_url
    raw = article.front_matter.get("url")
    if isinstance(raw, str) and raw.strip() and not _has_controls(raw.strip()):
        value = raw.strip()
        if _safe_http(value):
            return value, "key:url"
        if not urlsplit(value).scheme and not value.startswith("//"):
            return base + "/" + value.lstrip("/"), "key:url"
    if article.path is None:
        return base + "/", "default"
    conventions = article.conventions
    if not conventions.native:
        # The generator's own URL: a path key (Zola's path) or its permalink pattern.
        found = conventions.url_path(article, config.tz, article.slug)
        if isinstance(found.value, str) and not _has_controls(found.value):
            return base + quote(found.value, safe="/-._~"), found.source
    return path_url(config, article.path, article.slug), "folder"


def image_of(article: Article, page_url: str) -> RoundupImage | None:
    """The article's image with an absolute http(s) source, or ``None`` when unusable."""
    raw = article.get("image")
    if isinstance(raw, str):
        raw = {"src": raw}
    if not isinstance(raw, Mapping):
        return None
    src = raw.get("src")
    if not isinstance(src, str) or not src.strip() or _has_controls(src.strip()):
        return None
    src = src.strip()
    if not _safe_http(src):
        if urlsplit(src).scheme or src.startswith("//"):
            return None
        src = urljoin(page_url, src)
        if not _safe_http(src):
            return None

    def text(key: str) -> str | None:
        value = raw.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    def pixels(key: str) -> int | None:
        value = raw.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 100_000:
            return value
        return None

    return RoundupImage(
        src=src,
        alt=text("alt") or "",
        credit=text("credit"),
        caption=text("caption"),
        width=pixels("width"),
        height=pixels("height"),
    )


def tag_url(url: str, base_url: str, params: Mapping[str, str]) -> str:
    """Add UTM parameters to ``url`` when it points at the publication's own site.

    Links elsewhere are returned unchanged, as are parameters the link already has.
    """
    if not params:
        return url
    parts = urlsplit(url)
    own = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != own.netloc.lower():
        return url
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _ in query}
    query.extend((key, value) for key, value in params.items() if key not in present and value)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def utm_params(config: Config, window: Window, issue: int) -> dict[str, str]:
    """The configured ``utm_*`` parameters with ``{week}`` and ``{issue}`` filled in."""
    values = {"week": window.week or window.file_stem, "issue": str(issue)}
    params: dict[str, str] = {}
    for key in ("source", "medium", "campaign"):
        template = config.roundup.utm.get(key, "")
        if template:
            params[f"utm_{key}"] = _fill(template, values)
    return params


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Replace known ``{name}`` placeholders; unknown ones are left as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)


def fill_template(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{publication}``, ``{name}``, ``{issue}``, ``{week}`` and friends in config text."""
    return _fill(template, {key: str(value) for key, value in values.items()})


@dataclass(frozen=True)
class Placement:
    """An article chosen for the issue, with its section and whether an editor pinned it."""

    article: Article
    path: str
    section: str
    pinned: bool = False
    featured: bool = False


def section_order(config: Config) -> list[tuple[str, str]]:
    """The round-up's sections as ``(key, label)``: ``roundup.sections`` or all, in order."""
    wanted = config.roundup.sections
    sections = config.sections
    if wanted:
        return [(s.key, s.label) for key in wanted for s in sections if s.key == key]
    return [(s.key, s.label) for s in sections]


def newest_first(placements: Sequence[Placement], zone: dt.tzinfo) -> list[Placement]:
    """Featured pieces first, then newest first; the path breaks ties."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)

    def when(p: Placement) -> float:
        value = p.article.date(zone)
        return (value or floor).timestamp()

    ordered = sorted(placements, key=lambda p: p.path)
    ordered.sort(key=when, reverse=True)
    ordered.sort(key=lambda p: not p.featured)
    return ordered


def make_item(config: Config, placement: Placement, utm: Mapping[str, str]) -> RoundupItem:
    """One article as a round-up item: link, teaser, byline, local date, column, image."""
    from newsroom_cli.teaser import make_teaser

    article = placement.article
    zone = config.tz
    url = article_url(config, article)
    target = config.teaser.targets["newsletter"]
    teaser = make_teaser(article, target, settings=config.teaser).text
    when = article.date(zone)
    column = article.get("column")
    slug = article.slug or (Path(placement.path).stem if placement.path else "")
    return RoundupItem(
        path=placement.path,
        slug=slug,
        title=" ".join(article.title.split()),
        url=tag_url(url, config.publication.base_url, utm),
        teaser=teaser,
        authors=tuple(config.display_name(a) for a in article.authors),
        # Undated: the earliest time there is, in UTC (converting it to a zone west of UTC
        # would fall before year 1).
        date=when.astimezone(zone) if when else dt.datetime.min.replace(tzinfo=dt.UTC),
        column=" ".join(column.split()) if isinstance(column, str) and column.strip() else None,
        image=image_of(article, url),
        featured=placement.featured,
        content_hash=content_hash(article.raw),
        section=placement.section,
        pinned=placement.pinned,
    )


def shape_issue(
    config: Config,
    *,
    window: Window,
    issue: int,
    subject: str,
    preheader: str,
    intro: str | None,
    placements: Sequence[Placement],
    date: dt.datetime | None = None,
    language: str | None = None,
) -> RoundupIssue:
    """Group placements by section in the configured order and apply the per-section cap.

    ``placements`` are in their final order; pinned ones go first in their section and are
    never cut by the cap.
    """
    utm = utm_params(config, window, issue)
    base = config.publication.base_url
    cap = config.roundup.per_section
    sections = []
    for key, label in section_order(config):
        chosen = [p for p in placements if p.section == key]
        if not chosen:
            continue
        chosen = [p for p in chosen if p.pinned] + [p for p in chosen if not p.pinned]
        pinned = sum(1 for p in chosen if p.pinned)
        shown = chosen[: max(cap, pinned)]
        more = len(chosen) - len(shown)
        more_url = tag_url(f"{base}/{quote(key, safe='-._~')}/", base, utm) if more else None
        sections.append(
            RoundupSection(
                key=key,
                label=label,
                items=tuple(make_item(config, p, utm) for p in shown),
                more=more,
                more_url=more_url,
            )
        )
    values = issue_values(config, window, issue, language)
    from newsroom_cli.roundup.manifest import own_language
    from newsroom_cli.roundup.message import fill_link

    links = {"week": values["week"], "issue": values["issue"]}
    web_url = fill_link(config.roundup.web_url, links)
    if language and language != own_language(config):
        # Another language's issue is in its own folder of the archive (archive.py).
        from newsroom_cli.roundup.archive import language_page_url

        web_url = language_page_url(config, language, values["week"], issue) or web_url
    derived = not preheader.strip()
    if derived:
        preheader = derive_preheader([item for s in sections for item in s.items])
    return RoundupIssue(
        title=f"{config.roundup.name}, {values['dates']}",
        publication=config.publication.name,
        name=config.roundup.name,
        issue=issue,
        window=window,
        subject=subject,
        preheader=preheader,
        intro=intro,
        footer=fill_template(config.roundup.footer, values),
        sections=tuple(sections),
        base_url=base,
        sender=config.roundup.sender,
        list_unsubscribe=config.roundup.list_unsubscribe,
        language=language or config.publication.language,
        unsubscribe_url=fill_link(config.roundup.unsubscribe_url, links),
        web_url=web_url,
        date=issue_date(window, date, config.tz),
        preheader_derived=derived,
    )


def issue_date(window: Window, date: dt.datetime | None, zone: dt.tzinfo) -> dt.datetime:
    """The issue's date in the publication's zone: ``date`` when given, else the end of
    its window."""
    return (date or window.end).astimezone(zone).replace(microsecond=0)


PREHEADER_LIMIT = 110


def derive_preheader(items: Sequence[RoundupItem]) -> str:
    """A preheader from the issue's top headlines (featured first), cut at a word near
    110 characters: what inbox previews show after the subject."""
    ordered = [i for i in items if i.featured] + [i for i in items if not i.featured]
    text = ""
    for item in ordered:
        title = item.title.strip()
        if not title:
            continue
        candidate = f"{text} · {title}" if text else title
        if len(candidate) > PREHEADER_LIMIT:
            if not text:
                cut = candidate[: PREHEADER_LIMIT - 1].rsplit(" ", 1)[0]
                text = cut.rstrip(" ,;:·") + "…"
            break
        text = candidate
    return text


def issue_values(
    config: Config, window: Window, issue: int, language: str | None = None
) -> dict[str, str]:
    """What ``{placeholders}`` in the subject, preheader and footer may use (``{dates}`` in
    the issue's language, by default the publication's)."""
    from newsroom_cli.roundup.language import words_for

    return {
        "publication": config.publication.name,
        "name": config.roundup.name,
        "issue": str(issue),
        "week": window.week or window.file_stem,
        "dates": words_for(config, language).date_range(window.start.date(), window.last_day),
    }
