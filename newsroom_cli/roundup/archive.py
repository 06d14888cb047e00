"""The round-up's web archive: a page per issue, an index of every issue, and two feeds.

``newsroom archive`` turns the manifests in ``roundups/`` into static files::

    public/roundups/
      index.html            every issue, newest first
      feed.xml              Atom (RFC 4287)
      feed.json             JSON Feed 1.1
      2026-W47/index.html   the issue as a web page (the address roundup.web_url gives)
      fr/                   another language's issues: their own pages, index and feeds
        index.html, feed.xml, feed.json, 2026-W47/index.html

The publication's language keeps the archive's root; each other language's issues (from
manifests such as ``roundups/2026-W47.fr.toml``) live one folder below it, named by the
language. A week published in several languages links its translations (``hreflang``).

An issue's page is the e-mail's HTML with the parts only a mail client needs taken out (the
hidden preheader, Outlook's conditional comments, anything a template marks
``data-newsroom="email-only"``), plus what a web page needs: a canonical link, Open Graph
tags, the language and direction, links to the index and the feeds. Every file is built in
memory and written only when its bytes differ from the file on disk, so a rebuild with
nothing changed touches nothing and a changed issue rewrites its page, the index and the
feeds only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsroom_cli.dates import format_iso
from newsroom_cli.errors import ExitCode, NewsroomError
from newsroom_cli.roundup.assemble import RoundupIssue

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from newsroom_cli.config import Config
    from newsroom_cli.roundup.language import Words

INDEX_NAME = "index.html"
ATOM_NAME = "feed.xml"
JSON_FEED_NAME = "feed.json"
# The feeds carry the most recent issues only; the index page lists every one.
FEED_ENTRIES = 20
DEFAULT_WEB_URL = "{base_url}/roundups/{week}/"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SAFE_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


@dataclass(frozen=True)
class Address:
    """Where the archive lives on the web: the root URL and the pattern of an issue's folder.

    From ``roundup.web_url`` (``https://site.example/roundups/{week}/``): the part before
    the last path segment is the archive's root, the last segment (with ``{week}`` or
    ``{issue}``) names each issue's folder.
    """

    root_url: str
    segment: str
    configured: bool

    def folder(self, issue: RoundupIssue) -> str:
        """The issue's folder in the archive (``2026-W47``)."""
        return self.folder_of(issue.window.week or issue.window.file_stem, issue.issue)

    def folder_of(self, week: str, number: int) -> str:
        """The folder of the issue numbered ``number`` of ``week``."""
        values = {"week": week, "issue": str(number)}
        folder = _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), self.segment)
        if not _SAFE_FOLDER.fullmatch(folder):
            raise NewsroomError(
                f"roundup.web_url gives the folder name {folder!r}, which is not safe on disk"
            )
        return folder

    def page_url(self, issue: RoundupIssue) -> str:
        """The issue page's absolute URL (what the e-mail's web link points at)."""
        return f"{self.root_url}{self.folder(issue)}/"

    def in_language(self, language_folder: str) -> Address:
        """The address of another language's archive, one folder below this one."""
        if not language_folder:
            return self
        return Address(f"{self.root_url}{language_folder}/", self.segment, self.configured)


def language_folder(config: Config, language: str | None) -> str:
    """The folder of ``language``'s archive below the archive's root: '' for the
    publication's own language (its archive is the root), else the language code."""
    from newsroom_cli.roundup.manifest import own_language

    if not language or language == own_language(config):
        return ""
    if not _SAFE_FOLDER.fullmatch(language):
        raise NewsroomError(f"the language {language!r} is not safe as a folder name")
    return language


def language_page_url(config: Config, language: str | None, week: str, number: int) -> str | None:
    """Where the archive puts the issue ``number`` of ``week`` in ``language``; None when
    ``roundup.web_url`` is unset or not an address the archive can use (a merge tag)."""
    if not config.roundup.web_url:
        return None
    try:
        address = archive_address(config).in_language(language_folder(config, language))
        page = f"{address.root_url}{address.folder_of(week, number)}/"
    except NewsroomError:
        return None
    # Spelled as web_url spells the publication's pages (a trailing index.html or not).
    return page + INDEX_NAME if config.roundup.web_url.strip().endswith("/" + INDEX_NAME) else page


