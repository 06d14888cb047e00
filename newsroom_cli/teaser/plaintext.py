"""Markdown (with Hugo, Liquid and kramdown extras) to plain text for teasers.

The Markdown is parsed with markdown-it-py and the tokens are walked, so link
text survives while URLs, footnote markers, images and inline HTML do not.
Template syntax is removed before parsing because it is not Markdown and can
sit where Markdown would choke on it (`[text]({{< ref "post.md" >}})`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Literal

from newsroom_cli.controls import strip_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from newsroom_cli.templatetags import TemplateTag

__all__ = [
    "Block",
    "Lead",
    "iter_lead",
    "lead_paragraphs",
    "markdown_blocks",
    "strip_dateline",
    "strip_templates",
    "text_before_more",
    "to_plain_text",
]

BlockKind = Literal[
    "paragraph", "heading", "quote", "list", "table", "footnote", "code", "html", "skipped"
]

# Private-use characters mark where a paired shortcode ({{< note >}}...{{< /note >}})
# opens and closes, so the token walk knows which text sits inside one.
ASIDE_OPEN = "\ue000"
ASIDE_CLOSE = "\ue001"
_SENTINELS = re.compile("[\ue000\ue001]")

_KRAMDOWN_COMMENT = re.compile(r"\{::comment\}.*?\{:/comment\}", re.DOTALL)
_KRAMDOWN_IAL = re.compile(r"\{:{1,2}[^}\n]*\}")

_MORE_MARKER = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_HTML_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)[^>]*?(/?)\s*>", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
_STRAY_EMPHASIS = re.compile(r"\*{2,}|(?<!\w)[*_]+(?=\w)|(?<=\w)[*_]+(?!\w)|(?<!\w)_{2,}(?!\w)")
_UNRESOLVED_REFERENCE = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
# Links and tags so malformed that neither markdown-it nor a browser took them as such.
_BROKEN_LINK = re.compile(r"\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_BROKEN_LINK_TAIL = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")
_BROKEN_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][\w:-]*)(?:\s[^<>]*)?/?>")
_UNRESOLVED_FOOTNOTE = re.compile(r"\s*\[\^[^\[\]\s]+\]")
_FOOTNOTE_LIKE = re.compile(r"^\s*[\[(]?\s*(?:\d{1,3}|[*†‡§a-z])\s*[\])]?\s*$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# HTML elements that start a new line when rendered: dropping them must leave a space.
_BREAKING_TAGS = _word_set(
    "address article aside blockquote br dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr img li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul center iframe video audio embed object"
)
# HTML elements whose content never reaches a teaser.
_SKIPPED_TAGS = _word_set(
    "script style template noscript iframe object svg math del s strike pre button select "
    "textarea video audio figcaption"
)
_VOID_TAGS = _word_set("area base br col embed hr img input link meta source track wbr")
# Inside these an HTML block is not lead prose.
_HTML_CONTAINERS: dict[str, BlockKind] = {
    "ul": "list",
    "ol": "list",
    "dl": "list",
    "table": "table",
    "blockquote": "quote",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
}

_BYLINE_START = re.compile(r"^(?:By|BY|by)\s+(?=\S)")
_BYLINE_CONNECTORS = _word_set("and & de da van von der la le of the staff writer | / — – -")
_PROMO = re.compile(
    r"^(?:read more|read also|also read|related|see also|more|watch|listen|photos?|image|video|"
    r"credit|source|update|correction|editor[’']s note)\s*:"
    r"|^(?:subscribe|sign up|follow us|click here|share this|advertisement|editor[’']s note\b|"
    r"originally published|this (?:post|article|story) (?:was )?originally)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"""^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*)          # WASHINGTON, NEW YORK, ST. PAUL
        (?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?               # , Lebanon / , Minn.
        (?:,?\s+[A-Z][a-z]{2,4}\.?\s+\d{1,2})?                # , Nov. 3
        \s*(?:\([^()\n]{1,40}\))?                             # (AP), (Reuters)
        \s*(?:—|–|--|-)\s+""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Block:
    """One block of a Markdown document as plain text, with what a lead needs to know."""

    kind: BlockKind
    text: str
    aside: bool = False  # inside a paired shortcode such as {{< note >}}
    italic: bool = False  # every letter is emphasised: an editor's note or a caption
    bold: bool = False  # every letter is strong: a label or a run-in subhead
    link_only: bool = False  # every letter is link text: a "related" link


def strip_templates(markdown: str) -> str:
    """Remove template tags (Hugo and Zola shortcodes, Liquid/Nunjucks, MDX, ``[TOC]``, ``:::``
    asides; see :mod:`newsroom_cli.templatetags`) and kramdown attribute lists from Markdown.

    Paired tags keep their inner text between ASIDE_OPEN/ASIDE_CLOSE marks (code-like ones
    lose it); a template expression used as a URL becomes ``#`` so the link still parses.
    """
    from newsroom_cli.templatetags import replace_tags

    text = replace_tags(_SENTINELS.sub("", markdown), _teaser_replacement)
    if "{:" in text:
        text = _KRAMDOWN_COMMENT.sub("", text)
        text = _KRAMDOWN_IAL.sub("", text)
    return text


def _teaser_replacement(tag: TemplateTag) -> str:
    if tag.in_url:
        return "#"
    if tag.partner is not None:
        return ASIDE_OPEN if tag.kind == "open" else ASIDE_CLOSE
    return ""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark", {"html": True, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.use(footnote_plugin, always_match_refs=True)
    return parser


def _normalize(text: str) -> str:
    # A teaser is pasted into posts and e-mails: no escape sequences or other controls.
    text = strip_controls(_SENTINELS.sub("", text))
    text = _UNRESOLVED_FOOTNOTE.sub("", text)
    text = _UNRESOLVED_REFERENCE.sub(r"\1", text)
    if "](" in text:
        text = _BROKEN_LINK.sub(r"\1", text)
        text = _BROKEN_LINK_TAIL.sub("", text)
    if "<" in text:
        text = _BROKEN_TAG.sub(_broken_tag_replacement, text)
    text = _WHITESPACE.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text)


