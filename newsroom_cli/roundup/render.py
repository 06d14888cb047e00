"""Render an assembled issue: Markdown, e-mail-safe HTML, plain text, a MIME message, JSON.

Markdown, HTML and text come from Jinja2 templates under ``templates/roundup/``, each of
which a project can override by putting a file of the same name in its own templates
folder (``templates/roundup/roundup.html``). Rendering is deterministic: the same issue
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsroom_cli.choices import RoundupFormat
from newsroom_cli.dates import format_iso
from newsroom_cli.errors import NewsroomError
from newsroom_cli.roundup.assemble import RoundupImage, RoundupIssue

if TYPE_CHECKING:
    import jinja2

    from newsroom_cli.config import Config
    from newsroom_cli.roundup.language import Words

FORMATS = tuple(RoundupFormat)

TEMPLATE_NAMES = {"md": "roundup.md", "html": "roundup.html", "txt": "roundup.txt"}

_AP_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Rendered:
    """A rendered issue: the bytes to write and warnings for the editor."""

    data: bytes
    format: str
    warnings: tuple[str, ...] = ()
    html: str = ""  # the HTML as sent (html and eml), for the pre-send check

    @property
    def text(self) -> str:
        """The bytes as text."""
        return self.data.decode("utf-8")


def day_label(value: dt.datetime) -> str:
    """A weekday and date in AP style: ``Sunday, Nov. 22``."""
    return f"{_DAYS[value.weekday()]}, {_AP_MONTHS[value.month - 1]} {value.day}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^([#+\-=|]|\d+[.)])", re.MULTILINE)


def markdown_escape(text: str) -> str:
    """Escape text from articles so Markdown shows it literally (no links, tags, emphasis)."""
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_LINE_START.sub(r"\\\1", text)


def markdown_url(url: str) -> str:
    """A link destination that Markdown cannot misread (spaces, parentheses, brackets)."""
    table = {
        " ": "%20",
        "(": "%28",
        ")": "%29",
        "<": "%3C",
        ">": "%3E",
        "[": "%5B",
        "]": "%5D",
        "\\": "%5C",
    }
    return "".join(table.get(ch, ch) for ch in str(url))


def wrap_text(text: str, width: int = 72, indent: str = "") -> str:
    """Wrap plain text at ``width`` without breaking words or URLs."""
    return textwrap.fill(
        " ".join(str(text).split()),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def intro_html(markdown: str) -> str:
    """The editor's Markdown intro as sanitised HTML (raw HTML in it is dropped)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": False}).render(markdown)
    return sanitize_html(html)


def sanitize_html(html: str) -> str:
    """Keep only harmless tags and http(s)/mailto links (nh3)."""
    import nh3

    cleaned: str = nh3.clean(
        html, url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer"
    )
    return cleaned


# A word longer than this gets break opportunities; a URL longer than DISPLAY_URL is
# shortened where it is shown (never in an href).
LONG_WORD = 16
WORD_PIECE = 12
DISPLAY_URL = 40
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_BREAK_AFTER = frozenset("/.-_?&=#:,;")
_ZWSP = "\u200b"