def archive_address(config: Config) -> Address:
    """The archive's :class:`Address` from ``roundup.web_url``, or the default one."""
    configured = bool(config.roundup.web_url)
    pattern = config.roundup.web_url or DEFAULT_WEB_URL
    pattern = pattern.replace("{base_url}", config.publication.base_url)
    trimmed = pattern
    if trimmed.endswith("/index.html"):
        trimmed = trimmed[: -len("index.html")]
    root, _, segment = trimmed.rstrip("/").rpartition("/")
    names = set(_PLACEHOLDER.findall(segment))
    parts = urlsplit(root)
    usable = (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and "{" not in root
        and names
        and names <= {"week", "issue"}
        and "?" not in trimmed
        and "#" not in trimmed
    )
    if not usable:
        raise NewsroomError(
            f"roundup.web_url {config.roundup.web_url!r}: the archive needs an http(s) "
            "address whose last folder names the issue",
            hint='e.g. "https://site.example/roundups/{week}/"',
        )
    return Address(root + "/", segment, configured)


@dataclass(frozen=True)
class Translation:
    """A page's version in a language: ``hreflang``, its URL, and the language's own name
    (the link's label)."""

    language: str
    url: str
    label: str


@dataclass(frozen=True)
class WebPage:
    """An issue as a web page: the whole document and its body (what the feeds carry)."""

    html: str
    body: str


