"""What a preview shows of an article: header facts, problems, and a body a terminal can render.

Terminal Markdown renderers drop inline HTML, print footnotes and task lists literally and
show Hugo shortcodes as raw braces. :func:`body_tokens` parses the body once with
markdown-it and rewrites the tokens into the plain CommonMark vocabulary such renderers
understand: footnotes become numbered notes at the end, ``<br>`` a line break, common inline
HTML its Markdown equivalent, images their alt text and address, shortcodes a placeholder
token (``shortcode``) and task-list boxes ☐ and ☑. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote, unquote

from newsroom_cli.wordcount import reading_minutes, word_count

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from newsroom_cli.article import Article
    from newsroom_cli.config import Config
    from newsroom_cli.templatetags import TagContext

SHORTCODE_TOKEN = "shortcode"
FOOTNOTE_TOKEN = "footnote"


@dataclass(frozen=True)
class PreviewProblem:
    """A problem shown in the preview's footer."""

    code: str
    severity: str
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class ArticleFacts:
    """The header and footer of a preview, read from the front matter and the body."""

    kicker: str | None
    headline: str
    dek: str | None
    authors: tuple[str, ...]
    date: str | None
    updated: str | None
    section: str | None
    status: str | None
    tags: tuple[str, ...]
    image_alt: str | None
    image_credit: str | None
    image_caption: str | None
    words: int
    reading_minutes: int
    problems: tuple[PreviewProblem, ...]
    language: str | None = None
    # Other versions of the article: (language, path), from the archive's conventions.
    translations: tuple[tuple[str, str], ...] = ()

    @property
    def byline(self) -> str:
        """``By A``, ``By A and B``, ``By A, B and C``; '' without authors."""
        names = self.authors
        if not names:
            return ""
        if len(names) == 1:
            return f"By {names[0]}"
        return f"By {', '.join(names[:-1])} and {names[-1]}"


def plain_line(value: Any) -> str | None:
    """A front-matter value as one line of plain text, as a reader sees it (whitespace
    collapsed, HTML read as text), or ``None`` when it is not a string with text."""
    if isinstance(value, str) and value.strip():
        if "<" in value or "&" in value:
            value = html_to_text(value)
        return " ".join(value.split()) or None
    return None


def html_to_text(value: str) -> str:
    """The text of a front-matter string that holds HTML (``<em>``, ``&amp;``), as a reader
    sees it; a ``<`` that opens no tag stays."""
    reader = _InlineHtmlText()
    try:
        reader.feed(value)
        reader.close()
    except (AssertionError, ValueError):
        return value
    return "".join(reader.parts)


def tag_context(article: Article, link: Callable[[str], str | None] | None = None) -> TagContext:
    """What resolves the template tags of ``article``'s body: its front matter, and ``link``
    (a permalink convention) for references such as ``{{< ref "x.md" >}}``."""
    from newsroom_cli.templatetags import TagContext

    if link is None:
        return TagContext(front_matter=article.front_matter)
    return TagContext(front_matter=article.front_matter, link=link)


_ARTICLE_SUFFIXES = (".md", ".markdown", ".mdx")


def reference_finder(content_dir: Path, current: Path | None) -> Callable[[str], Path | None]:
    """A function that finds the file a body's reference names: ``x.md`` or ``news/x.md``
    (Hugo's ``ref``), ``2019-01-02-y`` (Jekyll's ``post_url``), ``_posts/y.md`` (``link``).

    A path is tried beside ``current`` and under ``content_dir``; a bare name or stem is
    looked up among the content folder's files, listed once on first use.
    """
    by_name: dict[str, Path] = {}
    by_stem: dict[str, Path] = {}

    def index() -> None:
        for folder, _, names in os.walk(content_dir):
            for name in names:
                if name.endswith(_ARTICLE_SUFFIXES):
                    path = Path(folder) / name
                    by_name.setdefault(name, path)
                    by_stem.setdefault(name.rsplit(".", 1)[0], path)
        by_name.setdefault("", content_dir)  # indexed, even when empty

    def candidates(reference: str) -> Iterator[Path]:
        bases = [current.parent] if current is not None else []
        bases.append(content_dir)
        for base in bases:
            plain = base / reference.lstrip("/")
            yield plain
            for suffix in _ARTICLE_SUFFIXES:
                yield plain.with_name(plain.name + suffix)
            yield plain / "index.md"
            yield plain / "_index.md"

    def find(reference: str) -> Path | None:
        reference = reference.split("#", 1)[0].strip()
        if not reference or "\0" in reference:
            return None
        for path in candidates(reference):
            try:
                if path.is_file():
                    return path
            except (OSError, ValueError):
                continue
        if not by_name:
            index()
        name = reference.rstrip("/").rsplit("/", 1)[-1]
        return by_name.get(name) or by_stem.get(name)

    return find


