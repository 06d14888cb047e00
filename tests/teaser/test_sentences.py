"""The news sentence splitter against hand-written tricky cases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
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


def _pysbd_pair() -> tuple[object, object]:
    import pysbd

    from newsroom_cli.teaser.sentences import _segmenter

    return _segmenter("en"), pysbd.Segmenter(language="en", clean=False)


ABBREVIATION_TEXT = st.lists(
    st.sampled_from(
        [
            *"aAeEgiImMnNoOpPsStTuUvV.,:;-?!(){}é’“”ſ\u212a0123456789 ",
            "Mr. ",
            "e.g. ",
            "No. ",
            " a.m.",
            "St. ",
            "Dept. ",
            "approx. ",
            "Jan. ",
            "U.S. ",
        ]
    ),
    max_size=60,
).map("".join)


@given(ABBREVIATION_TEXT)
def test_compiled_abbreviation_pass_splits_as_pysbd_does(text: str) -> None:
    compiled, plain = _pysbd_pair()
    assert compiled.processor(text).process() == plain.processor(text).process()  # type: ignore[attr-defined]


@pytest.mark.parametrize("paragraph", [c[0] for c in CASES[:40]])
def test_compiled_abbreviation_pass_on_news_copy(paragraph: str) -> None:
    compiled, plain = _pysbd_pair()
    assert compiled.processor(paragraph).process() == plain.processor(paragraph).process()  # type: ignore[attr-defined]


def test_abbreviation_patterns_are_compiled_once() -> None:
    import re
    from re import _compiler  # type: ignore[attr-defined]

    from pysbd.lang.english import English

    compiled, _ = _pysbd_pair()
    # More patterns than the re module caches: every abbreviation, spelt two ways.
    words = [a.strip() for a in English.Abbreviation.ABBREVIATIONS]
    paragraph = " ".join(f"{w}. x {w.upper()}. 1 {w.title()}. y" for w in words)
    compiled.processor(paragraph).process()  # type: ignore[attr-defined]
    calls = 0
    original = _compiler.compile

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    re.purge()
    compiled.processor(paragraph).process()  # type: ignore[attr-defined]
    first = calls
    _compiler.compile = counting
    try:
        calls = 0
        compiled.processor(paragraph).process()  # type: ignore[attr-defined]
    finally:
        _compiler.compile = original
    assert calls < 50, (first, calls)