def _broken_tag_replacement(match: re.Match[str]) -> str:
    return " " if match.group(1).lower() in _BREAKING_TAGS else ""


def _html_tag(raw: str) -> tuple[str, bool, bool] | None:
    """Name, is-closing and is-self-closing of one HTML tag; None for comments and the like."""
    match = _HTML_TAG.match(raw.strip())
    if match is None:
        return None
    name = match.group(2).lower()
    return name, bool(match.group(1)), bool(match.group(3)) or name in _VOID_TAGS


class _Walker:
    """Walks markdown-it tokens in order, tracking how deep we are inside paired shortcodes."""

    def __init__(self, keep_asides: bool) -> None:
        self.keep_asides = keep_asides
        self.aside_depth = 0

    def count_sentinels(self, content: str) -> None:
        if ASIDE_OPEN in content or ASIDE_CLOSE in content:
            for char in content:
                if char == ASIDE_OPEN:
                    self.aside_depth += 1
                elif char == ASIDE_CLOSE:
                    self.aside_depth = max(0, self.aside_depth - 1)

    def inline(self, children: Sequence[Token], kind: BlockKind) -> Block:
        """Render one inline token's children to a Block."""
        pieces: list[str] = []
        outside: dict[str, list[str]] = {"em": [], "strong": [], "link": []}
        depth = {"em": 0, "strong": 0, "link": 0}
        skip_depth = 0  # inside <script>, <del>, ~~strikethrough~~ and the like
        sup_marks: list[int] = []
        started_in_aside = self.aside_depth > 0
        touched_aside = started_in_aside

        def emit(text: str) -> None:
            nonlocal touched_aside
            if skip_depth:
                return
            if ASIDE_OPEN in text or ASIDE_CLOSE in text or self.aside_depth:
                kept: list[str] = []
                for char in text:
                    if char == ASIDE_OPEN:
                        self.aside_depth += 1
                        touched_aside = True
                    elif char == ASIDE_CLOSE:
                        self.aside_depth = max(0, self.aside_depth - 1)
                    elif self.keep_asides or not self.aside_depth:
                        kept.append(char)
                text = "".join(kept)
            pieces.append(text)
            for wrapper, level in depth.items():
                if not level:
                    outside[wrapper].append(text)

        for token in children:
            kind_of = token.type
            if kind_of == "code_inline":
                emit(token.content)
            elif kind_of in ("text", "text_special"):
                content = token.content.replace("`", "")
                if kind_of == "text":
                    content = _STRAY_EMPHASIS.sub("", content)
                emit(content)
            elif kind_of in ("softbreak", "hardbreak"):
                emit(" ")
            elif kind_of in ("em_open", "strong_open"):
                depth[kind_of[:-5]] += 1
            elif kind_of in ("em_close", "strong_close"):
                depth[kind_of[:-6]] = max(0, depth[kind_of[:-6]] - 1)
            elif kind_of == "link_open":
                depth["link"] += 1
            elif kind_of == "link_close":
                depth["link"] = max(0, depth["link"] - 1)
            elif kind_of == "s_open":
                skip_depth += 1
            elif kind_of == "s_close":
                skip_depth = max(0, skip_depth - 1)
            elif kind_of == "html_inline":
                self.count_sentinels(token.content)
                tag = _html_tag(token.content)
                if tag is None:
                    continue
                name, closing, self_closing = tag
                if name in _SKIPPED_TAGS and not self_closing:
                    skip_depth = max(0, skip_depth + (-1 if closing else 1))
                elif name == "sup" and not skip_depth:
                    if not closing:
                        sup_marks.append(len(pieces))
                    elif sup_marks:
                        mark = sup_marks.pop()
                        if _FOOTNOTE_LIKE.match("".join(pieces[mark:])):
                            del pieces[mark:]
                if name in _BREAKING_TAGS:
                    emit(" ")
            # image, footnote_ref and anything else: nothing visible in plain text.

        text = _normalize("".join(pieces))
        letters = bool(_HAS_LETTER.search(text))

        def wrapped(wrapper: str) -> bool:
            return letters and not _HAS_LETTER.search("".join(outside[wrapper]))

        return Block(
            kind=kind,
            text=text,
            aside=(started_in_aside or touched_aside) and not self.keep_asides,
            italic=wrapped("em"),
            bold=wrapped("strong"),
            link_only=wrapped("link"),
        )


