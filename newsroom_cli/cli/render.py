"""Rich renderables for the terminal: article previews, teaser cards and round-ups.

Nothing here prints. Every function returns a renderable that decides at render time,
from the console it is printed on, whether links are clickable (OSC 8 hyperlinks on a
terminal that shows escape codes) or plain text with the address kept after the link
text, as output that is piped or uncoloured needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from rich.theme import Theme

from newsroom_cli.controls import strip_controls
from newsroom_cli.preview import FOOTNOTE_TOKEN, SHORTCODE_TOKEN, ArticleFacts, body_tokens

if TYPE_CHECKING:
    from newsroom_cli.listing import InventoryRow
    from newsroom_cli.roundup.assemble import RoundupIssue, RoundupItem
    from newsroom_cli.teaser import Teaser
    from newsroom_cli.templatetags import TagContext

STATUS_STYLES = {
    "draft": "bold yellow",
    "review": "bold magenta",
    "ready": "bold cyan",
    "published": "bold green",
}
UNKNOWN_STATUS_STYLE = "bold red"
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}

_BODY_THEME = Theme(
    {
        f"markdown.{SHORTCODE_TOKEN}": "dim",
        f"markdown.{FOOTNOTE_TOKEN}": "dim",
    }
)


def status_style(status: str | None) -> str:
    """The colour of a workflow status; unknown statuses stand out in red."""
    return STATUS_STYLES.get(status or "", UNKNOWN_STATUS_STYLE)


def links_clickable(console: Console) -> bool:
    """Whether ``console`` shows OSC 8 hyperlinks (a terminal that gets escape codes)."""
    return bool(
        console.is_terminal and console.color_system is not None and not console.is_dumb_terminal
    )


class _Adaptive:
    """A renderable built at render time, once it is known whether links are clickable."""

    def __init__(self, build: Callable[[bool], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _trimmed_lines(console, self.build(links_clickable(console)), options)


def link_text(text: str, url: str, clickable: bool, style: str | Style = "") -> Text:
    """``text`` linked to ``url``: a hyperlink when clickable, else ``text (url)``."""
    if not url:
        return Text(text, style=style)
    if clickable:
        return Text(text, style=Style.parse(str(style) or "none") + Style(link=url))
    if text == url:
        return Text(text, style=style)
    return Text.assemble((text, style), " (", (url, "dim"), ")")


# --- an article -----------------------------------------------------------------------


def article_header(facts: ArticleFacts) -> RenderableType:
    """The panel above the body: kicker, headline, dek, byline, date, section, status, tags."""
    lines: list[RenderableType] = []
    if facts.kicker:
        lines.append(Text(facts.kicker, style="bold cyan"))
    lines.append(Text(facts.headline, style="bold"))
    if facts.dek:
        lines.append(Text(facts.dek, style="italic"))
    meta = Text()
    if facts.byline:
        meta.append(facts.byline, style="bold")
    if facts.date:
        if meta:
            meta.append(" · ")
        meta.append(facts.date)
    if facts.updated:
        meta.append(f" (updated {facts.updated})", style="dim")
    if meta:
        lines.append(Text(""))
        lines.append(meta)
    labels = Text()
    labels.append(facts.section or "(no section)", style="bold")
    labels.append(" · ")
    labels.append(facts.status or "(no status)", style=status_style(facts.status))
    if facts.tags:
        labels.append(" · ")
        labels.append(" ".join(f"#{tag}" for tag in facts.tags), style="blue")
    lines.append(labels)
    if facts.translations:
        versions = Text(f"In {facts.language}; also in: ", style="dim")
        versions.append(", ".join(f"{lang} ({path})" for lang, path in facts.translations))
        lines.append(versions)
    if facts.image_alt or facts.image_credit or facts.image_caption:
        image = Text("Image: ", style="dim")
        image.append(facts.image_alt or "(no alt text)", style="" if facts.image_alt else "red")
        if facts.image_credit:
            image.append(f" (credit: {facts.image_credit})", style="dim")
        lines.append(image)
        if facts.image_caption:
            lines.append(Text(f"Caption: {facts.image_caption}", style="dim"))
    return Panel(Group(*lines), expand=True, padding=(0, 1))


def _trimmed_lines(
    console: Console, renderable: RenderableType, options: ConsoleOptions
) -> RenderResult:
    """Render line by line, without the padding Rich adds after the text of each line."""
    new_line = Segment.line()
    for line in console.render_lines(renderable, options, pad=False, new_lines=True):
        yield from _without_trailing_blanks(line[:-1] if line and line[-1] == new_line else line)
        yield new_line


class _ArticleBody:
    """The body through Rich's Markdown, from rewritten tokens, with our placeholder styles."""

    def __init__(self, body: str, tags: TagContext | None) -> None:
        self.body = body
        self.tags = tags

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        clickable = links_clickable(console)
        markdown = _markdown_class()("", hyperlinks=clickable)
        markdown.parsed = body_tokens(self.body, hyperlinks=clickable, context=self.tags)
        with console.use_theme(_BODY_THEME):
            lines = list(_trimmed_lines(console, markdown, options))
        yield from lines


