"""Choosing a teaser's source: each target's list, the kinds of editor's text, the lead."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsroom_cli.article import parse_article
from newsroom_cli.config import DEFAULT_TARGETS, TeaserConfig, config_from_mapping
from newsroom_cli.errors import ConfigError
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


def test_newsletter_takes_the_editors_teaser_not_the_dek() -> None:
    teaser = make_teaser(article("title: T\nteaser: Editor's words.\ndek: The dek.\n"), NEWSLETTER)
    assert (teaser.text, teaser.source, teaser.key) == ("Editor's words.", "teaser", "teaser")
    lead = make_teaser(article("title: T\ndek: The dek.\n"), NEWSLETTER, strip_datelines=True)
    assert lead.source == "lead" and lead.text.startswith("The Senate voted")


def test_meta_prefers_description_then_dek() -> None:
    front = "title: T\nteaser: Card.\ndek: The dek.\ndescription: For search.\n"
    assert make_teaser(article(front), META).text == "For search."
    no_description = make_teaser(article("title: T\nteaser: Card.\ndek: The dek.\n"), META)
    assert (no_description.text, no_description.source) == ("The dek.", "dek")


def test_social_targets_take_their_own_text_then_the_dek() -> None:
    front = "title: T\ndescription: For search.\ndek: The dek.\nteasers:\n  x: For X.\n"
    x = make_teaser(article(front), DEFAULT_TARGETS["x"])
    assert (x.text, x.source, x.key) == ("For X.", "teasers.x", "teasers.x")
    bluesky = make_teaser(article(front), DEFAULT_TARGETS["bluesky"])
    assert (bluesky.text, bluesky.source) == ("The dek.", "dek")


def test_own_text_that_does_not_fit_is_fitted_and_says_so() -> None:
    long = "An editor wrote this override. " + "It goes on and on. " * 20
    teaser = make_teaser(article(f"title: T\nteasers:\n  meta: {long}\n"), META)
    assert teaser.source == "teasers.meta" and teaser.truncated
    assert teaser.length <= 155 and teaser.text.startswith("An editor wrote this override.")


def test_per_target_key_template_is_read_first() -> None:
    front = "title: T\nteaser: General.\nteasers:\n  meta: Only for meta.\n"
    settings = TeaserConfig(DEFAULT_TARGETS, key="teasers.{target}")
    teaser = make_teaser(article(front), META, settings=settings)
    assert teaser.text == "Only for meta."
    newsletter = make_teaser(article(front), NEWSLETTER, settings=settings)
    assert (newsletter.text, newsletter.source) == ("General.", "teaser")


def test_summary_and_excerpt_are_the_teaser_description_the_meta() -> None:
    hugo = article("title: T\nsummary: A <strong>bold</strong> &amp; true summary.\n")
    assert make_teaser(hugo, NEWSLETTER).text == "A bold & true summary."
    assert make_teaser(hugo, NEWSLETTER).key == "summary"
    # For meta a Hugo summary is not a description: the lead is used.
    assert make_teaser(hugo, META).source == "lead"
    jekyll = article("title: T\nexcerpt: The excerpt.\ndescription: The description.\n")
    assert make_teaser(jekyll, NEWSLETTER).text == "The excerpt."
    assert make_teaser(jekyll, META).text == "The description."


def test_the_meaning_of_a_key_is_configurable() -> None:
    config = config_from_mapping(
        {"teaser": {"fields": {"dek": ["dek", "summary"], "teaser": ["teaser"]}}},
        root=Path("."),
    )
    hugo = article("title: T\nsummary: The summary as a dek.\n")
    teaser = make_teaser(hugo, META, settings=config.teaser)
    assert (teaser.text, teaser.source, teaser.key) == ("The summary as a dek.", "dek", "summary")
    assert make_teaser(hugo, NEWSLETTER, settings=config.teaser).source == "lead"


def test_sources_are_configurable_per_target() -> None:
    config = config_from_mapping(
        {"teaser": {"targets": {"meta": {"sources": ["teasers.meta", "teaser", "lead"]}}}},
        root=Path("."),
    )
    front = "title: T\nteaser: Card.\ndek: The dek.\n"
    teaser = make_teaser(article(front), config.teaser.targets["meta"], settings=config.teaser)
    assert (teaser.text, teaser.source) == ("Card.", "teaser")


def test_dek_through_the_schema_aliases() -> None:
    teaser = make_teaser(article("title: T\ndeck: The deck.\n"), META)
    assert (teaser.text, teaser.source, teaser.key) == ("The deck.", "dek", "deck")


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


def test_a_lead_in_to_a_skipped_block_goes_with_it() -> None:
    body = (
        "Seven years ago the site looked like this (courtesy of the WayBack Machine):\n\n"
        "![old site](old.png)\n\n"
        "In 2014, three years later:\n\n"
        "![newer site](newer.png)\n\n"
        "The redesign starts today. Here is the list:\n\n- one\n- two\n\n"
        "It ships in May.\n"
    )
    teaser = make_teaser(article("title: T\n", body), NEWSLETTER)
    assert teaser.text == "The redesign starts today. It ships in May."


def test_a_paragraph_that_frames_a_skipped_quote_goes_with_it() -> None:
    body = (
        "> Simple things should be simple, complex things should be possible.\n\n"
        "This quote from Alan Kay is one of my favorite quotes.\n\n"
        "Our new release makes simple things simpler.\n"
    )
    teaser = make_teaser(article("title: T\n", body), NEWSLETTER)
    assert teaser.text == "Our new release makes simple things simpler."


def test_an_opening_quotation_stays_only_when_it_is_the_point() -> None:
    body = '"We will not raise fares this winter."\n\nThe council voted 7-2 on Tuesday.\n'
    off_point = make_teaser(article("title: Harbor library reopens\n", body), NEWSLETTER)
    assert off_point.text == "The council voted 7-2 on Tuesday."
    on_point = make_teaser(article("title: Council will not raise fares\n", body), NEWSLETTER)
    assert on_point.text.startswith('"We will not raise fares this winter."')


def test_bare_urls_leave_meta_og_and_newsletter_but_not_x() -> None:
    body = (
        "The agency launched its new site. If you visit https://example.gov today, you will "
        "see the change. Forms now take half the time.\n"
    )
    for name in ("newsletter", "meta", "og"):
        teaser = make_teaser(article("title: T\n", body), DEFAULT_TARGETS[name])
        assert "https://" not in teaser.text and "launched its new site." in teaser.text
        assert "Forms now take half the time" in teaser.text
    x = make_teaser(article("title: T\n", body), DEFAULT_TARGETS["x"])
    assert "https://example.gov" in x.text


def test_mdx_import_lines_are_not_the_lead() -> None:
    body = 'import Avatar from "@/components/Avatar.astro";\n\nWe are excited to announce v2.\n'
    assert make_teaser(article("title: T\n", body), META).text == "We are excited to announce v2."


def test_long_body_lead_is_the_same_from_its_head() -> None:
    first = "The first paragraph of a long story sets out what happened on Tuesday. " * 3
    body = first + "\n\n" + "\n\n".join(f"Paragraph {n} of the rest [link][r]." for n in range(400))
    body += "\n\n[r]: https://example.org\n"
    teaser = make_teaser(article("title: T\n", body), NEWSLETTER)
    assert teaser.text == " ".join(first.split())


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"fields": {"lede": ["lede"]}}, "teaser.fields.lede"),
        ({"fields": {"dek": "dek"}}, "teaser.fields.dek"),
        ({"targets": {"meta": {"sources": []}}}, "teaser.targets.meta"),
        ({"targets": {"meta": {"sources": ["teasers..meta"]}}}, "teaser.targets.meta.sources"),
        ({"targets": {"meta": {"fill": "yes"}}}, "teaser.targets.meta.fill"),
    ],
)
def test_bad_teaser_settings_name_their_key(table: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config_from_mapping({"teaser": table}, root=Path("."))
    assert key in str(raised.value)


def test_a_target_of_your_own_fills_and_stores_where_told() -> None:
    config = config_from_mapping(
        {"teaser": {"targets": {"card": {"limit": 120, "fill": True, "key": "cards.{target}"}}}},
        root=Path("."),
    )
    card = config.teaser.targets["card"]
    assert card.fill and config.teaser.key_for(card) == "cards.card"
    assert config.teaser.key_for(config.teaser.targets["newsletter"]) == "teaser"
    assert config.teaser.key_for(config.teaser.targets["meta"]) == "teasers.meta"


def test_a_teaser_parses_only_as_much_of_the_body_as_it_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsroom_cli.teaser import plaintext

    parsed: list[int] = []
    original = plaintext.markdown_blocks

    def recording(markdown: str, **options: bool) -> tuple[list[plaintext.Block], bool]:
        parsed.append(len(markdown))
        return original(markdown, **options)

    monkeypatch.setattr(plaintext, "markdown_blocks", recording)
    lead = "The council approved the budget on Tuesday after a long night of debate. " * 3
    body = lead + "\n\n" + "\n\n".join(f"- item {n} of a long list" for n in range(300)) + "\n"
    teaser = make_teaser(article("title: T\n", body), META)
    assert teaser.text.startswith("The council approved the budget")
    assert parsed and max(parsed) < 1000, parsed


def test_a_lead_reads_on_past_the_first_head_when_it_needs_more() -> None:
    code = "```\n" + "x = 1\n" * 200 + "```"
    body = f"Short opening.\n\n{code}\n\nThe second paragraph carries the news of the day.\n"
    teaser = make_teaser(article("title: T\n", body), NEWSLETTER)
    assert teaser.text == "Short opening. The second paragraph carries the news of the day."
