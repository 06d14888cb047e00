"""Rich renderables for the terminal: article previews, teaser cards and round-ups.

Nothing here prints. Every function returns a renderable that decides at render time,
from the console it is printed on, whether links are clickable (OSC 8 hyperlinks on a
terminal that shows escape codes) or plain text with the address kept after the link
text, as output that is piped or uncoloured needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

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
    from newsroom_cli.inventory import InventoryRow
    from newsroom_cli.roundup.assemble import RoundupIssue, RoundupItem
    from newsroom_cli.teaser import Teaser

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
        lines.append(Text(facts.kicker.upper(), style="bold cyan"))
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

    def __init__(self, body: str) -> None:
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        clickable = links_clickable(console)
        markdown = _markdown_class()("", hyperlinks=clickable)
        markdown.parsed = body_tokens(self.body, hyperlinks=clickable)
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


def article_body(body: str) -> RenderableType:
    """The article's Markdown body (never its front matter) as the terminal shows it."""
    return _ArticleBody(body)


def article_footer(facts: ArticleFacts) -> RenderableType:
    """Word count, reading time and the problems ``validate`` finds, with codes and lines."""
    summary = Text()
    summary.append(f"{facts.words:,} words", style="bold")
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


def render_article(facts: ArticleFacts, body: str) -> RenderableType:
    """The whole preview of one article: header panel, body and footer."""
    return Group(
        article_header(facts), Text(""), article_body(body), Text(""), article_footer(facts)
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
        lines.append(Text(item.column.upper(), style="bold cyan"))
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


def _authors_cell(names: list[str]) -> str:
    if len(names) <= 1:
        return names[0] if names else ""
    return f"{names[0]} +{len(names) - 1}"


def inventory_lines(
    rows: Sequence[InventoryRow],
    *,
    author_name: Callable[[str], str],
    width: int,
    color_system: str | None = None,
) -> list[str]:
    """The ``list`` table as lines of text, coloured when ``color_system`` is given.

    Rich's Table measures every cell of every row, which takes seconds for an archive of
    10,000 articles; this fixed layout gives the headline whatever width is left.
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

    table = [
        (
            (row.date or "")[:10],
            strip_controls(row.section or ""),
            strip_controls(row.status or ""),
            strip_controls(row.title or row.path)
            + (
                f" [{row.language}; also {', '.join(row.translations)}]" if row.translations else ""
            ),
            strip_controls(_authors_cell([name(key) for key in row.authors])),
            f"{row.words:,}",
            "-" if row.problems is None else str(row.problems),
        )
        for row in rows
    ]
    caps = (10, 12, 9, 0, 20, 7, 8)
    widths = [len(h) for h in INVENTORY_HEADERS]
    for cells in table:
        for i, cell in enumerate(cells):
            if i != 3:
                widths[i] = max(widths[i], min(cell_len(cell), caps[i]))
    gap = 1
    fixed = sum(w for i, w in enumerate(widths) if i not in (3, 4)) + gap * (len(widths) - 1)
    rest = width - fixed
    # The headline matters most: authors get at most a third of what is left.
    natural = max((cell_len(cells[3]) for cells in table), default=0)
    authors = widths[4]
    widths[4] = max(len(INVENTORY_HEADERS[4]), min(authors, rest // 3))
    widths[3] = max(16, min(natural, rest - widths[4]))
    widths[4] = max(widths[4], min(authors, rest - widths[3]))
    right = {5, 6}

    def fit(text: str, size: int, index: int) -> str:
        if text.isascii():
            if len(text) <= size:
                return text.rjust(size) if index in right else text.ljust(size)
            length = len(text)
        else:
            length = cell_len(text)
        if length > size:
            return set_cell_size(text, size - 1) + "…"
        padding = " " * (size - length)
        return padding + text if index in right else text + padding

    header = (" " * gap).join(fit(h, widths[i], i) for i, h in enumerate(INVENTORY_HEADERS))
    lines = [header.rstrip()]
    if system is not None:
        lines[0] = paint(lines[0], "bold")
    for row, cells in zip(rows, table, strict=True):
        parts = [fit(cell, widths[i], i) for i, cell in enumerate(cells)]
        parts[2] = paint(parts[2], status_style(row.status) if row.status else "")
        if row.problems:
            parts[6] = paint(parts[6], "bold red" if row.errors else "yellow")
        lines.append((" " * gap).join(parts).rstrip())
    return lines