class _HtmlBlockText(HTMLParser):
    """Splits an HTML block into plain-text blocks: one per paragraph-like element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[BlockKind, str]] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.containers: list[BlockKind] = []
        self.sup_marks: list[int] = []
        self.paragraph_depth = 0

    def flush(self) -> None:
        text = "".join(self.current)
        self.current = []
        if text.strip():
            # Only <p> text is prose; text loose in a <div> or <figure> is furniture.
            kind: BlockKind = "paragraph" if self.paragraph_depth else "html"
            if self.containers:
                kind = self.containers[-1]
            self.blocks.append((kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            if tag not in _VOID_TAGS:
                self.skip_depth += 1
            return
        if tag == "sup":
            self.sup_marks.append(len(self.current))
        if tag == "p":
            self.flush()
            self.paragraph_depth += 1
            return
        if tag in _HTML_CONTAINERS:
            self.flush()
            self.containers.append(_HTML_CONTAINERS[tag])
        elif tag in _BREAKING_TAGS:
            if tag in ("br", "img"):
                self.current.append(" ")
            else:
                self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKING_TAGS:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "sup" and self.sup_marks:
            mark = self.sup_marks.pop()
            if _FOOTNOTE_LIKE.match("".join(self.current[mark:])):
                del self.current[mark:]
        if tag == "p":
            self.flush()
            self.paragraph_depth = max(0, self.paragraph_depth - 1)
            return
        if tag in _HTML_CONTAINERS:
            self.flush()
            if self.containers:
                self.containers.pop()
        elif tag in _BREAKING_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.current.append(data)


def _html_blocks(content: str, walker: _Walker) -> Iterator[Block]:
    aside_at_start = walker.aside_depth > 0
    walker.count_sentinels(content)
    parser = _HtmlBlockText()
    parser.feed(content)
    parser.close()
    parser.flush()
    for kind, raw in parser.blocks:
        text = _normalize(html.unescape(raw))
        if text:
            aside = (aside_at_start or ASIDE_OPEN in content) and not walker.keep_asides
            yield Block(kind=kind, text=text, aside=aside)


_CONTAINER_KINDS: dict[str, BlockKind] = {
    "blockquote_open": "quote",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "table_open": "table",
    "footnote_block_open": "footnote",
}
_CONTAINER_CLOSERS = {name.replace("_open", "_close") for name in _CONTAINER_KINDS}


def markdown_blocks(
    markdown: str, *, keep_asides: bool = True, stop_at_more: bool = False
) -> tuple[list[Block], bool]:
    """Parse Markdown into plain-text blocks in document order.

    Returns the blocks and whether a ``<!--more-->`` marker was met (with ``stop_at_more``
    the blocks end there). With ``keep_asides=False`` the text inside paired shortcodes is
    dropped and the blocks that held it are flagged as asides.
    """
    tokens = _parser().parse(strip_templates(markdown))
    walker = _Walker(keep_asides)
    blocks: list[Block] = []
    containers: list[BlockKind] = []
    heading = False
    for token in tokens:
        kind_of = token.type
        if kind_of in _CONTAINER_KINDS:
            containers.append(_CONTAINER_KINDS[kind_of])
        elif kind_of in _CONTAINER_CLOSERS:
            if containers:
                containers.pop()
        elif kind_of == "heading_open":
            heading = True
        elif kind_of == "heading_close":
            heading = False
        elif kind_of == "inline":
            children = token.children or []
            more_at = _more_marker_index(children) if stop_at_more else None
            if more_at is not None:
                children = children[:more_at]
            block_kind: BlockKind = (
                "heading" if heading else containers[-1] if containers else "paragraph"
            )
            block = walker.inline(children, block_kind)
            if block.text:
                blocks.append(block)
            elif children:
                # An image or an embed on its own: no text, but the lead knows a block was there.
                blocks.append(Block(kind="skipped", text=""))
            if more_at is not None:
                return blocks, True
        elif kind_of in ("fence", "code_block"):
            walker.count_sentinels(token.content)
            blocks.append(Block(kind="code", text=""))
        elif kind_of == "html_block":
            content = token.content
            if stop_at_more:
                marker = _MORE_MARKER.search(content)
                if marker is not None:
                    blocks.extend(_html_blocks(content[: marker.start()], walker))
                    return blocks, True
            for block in _html_blocks(content, walker):
                if containers:
                    block = Block(kind=containers[-1], text=block.text, aside=block.aside)
                blocks.append(block)
    return blocks, False


def _more_marker_index(children: Sequence[Token]) -> int | None:
    for position, child in enumerate(children):
        if child.type == "html_inline" and _MORE_MARKER.search(child.content):
            return position
    return None


@lru_cache(maxsize=256)
def to_plain_text(markdown: str) -> str:
    """All the prose of a Markdown string as one line of plain text (code is left out).

    Used for front-matter strings such as a dek, which may hold Markdown or HTML.
    """
    blocks, _ = markdown_blocks(markdown, keep_asides=True)
    return _normalize(" ".join(block.text for block in blocks if block.kind != "footnote"))


def strip_dateline(paragraph: str) -> str:
    """Drop a leading dateline such as ``WASHINGTON (AP) —`` from a paragraph."""
    match = _DATELINE.match(paragraph)
    if match is None or not _HAS_LETTER.search(paragraph[match.end() :]):
        return paragraph
    return paragraph[match.end() :]


# MDX module lines ("import X from './x.astro'", "export const meta = ...") at the start of
# a paragraph: code, not prose.
_MDX_ESM = re.compile(r"""^(?:(?:import|export)\s[^"'`;]*?(?:from\s*)?["'][^"'\s]+["']\s*;?\s*)+""")


def _is_lead_prose(block: Block) -> bool:
    if block.kind != "paragraph" or block.aside or block.italic or block.link_only:
        return False
    if not _HAS_LETTER.search(block.text):
        return False
    # A bold-only paragraph is a label or run-in subhead ("**Learn more:**", "**What's new?**"),
    # unless it is as long as a real lead or is a statement: a bold standfirst.
    if block.bold and len(block.text) < 120 and not _is_statement(block.text):
        return False
    if _PROMO.match(block.text):
        return False
    return not _is_byline(block.text)


_STATEMENT_END = re.compile(r"[.!…][”’\"')\]]*$")


def _is_statement(text: str) -> bool:
    """A whole sentence or more: several words that end as a statement ends (not a question)."""
    return len(text.split()) >= 6 and bool(_STATEMENT_END.search(text))


def _is_byline(text: str) -> bool:
    """ "By Jane Doe and John Roe, Associated Press", but not "By Tuesday, the storm had passed"."""
    match = _BYLINE_START.match(text)
    if match is None or len(text) > 100:
        return False
    for word in text[match.end() :].replace(",", " ").split():
        if word.lower() not in _BYLINE_CONNECTORS and not word[0].isupper():
            return False
    return True


# A teaser needs the lead's first sentences: the body is parsed up to a paragraph break after
# each of these many characters in turn (reference definitions kept), and whole only when the
# reader of the lead asks for more paragraphs than these heads give.
LEAD_HEADS = (600, 2000, 6000)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:")
# A definition whose destination is on the next line, and a title on a line of its own.
_OPEN_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*$")
_TITLE_LINE = re.compile(r"""^\s*(?:"[^"]*"|'[^']*'|\([^()]*\))\s*$""")


def _head(body: str, size: int) -> str | None:
    """The body up to the first paragraph break after ``size`` characters outside code,
    with the rest's reference and footnote definitions; None when that is the whole body."""
    if len(body) <= size:
        return None
    fence = ""
    position = 0
    for line in body.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = ""
        position += len(line)
        if position >= size and not fence and not line.strip():
            rest = body[position:]
            if not rest.strip():
                return None
            return body[:position] + "\n" + "".join(_definitions(rest))
    return None


def _definitions(text: str) -> list[str]:
    """The lines of ``text``'s link reference definitions, with a destination or title that
    CommonMark lets stand on the line after the label."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    for index, line in enumerate(lines):
        if not _DEFINITION.match(line):
            continue
        kept.append(line)
        following = index + 1
        if _OPEN_DEFINITION.match(line) and following < len(lines) and lines[following].strip():
            kept.append(lines[following])
            following += 1
        if following < len(lines) and _TITLE_LINE.match(lines[following]):
            kept.append(lines[following])
    return kept


def lead_paragraphs(body: str, *, strip_datelines: bool = False, title: str = "") -> list[str]:
    """The body's lead: its prose paragraphs in order, as plain text.

    Skips headings, images, code, HTML other than paragraphs, block quotes, lists, tables,
    footnotes, paired-shortcode asides, italic editor's notes, link-only lines, bylines and
    promo lines, and the words that only lead in to what was skipped (see ``_prose``).
    ``title`` decides whether an opening quotation is the story's point.
    """
    return list(iter_lead(body, strip_datelines=strip_datelines, title=title))


@lru_cache(maxsize=64)
def iter_lead(body: str, *, strip_datelines: bool = False, title: str = "") -> Lead:
    """The lead paragraphs of ``lead_paragraphs``, parsed only as far as they are read.

    A teaser stops reading once its budget is full: only the start of the body is parsed
    and cleaned then. The result is shared by every target of the article.
    """
    return Lead(body, strip_datelines, title)


class Lead:
    """The lead paragraphs of one body, produced as they are read and kept for the next reader.

    The body is parsed a head at a time (``LEAD_HEADS``): a head ends at a paragraph break,
    so its paragraphs are the first paragraphs of the whole body, and a longer head is only
    parsed when a reader asks for more than a shorter one gave.
    """

    def __init__(self, body: str, strip_datelines: bool, title: str) -> None:
        self._read: list[str] = []
        self._pending: Iterator[str] | None = self._produce(body, strip_datelines, title)

    @staticmethod
    def _produce(body: str, strip_datelines: bool, title: str) -> Iterator[str]:
        given = 0
        for size in LEAD_HEADS:
            head = _head(body, size)
            if head is None:
                break
            blocks, _ = markdown_blocks(head, keep_asides=False)
            prose = _prose(blocks, strip_datelines, title, complete=False)
            for index, paragraph in enumerate(prose):
                if index >= given:
                    given += 1
                    yield paragraph
        blocks, _ = markdown_blocks(body, keep_asides=False)
        for index, paragraph in enumerate(_prose(blocks, strip_datelines, title)):
            if index >= given:
                yield paragraph

    def __iter__(self) -> Iterator[str]:
        index = 0
        while True:
            if index < len(self._read):
                yield self._read[index]
                index += 1
                continue
            if self._pending is None:
                return
            try:
                self._read.append(next(self._pending))
            except StopIteration:
                self._pending = None


def _prose(
    blocks: Sequence[Block], strip_datelines: bool, title: str | None = "", *, complete: bool = True
) -> Iterator[str]:
    """The lead prose of ``blocks``, without the words that frame what the lead skips.

    - a closing sentence that ends with a colon and introduces a skipped block (an image, a
      list, code, a quote) goes with the block;
    - a short paragraph right after a skipped block quote that only talks about the quote
      ("This quote from ... is one of my favourites.") goes with the quote;
    - a first paragraph that is one quotation is kept only when it shares the title's words
      (not judged when ``title`` is None: the writer marked the summary).

    With ``complete=False`` the blocks are the start of a longer body, cut at a paragraph
    break: a last paragraph that ends with a colon is left out, as what it introduces is
    not known.
    """
    first = True
    for index, block in enumerate(blocks):
        if not _is_lead_prose(block):
            continue
        text = block.text
        if text.startswith(("import ", "export ")):
            text = _MDX_ESM.sub("", text)
            if not _HAS_LETTER.search(text):
                continue
        previous = blocks[index - 1] if index else None
        if previous is not None and previous.kind == "quote" and _frames_quote(text):
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is None and not complete and text.endswith(":"):
            break  # the start of a longer body: what this leads in to is not known yet
        if text.endswith(":") and (following is None or not _is_lead_prose(following)):
            text = _without_last_sentence(text)
            if not text:
                continue
        opening_quote = title is not None and first and _is_quotation(text)
        if opening_quote and not _shares_words(text, title or ""):
            continue
        if strip_datelines and first:
            text = strip_dateline(text)
        first = False
        yield text


_QUOTE_FRAME = re.compile(
    r"\b(?:quotes?|quotation|quoted|passage|excerpt)\b|\b(?:these|those|his|her|their) words\b",
    re.IGNORECASE,
)
# A paragraph that is one quotation, perhaps with a short attribution after a dash.
_QUOTATION = re.compile(r"^[“\"‘][^“”\"]+[”\"’][.!?…]?(?:\s*[—–-]+\s*[^.!?]{1,80})?$")
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")
_COMMON_WORDS = _word_set(
    "this that with from have what will your they them their there about which when were "
    "been more into than then also just like over some only other these those would could "
    "should here where while after before being does doing each most much very such"
)


def _frames_quote(text: str) -> bool:
    """A short paragraph that talks about the quotation before it."""
    return len(text) <= 240 and bool(_QUOTE_FRAME.search(text))


def _is_quotation(text: str) -> bool:
    return bool(_QUOTATION.match(text))


def _shares_words(text: str, title: str) -> bool:
    """Whether ``text`` shares at least two of the title's words (or its only one)."""
    wanted = {w.lower() for w in _TITLE_WORD.findall(title)} - _COMMON_WORDS
    if not wanted:
        return False
    found = {w.lower() for w in _TITLE_WORD.findall(text)} & wanted
    return len(found) >= min(2, len(wanted))


def _without_last_sentence(text: str) -> str:
    """``text`` without its last sentence (the one that leads in to a skipped block)."""
    from newsroom_cli.teaser.sentences import default_splitter

    sentences = default_splitter().split(text)
    return " ".join(sentences[:-1])


def text_before_more(body: str, *, strip_datelines: bool = False) -> str | None:
    """The prose before a ``<!--more-->`` marker, or None when there is no marker or no prose.

    The whole body is parsed first, so reference links and footnotes resolve before the cut.
    """
    if not _MORE_MARKER.search(body):
        return None
    blocks, found = markdown_blocks(body, keep_asides=False, stop_at_more=True)
    if not found:
        return None
    text = " ".join(_prose([*blocks, Block(kind="skipped", text="")], strip_datelines, None))
    return text or None