def display_url(url: str) -> str:
    """A URL as readers see it: no scheme, at most 40 characters (``site.example/a/…``)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    shown = parts.netloc + parts.path.rstrip("/")
    if parts.query:
        shown += "?" + parts.query
    if len(shown) > DISPLAY_URL:
        shown = shown[: DISPLAY_URL - 1] + "…"
    return shown or url


def breakable(word: str) -> str:
    """``word`` with zero-width spaces where a long word may break: after URL punctuation
    and at least every 12 characters, never before a combining mark or a joiner."""
    import unicodedata

    if len(word) <= LONG_WORD:
        return word
    out: list[str] = []
    run = 0
    for index, char in enumerate(word):
        out.append(char)
        run += 1
        following = word[index + 1] if index + 1 < len(word) else ""
        if not following or unicodedata.combining(following) or following in "\u200c\u200d":
            continue
        if char in _BREAK_AFTER or run >= WORD_PIECE:
            out.append(_ZWSP)
            run = 0
    return "".join(out)


def soft_text(text: str, *, urls: bool = True) -> str:
    """Article text for a narrow screen: long URLs shortened for display (``urls``) and
    long words given break opportunities. Plain text in, plain text out."""
    pieces = re.split(r"(\s+)", str(text))
    out = []
    for piece in pieces:
        if not piece or piece.isspace():
            out.append(piece)
            continue
        if urls and _URL.fullmatch(piece) and len(piece) > DISPLAY_URL:
            piece = display_url(piece)
        out.append(breakable(piece))
    return "".join(out)


def soften_html(html: str) -> str:
    """:func:`soft_text` applied to the text between the tags of trusted HTML."""
    import html as html_lib

    parts = re.split(r"(<[^>]*>)", html)
    return "".join(
        part
        if part.startswith("<")
        else html_lib.escape(soft_text(html_lib.unescape(part)), quote=False)
        for part in parts
    )


def intro_text(markdown: str, words: Words, width: int = 72) -> str:
    """The editor's Markdown intro as plain text: paragraphs and list items wrapped at
    ``width``, each link's text followed by ``[n]`` and the URLs listed after."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).parse(markdown)
    links: list[str] = []
    blocks: list[str] = []
    prefix = ""
    depth_item = 0
    for token in tokens:
        if token.type == "bullet_list_open" or token.type == "ordered_list_open":
            continue
        if token.type == "list_item_open":
            depth_item += 1
            prefix = "- "
            continue
        if token.type == "list_item_close":
            depth_item -= 1
            continue
        if token.type == "code_block" or token.type == "fence":
            blocks.append(token.content.rstrip("\n"))
            continue
        if token.type != "inline":
            continue
        text: list[str] = []
        pending: list[str] = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                text.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                text.append(" ")
            elif child.type == "link_open":
                pending.append(str(child.attrGet("href") or ""))
            elif child.type == "link_close" and pending:
                href = pending.pop()
                label = "".join(text).rstrip()
                if href and not label.endswith(href):
                    if href not in links:
                        links.append(href)
                    text.append(f" [{links.index(href) + 1}]")
            elif child.type == "image":
                text.append(child.content)
        paragraph = "".join(text)
        indent = "  " if depth_item and prefix == "" else ""
        filled = textwrap.fill(
            " ".join(paragraph.split()),
            width=width,
            initial_indent=prefix or indent,
            subsequent_indent="  " if depth_item else "",
            break_long_words=False,
            break_on_hyphens=False,
        )
        prefix = ""
        if filled:
            blocks.append(filled)
    if links:
        listed = [f"[{n}] {url}" for n, url in enumerate(links, 1)]
        blocks.append(words("links") + ":\n" + "\n".join(listed))
    return "\n\n".join(blocks)


def _window_note(issue: RoundupIssue) -> str:
    window = issue.window
    return f"{format_iso(window.start)} to {format_iso(window.end)} ({window.timezone})"


_ENVIRONMENTS: dict[tuple[tuple[str, ...], bool], jinja2.Environment] = {}


def _environment(config: Config, html: bool, words: Words) -> jinja2.Environment:
    import jinja2
    from markupsafe import Markup, escape

    from newsroom_cli.scaffold import template_search_path

    folders = tuple(str(folder / "roundup") for folder in template_search_path(config))
    # One environment per template folders and mode, so a template is compiled once per
    # process (Jinja reloads it when its file changes); the words are set for each render.
    env = _ENVIRONMENTS.get((folders, html))
    if env is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folders),
            undefined=jinja2.StrictUndefined,
            autoescape=html,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        _ENVIRONMENTS[(folders, html)] = env
    filters: dict[str, Callable[..., Any]] = {
        "md": markdown_escape,
        "mdurl": markdown_url,
        "day": words.day,
        "number": words.number,
        "iso": format_iso,
        "wrap": wrap_text,
        "intro_html": lambda text: Markup(soften_html(intro_html(text))),
        "intro_text": lambda text: intro_text(text, words),
        "sanitize": lambda text: Markup(sanitize_html(str(text))),
        "soft": lambda text: Markup(escape(soft_text(str(text)))),
    }
    env.filters.update(filters)
    env.globals.update(t=words, words=words)
    return env