def _without_trailing_blanks(line: list[Segment]) -> list[Segment]:
    """Drop the padding Rich adds after the text, so piped lines do not end in spaces."""
    line = list(line)
    while line:
        last = line[-1]
        if last.control or (last.style is not None and last.style.bgcolor is not None):
            break
        stripped = last.text.rstrip(" ")
        if stripped:
            line[-1] = Segment(stripped, last.style, last.control)
            break
        line.pop()
    return line


@lru_cache(maxsize=1)
def _markdown_class() -> Any:
    from rich.markdown import Markdown

    class ArticleMarkdown(Markdown):
        """Rich's Markdown plus the placeholder tokens of :func:`body_tokens`."""

        inlines = Markdown.inlines | {SHORTCODE_TOKEN, FOOTNOTE_TOKEN}

    return ArticleMarkdown


def article_body(body: str, tags: TagContext | None = None) -> RenderableType:
    """The article's Markdown body (never its front matter) as the terminal shows it;
    ``tags`` resolves template tags (front-matter values, link targets)."""
    return _ArticleBody(body, tags)


def article_footer(facts: ArticleFacts) -> RenderableType:
    """Word count, reading time and the problems ``validate`` finds, with codes and lines."""
    summary = Text()
    summary.append(f"{facts.words:,} word{'s' if facts.words != 1 else ''}", style="bold")
    summary.append(f" · {facts.reading_minutes} min read")
    errors = sum(1 for p in facts.problems if p.severity == "error")
    others = len(facts.problems) - errors
    if not facts.problems:
        summary.append(" · no problems", style="green")
    else:
        parts = []
        if errors:
            parts.append(f"{errors} error{'s' if errors != 1 else ''}")
        if others:
            parts.append(f"{others} warning{'s' if others != 1 else ''}")
        summary.append(" · " + ", ".join(parts), style="bold red" if errors else "yellow")
    lines: list[RenderableType] = [Rule(style="dim"), summary]
    for problem in facts.problems:
        line = Text("  ")
        line.append(f"{problem.line}:{problem.column}".ljust(7), style="dim")
        line.append(problem.code.ljust(7), style=SEVERITY_STYLES.get(problem.severity, ""))
        line.append(problem.severity.ljust(8), style=SEVERITY_STYLES.get(problem.severity, ""))
        line.append(problem.message)
        lines.append(line)
    return Group(*lines)


def render_article(
    facts: ArticleFacts, body: str, tags: TagContext | None = None
) -> RenderableType:
    """The whole preview of one article: header panel, body and footer."""
    return Group(
        article_header(facts), Text(""), article_body(body, tags), Text(""), article_footer(facts)
    )


# --- teasers and the round-up ---------------------------------------------------------


def render_teasers(teasers: Sequence[Teaser]) -> RenderableType:
    """One card per target: the text, its length against the budget and where it came from."""
    cards: list[RenderableType] = []
    for teaser in teasers:
        over = teaser.length > teaser.limit
        measure = Text()
        measure.append(
            f"{teaser.length}/{teaser.limit} {teaser.unit}", style="bold red" if over else "green"
        )
        measure.append(f" · from {teaser.source}", style="dim")
        if teaser.truncated:
            measure.append(" · cut to fit", style="yellow")
        cards.append(
            Panel(
                Text(teaser.text or "(empty)", style="" if teaser.text else "dim"),
                title=Text(teaser.target, style="bold"),
                title_align="left",
                subtitle=measure,
                subtitle_align="right",
                padding=(0, 1),
            )
        )
    return Group(*cards)


def _item(item: RoundupItem, clickable: bool) -> RenderableType:
    lines: list[RenderableType] = []
    if item.column:
        lines.append(Text(item.column, style="bold cyan"))
    lines.append(link_text(item.title or "(no headline)", item.url, clickable, "bold"))
    parts = [item.byline] if item.byline else []
    # An article without a readable date gets the earliest datetime from the assembler.
    if item.date.year > 1:
        parts.append(f"{item.date:%a} {item.date.day} {item.date:%b %Y}")
    if item.featured:
        parts.append("featured")
    if parts:
        lines.append(Text(" · ".join(parts), style="dim"))
    if item.teaser:
        lines.append(Text(item.teaser))
    if item.image is not None:
        image = Text("Image: ", style="dim")
        image.append_text(link_text(item.image.alt or "(no alt text)", item.image.src, clickable))
        if item.image.credit:
            image.append(f" (credit: {item.image.credit})", style="dim")
        lines.append(image)
    return Group(*lines)


