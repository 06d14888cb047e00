"""The pre-send check: what would make an issue unlawful, unsendable or broken in an inbox.

Every build runs it and reports its findings on stderr; ``roundup --check`` runs it alone
and exits 1 when there is an error. Findings read like ``validate``'s:
``where: CODE severity message (hint)``.

| code  | severity | finding                                                        |
|-------|----------|----------------------------------------------------------------|
| NL001 | error    | no unsubscribe link in the body                                |
| NL002 | warning  | List-Unsubscribe without an https URL (no one-click, RFC 8058) |
| NL003 | error    | no sender, or a sender that cannot be written                  |
| NL004 | warning  | an empty preheader, or a static one repeated every issue       |
| NL005 | error    | the HTML part as sent is over Gmail's clipping size            |
| NL006 | warning  | an image without alt text or without a known size              |
| NL007 | warning  | a string that cannot wrap on a phone                           |
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsroom_cli.errors import NewsroomError

if TYPE_CHECKING:
    from newsroom_cli.config import Config
    from newsroom_cli.roundup.assemble import RoundupIssue

# Gmail shows "[Message clipped]" and hides the rest of a message whose HTML is larger
# than about 102 KB, counted on the part as it travels (after transfer encoding).
GMAIL_CLIP_BYTES = 102_000

# Longer than this many characters without a break opportunity, a string is wider than a
# 320 px phone's column at the body's font size.
UNBREAKABLE = 30

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"[\s\u200b\u00ad]+")
_PLACEHOLDER = re.compile(r"\{\w+\}")


@dataclass(frozen=True)
class Finding:
    """One problem of the pre-send check."""

    code: str
    severity: str
    message: str
    where: str = "newsroom.toml"
    hint: str | None = None

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.where}: {self.code} {self.severity} {self.message}{hint}"


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding is an error (the issue should not be sent)."""
    return any(f.severity == "error" for f in findings)


def check_issue(config: Config, issue: RoundupIssue, html: str | None = None) -> list[Finding]:
    """Check ``issue`` as it would be sent; ``html`` is its rendered HTML (rendered here
    when not given)."""
    from newsroom_cli.roundup.render import render_html, sent_size

    where = config.path.name if config.path is not None else "newsroom.toml"
    if html is None:
        html = render_html(config, issue).text
    findings: list[Finding] = []
    findings += _unsubscribe(config, issue, html, where)
    findings += _sender(config, issue, where)
    findings += _preheader(config, issue, where)
    size = sent_size(html)
    if size > GMAIL_CLIP_BYTES:
        findings.append(
            Finding(
                "NL005",
                "error",
                f"the HTML part is {size:,} bytes as sent, {size - GMAIL_CLIP_BYTES:,} over "
                f"Gmail's clipping size ({GMAIL_CLIP_BYTES:,}); Gmail hides the rest, "
                "unsubscribe link included",
                where=f"issue {issue.week}",
                hint="lower roundup.per_section or shorten the intro",
            )
        )
    findings += _images(config, issue, where)
    findings += _unbreakable(html, issue)
    return findings


def _unsubscribe(config: Config, issue: RoundupIssue, html: str, where: str) -> list[Finding]:
    from newsroom_cli.roundup.message import unsubscribe_targets

    found: list[Finding] = []
    url = issue.unsubscribe_url
    if not url:
        found.append(
            Finding(
                "NL001",
                "error",
                "no unsubscribe link in the body (CAN-SPAM, Gmail and Yahoo require one)",
                where=where,
                hint='set roundup.unsubscribe_url, e.g. "{{ unsubscribe_url }}" for Buttondown',
            )
        )
    elif html_lib.escape(url, quote=True) not in html and url not in html:
        found.append(
            Finding(
                "NL001",
                "error",
                "the HTML does not contain roundup.unsubscribe_url",
                where="templates/roundup/roundup.html",
                hint="your template override must show issue.unsubscribe_url",
            )
        )
    try:
        targets = unsubscribe_targets(config, url)
    except NewsroomError as exc:
        return [*found, Finding("NL002", "error", exc.message, where=where, hint=exc.hint)]
    if not any(t.startswith("https://") for t in targets):
        what = "only a mailto: address" if targets else "nothing"
        found.append(
            Finding(
                "NL002",
                "warning",
                f"List-Unsubscribe has {what}, so there is no one-click unsubscribe "
                "(RFC 8058, required by Gmail and Yahoo for bulk senders)",
                where=where,
                hint="set roundup.unsubscribe_url to an https URL, or let your e-mail "
                "service add the header",
            )
        )
    return found


