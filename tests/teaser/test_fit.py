"""Measuring per channel and fitting text to each target's budget."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom_cli.config import DEFAULT_TARGETS, TargetConfig
from newsroom_cli.teaser.fit import (
    ELLIPSIS,
    available,
    fit_sentences,
    fit_text,
    fits,
    measure,
)

LEAD = (
    "The U.S. Navy said Tuesday that a second carrier group would reach the Gulf by Nov. 3, "
    "officials in Washington, D.C., confirmed, adding that the deployment, planned for months, "
    "would last until the spring of next year and cost about $4.2 billion."
)


def target(name: str, **changes: object) -> TargetConfig:
    return DEFAULT_TARGETS[name]._replace(**changes)


@pytest.mark.parametrize(
    ("text", "unit", "url_length", "expected"),
    [
        ("hello", "chars", None, 5),
        ("e\u0301", "chars", None, 2),
        ("e\u0301", "graphemes", None, 1),
        ("👨‍👩‍👧 family", "graphemes", None, 8),
        ("👨‍👩‍👧", "chars", None, 5),
        ("🇺🇸", "graphemes", None, 1),
        ("hello", "x", None, 5),
        ("中文", "x", None, 4),
        ("👍🏽", "x", None, 2),
        ("👨‍👩‍👧", "x", None, 2),
        ("“quotes” — dash", "x", None, 15),
        (ELLIPSIS, "x", None, 2),
        ("see https://example.com/a/very/long/path/that/goes/on/and/on", "x", None, 4 + 23),
        ("see https://e.co", "x", None, 4 + 23),
        ("USA.gov", "x", None, 23),
        ("see https://example.com/a/very/long/path/that/goes/on", "graphemes", 23, 4 + 23),
        ("see https://example.com/a/very/long/path/that/goes/on", "graphemes", None, 53),
        ("USA.gov", "graphemes", 23, 7),
        ("(https://example.com/x).", "chars", 23, 1 + 23 + 2),
    ],
)
def test_measure(text: str, unit: str, url_length: int | None, expected: int) -> None:
    assert measure(text, unit, url_length=url_length) == expected


def test_available_subtracts_the_reserve() -> None:
    assert available(DEFAULT_TARGETS["x"]) == 256
    assert available(DEFAULT_TARGETS["mastodon"]) == 476
    assert available(DEFAULT_TARGETS["meta"]) == 155


def test_bluesky_byte_cap() -> None:
    capped = target("bluesky", max_bytes=30)
    assert not fits("é" * 16, capped)  # 16 graphemes but 32 bytes
    assert fits("é" * 15, capped)


def test_whole_sentences_when_they_fit() -> None:
    fitted = fit_sentences(["One sentence.", "Two sentences."], DEFAULT_TARGETS["meta"])
    assert fitted.text == "One sentence. Two sentences."
    assert not fitted.truncated


def test_longest_run_of_whole_sentences_never_gets_an_ellipsis() -> None:
    sentences = ["First short sentence.", "Second short one.", "A third " + "long " * 40 + "one."]
    for name in ("newsletter", "x", "bluesky", "mastodon"):
        fitted = fit_sentences(sentences, DEFAULT_TARGETS[name]._replace(limit=155, reserve=0))
        assert fitted.text == "First short sentence. Second short one."
        assert fitted.omitted and not fitted.cut
        assert ELLIPSIS not in fitted.text


def test_meta_and_og_fill_the_budget_from_the_next_sentence() -> None:
    """Whole sentences filling less than two thirds of the budget: the next one is cut in."""
    sentences = [
        "The council met on Tuesday.",
        "It voted to keep the ferry fare at $3.25 until September, setting aside a proposed "
        "50-cent increase that would have been the first in six years.",
    ]
    meta = fit_sentences(sentences, DEFAULT_TARGETS["meta"])
    assert meta.text == (
        "The council met on Tuesday. It voted to keep the ferry fare at $3.25 until September, "
        "setting aside a proposed 50-cent increase…"
    )
    assert meta.cut and meta.length <= 155
    og = fit_sentences(sentences, DEFAULT_TARGETS["og"])
    assert og.text == " ".join(sentences) and not og.cut


def test_fill_leaves_a_run_that_uses_two_thirds_alone() -> None:
    sentences = [
        "A first sentence that is long enough to fill most of the meta budget " + "x" * 40 + ".",
        "Next one." * 20,
    ]
    fitted = fit_sentences(sentences, DEFAULT_TARGETS["meta"])
    assert fitted.text == sentences[0] and not fitted.cut


def test_fill_never_keeps_only_dangling_words_of_the_next_sentence() -> None:
    sentences = ["Short start.", "The " + "x" * 300 + "."]
    fitted = fit_sentences(sentences, DEFAULT_TARGETS["meta"])
    assert fitted.text == "Short start."


def test_newsletter_takes_at_most_three_sentences() -> None:
    sentences = ["One.", "Two.", "Three.", "Four."]
    fitted = fit_sentences(sentences, DEFAULT_TARGETS["newsletter"])
    assert fitted.text == "One. Two. Three."


def test_sentences_are_pulled_only_as_needed() -> None:
    pulled: list[int] = []

    def sentences():  # type: ignore[no-untyped-def]
        for index in range(100):
            pulled.append(index)
            yield f"Sentence number {index} is here."

    fit_sentences(sentences(), DEFAULT_TARGETS["meta"])
    assert len(pulled) < 10


def test_a_run_does_not_end_on_a_colon() -> None:
    fitted = fit_sentences(
        ["It began simply.", "Here is how:", "A " + "x " * 200], DEFAULT_TARGETS["og"]
    )
    assert fitted.text == "It began simply."


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "meta",
            # A clause cut ("confirmed…") would give up more than 15% of a search snippet.
            "The U.S. Navy said Tuesday that a second carrier group would reach the Gulf by "
            "Nov. 3, officials in Washington, D.C., confirmed, adding…",
        ),
        (
            "og",
            "The U.S. Navy said Tuesday that a second carrier group would reach the Gulf by "
            "Nov. 3, officials in Washington, D.C., confirmed, adding that the deployment, "
            "planned for months…",
        ),
        ("x", LEAD),
        ("bluesky", LEAD),
        ("mastodon", LEAD),
        ("newsletter", LEAD),
    ],
)
def test_each_target(name: str, expected: str) -> None:
    fitted = fit_sentences(
        [LEAD, "A second sentence follows."] if name == "x" else [LEAD], DEFAULT_TARGETS[name]
    )
    assert fitted.text == expected
    assert fitted.length <= available(DEFAULT_TARGETS[name])


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (20, "The U.S. Navy…"),
        (40, "The U.S. Navy said Tuesday…"),
        (60, "The U.S. Navy said Tuesday that a second carrier group…"),
        (80, "The U.S. Navy said Tuesday that a second carrier group would reach the Gulf…"),
        (
            100,
            "The U.S. Navy said Tuesday that a second carrier group would reach the Gulf by "
            "Nov. 3…",
        ),
    ],
)
def test_word_cut_drops_dangling_words(limit: int, expected: str) -> None:
    assert fit_sentences([LEAD], target("meta", limit=limit)).text == expected


def test_never_cuts_between_a_number_and_its_unit() -> None:
    text = "The agency will spend about $4.2 billion over the next decade on new ships"
    # "...about $4.2…" would fit in 35, but "$4.2" needs "billion"; "about" then dangles.
    fitted = fit_text(text, target("meta", limit=35))
    assert fitted.text == "The agency will spend…"


def test_never_splits_a_url() -> None:
    text = "Details appear at https://example.gov/a/long/path/to/the/report/2026 and elsewhere"
    fitted = fit_text(text, target("meta", limit=40))
    assert fitted.text == "Details appear…"


def test_a_url_counts_23_for_x() -> None:
    text = "Read https://example.gov/" + "x" * 300 + " now."
    fitted = fit_text(text, DEFAULT_TARGETS["x"])
    assert fitted.text == text and fitted.length == 5 + 23 + 5


def test_open_quote_is_closed_after_the_ellipsis() -> None:
    text = (
        "He said, “We will fight the proposal in the courts and in the streets until the end,” "
        "and left."
    )
    fitted = fit_text(text, target("meta", limit=60))
    assert fitted.text == "He said, “We will fight the proposal in the courts…”"
    assert fitted.cut


def test_clause_cut_only_when_it_keeps_most_of_the_budget() -> None:
    text = (
        "Yes, the council approved the budget for the harbor district after a long night of debate"
    )
    fitted = fit_text(text, target("meta", limit=60))
    assert fitted.text == "Yes, the council approved the budget for the harbor…"


def test_ellipsis_counts_in_the_targets_measure() -> None:
    # In X's count the ellipsis weighs 2.
    text = "word " * 100
    fitted = fit_text(text, target("x", limit=20, reserve=0))
    assert fitted.text == "word word word…"
    fitted = fit_text(text, target("x", limit=21, reserve=0))
    assert fitted.text == "word word word word…"
    assert fitted.length == 19 + 2


def test_cjk_text_is_cut_between_characters() -> None:
    fitted = fit_text("中文" * 40, target("meta", limit=10))
    assert fitted.text == "中文中文中文中文中…"


def test_one_word_longer_than_the_budget_gives_nothing() -> None:
    assert fit_text("x" * 300, DEFAULT_TARGETS["meta"]).text == ""


def test_budget_smaller_than_the_ellipsis_gives_nothing() -> None:
    assert fit_text("Some words here.", target("meta", limit=1)).text == ""


# Property tests: whatever the text, the result fits, keeps graphemes whole and ends on a word.

WORDS = st.sampled_from(
    [
        "the",
        "U.S.",
        "Navy",
        "said",
        "Tuesday",
        "$4.2",
        "billion",
        "“We",
        "will”",
        "(and",
        "of)",
        "Nov.",
        "3,",
        "D.C.,",
        "—",
        "9:30",
        "a.m.",
        "https://example.gov/a/b",
        "USA.gov",
        "e\u0301te\u0301",
        "👨‍👩‍👧",
        "🇺🇸",
        "中文字",
        "naïve",
        "Gen.",
        "Sen.",
        "said.",
        "end!",
        "why?",
        "x" * 30,
        "a",
        "to",
        "1,200",
        "Ångström",
        '"quoted"',
        "it’s",
    ]
)
TEXTS = st.lists(WORDS, min_size=1, max_size=120).map(" ".join) | st.text(max_size=400)
TARGETS = st.sampled_from(list(DEFAULT_TARGETS.values())) | st.builds(
    lambda base, limit: base._replace(limit=limit, reserve=0),
    st.sampled_from(list(DEFAULT_TARGETS.values())),
    st.integers(min_value=1, max_value=120),
)


def _words_of(text: str) -> set[str]:
    return set(text.split())


@settings(max_examples=300, deadline=None)
@given(TEXTS, TARGETS)
def test_property_fitted_text_is_within_budget(text: str, budget: TargetConfig) -> None:
    fitted = fit_text(text, budget)
    assert fits(fitted.text, budget)
    assert fitted.length == measure(fitted.text, budget.unit, url_length=budget.url_length)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TARGETS)
def test_property_no_split_graphemes_and_no_mid_word_end(text: str, budget: TargetConfig) -> None:
    source = " ".join(text.split())
    fitted = fit_text(text, budget)
    if not fitted.text:
        return
    body = fitted.text
    if fitted.cut:
        assert ELLIPSIS in body
        body = body[: body.rindex(ELLIPSIS)]
    # Every grapheme of the result is a grapheme of the source.
    source_graphemes = set(regex.findall(r"\X", source))
    assert set(regex.findall(r"\X", body)) <= source_graphemes | {" "}
    # The kept text is a prefix of the source that ends at a word or CJK boundary.
    assert source.startswith(body)
    following = source[len(body) : len(body) + 1]
    last = body[-1:]
    cjk = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
    assert (
        following in ("", " ")
        or not (following.isalnum() and last.isalnum())
        or bool(cjk.match(following))
        or bool(cjk.match(last))
    ), (body, following)
