"""Every teaser of every article in the real archive and the examples, for every target.

Within budget, free of Markdown, HTML, shortcode and template syntax, never ending mid-word.
Skipped when the archive is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.entities import html5
from pathlib import Path

import pytest
from helpers import CORPUS, EXAMPLES

from newsroom_cli.article import load_article
from newsroom_cli.config import DEFAULT_TARGETS, TargetConfig, config_from_mapping
from newsroom_cli.teaser import make_teaser
from newsroom_cli.teaser.fit import ELLIPSIS, fit_sentences, fits, join_sentences, measure
from newsroom_cli.teaser.generate import source_text
from newsroom_cli.teaser.plaintext import lead_paragraphs
from newsroom_cli.teaser.sentences import iter_sentences

SETTINGS = config_from_mapping({}, root=Path(".")).teaser

SYNTAX = re.compile(
    r"\*\*|__|\]\(|\]\[|<[a-zA-Z/!]|\{\{|\}\}|\{%|%\}|\{:|&#\d+;|\[\^|`|[\ue000\ue001]"
)
# An entity left undecoded; "&mndash;" (a typo in one post, shown as written by browsers) is
# not one.
ENTITY = re.compile(r"&([a-zA-Z]+;)")


def _has_entity(text: str) -> bool:
    return any(match.group(1) in html5 for match in ENTITY.finditer(text))


CLOSERS = '”’")]»'


def _articles() -> Iterator[Path]:
    for folder in (CORPUS, EXAMPLES / "content"):
        if folder.is_dir():
            yield from sorted(folder.rglob("*.md"))


def _check(text: str, source: str, target: TargetConfig, where: str) -> None:
    assert fits(text, target), where
    assert not SYNTAX.search(text) and not _has_entity(text), (where, text)
    core = text
    if core.endswith(tuple(CLOSERS)) and ELLIPSIS in core:
        core = core.rstrip(CLOSERS)
    if core.endswith(ELLIPSIS):
        core = core[: -len(ELLIPSIS)]
    if not core:
        return
    # The kept text is the start of the source, word for word and space for space (".gov"
    # stays ".gov"), and stops at the end of a word.
    source = " ".join(source.split())
    if not source.startswith(core):
        at = next(
            (i for i, (a, b) in enumerate(zip(core, source, strict=False)) if a != b), len(core)
        )
        raise AssertionError((where, core[at - 30 : at + 30], source[at - 30 : at + 30]))
    following = source[len(core) : len(core) + 1]
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
        # The teaser each target gets, checked against the text of the source that won.
        for target in targets:
            teaser = make_teaser(article, target, settings=SETTINGS)
            source = source_text(article, target, teaser.source, settings=SETTINGS)
            _check(teaser.text, source, target, f"{where} [{target.name}]")
            assert teaser.length == measure(teaser.text, target.unit, url_length=target.url_length)
        # The lead teaser too, which the dek hides in this archive.
        paragraphs = lead_paragraphs(article.body_text)
        sentences = _first_sentences(paragraphs)
        joined = join_sentences(sentences)
        for target in targets:
            fitted = fit_sentences(sentences, target)
            _check(fitted.text, joined, target, f"{where} [lead {target.name}]")
        checked += 1
    assert checked > 2000