def _sender(config: Config, issue: RoundupIssue, where: str) -> list[Finding]:
    from newsroom_cli.roundup.message import message_headers

    if not issue.sender.strip():
        return [
            Finding(
                "NL003",
                "error",
                "no sender: the message has no From",
                where=where,
                hint='set roundup.from, e.g. "The Ledger <newsletter@ledger.example>"',
            )
        ]
    try:
        message_headers(config, issue)
    except NewsroomError as exc:
        return [Finding("NL003", "error", exc.message, where=where, hint=exc.hint)]
    return []


def _preheader(config: Config, issue: RoundupIssue, where: str) -> list[Finding]:
    if not issue.preheader.strip():
        return [
            Finding(
                "NL004",
                "warning",
                "the preheader is empty; inboxes show the first words of the body instead",
                where=f"issue {issue.week}",
                hint="set preheader in the manifest",
            )
        ]
    configured = config.roundup.preheader
    if configured and not _PLACEHOLDER.search(configured) and issue.preheader == configured:
        return [
            Finding(
                "NL004",
                "warning",
                "the preheader is roundup.preheader, the same text every issue",
                where=where,
                hint="remove roundup.preheader to derive one from the top headlines, or "
                "write one in the manifest",
            )
        ]
    return []


def _images(config: Config, issue: RoundupIssue, where: str) -> list[Finding]:
    found: list[Finding] = []
    for item in issue.items:
        image = item.image
        if image is None:
            continue
        if not image.alt:
            found.append(
                Finding(
                    "NL006",
                    "warning",
                    "image without alt text; the headline stands in",
                    where=item.path,
                    hint="add image.alt to the front matter",
                )
            )
        if image.width is None or image.height is None:
            found.append(
                Finding(
                    "NL006",
                    "warning",
                    "image without width and height; Outlook shows it at its file's size "
                    "and the layout jumps while it loads",
                    where=item.path,
                    hint="add image.width and image.height (pixels) to the front matter",
                )
            )
    logo = config.roundup.logo
    if logo is not None and (logo.width is None or logo.height is None):
        found.append(
            Finding(
                "NL006",
                "warning",
                "roundup.logo has no width and height; Outlook shows it at its file's size",
                where=where,
                hint="set roundup.logo.width and roundup.logo.height in pixels",
            )
        )
    return found


def _unbreakable(html: str, issue: RoundupIssue) -> list[Finding]:
    head, _, body = html.partition("<body")
    body = body.partition(">")[2] if body else head
    # The hidden preheader is never laid out.
    body = re.sub(r"<div[^>]*display: ?none[^>]*>.*?</div>", "", body, flags=re.DOTALL)
    seen: set[str] = set()
    found: list[Finding] = []
    for chunk in _TAG.split(body):
        for word in _BREAK.split(html_lib.unescape(chunk)):
            if len(word) > UNBREAKABLE and word not in seen:
                seen.add(word)
                shown = word if len(word) <= 60 else word[:57] + "..."
                found.append(
                    Finding(
                        "NL007",
                        "warning",
                        f"{len(word)} characters without a break ({shown!r}) widen the "
                        "message on a phone",
                        where=f"issue {issue.week}",
                        hint="a template override should show article text with the 'soft' filter",
                    )
                )
    return found
