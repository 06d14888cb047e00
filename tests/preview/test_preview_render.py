"""Rendered previews compared with expected text files (regenerate with ``pytest --regen``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import expect_text
from preview_support import EXAMPLES, EXPECTED, copy_examples, render_text, write_article

from newsroom_cli.article import load_article
from newsroom_cli.cli.render import render_article
from newsroom_cli.config import load_config
from newsroom_cli.preview import article_facts, article_problems

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
ARTICLES = sorted((EXAMPLES / "content").rglob("*.md"))

FEATURES = """\
This body uses what Rich's Markdown alone would drop or print literally.[^why]

*Filed from the pier.*<br>
Second line after a <code>br</code>, with <em>emphasis</em> and a
<a href="https://harborledger.example/tides">tide table</a>.

![A gull on a piling](https://harborledger.example/media/gull.jpg)

{{< gallery dir="/media/pier" >}}

- [x] Photos filed
- [ ] Captions checked

<figure>
  <img src="/media/pier.jpg" alt="The pier at dawn">
  <figcaption>The pier at dawn.</figcaption>
</figure>

Read the [council minutes][minutes] or <https://harborledger.example/archive>.

[minutes]: https://harborledger.example/minutes
[^why]: Footnotes are numbered and listed at the end.
"""


def _render(root: Path, path: Path, width: int = 80) -> str:
    config = load_config(root)
    article = load_article(path, schema=config.schema)
    facts = article_facts(config, article, article_problems(config, article, now=NOW))
    return render_text(render_article(facts, article.body_text), width)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_example_article(path: Path, request: pytest.FixtureRequest) -> None:
    text = _render(EXAMPLES, path)
    expect_text(text, EXPECTED / "articles" / f"{path.stem}.txt", request)


def test_article_with_footnotes_html_shortcodes_tasks_and_problems(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    root = copy_examples(tmp_path)
    path = write_article(
        root,
        "news/2026/11/pier.md",
        """
title: "What the pier looks like at dawn, and other tests of a preview"
dek: "A body with footnotes, inline HTML, a shortcode, a task list and images, all shown."
slug: pier
section: news
column: Harbor Notes
authors: [hannah-lee, someone-new]
date: 2026-11-20T06:45:00-05:00
updated: 2026-11-20T09:00:00-05:00
status: review
tags: [waterfront, not-a-tag]
image:
  src: /media/pier.jpg
  alt: "The pier at dawn"
  credit: Hannah Lee / The Harbor Ledger
""",
        FEATURES,
    )
    text = _render(root, path)
    expect_text(text, EXPECTED / "features.txt", request)
    assert "Harbor Notes" in text and "By Hannah Lee and someone-new" in text
    assert "Fri 20 Nov 2026, 06:45 EST" in text


def test_narrow_and_wide(request: pytest.FixtureRequest) -> None:
    path = EXAMPLES / "content/opinion/2026/11/tide-table-the-seawall-is-a-promise.md"
    for width in (40, 120):
        text = _render(EXAMPLES, path, width)
        assert max(len(line) for line in text.splitlines()) <= width
        expect_text(text, EXPECTED / f"seawall-{width}.txt", request)


def test_front_matter_is_never_rendered_as_markdown() -> None:
    path = EXAMPLES / "content/news/2026/11/council-freezes-ferry-fares.md"
    text = _render(EXAMPLES, path)
    assert "title:" not in text and "slug:" not in text and "---" not in text


def test_article_without_front_matter(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "content" / "bare.md"
    path.write_text("Just a paragraph, nothing else.\n", encoding="utf-8")
    text = _render(root, path)
    assert "(no headline)" in text
    assert "Just a paragraph, nothing else." in text
    assert "NR101" in text