class _WebVersion(HTMLParser):
    """Copies an e-mail HTML document, leaving out what only a mail client needs and adding
    what a web page needs (in ``<head>``, on ``<html>`` and at the top of ``<body>``)."""

    def __init__(self, head_extra: str, body_top: str, language: str, direction: str) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.body: list[str] | None = None
        self.body_done = False
        self.skipping: list[str] = []
        self.head_extra = head_extra
        self.body_top = body_top
        self.language = language
        self.direction = direction

    def _emit(self, text: str) -> None:
        if self.skipping:
            return
        self.out.append(text)
        if self.body is not None and not self.body_done:
            self.body.append(text)

    @staticmethod
    def _email_only(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        values = {name: value or "" for name, value in attrs}
        if values.get("data-newsroom") == "email-only":
            return True
        if (
            tag == "meta"
            and values.get("name", "").lower() == "x-apple-disable-message-reformatting"
        ):
            return True
        style = values.get("style", "").replace(" ", "").lower()
        # The hidden preheader: shown by inboxes next to the subject, never on a page.
        return "display:none" in style and "mso-hide:all" in style

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if self._email_only(tag, attrs):
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag == "html":
            # Outlook's VML and Office namespaces mean nothing to a browser.
            kept = [(n, v) for n, v in attrs if n not in ("lang", "dir") and n != "xmlns"]
            kept = [(n, v) for n, v in kept if not n.startswith("xmlns:")]
            kept = [("lang", self.language), ("dir", self.direction), *kept]
            rendered = "".join(
                f' {n}="{escape(v, quote=True)}"' if v is not None else f" {n}" for n, v in kept
            )
            self._emit(f"<html{rendered}>")
            return
        self._emit(self.get_starttag_text() or "")
        if tag == "body":
            self.out.append(self.body_top)
            self.body = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or self._email_only(tag, attrs):
            return
        self._emit(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "head":
            self.out.append(self.head_extra)
        if tag == "body":
            self.body_done = True
        self._emit(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._emit(data)

    def handle_entityref(self, name: str) -> None:
        self._emit(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._emit(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        # Outlook's conditional comments ([if mso] ... [endif]) are for the mail client.
        if data.lstrip().startswith(("[if", "<![endif]")):
            return
        self._emit(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._emit(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._emit(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._emit(f"<![{data}]>")


def _description(issue: RoundupIssue) -> str:
    if issue.preheader.strip():
        return " ".join(issue.preheader.split())
    teasers = [item.teaser for item in issue.items if item.teaser]
    return " ".join(teasers[0].split()) if teasers else issue.title


def _first_image(issue: RoundupIssue) -> str | None:
    return next((item.image.src for item in issue.items if item.image is not None), None)


def _meta(prop: str, content: str, *, name: bool = False) -> str:
    key = "name" if name else "property"
    return f'<meta {key}="{escape(prop)}" content="{escape(content, quote=True)}">\n'


def _alternate_links(translations: Sequence[Translation]) -> list[str]:
    return [
        f'<link rel="alternate" hreflang="{escape(item.language, quote=True)}" '
        f'href="{escape(item.url, quote=True)}">\n'
        for item in translations
    ]


def _translation_links(translations: Sequence[Translation], current: str, style: str) -> str:
    links = []
    for item in translations:
        if item.language == current:
            continue
        code = escape(item.language, quote=True)
        links.append(
            f' · <a href="{escape(item.url, quote=True)}" hreflang="{code}" lang="{code}"'
            f' style="{style}">{escape(item.label)}</a>'
        )
    return "".join(links)


def web_page(
    config: Config,
    issue: RoundupIssue,
    page_url: str,
    words: Words,
    translations: Sequence[Translation] = (),
) -> WebPage:
    """The issue as a web page at ``page_url``, one folder below the archive's index, with
    ``hreflang`` links to ``translations`` (every language's page of the week, this one's
    included; none for a week in one language)."""
    from newsroom_cli.roundup.render import render_html

    email_html = render_html(config, issue).text
    language = issue.language or "en"
    direction = words.direction
    image = _first_image(issue)
    head = [
        "\n",
        f'<link rel="canonical" href="{escape(page_url, quote=True)}">\n',
        f'<link rel="alternate" type="application/atom+xml" href="../{ATOM_NAME}" '
        f'title="{escape(issue.publication, quote=True)}: {escape(issue.name, quote=True)}">\n',
        f'<link rel="alternate" type="application/feed+json" href="../{JSON_FEED_NAME}" '
        f'title="{escape(issue.publication, quote=True)}: {escape(issue.name, quote=True)}">\n',
        *_alternate_links(translations),
        _meta("description", _description(issue), name=True),
        _meta("og:type", "article"),
        _meta("og:site_name", issue.publication),
        _meta("og:title", issue.subject or issue.title),
        _meta("og:description", _description(issue)),
        _meta("og:url", page_url),
        _meta("og:locale", language.replace("-", "_")),
        _meta("article:published_time", format_iso(issue_date(issue))),
    ]
    if image:
        head.append(_meta("og:image", image))
    head.append(_meta("twitter:card", "summary_large_image" if image else "summary", name=True))
    nav_style = (
        "margin: 0; padding: 10px 16px; font-family: Arial, Helvetica, sans-serif; "
        "font-size: 14px; line-height: 20px; background-color: #f3f1ec; color: #5b5b57; "
        "text-align: center;"
    )
    link_style = "color: #0b4f6c;"
    body_top = (
        f'\n<nav class="archive-nav" style="{nav_style}" aria-label="Archive">'
        f'<a href="../" style="{link_style}">'
        f"{escape(words('archive_all_issues', name=issue.name))}</a> · "
        f'<a href="../{ATOM_NAME}" style="{link_style}">{escape(words("archive_feed"))}</a>'
        f"{_translation_links(translations, language, link_style)}</nav>"
    )
    parser = _WebVersion("".join(head), body_top, language, direction)
    parser.feed(email_html)
    parser.close()
    body = "".join(parser.body or []).strip()
    return WebPage("".join(parser.out), body)


def issue_date(issue: RoundupIssue) -> dt.datetime:
    """The date an issue carries in the archive and the feeds: the e-mail's ``Date`` (the
    issue's date, the same on every build)."""
    return issue.date


def entry_id(config: Config, issue: RoundupIssue, stem: str) -> str:
    """A feed entry's permanent id, a ``tag:`` URI (RFC 4151) from the publication's
    domain, the year its window starts and the manifest's name; moving the archive to
    another address does not change it."""
    host = urlsplit(config.publication.base_url).hostname or "localhost"
    return f"tag:{host},{issue.window.start.year}:roundup/{stem}"


@dataclass(frozen=True)
class ArchivedIssue:
    """One issue of the archive, as the index and the feeds list it."""

    stem: str
    folder: str
    url: str
    entry_id: str
    issue: RoundupIssue
    page: WebPage
    date: dt.datetime
    # The language whose archive lists the issue, and that archive's folder below the
    # root ('' for the publication's own language).
    language: str = ""
    language_folder: str = ""

    @property
    def summary(self) -> str:
        """A line about the issue: its preheader, else its first teaser."""
        return _description(self.issue)

    @property
    def image(self) -> str | None:
        """The first image of the issue, if any."""
        return _first_image(self.issue)


@dataclass
class ArchiveResult:
    """What ``build_archive`` did: files written and left alone, and what went wrong."""

    out_dir: Path
    issues: list[ArchivedIssue] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Placed:
    """A built issue and where the archive puts it, before its page is rendered."""

    name: str
    stem: str
    language: str
    language_folder: str
    folder: str
    url: str
    issue: RoundupIssue


def language_order(config: Config, languages: Iterable[str]) -> list[str]:
    """``languages`` with the publication's own first, then the others by code."""
    from newsroom_cli.roundup.manifest import own_language

    own = own_language(config)
    return sorted(set(languages), key=lambda code: (code != own, code))


def collect_issues(config: Config, address: Address) -> tuple[list[ArchivedIssue], list[str]]:
    """Build every manifest's issue as a web page, newest first; a manifest that cannot be
    built is skipped with a line saying why. Each language's issues are addressed in its
    own archive, and a week's pages in several languages link each other."""
    from newsroom_cli.roundup.build import BuildOptions, build_from_manifest
    from newsroom_cli.roundup.language import language_name, words_for
    from newsroom_cli.roundup.manifest import manifest_paths, own_language, read_manifest

    own = own_language(config)
    skipped: list[str] = []
    placed: list[_Placed] = []
    folders: dict[tuple[str, str], str] = {}
    for path in manifest_paths(config):
        name = path.name
        try:
            manifest = read_manifest(path)
            built = build_from_manifest(
                config,
                manifest,
                BuildOptions(allow_invalid=True, allow_empty=True),
                warn_unlisted=False,
            )
            issue = built.issue
            language = manifest.language or own
            prefix = language_folder(config, language)
            where = address.in_language(prefix)
            folder = where.folder(issue)
            shown = f"{prefix}/{folder}" if prefix else folder
            if (prefix, folder) in folders:
                raise NewsroomError(
                    f"gives the same page as {folders[(prefix, folder)]} ({shown}/)"
                )
            folders[(prefix, folder)] = name
            url = where.page_url(issue)
        except NewsroomError as exc:
            skipped.append(f"{name}: {exc.message}")
            continue
        placed.append(_Placed(name, path.stem, language, prefix, folder, url, issue))

    # A week's pages in every language it was published in, the publication's first.
    weeks: dict[str, dict[str, str]] = {}
    for item in placed:
        weeks.setdefault(item.issue.window.file_stem, {})[item.language] = item.url
    words = words_for(config)
    issues: list[ArchivedIssue] = []
    for item in placed:
        issue = item.issue
        versions = weeks[issue.window.file_stem]
        translations = (
            [
                Translation(code, versions[code], language_name(code))
                for code in language_order(config, versions)
            ]
            if len(versions) > 1
            else []
        )
        try:
            own_words = issue.language == words.language
            page = web_page(
                config,
                issue,
                item.url,
                words if own_words else words_for(config, issue.language),
                translations,
            )
        except NewsroomError as exc:
            skipped.append(f"{item.name}: {exc.message}")
            continue
        issues.append(
            ArchivedIssue(
                stem=item.stem,
                folder=item.folder,
                url=item.url,
                entry_id=entry_id(config, issue, item.stem),
                issue=issue,
                page=page,
                date=issue_date(issue),
                language=item.language,
                language_folder=item.language_folder,
            )
        )
    issues.sort(key=lambda item: (item.date.astimezone(dt.UTC), item.issue.issue), reverse=True)
    return issues, skipped


def index_page(
    config: Config,
    address: Address,
    issues: list[ArchivedIssue],
    language: str | None = None,
    translations: Sequence[Translation] = (),
) -> str:
    """An archive's index page: every issue of ``language`` (default: the publication's),
    newest first (``roundup/archive.html``), with ``hreflang`` links to the other
    languages' indexes."""
    import jinja2

    from newsroom_cli.roundup.language import words_for
    from newsroom_cli.roundup.render import template_environment

    own = language is None or not language_folder(config, language)
    words = words_for(config) if own else words_for(config, language)
    language = (config.publication.language if own else language) or "en"
    env = template_environment(config, html=True, words=words)
    try:
        template = env.get_template("archive.html")
        return template.render(
            publication=config.publication.name,
            name=config.roundup.name,
            language=language,
            direction=words.direction,
            url=address.root_url,
            atom=ATOM_NAME,
            json_feed=JSON_FEED_NAME,
            description=archive_description(config, words),
            translations=[
                {"language": item.language, "url": item.url, "label": item.label}
                for item in translations
            ],
            issues=[
                {
                    "href": f"{item.folder}/",
                    "url": item.url,
                    "number": item.issue.issue,
                    "title": item.issue.title,
                    "subject": item.issue.subject,
                    "dates": words.date_range(
                        item.issue.window.start.date(), item.issue.window.last_day
                    ),
                    "date": format_iso(item.date),
                    "summary": item.summary,
                }
                for item in issues
            ],
        )
    except jinja2.TemplateNotFound:
        raise NewsroomError(
            "template roundup/archive.html is missing",
            hint="reinstall newsroom-cli or restore your override",
        ) from None
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or "roundup/archive.html"
        line = getattr(exc, "lineno", None)
        raise NewsroomError(f"template {where}{f':{line}' if line else ''}: {exc}") from None


def archive_description(config: Config, words: Words) -> str:
    """One line about the archive, in the publication's language."""
    return words(
        "archive_description", name=config.roundup.name, publication=config.publication.name
    )


def _write_if_changed(path: Path, data: bytes, result: ArchiveResult) -> None:
    from newsroom_cli.writer import atomic_write

    try:
        same = path.read_bytes() == data
    except FileNotFoundError:
        same = False
    except OSError as exc:
        raise NewsroomError(f"{path}: cannot read ({exc.strerror})") from None
    if same:
        result.unchanged.append(path)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsroomError(f"{path.parent}: cannot create ({exc.strerror})") from None
    atomic_write(path, data, overwrite=True)
    result.written.append(path)


def archive_dir(config: Config) -> Path:
    """The folder ``roundup.archive_dir`` names (relative to the project root)."""
    folder = Path(config.roundup.archive_dir)
    return folder if folder.is_absolute() else config.root / folder


def build_archive(config: Config, out_dir: Path | None = None) -> ArchiveResult:
    """Write the archive of every manifest's issue into ``out_dir`` (default
    ``roundup.archive_dir``), touching only files whose bytes change.

    Raises an exit-1 error when there is no manifest to publish.
    """
    from newsroom_cli.roundup.feeds import FeedInfo, atom_feed, json_feed
    from newsroom_cli.roundup.language import language_name, words_for

    address = archive_address(config)
    target = out_dir if out_dir is not None else archive_dir(config)
    if target.exists() and not target.is_dir():
        raise NewsroomError(f"{target}: not a folder")
    issues, skipped = collect_issues(config, address)
    result = ArchiveResult(out_dir=target, issues=issues, skipped=skipped)
    if not address.configured:
        result.notes.append(
            f"roundup.web_url is not set; pages are addressed as {address.root_url}"
            f"{address.segment}/ (set it to where the archive is served)"
        )
    if not issues:
        where = config.roundups_dir
        raise NewsroomError(
            f"no issue to publish: {where} has no manifest that builds"
            + (f" ({len(skipped)} skipped: {skipped[0]})" if skipped else ""),
            hint="write one with: newsroom roundup --week YYYY-Www --write-manifest",
            exit_code=ExitCode.PROBLEMS,
        )
    by_language: dict[str, list[ArchivedIssue]] = {}
    for item in issues:
        by_language.setdefault(item.language, []).append(item)
    languages = language_order(config, by_language)
    indexes = (
        [
            Translation(
                code,
                address.in_language(by_language[code][0].language_folder).root_url,
                language_name(code),
            )
            for code in languages
        ]
        if len(languages) > 1
        else []
    )
    folders = {item.language_folder for item in issues} - {""}
    for code in languages:
        listed = by_language[code]
        prefix = listed[0].language_folder
        home = address.in_language(prefix)
        folder = target / prefix if prefix else target
        words = words_for(config) if not prefix else words_for(config, code)
        for item in listed:
            _write_if_changed(folder / item.folder / INDEX_NAME, item.page.html.encode(), result)
        page = index_page(config, home, listed, code if prefix else None, indexes)
        _write_if_changed(folder / INDEX_NAME, page.encode("utf-8"), result)
        info = FeedInfo(
            title=f"{config.publication.name}: {config.roundup.name}",
            description=archive_description(config, words),
            home_url=home.root_url,
            atom_url=home.root_url + ATOM_NAME,
            json_url=home.root_url + JSON_FEED_NAME,
            author=config.publication.name,
            author_url=config.publication.base_url + "/",
            language=(config.publication.language or "en") if not prefix else code,
        )
        entries = listed[:FEED_ENTRIES]
        _write_if_changed(folder / ATOM_NAME, atom_feed(info, entries), result)
        _write_if_changed(folder / JSON_FEED_NAME, json_feed(info, entries), result)
        # Another language's folder is its archive, not an issue's page without a manifest.
        kept = {item.folder for item in listed} | (folders if not prefix else set())
        result.notes.extend(_orphans(folder, kept, skipped, prefix))
    return result


def _orphans(target: Path, folders: set[str], skipped: list[str], prefix: str = "") -> list[str]:
    """Pages of issues whose manifest is gone: never deleted, but named."""
    if skipped:  # a skipped manifest's page is not an orphan
        return []
    try:
        found = sorted(
            entry.name
            for entry in target.iterdir()
            if entry.is_dir() and (entry / INDEX_NAME).is_file() and entry.name not in folders
        )
    except OSError:
        return []
    shown = f"{prefix}/" if prefix else ""
    return [
        f"{shown}{name}/ has no manifest in the round-ups folder; left in place (delete it if the "
        "issue should go)"
        for name in found
    ]
