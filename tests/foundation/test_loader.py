"""The loader: formats, positions, and the cases other readers get wrong."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest
from helpers import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from newsroom_cli.article import ArticleReadError, Span, load_article, parse_article
from newsroom_cli.errors import NewsroomError

ARTICLE = """---
title: "Council approves harbor budget"
dek: The vote came after a long night.
authors:
  - jdoe
image:
  src: /img/harbor.jpg
  alt: The harbor at dawn
date: 2026-11-17T09:30:00-05:00
---

The council voted 7-2.
"""


def codes(article: object) -> list[str]:
    return [p.code for p in article.problems]  # type: ignore[attr-defined]


def test_yaml_front_matter_body_and_positions() -> None:
    article = parse_article(ARTICLE.encode())
    assert article.format == "yaml"
    assert article.readable
    assert article.front_matter["title"] == "Council approves harbor budget"
    assert article.body == "\nThe council voted 7-2.\n"
    assert article.body_line == 11
    assert article.close_span == Span(10, 1, 10, 4)
    title = article.locations["title"]
    assert title.key == Span(2, 1, 2, 6)
    assert title.value == Span(2, 8, 2, 40)
    assert title.style == '"'
    assert article.locations["image.alt"].value.line == 8
    assert article.locations["authors.0"].value == Span(5, 5, 5, 9)
    assert codes(article) == []


def test_dates_stay_as_written() -> None:
    article = parse_article(b"---\ndate: 2026-11-17\nupdated: 2012-07-11 12:36:05 -0400\n---\n")
    assert article.front_matter == {"date": "2026-11-17", "updated": "2012-07-11 12:36:05 -0400"}


def test_aliases_resolve_to_fields() -> None:
    article = parse_article(b"---\nsummary: The short text\ntopics: [a, b]\nauthor: jdoe\n---\n")
    assert article.get("dek") == "The short text"
    assert article.tags == ["a", "b"]
    assert article.authors == ["jdoe"]
    assert article.field_keys["dek"] == "summary"
    assert article.location("dek") == article.locations["summary"]


def test_bom_is_read_and_reported() -> None:
    data = b"\xef\xbb\xbf" + ARTICLE.encode()
    assert frontmatter.loads(data.decode("utf-8")).metadata == {}  # what we fix
    article = parse_article(data)
    assert article.bom
    assert article.front_matter["title"] == "Council approves harbor budget"
    assert codes(article) == ["NR106"]


def test_unterminated_block_is_reported_and_nothing_lost() -> None:
    article = parse_article(b"---\ntitle: Open block\n\nBody text.\n")
    assert codes(article) == ["NR105"]
    assert "Body text." in article.body
    assert article.problems[0].span.line == 1


def test_empty_block_is_reported() -> None:
    article = parse_article(b"---\n---\nBody\n")
    assert codes(article) == ["NR114"]
    assert article.body == "Body\n"


def test_thematic_break_without_front_matter_loses_no_text() -> None:
    text = "---\n\nA paragraph of prose.\n\n---\n\nMore prose.\n"
    article = parse_article(text.encode())
    assert "NR103" in codes(article) or "NR101" in codes(article)
    assert "A paragraph of prose." in article.body
    assert "More prose." in article.body


def test_unclosed_thematic_break_is_no_front_matter() -> None:
    article = parse_article(b"---\n\nJust prose here, no keys.\n")
    assert codes(article) == ["NR101"]
    assert "Just prose" in article.body


def test_no_front_matter() -> None:
    article = parse_article(b"# Heading\n\nText.\n")
    assert codes(article) == ["NR101"]
    assert article.body == "# Heading\n\nText.\n"


def test_duplicate_keys_point_at_the_second() -> None:
    article = parse_article(b"---\ntitle: One\nslug: a\ntitle: Two\n---\n")
    problem = article.problems[0]
    assert problem.code == "NR104"
    assert problem.span == Span(4, 1, 4, 6)
    assert "line 2" in problem.message


def test_toml_front_matter_without_extra_packages() -> None:
    article = parse_article(
        b'+++\ntitle = "A TOML piece"\ndate = 2026-11-17T09:30:00-05:00\n'
        b'[image]\nalt = "x"\n+++\nBody\n'
    )
    assert article.format == "toml"
    assert article.front_matter["title"] == "A TOML piece"
    assert article.front_matter["image"] == {"alt": "x"}
    assert article.locations["title"].value == Span(2, 9, 2, 23)
    assert article.locations["image.alt"].key.line == 5
    assert article.body == "Body\n"


def test_toml_syntax_error_is_positioned_in_the_file() -> None:
    article = parse_article(b'+++\ntitle = "ok"\ndate = = 3\n+++\n')
    assert codes(article) == ["NR102"]
    assert article.problems[0].span.line == 3


def test_json_front_matter() -> None:
    article = parse_article(b'{\n  "title": "JSON piece",\n  "tags": ["a"]\n}\n\nBody\n')
    assert article.format == "json"
    assert article.front_matter == {"title": "JSON piece", "tags": ["a"]}
    assert article.locations["title"].key == Span(2, 3, 2, 10)
    assert article.body == "\nBody\n"


def test_json_syntax_error() -> None:
    article = parse_article(b'{\n  "title": "JSON piece",\n}\n')
    assert codes(article) == ["NR102"]
    assert article.problems[0].span.line == 3


def test_yaml_syntax_error_is_positioned_in_the_file() -> None:
    article = parse_article(b"---\ntitle: ok\ndek: Q: what now?\n---\n")
    assert codes(article) == ["NR102"]
    assert article.problems[0].span.line == 3
    assert article.problems[0].hint


def test_python_tags_are_refused_not_constructed() -> None:
    data = b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n"
    article = parse_article(data)
    assert codes(article) == ["NR112"]
    assert not article.readable
    assert article.front_matter == {}


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    article = parse_article(("---\n" + "\n".join(lines) + "\n---\n").encode())
    assert "NR113" in codes(article)
    assert not article.readable


def test_deep_nesting_is_refused() -> None:
    article = parse_article(("---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n").encode())
    assert codes(article) == ["NR113"]


def test_list_instead_of_mapping() -> None:
    article = parse_article(b"---\n- a\n- b\n---\n")
    assert codes(article) == ["NR103"]


def test_tabs_in_indentation() -> None:
    article = parse_article(b"---\nimage:\n\tsrc: x\n---\n")
    assert "NR108" in codes(article)
    assert next(p for p in article.problems if p.code == "NR108").span.line == 3


def test_crlf_and_mixed_line_endings() -> None:
    crlf = parse_article(b"---\r\ntitle: A\r\n---\r\nBody\r\n")
    assert codes(crlf) == ["NR107"]
    assert crlf.front_matter == {"title": "A"}
    assert crlf.newline == "\r\n"
    mixed = parse_article(b"---\ntitle: A\r\n---\nBody\n")
    assert codes(mixed) == ["NR107"]
    assert mixed.problems[0].span.line == 2


def test_leading_blank_lines() -> None:
    article = parse_article(b"\n\n---\ntitle: A\n---\nBody\n")
    assert codes(article) == ["NR109"]
    assert article.front_matter == {"title": "A"}
    assert article.locations["title"].key.line == 4


def test_dots_close_a_yaml_block() -> None:
    article = parse_article(b"---\ntitle: A\n...\nBody\n")
    assert article.front_matter == {"title": "A"}
    assert article.body == "Body\n"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xff\xfe-\x00-\x00-\x00", "NR110"),
        (b"---\ntitle: caf\xe9\n---\n", "NR110"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NR111"),
        (b"", "NR101"),
    ],
)
def test_undecodable_input(data: bytes, code: str) -> None:
    article = parse_article(data)
    assert codes(article) == [code]


def test_invalid_utf8_position() -> None:
    article = parse_article(b"---\ntitle: caf\xe9\n---\n")
    assert article.problems[0].span.line == 2
    assert article.problems[0].span.column == 11


def test_unreadable_paths_raise_the_project_error(tmp_path: Path) -> None:
    folder = tmp_path / "x.md"
    folder.mkdir()
    with pytest.raises(ArticleReadError, match="directory"):
        load_article(folder)
    with pytest.raises(NewsroomError, match="no such file"):
        load_article(tmp_path / "missing.md")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(NewsroomError, match="dangling"):
        load_article(tmp_path / "dangling.md")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    with pytest.raises(NewsroomError, match="loop"):
        load_article(tmp_path / "loop.md")


def test_every_article_of_the_real_archive_loads(corpus: Path) -> None:
    found = 0
    for path in sorted(corpus.rglob("*.md")):
        try:
            article = load_article(path)
            _ = article.locations
            _ = article.fields
        except NewsroomError:
            pass
        found += 1
    assert found == 2084


def test_real_archive_quirks_are_found(corpus: Path) -> None:
    per_code: dict[str, set[Path]] = {}
    for path in sorted(corpus.rglob("*.md")):
        for problem in load_article(path).problems:
            per_code.setdefault(problem.code, set()).add(path)
    assert len(per_code["NR104"]) == 13
    assert len(per_code["NR109"]) == 4
    assert len(per_code["NR107"]) == 2


VALUE_SPANS = """---
title: "A headline: quoted"
slug: plain-slug
dek: >
  Folded over
  two lines.