def _render_template(config: Config, issue: RoundupIssue, fmt: str) -> str:
    import jinja2

    from newsroom_cli.roundup.language import words_for

    name = TEMPLATE_NAMES[fmt]
    words = words_for(config, issue.language)
    env = _environment(config, html=fmt == "html", words=words)
    try:
        template = env.get_template(name)
        return template.render(
            issue=issue,
            window_note=_window_note(issue),
            image_alt=_image_alt,
            direction=words.direction,
            logo=config.roundup.logo,
            lead=issue.lead,
        )
    except jinja2.TemplateNotFound:
        raise NewsroomError(
            f"template roundup/{name} is missing",
            hint="reinstall newsroom-cli or restore your override",
        ) from None
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or f"roundup/{name}"
        line = getattr(exc, "lineno", None)
        raise NewsroomError(f"template {where}{f':{line}' if line else ''}: {exc}") from None


def _image_alt(image: RoundupImage, title: str) -> str:
    """Alt text for an image: its own, else the headline (never missing)."""
    return image.alt or title


def render_markdown(config: Config, issue: RoundupIssue) -> Rendered:
    """The issue as Markdown, stable for diffs."""
    return Rendered(_tidy(_render_template(config, issue, "md")).encode("utf-8"), "md")


def render_text(config: Config, issue: RoundupIssue) -> Rendered:
    """The issue as plain text with full URLs."""
    return Rendered(_tidy(_render_template(config, issue, "txt")).encode("utf-8"), "txt")


def render_html(config: Config, issue: RoundupIssue) -> Rendered:
    """The issue as an e-mail-safe HTML document with its CSS inlined (``@media`` kept)."""
    import css_inline

    raw = _render_template(config, issue, "html")
    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
    html = _tidy(inliner.inline(raw))
    data = html.encode("utf-8")
    warnings: list[str] = []
    return Rendered(data, "html", tuple(warnings), html)


def _tidy(text: str) -> str:
    # "-- " is the signature separator (RFC 3676): its trailing space is kept.
    lines = [line if line == "-- " else line.rstrip() for line in text.splitlines()]
    cleaned: list[str] = []
    for line in lines:
        if not line and cleaned and not cleaned[-1]:
            continue
        cleaned.append(line)
    while cleaned and not cleaned[0]:
        cleaned.pop(0)
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return "\n".join(cleaned) + "\n"


def issue_data(issue: RoundupIssue) -> dict[str, Any]:
    """The issue as JSON-ready data, in the documented shape."""

    def image(value: RoundupImage | None) -> dict[str, Any] | None:
        if value is None:
            return None
        return {
            "src": value.src,
            "alt": value.alt,
            "credit": value.credit,
            "caption": value.caption,
            "width": value.width,
            "height": value.height,
        }

    return {
        "title": issue.title,
        "issue": issue.issue,
        "week": issue.week,
        "date": format_iso(issue.date),
        "language": issue.language,
        "subject": issue.subject,
        "preheader": issue.preheader,
        "web_url": issue.web_url or None,
        "unsubscribe_url": issue.unsubscribe_url or None,
        "window": {
            "start": format_iso(issue.window.start),
            "end": format_iso(issue.window.end),
            "timezone": issue.window.timezone,
        },
        "sections": [
            {
                "key": section.key,
                "label": section.label,
                "items": [
                    {
                        "path": item.path,
                        "slug": item.slug,
                        "title": item.title,
                        "url": item.url,
                        "teaser": item.teaser,
                        "authors": list(item.authors),
                        "date": format_iso(item.date),
                        "column": item.column,
                        "featured": item.featured,
                        "image": image(item.image),
                    }
                    for item in section.items
                ],
            }
            for section in issue.sections
        ],
    }