def format_local(raw: Any, tz: dt.tzinfo) -> str | None:
    """A front-matter date for people, in ``tz``: ``Tue 10 Nov 2026, 21:15 EST``."""
    from newsroom_cli.dates import parse_date

    if raw is None:
        return None
    try:
        parsed = parse_date(raw, tz)
    except ValueError:
        return str(raw)
    local = parsed.value.astimezone(tz)
    day = f"{local:%a} {local.day} {local:%b %Y}"
    if not parsed.has_time:
        return day
    return f"{day}, {local:%H:%M} {local.tzname() or ''}".rstrip()


def article_problems(
    config: Config, article: Article, *, now: dt.datetime | None = None
) -> list[PreviewProblem]:
    """The problems ``validate`` reports for one article, in file order (``now`` for rules
    that compare dates with the present)."""
    from newsroom_cli.rules import check_article

    found = [
        PreviewProblem(p.code, p.severity, p.line, p.column, p.message)
        for p in check_article(config, article, now=now)
    ]
    return sorted(found, key=lambda p: (p.line, p.column, p.code))


def article_facts(
    config: Config, article: Article, problems: Sequence[PreviewProblem] = ()
) -> ArticleFacts:
    """Everything the preview's header and footer show, with names from the roster."""
    tz = config.tz
    section_key = plain_line(article.section)
    section = config.section(section_key) if section_key else None
    image = article.get("image")
    image_map: Mapping[str, Any] = image if isinstance(image, Mapping) else {}
    words = word_count(article.body_text)
    return ArticleFacts(
        kicker=plain_line(article.get("column")),
        headline=plain_line(article.title) or "(no headline)",
        dek=plain_line(article.get("dek")),
        authors=tuple(config.display_name(key) for key in article.authors),
        date=format_local(_date_as_written(article, tz), tz),
        updated=format_local(article.get("updated"), tz),
        section=section.label if section else section_key,
        status=article.status,
        tags=tuple(article.tags),
        image_alt=plain_line(image_map.get("alt")),
        image_credit=plain_line(image_map.get("credit")),
        image_caption=plain_line(image_map.get("caption")),
        words=words,
        reading_minutes=reading_minutes(words),
        problems=tuple(problems),
        language=article.language,
    )


def _date_as_written(article: Article, tz: dt.tzinfo) -> Any:
    """The article's date as its source has it: a key's text, or the day a file name or a
    path gives (a day, not midnight)."""
    if article.conventions.native:
        return article.get("date")
    fact = article.facts["date"]
    if fact.value is None:
        return None
    key = fact.source.removeprefix("key:")
    if fact.source.startswith("key:") and key != article.conventions.date_path_key:
        raw = article.fields.get(key, article.front_matter.get(key))
        if raw is not None:
            return raw
    return fact.value.date()


# --- the body -------------------------------------------------------------------------

_OPEN, _CLOSE = "\ue010", "\ue011"
_SENTINEL = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_MORE = re.compile(r"^\s*<!--\s*more\s*-->\s*$", re.IGNORECASE)
_TASK = re.compile(r"^\[([ xX])\]\s+")


def _hide_templates(
    body: str, context: TagContext | None
) -> tuple[str, list[tuple[str, bool, str]]]:
    """Replace template tags outside code by what they read as, before parsing.

    Link addresses, ``{% raw %}`` content and code blocks go into the Markdown; everything
    else becomes a sentinel. Returns the text and, per sentinel, what to show, whether it
    is literal text rather than a placeholder, and the tag as written (for code).
    """
    from newsroom_cli.templatetags import reading, scan

    tags = scan(body)
    labels: list[tuple[str, bool, str]] = []
    if not tags:
        return body, labels

    def sentinel(label: str, literal: bool) -> str:
        labels.append((label, literal, tag.source))
        return f"{_OPEN}{len(labels) - 1}{_CLOSE}"

    pieces: list[str] = []
    position = 0
    for tag in tags:
        pieces.append(body[position : tag.start])
        position = tag.end
        shown = reading(tag, context)
        if shown.kind == "url":
            pieces.append(quote(shown.text, safe=_URL_SAFE))
        elif shown.kind == "markdown":
            pieces.append(shown.text)
        elif shown.kind == "code":
            pieces.append(
                _fenced(shown.text, shown.language, at_line_start=_line_start(body, tag.start))
            )
        elif shown.kind == "text":
            pieces.append(sentinel(shown.text, True) if shown.text else "")
        elif shown.kind != "drop" or tag.in_url:
            # An address that cannot be resolved: the sentinel makes the link drop its address.
            pieces.append(sentinel(shown.text, False))
    pieces.append(body[position:])
    return "".join(pieces), labels