tags: [a, b]
authors:
  - one
image:
  src: x.jpg
empty:
---
Body.
"""


def test_value_span_is_the_value_part_of_the_location() -> None:
    names = ["title", "slug", "dek", "tags", "authors", "image", "image.src", "empty", "nope"]
    sources = [VALUE_SPANS, *(p.read_text("utf-8") for p in EXAMPLES.rglob("*.md"))]
    for text in sources:
        for name in names + list(parse_article(text).front_matter):
            located = parse_article(text).location(name)
            expected = None if located is None else located.value
            assert parse_article(text).value_span(name) == expected, name


# The loader's resolver answers most plain scalars without the YAML library's regular
# expressions; it must tag every value exactly as the library (without timestamps) would.
RESOLVER_SAMPLES = [
    "yes", "Yes", "YES", "no", "NO", "true", "False", "on", "OFF", "null", "Null", "~", "",
    "yesterday", "nothing", "transit", "food", "offline", "Nullable", "tru", "nope", "o",
    "12", "-3", "+4.5", ".inf", ".NaN", "0x1F", "0o17", "1_000", "1:20", "2026-11-17",
    "<<", "=", "!", "&", "*", "plain text", "Ümlaut", "日本",
]  # fmt: skip


@given(st.one_of(st.sampled_from(RESOLVER_SAMPLES), st.text(max_size=12)))
def test_the_resolver_shortcut_agrees_with_the_library(value: str) -> None:
    import yaml

    from newsroom_cli.article import _Loader, _resolve

    loader = _Loader("")
    try:
        for implicit in ((True, False), (False, True)):
            expected = yaml.resolver.BaseResolver.resolve(loader, yaml.ScalarNode, value, implicit)
            assert _resolve(loader, yaml.ScalarNode, value, implicit) == expected
    finally:
        loader.dispose()


@pytest.mark.parametrize("levels", [51, 999, 1000, 1500])
@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_nesting_limit_is_the_loaders_own(levels: int, opener: str) -> None:
    # libyaml as bundled since PyYAML 6.0.4 refuses 1,000 levels by itself; the loader's
    # limit, code, message and position must not depend on the installed release.
    closer = "]" if opener == "[" else "}"
    text = "x: " + opener * levels + "1" + closer * levels
    article = parse_article(f"---\n{text}\n---\n".encode())
    assert codes(article) == ["NR113"]
    (problem,) = article.problems
    assert problem.message == "front matter nested more than 50 levels deep; not read"
    # The top-level mapping is the first level, so the 50th opener is the 51st.
    assert (problem.span.line, problem.span.column) == (2, 4 + 49 * len(opener))


def test_deep_block_nesting_past_the_librarys_limit_is_refused() -> None:
    block = "".join(" " * i + "a:\n" for i in range(1200))
    article = parse_article(f"---\n{block}---\n".encode())
    assert codes(article) == ["NR113"]
