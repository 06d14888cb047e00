"""The archive's feeds: Atom (RFC 4287) and JSON Feed 1.1, from the archived issues.

Both are written deterministically from the issues alone (no clock): the same archive gives
the same bytes, an entry keeps its id and dates on every rebuild, and the feed's
``updated`` is its newest entry's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr

from newsroom_cli.dates import format_iso

if TYPE_CHECKING:
    from newsroom_cli.roundup.archive import ArchivedIssue

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class FeedInfo(NamedTuple):
    """What both feeds say about themselves."""

    title: str
    description: str
    home_url: str
    atom_url: str
    json_url: str
    author: str
    author_url: str
    language: str


def _xml_text(text: str) -> str:
    # Characters XML 1.0 cannot carry at all (C0 controls but tab and line breaks).
    cleaned = "".join(
        ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff")
    )
    return escape(cleaned)


def atom_feed(info: FeedInfo, issues: Sequence[ArchivedIssue]) -> bytes:
    """An Atom feed of ``issues`` (newest first): id, title, link, dates, summary and the
    issue's HTML as content for each."""
    updated = max((issue.date for issue in issues), default=None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(info.language)}>',
        f"  <id>{_xml_text(info.home_url)}</id>",
        f"  <title>{_xml_text(info.title)}</title>",
        f"  <subtitle>{_xml_text(info.description)}</subtitle>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(info.atom_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(info.home_url)}/>',
        f"  <updated>{format_iso(updated) if updated else '1970-01-01T00:00:00+00:00'}</updated>",
        "  <author>",
        f"    <name>{_xml_text(info.author)}</name>",
        f"    <uri>{_xml_text(info.author_url)}</uri>",
        "  </author>",
        "  <generator>newsroom</generator>",
    ]
    for issue in issues:
        when = format_iso(issue.date)
        lines += [
            "  <entry>",
            f"    <id>{_xml_text(issue.entry_id)}</id>",
            f"    <title>{_xml_text(issue.issue.subject or issue.issue.title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(issue.url)}/>',
            f"    <published>{when}</published>",
            f"    <updated>{when}</updated>",
            f"    <summary>{_xml_text(issue.summary)}</summary>",
            f'    <content type="html">{_xml_text(issue.page.body)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def json_feed(info: FeedInfo, issues: Sequence[ArchivedIssue]) -> bytes:
    """A JSON Feed 1.1 of ``issues`` (newest first)."""
    items: list[dict[str, Any]] = []
    for issue in issues:
        item: dict[str, Any] = {
            "id": issue.entry_id,
            "url": issue.url,
            "title": issue.issue.subject or issue.issue.title,
            "content_html": issue.page.body,
            "summary": issue.summary,
            "date_published": format_iso(issue.date),
            "date_modified": format_iso(issue.date),
        }
        if issue.image:
            item["image"] = issue.image
        items.append(item)
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.json_url,
        "description": info.description,
        "language": info.language,
        "authors": [{"name": info.author, "url": info.author_url}],
        "items": items,
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
