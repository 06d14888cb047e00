"""Choosing a teaser's source: override, dek, text before <!--more-->, lead, title."""

from __future__ import annotations

import dataclasses

from newsroom_cli.article import parse_article
from newsroom_cli.config import DEFAULT_TARGETS
from newsroom_cli.teaser import make_teaser
from newsroom_cli.teaser.generate import with_limit

META = DEFAULT_TARGETS["meta"]
NEWSLETTER = DEFAULT_TARGETS["newsletter"]
BODY = (
    "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to pass the bill. "
    "It now goes to the House.\n\nA second paragraph.\n"
)


def article(front: str, body: str = BODY) -> object:
    return parse_article(f"---\n{front}---\n\n{body}")


def test_override_wins() -> None:
    teaser = make_teaser(article("title: T\nteaser: Editor's words.\ndek: The dek.\n"), META)
    assert (teaser.text, teaser.source, teaser.truncated) == ("Editor's words.", "override", False)


def test_override_that_does_not_fit_is_fitted_and_says_so() -> None:
    long = "An editor wrote this override. " + "It goes on and on. " * 20
    teaser = make_teaser(article(f"title: T\nteaser: {long}\n"), META)
    assert teaser.source == "override" and teaser.truncated
    assert teaser.length <= 155 and teaser.text.startswith("An editor wrote this override.")


def test_per_target_key_is_read_first() -> None:
    front = "title: T\nteaser: General.\nteasers:\n  meta: Only for meta.\n"
    teaser = make_teaser(article(front), META, key="teasers.{target}")
    assert teaser.text == "Only for meta."
    og = make_teaser(article(front), DEFAULT_TARGETS["og"], key="teasers.{target}")
    assert og.text == "General."


def test_dek_through_its_aliases_and_html() -> None:
    teaser = make_teaser(
        article("title: T\nsummary: A <strong>bold</strong> &amp; true dek.\n"), META
    )
    assert (teaser.text, teaser.source) == ("A bold & true dek.", "dek")


def test_text_before_more() -> None:
    body = "Before the [marker][r].[^1]\n\n<!--more-->\n\nAfter.\n\n[r]: https://x.org\n[^1]: n\n"
    teaser = make_teaser(article("title: T\n", body), META)
    assert (teaser.text, teaser.source) == ("Before the marker.", "more")


def test_lead_with_dateline_stripped() -> None:
    teaser = make_teaser(article("title: T\n"), NEWSLETTER, strip_datelines=True)
    assert teaser.source == "lead"
    assert teaser.text == (
        "The Senate voted 52-48 on Tuesday to pass the bill. It now goes to the House. "
        "A second paragraph."
    )
    assert not teaser.truncated


def test_lead_cut_in_its_first_sentence_is_truncated() -> None:
    teaser = make_teaser(article("title: T\n"), with_limit(META, 40))
    assert teaser.text == "WASHINGTON (AP) — The Senate voted…"
    assert teaser.truncated and teaser.limit == 40


def test_title_when_the_body_has_nothing() -> None:
    teaser = make_teaser(article("title: NOAA&#8217;s *new* site\n", "{{< img src=x >}}\n"), META)
    assert (teaser.text, teaser.source) == ("NOAA’s new site", "title")


def test_nothing_at_all() -> None:
    teaser = make_teaser(parse_article(""), META)
    assert teaser.text == "" and teaser.length == 0


def test_limit_and_unit_reported_for_the_text_budget() -> None:
    teaser = make_teaser(article("title: T\n"), DEFAULT_TARGETS["x"])
    assert (teaser.limit, teaser.unit) == (256, "x")
    assert dataclasses.asdict(teaser).keys() >= {"path", "target", "text", "source"}