def render_json(issue: RoundupIssue) -> Rendered:
    """The issue as JSON data."""
    text = json.dumps(issue_data(issue), ensure_ascii=False, indent=2) + "\n"
    return Rendered(text.encode("utf-8"), "json")


def _content_encoding(text: str) -> str:
    """The smaller of quoted-printable and base64 for a part (QP triples non-Latin text)."""
    import base64
    import quopri

    data = text.encode("utf-8")
    if len(quopri.encodestring(data)) <= len(base64.b64encode(data)):
        return "quoted-printable"
    return "base64"


def html_part(html: str) -> Any:
    """The HTML part of the message as it will be sent (its transfer encoding chosen)."""
    from email.message import EmailMessage
    from email.policy import SMTP

    part = EmailMessage(policy=SMTP)
    part.set_content(html, subtype="html", charset="utf-8", cte=_content_encoding(html))
    return part


def sent_size(html: str) -> int:
    """The bytes of the HTML part's body as sent, which is what Gmail's clipping counts."""
    payload = html_part(html).get_payload()
    return len(str(payload).encode("ascii", "replace"))


def render_eml(config: Config, issue: RoundupIssue) -> Rendered:
    """A complete ``multipart/alternative`` message (text and HTML): From (or Sender), To,
    Reply-To, Subject, Date, Message-ID, List-Id, List-Unsubscribe and
    List-Unsubscribe-Post, all from the configuration and the issue."""
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    from newsroom_cli.roundup.message import message_headers

    headers = message_headers(config, issue)
    html = render_html(config, issue)
    text = render_text(config, issue)
    message = EmailMessage(policy=SMTP)
    try:
        message["From"] = headers.sender
        if headers.sender_header is not None:
            message["Sender"] = headers.sender_header
        message["To"] = headers.to
        if headers.reply_to:
            message["Reply-To"] = headers.reply_to
        message["Subject"] = headers.subject
        message["Date"] = format_datetime(headers.date)
        message["Message-ID"] = headers.message_id
        message["List-Id"] = headers.list_id
        if headers.list_unsubscribe:
            message["List-Unsubscribe"] = ", ".join(f"<{u}>" for u in headers.list_unsubscribe)
            if headers.one_click:
                message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message["X-Newsroom-Window"] = _window_note(issue)
        message["X-Newsroom-Issue"] = str(issue.issue)
    except (ValueError, TypeError, IndexError) as exc:
        raise NewsroomError(f"e-mail headers: {exc}") from None
    message.set_content(
        text.text, subtype="plain", charset="utf-8", cte=_content_encoding(text.text)
    )
    message.add_alternative(
        html.text, subtype="html", charset="utf-8", cte=_content_encoding(html.text)
    )
    # A boundary from the content, not a random one, keeps the bytes reproducible.
    digest = hashlib.sha256(text.data + html.data).hexdigest()[:32]
    message.set_boundary(f"=_newsroom_{digest}")
    return Rendered(message.as_bytes(policy=SMTP), "eml", html.warnings, html.text)


def render_issue(config: Config, issue: RoundupIssue, fmt: str) -> Rendered:
    """Render ``issue`` as ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "md":
        return render_markdown(config, issue)
    if fmt == "html":
        return render_html(config, issue)
    if fmt == "txt":
        return render_text(config, issue)
    if fmt == "eml":
        return render_eml(config, issue)
    if fmt == "json":
        return render_json(issue)
    raise NewsroomError(f"unknown format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")


def template_environment(
    config: Config, *, html: bool, words: Words | None = None
) -> jinja2.Environment:
    """The Jinja2 environment of the round-up templates (project overrides first), with
    ``words`` (default: the publication language's) as ``t`` and ``words``."""
    from newsroom_cli.roundup.language import words_for

    return _environment(config, html, words or words_for(config))