def render_as_newsletter(item: RoundupItem, section_label: str = "") -> RenderableType:
    """How one article will look as an item of the round-up."""

    def build(clickable: bool) -> RenderableType:
        title = Text(section_label, style="bold") if section_label else None
        return Panel(_item(item, clickable), title=title, title_align="left", padding=(0, 1))

    return _Adaptive(build)


def render_roundup(issue: RoundupIssue) -> RenderableType:
    """The assembled round-up: header, intro, sections with their items, footer."""

    def build(clickable: bool) -> RenderableType:
        parts: list[RenderableType] = []
        header = Text.assemble(
            (issue.publication, "bold"),
            " · ",
            (issue.name, "bold cyan"),
            f" No. {issue.issue}\n",
            (issue.date_range, ""),
            " · ",
            (issue.window.label, "dim"),
        )
        if issue.subject:
            header.append(f"\nSubject: {issue.subject}", style="dim")
        if issue.preheader:
            header.append(f"\n{issue.preheader}", style="italic")
        parts.append(Panel(header, padding=(0, 1)))
        if issue.intro:
            parts.append(Padding(article_body(issue.intro), (1, 0, 0, 0)))
        for section in issue.sections:
            parts.append(Rule(Text(section.label, style="bold"), align="left"))
            for index, item in enumerate(section.items):
                if index:
                    parts.append(Text(""))
                parts.append(Padding(_item(item, clickable), (0, 0, 0, 2)))
            if section.more:
                more = f"{section.more} more on the site"
                line = link_text(more, section.more_url or "", clickable, "italic")
                parts.append(Padding(line, (1, 0, 0, 2)))
        if issue.footer:
            parts.append(Rule(style="dim"))
            parts.append(Text(issue.footer, style="dim"))
        return Group(*parts)

    return _Adaptive(build)


# --- the inventory table --------------------------------------------------------------

INVENTORY_HEADERS = ("DATE", "SECTION", "STATUS", "HEADLINE", "AUTHORS", "WORDS", "PROBLEMS")
# The columns `list` shows by default, and the order they give way in when the terminal
# is narrow: the headline keeps at least HEADLINE_ROOM columns (or all it needs).
DEFAULT_COLUMNS = ("date", "section", "status", "title", "authors", "words", "problems")
GIVE_WAY = ("authors", "words", "section")
HEADLINE_ROOM = 50


class _Column(NamedTuple):
    header: str
    cap: int  # 0: takes what is left
    right: bool = False
    left_cut: bool = False  # cut at the start (paths): the end says the most


# Every field of an inventory row can be a column (``list --columns``).
COLUMNS: dict[str, _Column] = {
    "path": _Column("PATH", 0, left_cut=True),
    "date": _Column("DATE", 10),
    "updated": _Column("UPDATED", 10),
    "section": _Column("SECTION", 12),
    "status": _Column("STATUS", 9),
    "title": _Column("HEADLINE", 0),
    "dek": _Column("DEK", 0),
    "slug": _Column("SLUG", 32),
    "column": _Column("COLUMN", 16),
    "authors": _Column("AUTHORS", 20),
    "tags": _Column("TAGS", 24),
    "featured": _Column("FEATURED", 8),
    "words": _Column("WORDS", 7, right=True),
    "reading_minutes": _Column("MIN", 4, right=True),
    "errors": _Column("ERRORS", 6, right=True),
    "warnings": _Column("WARNINGS", 8, right=True),
    "problems": _Column("PROBLEMS", 8, right=True),
}


def _authors_cell(names: list[str]) -> str:
    if len(names) <= 1:
        return names[0] if names else ""
    return f"{names[0]} +{len(names) - 1}"


def _cell(row: InventoryRow, key: str, name: Callable[[str], str]) -> str:
    if key == "title":
        title = strip_controls(row.title or row.path)
        if row.translations:
            title += f" [{row.language}; also {', '.join(row.translations)}]"
        return title
    if key in ("translations", "sources"):
        value = getattr(row, key)
        items = value.items() if key == "sources" else ((v, None) for v in value)
        return strip_controls(", ".join(k if v is None else f"{k}={v}" for k, v in items))
    if key == "authors":
        return strip_controls(_authors_cell([name(author) for author in row.authors]))
    if key == "tags":
        return strip_controls(", ".join(row.tags))
    if key in ("date", "updated"):
        return (getattr(row, key) or "")[:10]
    if key == "featured":
        return "yes" if row.featured else ""
    if key == "words":
        return f"{row.words:,}"
    value = getattr(row, key)
    if value is None:
        return "-" if key in ("errors", "warnings", "problems") else ""
    return strip_controls(str(value))