_URL_SAFE = "/:?#[]@!$&'*+,;=%~"


def _line_start(text: str, position: int) -> bool:
    return not text[text.rfind("\n", 0, position) + 1 : position].strip()


def _fenced(code: str, language: str, *, at_line_start: bool) -> str:
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    fence = "`" * (longest + 1)
    block = f"{fence}{language}\n{code}\n{fence}\n"
    return block if at_line_start else f"\n\n{block}"


def body_tokens(body: str, *, hyperlinks: bool, context: TagContext | None = None) -> list[Token]:
    """Parse a Markdown body into tokens a plain CommonMark renderer shows faithfully.

    With ``hyperlinks`` false (output that is not a terminal) autolinks lose their link so
    that the address is not printed twice. Template tags read as ``context`` resolves them
    (the front matter for ``param``, a permalink function for ``ref``).
    """
    hidden, labels = _hide_templates(body, context)
    tokens = _parser().parse(hidden)
    return _Rewriter(labels, hyperlinks).blocks(tokens)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark").enable("strikethrough").enable("table").use(footnote_plugin)


def _new(kind: str, tag: str = "", nesting: Literal[-1, 0, 1] = 0, **fields: Any) -> Token:
    from markdown_it.token import Token

    token = Token(kind, tag, nesting)
    for name, value in fields.items():
        setattr(token, name, value)
    return token


def _inline(children: list[Token]) -> Token:
    return _new("inline", children=children, content="")


def _paragraph(children: list[Token]) -> list[Token]:
    return [_new("paragraph_open", "p", 1), _inline(children), _new("paragraph_close", "p", -1)]


