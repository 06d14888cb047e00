"""Every teaser of every article in the real archive and the examples, for every target.

Within budget, free of Markdown, HTML, shortcode and template syntax, never ending mid-word.
Skipped when the archive is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CORPUS, EXAMPLES

from newsroom_cli.article import load_article
from newsroom_cli.config import DEFAULT_TARGETS, TargetConfig
from newsroom_cli.teaser import make_teaser
from newsroom_cli.teaser.fit import ELLIPSIS, fit_sentences, fits, measure
from newsroom_cli.teaser.plaintext import lead_paragraphs, to_plain_text
from newsroom_cli.teaser.sentences import iter_sentences

SYNTAX = re.compile(
    r"\*\*|__|\]\(|\]\[|<[a-zA-Z/!]|\{\{|\}\}|\{%|%\}|\{:|&[a-zA-Z]+;|&#\d+;|\[\^|`|[\ue000\ue001]"
)
CLOSERS = '”’")]»'


def _articles() -> Iterator[Path]:
    for folder in (CORPUS, EXAMPLES / "content"):
        if folder.is_dir():
            yield from sorted(folder.rglob("*.md"))


def _check(text: str, source: str, target: TargetConfig, where: str) -> None:
    assert fits(text, target), where
    assert not SYNTAX.search(text), (where, text)
    core = text
    if core.endswith(tuple(CLOSERS)) and ELLIPSIS in core:
        core = core.rstrip(CLOSERS)
    if core.endswith(ELLIPSIS):
        core = core[: -len(ELLIPSIS)]
    if not core:
        return
    # The kept text is the start of the source (spaces aside: the splitter may add one
    # after a period the source forgot) and stops at the end of a word.
    source = source[: 2 * len(core) + 100]
    squeezed_core = "".join(core.split())
    squeezed_source = "".join(source.split())
    if not squeezed_source.startswith(squeezed_core):
        at = next(
            i
            for i, (a, b) in enumerate(zip(squeezed_core, squeezed_source, strict=False))
            if a != b
        )
        raise AssertionError(
            (where, squeezed_core[at - 30 : at + 30], squeezed_source[at - 30 : at + 30])
        )
    seen = 0
    following = ""
    for index, char in enumerate(source):
        if seen == len(squeezed_core):
            following = source[index]
            break
        if not char.isspace():
            seen += 1
    assert not (following.isalnum() and core[-1].isalnum()), (where, core[-30:], following)


def _first_sentences(paragraphs: list[str], enough: int = 520) -> list[str]:
    """The first sentences of the lead: as many as the largest budget can use."""
    sentences: list[str] = []
    for sentence in iter_sentences(paragraphs, window=600):
        sentences.append(sentence)
        if sum(map(len, sentences)) > enough:
            break
    return sentences


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_every_teaser_of_the_archive_is_clean() -> None:
    targets = list(DEFAULT_TARGETS.values())
    checked = 0
    for path in _articles():
        article = load_article(path)
        where = str(path)
        # The teaser each target would get (mostly from the dek in this archive).
        for target in targets:
            teaser = make_teaser(article, target)
            if teaser.source in ("override", "dek", "title"):
                raw = (
                    article.get("teaser")
                    if teaser.source == "override"
                    else (article.get("dek") if teaser.source == "dek" else article.title)
                )
                source = to_plain_text(raw) if isinstance(raw, str) else ""
            else:
                source = " ".join(lead_paragraphs(article.body_text))
            if teaser.source in ("override", "dek", "title", "lead"):
                _check(teaser.text, source, target, f"{where} [{target.name}]")
            assert teaser.length == measure(teaser.text, target.unit, url_length=target.url_length)
        # The lead teaser too, which the dek hides in this archive.
        paragraphs = lead_paragraphs(article.body_text)
        joined = " ".join(paragraphs)
        sentences = _first_sentences(paragraphs)
        for target in targets:
            fitted = fit_sentences(sentences, target)
            _check(fitted.text, joined, target, f"{where} [lead {target.name}]")
        checked += 1
    assert checked > 2000
