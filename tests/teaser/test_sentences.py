"""The news sentence splitter against hand-written tricky cases."""

from __future__ import annotations

import pytest
from sentence_cases import CASES

from newsroom_cli.teaser.sentences import (
    NewsSentenceSplitter,
    apply_news_rules,
    default_splitter,
    iter_sentences,
)


def test_there_are_at_least_a_hundred_cases() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize(("paragraph", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_splits_news_copy(paragraph: str, expected: list[str]) -> None:
    assert default_splitter().split(paragraph) == expected


def test_default_splitter_is_shared() -> None:
    assert default_splitter() is default_splitter()


def test_rules_rejoin_pieces_from_a_splitter_that_strips_spaces() -> None:
    pieces = ["Sen. Elizabeth Warren, D-Mass.", ", said the bill was dead.", "Others disagreed."]
    assert apply_news_rules(pieces) == [
        "Sen. Elizabeth Warren, D-Mass., said the bill was dead.",
        "Others disagreed.",
    ]


def test_iter_sentences_splits_paragraphs_only_when_reached() -> None:
    seen: list[str] = []

    class Recording(NewsSentenceSplitter):
        def split(self, paragraph: str) -> list[str]:
            seen.append(paragraph)
            return super().split(paragraph)

    sentences = iter_sentences(["One. Two.", "Three.", "Four."], Recording())
    assert next(sentences) == "One."
    assert next(sentences) == "Two."
    assert seen == ["One. Two."]


def test_whitespace_only_paragraph_has_no_sentences() -> None:
    assert default_splitter().split("  \n ") == []


def test_long_paragraphs_are_split_a_window_at_a_time() -> None:
    sentences = [
        f"Sentence {n} was written by Sen. Jo Doe, D-Mass., at 9 a.m. Monday." for n in range(40)
    ]
    paragraph = " ".join(sentences)
    assert list(iter_sentences([paragraph], window=200)) == sentences
    assert list(iter_sentences([paragraph])) == default_splitter().split(paragraph)