class _Rewriter:
    """Rewrites one document's tokens; keeps footnote numbers and shortcode labels."""

    def __init__(self, labels: list[tuple[str, bool, str]], hyperlinks: bool) -> None:
        self.labels = labels
        self.hyperlinks = hyperlinks
        self.footnotes: dict[int, int] = {}

    def restore(self, text: str) -> str:
        """Put placeholders back where a sentinel sits in literal text (code, HTML)."""
        if _OPEN not in text:
            return text
        return _SENTINEL.sub(lambda m: self._label(int(m[1])), text)

    def restore_source(self, code: str) -> str:
        """Put tags back as written where a sentinel sits in code: code shows what is there."""
        if _OPEN not in code:
            return code
        return _SENTINEL.sub(
            lambda m: self.labels[int(m[1])][2] if int(m[1]) < len(self.labels) else "", code
        )

    def _label(self, index: int) -> str:
        return self.labels[index][0] if index < len(self.labels) else ""

    def _literal(self, index: int) -> bool:
        return index < len(self.labels) and self.labels[index][1]

    def footnote_number(self, ident: int) -> int:
        return self.footnotes.setdefault(ident, len(self.footnotes) + 1)

    def blocks(self, tokens: Sequence[Token]) -> list[Token]:
        out: list[Token] = []
        list_items = 0
        note_pending: int | None = None
        for token in tokens:
            kind = token.type
            if kind in ("list_item_open",):
                list_items += 1
            elif kind == "list_item_close":
                list_items -= 1
            if kind == "inline":
                children = self.inlines(token.children or [])
                if note_pending is not None:
                    children.insert(
                        0, _new(FOOTNOTE_TOKEN, FOOTNOTE_TOKEN, content=f"[{note_pending}] ")
                    )
                    note_pending = None
                elif list_items and out and out[-1].type == "paragraph_open":
                    children = _task_box(children)
                token.children = children
                out.append(token)
            elif kind in ("fence", "code_block"):
                token.content = self.restore_source(token.content)
                out.append(token)
            elif kind == "html_block":
                out.extend(self.html_block(token.content))
            elif kind == "footnote_block_open":
                out.append(_new("hr", "hr", markup="---"))
                out.extend(
                    _paragraph(
                        [
                            _new("strong_open", "strong", 1),
                            _new("text", content="Notes"),
                            _new("strong_close", "strong", -1),
                        ]
                    )
                )
            elif kind == "footnote_open":
                note_pending = self.footnote_number(int(token.meta.get("id", 0)))
            elif kind in ("footnote_close", "footnote_block_close", "footnote_anchor"):
                continue
            else:
                out.append(token)
        return out

    def inlines(self, children: Iterable[Token]) -> list[Token]:
        out: list[Token] = []
        link_depth = 0
        stack: list[Token] = []
        for child in children:
            kind = child.type
            if kind == "text":
                out.extend(self.text(child.content))
            elif kind == "code_inline":
                child.content = self.restore_source(child.content)
                out.append(child)
            elif kind == "footnote_ref":
                number = self.footnote_number(int(child.meta.get("id", 0)))
                out.append(_new(FOOTNOTE_TOKEN, FOOTNOTE_TOKEN, content=f"[{number}]"))
            elif kind == "footnote_anchor":
                continue
            elif kind == "image":
                out.extend(self.image(child, inside_link=link_depth > 0))
            elif kind == "html_inline":
                converted = self.html_inline(child.content, link_depth)
                link_depth += sum(
                    1 if t.type == "link_open" else -1 if t.type == "link_close" else 0
                    for t in converted
                )
                out.extend(converted)
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                if _OPEN in href or _OPEN in unquote(href):
                    # A shortcode as the address ({{< ref "x" >}}): keep the text only.
                    stack.append(child)
                    child.meta = {**(child.meta or {}), "dropped": True}
                    continue
                if not self.hyperlinks and child.markup in ("autolink", "linkify"):
                    stack.append(child)
                    child.meta = {**(child.meta or {}), "dropped": True}
                    continue
                stack.append(child)
                link_depth += 1
                out.append(child)
            elif kind == "link_close":
                opener = stack.pop() if stack else None
                if opener is not None and (opener.meta or {}).get("dropped"):
                    continue
                link_depth -= 1
                out.append(child)
            else:
                out.append(child)
        return _balanced(_tidy_breaks(out))

    def text(self, content: str) -> list[Token]:
        if _OPEN not in content:
            return [_new("text", content=content)]
        out: list[Token] = []
        position = 0
        for match in _SENTINEL.finditer(content):
            if match.start() > position:
                out.append(_new("text", content=content[position : match.start()]))
            index = int(match[1])
            kind = "text" if self._literal(index) else SHORTCODE_TOKEN
            out.append(_new(kind, "" if kind == "text" else kind, content=self._label(index)))
            position = match.end()
        if position < len(content):
            out.append(_new("text", content=content[position:]))
        return out

    def image(self, token: Token, *, inside_link: bool) -> list[Token]:
        alt = " ".join((token.content or "").split()) or "image"
        src = str(token.attrs.get("src", ""))
        label = _new("text", content=f"[image: {self.restore(alt)}]")
        if inside_link or not src or _OPEN in unquote(src):
            return [label]
        return [_new("link_open", "a", 1, attrs={"href": src}), label, _new("link_close", "a", -1)]

    def html_inline(self, raw: str, link_depth: int) -> list[Token]:
        tag, closing, attrs = _tag(raw)
        if tag is None:
            return []
        if tag == "br":
            return [_new("hardbreak", "br")]
        if tag in _INLINE_STYLES:
            style = _INLINE_STYLES[tag]
            return [_new(f"{style}_{'close' if closing else 'open'}", style, -1 if closing else 1)]
        if tag == "a":
            if closing:
                return [_new("link_close", "a", -1)] if link_depth > 0 else []
            href = attrs.get("href")
            if href:
                return [_new("link_open", "a", 1, attrs={"href": href})]
            return []
        if tag == "img":
            image = _new(
                "image",
                "img",
                attrs={"src": attrs.get("src") or ""},
                content=attrs.get("alt") or "",
            )
            return self.image(image, inside_link=link_depth > 0)
        if tag == "input" and attrs.get("type") == "checkbox":
            return [_new("text", content="☑ " if "checked" in attrs else "☐ ")]
        return []

    def html_block(self, content: str) -> list[Token]:
        if content.lstrip().startswith("<!--"):
            if _MORE.match(content):
                return _paragraph([_new(SHORTCODE_TOKEN, SHORTCODE_TOKEN, content="[more]")])
            return []
        reader = _HtmlText()
        try:
            reader.feed(self.restore(content))
            reader.close()
        except (AssertionError, ValueError):
            return _paragraph([_new("text", content=" ".join(content.split()))])
        out: list[Token] = []
        for paragraph in reader.paragraphs():
            children: list[Token] = []
            for kind, value, extra in paragraph:
                if kind == "text":
                    children.append(_new("text", content=value))
                elif kind == "break":
                    children.append(_new("hardbreak", "br"))
                elif kind == "link":
                    children.extend(
                        [
                            _new("link_open", "a", 1, attrs={"href": extra}),
                            _new("text", content=value),
                            _new("link_close", "a", -1),
                        ]
                    )
                elif kind == "image":
                    image = _new("image", "img", attrs={"src": extra}, content=value)
                    children.extend(self.image(image, inside_link=False))
            if children:
                out.extend(_paragraph(children))
        return out