def _tail_cells(text: str, size: int) -> str:
    """The end of ``text`` that fits in ``size`` cells, whole characters with their marks.

    Walks back from the end instead of cutting the reversed text, which would split a letter
    from its combining marks; a mark left without its letter at the start is dropped.
    """
    from rich.cells import cell_len

    start, used = len(text), 0
    while start > 0:
        width = cell_len(text[start - 1])
        if used + width > size:
            break
        used += width
        start -= 1
    while start < len(text) and cell_len(text[start]) == 0:
        start += 1
    tail = text[start:]
    return " " * (size - cell_len(tail)) + tail


def inventory_lines(
    rows: Sequence[InventoryRow],
    *,
    author_name: Callable[[str], str],
    width: int,
    color_system: str | None = None,
    columns: Sequence[str] | None = None,
) -> list[str]:
    """The ``list`` table as lines of text, coloured when ``color_system`` is given.

    ``columns``: keys of :data:`COLUMNS`; by default :data:`DEFAULT_COLUMNS`, of which
    authors, words and section give way (in that order) when the headline would get fewer
    than :data:`HEADLINE_ROOM` columns. Rich's Table measures every cell of every row,
    which takes seconds for an archive of 10,000 articles; this fixed layout gives the
    headline and the dek whatever width is left.
    """
    from rich.cells import cell_len, set_cell_size
    from rich.color import ColorSystem

    systems = {
        "standard": ColorSystem.STANDARD,
        "256": ColorSystem.EIGHT_BIT,
        "truecolor": ColorSystem.TRUECOLOR,
        "windows": ColorSystem.WINDOWS,
    }
    system = systems.get(color_system or "")
    styles: dict[str, Style] = {}

    def paint(text: str, style: str) -> str:
        if system is None or not style:
            return text
        if style not in styles:
            styles[style] = Style.parse(style)
        return styles[style].render(text, color_system=system)

    names: dict[str, str] = {}

    def name(key: str) -> str:
        if key not in names:
            names[key] = author_name(key)
        return names[key]

    keys = list(columns or DEFAULT_COLUMNS)
    cells_of = {key: [_cell(row, key, name) for row in rows] for key in keys}
    gap = 1

    naturals: dict[str, int] = {}

    def natural(key: str) -> int:
        # Measured once per column: layout() asks again each time a column gives way.
        if key not in naturals:
            longest = max(
                (len(cell) if cell.isascii() else cell_len(cell) for cell in cells_of[key]),
                default=0,
            )
            naturals[key] = max(len(COLUMNS[key].header), longest)
        return naturals[key]

    def fixed_width(key: str) -> int:
        return min(natural(key), max(COLUMNS[key].cap, len(COLUMNS[key].header)))

    def layout(keys: list[str]) -> dict[str, int]:
        widths = {k: fixed_width(k) for k in keys if COLUMNS[k].cap and k != "authors"}
        rest = width - sum(widths.values()) - gap * (len(keys) - 1)
        flexible = [k for k in keys if not COLUMNS[k].cap]
        if "authors" in keys:
            # The headline matters most: authors get at most a third of what is left.
            authors = fixed_width("authors")
            widths["authors"] = max(len("AUTHORS"), min(authors, rest // 3))
            rest -= widths["authors"]
        for index, key in enumerate(flexible):
            share = rest // (len(flexible) - index)
            widths[key] = max(16, min(natural(key), share))
            rest -= widths[key]
        if "authors" in keys and rest > 0:
            widths["authors"] = min(fixed_width("authors"), widths["authors"] + rest)
        return widths

    widths = layout(keys)
    if columns is None and "title" in keys:
        wanted = min(natural("title"), HEADLINE_ROOM)
        for key in GIVE_WAY:
            if widths["title"] >= wanted:
                break
            keys.remove(key)
            widths = layout(keys)

    def fit(text: str, size: int, column: _Column) -> str:
        if text.isascii():
            if len(text) <= size:
                return text.rjust(size) if column.right else text.ljust(size)
            length = len(text)
        else:
            length = cell_len(text)
        if length > size:
            if column.left_cut:
                return "…" + _tail_cells(text, size - 1)
            return set_cell_size(text, size - 1) + "…"
        padding = " " * (size - length)
        return padding + text if column.right else text + padding

    join = " " * gap
    header = join.join(fit(COLUMNS[k].header, widths[k], COLUMNS[k]) for k in keys)
    lines = [header.rstrip()]
    if system is not None:
        lines[0] = paint(lines[0], "bold")
    for index, row in enumerate(rows):
        parts = []
        for key in keys:
            part = fit(cells_of[key][index], widths[key], COLUMNS[key])
            if key == "status" and row.status:
                part = paint(part, status_style(row.status))
            elif key == "problems" and row.problems:
                part = paint(part, "bold red" if row.errors else "yellow")
            parts.append(part)
        lines.append(join.join(parts).rstrip())
    return lines
