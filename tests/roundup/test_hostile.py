"""Hostile values from articles and editors: escaped, dropped or refused."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from roundup_support import copy_examples, write_article

from newsroom_cli.config import load_config
from newsroom_cli.errors import NewsroomError
from newsroom_cli.roundup.build import BuildOptions, build_from_window
from newsroom_cli.roundup.manifest import manifest_from_mapping
from newsroom_cli.roundup.render import render_issue
from newsroom_cli.roundup.window import week_window

HOSTILE = r"""
title: "<script>alert(1)</script> Council \"><img src=x onerror=alert(2)>"
dek: "\"><img src=x onerror=alert(3)> and <b>bold</b> [link](javascript:alert(4))"
slug: hostile
section: news
authors: ["<script>evil()</script>"]
date: 2026-11-18T10:00:00-05:00
status: published
column: "<style>body{display:none}</style>"
url: "javascript:alert(5)"
image:
  src: "javascript:alert(6)"
  alt: "\" onload=\"alert(7)"
"""

HOSTILE_IMAGE_ALT = r"""
title: An ordinary headline over a hostile image
slug: hostile-image
section: news
authors: [hannah-lee]
date: 2026-11-18T11:00:00-05:00
status: published
image:
  src: /media/x.jpg
  alt: "\" onerror=\"alert(8)"
  caption: "<iframe src=javascript:alert(9)></iframe>"
"""


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture
def hostile_issue(tmp_path: Path):  # type: ignore[no-untyped-def]
    root = copy_examples(tmp_path)
    write_article(root, "news/2026/11/hostile.md", HOSTILE)
    write_article(root, "news/2026/11/hostile-image.md", HOSTILE_IMAGE_ALT)
    config = load_config(root)
    window = week_window("2026-W47", config.publication.timezone)
    return config, build_from_window(config, window, BuildOptions(allow_invalid=True)).issue


def test_html_escapes_everything_from_articles(hostile_issue) -> None:  # type: ignore[no-untyped-def]
    config, issue = hostile_issue
    # Long words get zero-width spaces as break opportunities.
    html = render_issue(config, issue, "html").text.replace("\u200b", "")
    parser = Tags()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    assert "script" not in names and "iframe" not in names
    assert names.count("style") == 1  # the template's own, in <head>
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    assert images and all(attrs.get("alt") for attrs in images)
    hostile = next(i for i in issue.items if i.slug == "hostile")
    assert hostile.image is None  # a javascript: source is dropped
    assert (
        hostile.url
        == "https://harborledger.example/news/2026/11/hostile/?" + hostile.url.split("?", 1)[1]
    )
    other = next(i for i in issue.items if i.slug == "hostile-image")
    assert other.image is not None
    assert other.image.src == "https://harborledger.example/media/x.jpg"


def test_markdown_and_text_do_not_pass_markup_through(hostile_issue) -> None:  # type: ignore[no-untyped-def]
    config, issue = hostile_issue
    markdown = render_issue(config, issue, "md").text
    assert not re.search(r"(?<!\\)<(script|img|style)", markdown)
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert "](javascript:" not in markdown
    text = render_issue(config, issue, "txt").text
    assert "javascript:alert(5)" not in text


def test_eml_refuses_a_header_injection_in_the_subject(hostile_issue) -> None:  # type: ignore[no-untyped-def]
    config, issue = hostile_issue
    evil = dataclasses.replace(issue, subject="The Week\r\nBcc: everyone@example.com")
    with pytest.raises(NewsroomError, match="line break"):
        render_issue(config, evil, "eml")


def test_a_subject_with_a_line_break_is_refused_before_building(tmp_path: Path) -> None:
    config = load_config(copy_examples(tmp_path))
    window = week_window("2026-W47", config.publication.timezone)
    with pytest.raises(NewsroomError, match="one line"):
        build_from_window(config, window, BuildOptions(subject="Hi\nBcc: x@example.com"))


def test_a_manifest_subject_with_a_line_break_is_refused() -> None:
    data = {
        "issue": 1,
        "subject": "Hi\r\nBcc: x@example.com",
        "window": {
            "start": "2026-11-16T00:00:00-05:00",
            "end": "2026-11-23T00:00:00-05:00",
            "timezone": "America/New_York",
        },
    }
    with pytest.raises(NewsroomError, match="subject: must be on one line"):
        manifest_from_mapping(data)


def test_eml_needs_a_real_sender(hostile_issue) -> None:  # type: ignore[no-untyped-def]
    config, issue = hostile_issue
    with pytest.raises(NewsroomError, match="sender"):
        render_issue(config, dataclasses.replace(issue, sender=""), "eml")
    with pytest.raises(NewsroomError):
        render_issue(config, dataclasses.replace(issue, sender="nobody"), "eml")
