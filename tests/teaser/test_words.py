"""The words of a teaser are the source's words: never altered, for every target.

A property test over generated articles (Hypothesis), and the cases that were altered before:
".gov", "Node.js", "e.g.", "U.S.", "3.5%", file names and domains.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom_cli.article import parse_article
from newsroom_cli.config import config_from_mapping
from newsroom_cli.teaser import make_teaser
from newsroom_cli.teaser.fit import ELLIPSIS
from newsroom_cli.teaser.generate import source_text
from newsroom_cli.teaser.plaintext import lead_paragraphs

SETTINGS = config_from_mapping({}, root=Path(".")).teaser
CLOSERS = '”’")]»'

# Words news copy and tech blogs write, the tricky ones included.
WORDS = tuple(
    " ".join(
        (
            "The council voted Tuesday to keep fares at $3.25 until Sept. 1 in the U.S.",
            "Every .gov website uses Node.js and .NET, e.g. USA.gov and example.com, with",
            "config.toml and README.md files; rates rose 3.5% (about 4.2 billion) — a first",
            "since 2019. Dr. Jane Doe, D-Mass., said “we will fight” at 8 a.m. Monday, i.e.",
            "before noon. Café naïve 東京 über vs. v2.1.0 pre-release",
        )
    ).split(" ")
)
ENDS = (".", ".", ".", "!", "?", ":", "…")


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=30))
    text = " ".join(words)
    return text[0].upper() + text[1:] + draw(st.sampled_from(ENDS))


@st.composite
def article_text(draw: st.DrawFn) -> str:
    paragraphs = draw(
        st.lists(st.lists(sentence(), min_size=1, max_size=5).map(" ".join), min_size=1, max_size=4)
    )
    dek = draw(st.one_of(st.none(), sentence()))
    front = "title: Fares stay at $3.25 in the U.S.\n" + (f"dek: '{dek}'\n" if dek else "")
    separator = draw(st.sampled_from(["\n\n", "\n\n![a chart](c.png)\n\n", "\n\n> Quoted.\n\n"]))
    return f"---\n{front}---\n\n" + separator.join(paragraphs) + "\n"


def _core(text: str) -> str:
    """The teaser without the ellipsis a cut added (and the quotes it closed)."""
    stripped = text.rstrip(CLOSERS)
    if stripped.endswith(ELLIPSIS):
        return stripped[: -len(ELLIPSIS)]
    return text


def assert_words_kept(text: str) -> None:
    article = parse_article(text)
    for target in SETTINGS.targets.values():
        teaser = make_teaser(article, target, settings=SETTINGS)
        if teaser.source == "lead":
            # The paragraphs themselves, not the splitter's sentences: a splitter that changed
            # a word would change both.
            paragraphs = lead_paragraphs(
                article.body_text, strip_datelines=True, title=article.title
            )
            source = " ".join(" ".join(paragraphs).split())
        else:
            source = " ".join(
                source_text(article, target, teaser.source, settings=SETTINGS).split()
            )
        core = _core(teaser.text)
        assert core in source, (target.name, teaser.source, core, source)
        assert teaser.length <= teaser.limit


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_text())
def test_a_teaser_is_a_run_of_its_source(text: str) -> None:
    assert_words_kept(text)


@pytest.mark.parametrize(
    "word",
    [".gov", "Node.js", "e.g.", "U.S.", "3.5%", "config.toml", "README.md", "example.com", ".NET"],
)
def test_dotted_words_survive_every_target(word: str) -> None:
    body = (
        f"Every {word} mention stays as written in this first sentence of the story. "
        "The second sentence adds a detail that readers want. A third one closes it.\n"
    )
    article = parse_article(f"---\ntitle: T\n---\n\n{body}")
    for target in SETTINGS.targets.values():
        teaser = make_teaser(article, target, settings=SETTINGS)
        assert f"Every {word} mention" in teaser.text, (target.name, teaser.text)