_INLINE_STYLES = {
    "em": "em",
    "i": "em",
    "cite": "em",
    "strong": "strong",
    "b": "strong",
    "s": "s",
    "del": "s",
    "strike": "s",
}
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)([^>]*)>", re.DOTALL)
_ATTR = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _tag(raw: str) -> tuple[str | None, bool, dict[str, str]]:
    match = _TAG.match(raw.strip())
    if match is None:
        return None, False, {}
    attrs = {
        m[1].lower(): m[2] if m[2] is not None else m[3] if m[3] is not None else (m[4] or "")
        for m in _ATTR.finditer(match[3])
    }
    return match[2].lower(), bool(match[1]), attrs


def _task_box(children: list[Token]) -> list[Token]:
    if children and children[0].type == "text":
        match = _TASK.match(children[0].content)
        if match:
            box = "☐ " if match[1] == " " else "☑ "
            children[0].content = box + children[0].content[match.end() :]
    return children


_PAIRED = {
    "em_open": "em_close",
    "strong_open": "strong_close",
    "s_open": "s_close",
    "link_open": "link_close",
}


def _balanced(tokens: list[Token]) -> list[Token]:
    """Drop closers without an opener and close what inline HTML left open."""
    out: list[Token] = []
    opened: list[Token] = []
    closers = set(_PAIRED.values())
    for token in tokens:
        if token.type in _PAIRED:
            opened.append(token)
        elif token.type in closers:
            if not opened or _PAIRED[opened[-1].type] != token.type:
                continue
            opened.pop()
        out.append(token)
    for token in reversed(opened):
        out.append(_new(_PAIRED[token.type], token.tag, -1))
    return out


def _tidy_breaks(tokens: list[Token]) -> list[Token]:
    """A ``<br>`` at the end of a line breaks once; a shortcode on its own line stays there."""
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type == "softbreak":
            before = out[-1] if out else None
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if (before is not None and before.type == "hardbreak") or (
                after is not None and after.type == "hardbreak"
            ):
                continue
            if any(t is not None and t.type == SHORTCODE_TOKEN for t in (before, after)):
                token.type = "hardbreak"
        out.append(token)
    return out


_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "figure",
        "figcaption",
        "blockquote",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "hr",
        "dl",
        "dt",
        "dd",
        "details",
        "summary",
        "nav",
        "main",
        "center",
    ]
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "svg", "iframe"})


class _HtmlText(HTMLParser):
    """The readable text of an HTML block: paragraphs of text, breaks, links and images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._paragraphs: list[list[tuple[str, str, str]]] = [[]]
        self._link: tuple[str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _SKIPPED_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._paragraphs.append([])
        elif tag == "br":
            self._paragraphs[-1].append(("break", "", ""))
        elif tag == "a" and values.get("href"):
            self._link = (values["href"], [])
        elif tag == "img":
            self._paragraphs[-1].append(("image", values.get("alt", ""), values.get("src", "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED_TAGS:
            self._skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._link is not None:
            href, parts = self._link
            self._link = None
            text = " ".join("".join(parts).split())
            self._paragraphs[-1].append(("link", text or href, href))
        elif tag in _BLOCK_TAGS:
            self._paragraphs.append([])

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._link is not None:
            self._link[1].append(data)
        else:
            self._paragraphs[-1].append(("text", data, ""))

    def paragraphs(self) -> list[list[tuple[str, str, str]]]:
        result = []
        for paragraph in self._paragraphs:
            merged: list[tuple[str, str, str]] = []
            for kind, value, extra in paragraph:
                if kind == "text":
                    value = re.sub(r"\s+", " ", value)
                    if merged and merged[-1][0] == "text":
                        merged[-1] = ("text", merged[-1][1] + value, "")
                        continue
                merged.append((kind, value, extra))
            if merged and merged[0][0] == "text":
                merged[0] = ("text", merged[0][1].lstrip(), "")
            if merged and merged[-1][0] == "text":
                merged[-1] = ("text", merged[-1][1].rstrip(), "")
            merged = [part for part in merged if part[0] != "text" or part[1]]
            if merged:
                result.append(merged)
        return result


class _InlineHtmlText(HTMLParser):
    """The text of inline HTML, without scripts and styles; line-breaking tags become spaces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS or tag == "br":
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS or tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
