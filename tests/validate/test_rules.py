"""Each rule: a file that breaks it, found at the right place, and one that passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_support import GOOD, config_of, problems, write

from newsroom_cli.article import parse_article
from newsroom_cli.rules import RULES, check_article, validate_paths


def swap(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


TEASER = "word " * 90  # 450 characters: over the newsletter target's 400

# id, file content, code, line, column, words the message must contain
CASES: list[tuple[str, str | bytes, str, int, int, str]] = [
    ("no-front-matter", "The council voted on Tuesday.\n", "NR101", 1, 1, "no front matter"),
    (
        "yaml-syntax",
        swap(
            'title: "Council freezes ferry fares through next summer"',
            "title: Q: what next for the ferry fares?",
        ),
        "NR102",
        2,
        9,
        "YAML",
    ),
    ("not-mapping", "---\n- title\n- date\n---\n\nText.\n", "NR103", 2, 1, "a list"),
    (
        "duplicate-key",
        swap(
            "  credit: James Corrigan\n",
            "  credit: James Corrigan\ntitle: Another headline for it\n",
        ),
        "NR104",
        16,
        1,
        "duplicate key 'title'",
    ),
    ("unterminated", GOOD.replace("---\n\nHARBOR", "\nHARBOR"), "NR105", 1, 1, "never closed"),
    ("bom", "\ufeff" + GOOD, "NR106", 1, 1, "byte-order mark"),
    ("crlf", GOOD.replace("\n", "\r\n"), "NR107", 1, 1, "CRLF"),
    ("tab", swap("  alt:", "\talt:"), "NR108", 14, 1, "tab"),
    ("blank-lines", "\n\n" + GOOD, "NR109", 1, 1, "blank line"),
    ("not-utf8", GOOD.encode() + b"caf\xe9\n", "NR110", 19, 4, "UTF-8"),
    ("binary", b"\x89PNG\x00\x00\x00", "NR111", 1, 1, "binary"),
    (
        "unsafe-tag",
        swap("slug: council-freezes-ferry-fares", "slug: !!python/object/apply:os.system [ls]"),
        "NR112",
        4,
        7,
        "tag",
    ),
    (
        "too-deep",
        "---\ntitle: " + "[" * 60 + "]" * 60 + "\n---\n\nText.\n",
        "NR113",
        2,
        57,
        "nested",
    ),
    ("empty-front-matter", "---\n---\n\nText.\n", "NR114", 1, 1, "empty"),
    ("missing-required", swap("section: news\n", ""), "NR201", 15, 1, "'section'"),
    ("empty-required", swap("section: news", "section:"), "NR201", 5, 1, "no value"),
    (
        "wrong-type",
        swap("tags:\n  - ferries\n", 'featured: "yes"\ntags:\n  - ferries\n'),
        "NR202",
        10,
        11,
        "true or false",
    ),
    (
        "wrong-type-image",
        swap(
            'image:\n  src: ferry.jpg\n  alt: "A white ferry leaves the '
            'terminal at dawn."\n  credit: James Corrigan\n',
            "image: ferry.jpg\n",
        ),
        "NR202",
        12,
        8,
        "mapping",
    ),
    (
        "section-not-allowed",
        swap("section: news", "section: News"),
        "NR203",
        5,
        10,
        "did you mean 'news'",
    ),
    (
        "status-not-allowed",
        swap("status: published", "status: pubished"),
        "NR203",
        9,
        9,
        "did you mean 'published'",
    ),
    (
        "too-short",
        swap("section: news\n", "section: news\ncolumn: Xy\n"),
        "NR204",
        6,
        9,
        "at least 3",
    ),
    (
        "too-long",
        swap("slug: council-freezes-ferry-fares", "slug: " + "a" * 81),
        "NR205",
        4,
        7,
        "at most 80",
    ),
    (
        "pattern",
        swap("slug: council-freezes-ferry-fares", "slug: Council_Freezes"),
        "NR206",
        4,
        7,
        "pattern",
    ),
    (
        "unknown-field",
        swap("section: news\n", "section: news\ntilte: Something\n"),
        "NR207",
        6,
        1,
        "did you mean 'title'",
    ),
    (
        "unknown-subkey",
        swap("  credit: James", "  credt: James"),
        "NR207",
        15,
        3,
        "did you mean 'credit'",
    ),
    (
        "yaml-no",
        swap("section: news\n", "section: news\ncolumn: no\n"),
        "NR208",
        6,
        9,
        "read as false",
    ),
    (
        "yaml-sexagesimal",
        swap("section: news\n", "section: news\ncolumn: 10:00\n"),
        "NR208",
        6,
        9,
        "the number 600",
    ),
    (
        "alias-conflict",
        swap("slug:", "summary: The same story in other words, for the list.\nslug:"),
        "NR209",
        4,
        1,
        "'summary' is ignored",
    ),
    (
        "date-without-offset",
        swap("date: 2026-11-10T21:15:00-05:00", "date: 2026-11-10 21:15"),
        "NR301",
        8,
        7,
        "no UTC offset",
    ),
    (
        "bad-date",
        swap("date: 2026-11-10T21:15:00-05:00", "date: Nov. 10, 2026"),
        "NR302",
        8,
        7,
        "not a date",
    ),
    (
        "updated-before",
        swap("status:", "updated: 2025-11-10T21:15:00-05:00\nstatus:"),
        "NR303",
        9,
        10,
        "before date",
    ),
    (
        "scheduled",
        swap("date: 2026-11-10T21:15:00-05:00", "date: 2999-11-10T21:15:00-05:00"),
        "NR304",
        8,
        7,
        "scheduled",
    ),
    (
        "image-without-alt",
        swap('  alt: "A white ferry leaves the terminal at dawn."\n', ""),
        "NR305",
        12,
        1,
        "alt",
    ),
    ("image-without-credit", swap("  credit: James Corrigan\n", ""), "NR306", 12, 1, "credit"),
    (
        "headline-short",
        swap('title: "Council freezes ferry fares through next summer"', "title: Fares"),
        "NR307",
        2,
        8,
        "shorter than 10",
    ),
    (
        "dek-short",
        swap(
            'dek: "A 7-2 vote keeps the one-way fare to Gull Island at $3.25 until September."',
            "dek: Fares frozen.",
        ),
        "NR308",
        3,
        6,
        "shorter than 40",
    ),
    (
        "author-name",
        swap("  - daniel-reyes", "  - Dan Reyes"),
        "NR309",
        7,
        5,
        "did you mean 'daniel-reyes'",
    ),
    (
        "author-unknown",
        swap("  - daniel-reyes", "  - mara-okafro"),
        "NR309",
        7,
        5,
        "did you mean 'mara-okafor'",
    ),
    ("tag-unknown", swap("  - ferries", "  - Ferries"), "NR310", 11, 5, "did you mean 'ferries'"),
    (
        "teaser-too-long",
        swap("status:", f"teaser: {TEASER.strip()}\nstatus:"),
        "NR311",
        9,
        9,
        "newsletter",
    ),
    (
        "missing-dek",
        swap(
            'dek: "A 7-2 vote keeps the one-way fare to Gull Island at $3.25 until September."\n',
            "",
        ),
        "NR312",
        15,
        1,
        "no dek",
    ),
    (
        "slug-file",
        swap("slug: council-freezes-ferry-fares", "slug: ferry-fares-frozen"),
        "NR313",
        4,
        7,
        "does not match the file name",
    ),
    (
        "published-empty",
        GOOD.split("---\n\n")[0] + "---\n\n<!--more-->\n",
        "NR314",
        9,
        9,
        "no text",
    ),
    (
        "loose-date",
        swap("date: 2026-11-10T21:15:00-05:00", "date: 2026-11-10 21:15:00 -5"),
        "NR315",
        8,
        7,
        "2026-11-10T21:15:00-05:00",
    ),
]


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule_finds_problem_at_place(
    newsroom: Path, text: str | bytes, code: str, line: int, column: int, words: str
) -> None:
    found = problems(newsroom, text)
    matching = [p for p in found if p.code == code]
    assert matching, f"{code} not in {[(p.code, p.message) for p in found]}"
    first = matching[0]
    assert (first.line, first.column) == (line, column), first
    assert words in first.message
    assert first.end_line >= first.line


def test_good_article_has_no_problems(newsroom: Path) -> None:
    assert problems(newsroom, GOOD) == []


@pytest.mark.parametrize(
    "text",
    [
        swap("date: 2026-11-10T21:15:00-05:00", "date: 2026-11-10"),  # a day, no time: no offset
        swap("date: 2026-11-10T21:15:00-05:00", "date: 2026-11-10 21:15:00 -0500"),  # Hugo
        swap("authors:\n  - daniel-reyes", "author: daniel-reyes"),  # alias, one string
        swap("tags:\n  - ferries", "topics: [ferries, budget]"),  # alias, flow list
        swap("status:", "updated: 2026-11-11T08:00:00-05:00\nstatus:"),
        swap("section: news\n", 'section: news\ncolumn: "off"\n'),  # quoted: text
        swap("status: published", "status: draft") + "\n",
        swap("status:", f"teaser: {'word ' * 40}\nstatus:"),  # fits the newsletter
        swap("slug: council-freezes-ferry-fares\n", ""),  # slug derived from the file name
    ],
    ids=[
        "date-only",
        "hugo-date",
        "author-alias",
        "topics-alias",
        "updated-after",
        "quoted-no",
        "draft",
        "teaser-fits",
        "no-slug",
    ],
)
def test_variants_that_pass(newsroom: Path, text: str) -> None:
    assert problems(newsroom, text) == []


def test_missing_field_hint_says_what_to_add(newsroom: Path) -> None:
    found = problems(newsroom, swap("section: news\n", ""))
    assert [p.code for p in found] == ["NR201"]
    assert found[0].hint is not None and "section: news" in found[0].hint
    assert found[0].end_column == 4  # the closing --- itself


def test_unreadable_path_is_a_problem_not_a_crash(newsroom: Path) -> None:
    missing = newsroom / "content" / "news" / "nowhere.md"
    report = validate_paths(config_of(newsroom), [missing], use_cache=False)
    assert [p.code for p in report.problems] == ["NR100"]
    folder = newsroom / "content" / "folder.md"
    folder.mkdir()
    report = validate_paths(config_of(newsroom), [folder], use_cache=False)
    assert [p.code for p in report.problems] == ["NR100"]
    assert "directory" in report.problems[0].message


def test_duplicate_slug_and_title_across_files(newsroom: Path) -> None:
    first = write(newsroom, GOOD)
    second = write(newsroom, GOOD, "content/news/2026/12/council-freezes-ferry-fares.md")
    report = validate_paths(config_of(newsroom), [first, second], use_cache=False)
    codes = [(p.path.split("/")[2], p.code, p.line, p.column) for p in report.problems]
    assert codes == [("2026", "NR402", 2, 8), ("2026", "NR401", 4, 7)] * 2
    assert "content/news/2026/12/council-freezes-ferry-fares.md:4" in report.problems[1].message
    other = write(
        newsroom, swap("Council freezes", "Council FREEZES  "), "content/news/2026/12/other.md"
    )
    other.write_text(other.read_text().replace("slug: council-freezes-ferry-fares", "slug: other"))
    report = validate_paths(config_of(newsroom), [first, other], use_cache=False)
    assert [p.code for p in report.problems] == ["NR402", "NR402"]
    assert {p.severity for p in report.problems} == {"warning"}


def test_check_article_is_single_file(newsroom: Path) -> None:
    config = config_of(newsroom)
    path = write(newsroom, swap("status: published", "status: pubished"))
    article = parse_article(path.read_bytes(), path=path, schema=config.schema)
    found = check_article(config, article)
    assert [(p.code, p.line, p.column) for p in found] == [("NR203", 9, 9)]
    assert found[0].path == str(path)


def test_every_rule_is_documented_and_tested() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert len({rule.name for rule in RULES}) == len(codes)
    # NR115 needs Pelican conventions: tests/adopt/test_sites.py finds it.
    tested = {case[2] for case in CASES} | {"NR100", "NR115", "NR401", "NR402"}
    assert set(codes) == tested
    for rule in RULES:
        assert rule.severity in ("error", "warning")
        assert rule.explanation and rule.good and rule.bad, rule.code


def test_never_one_one_for_a_problem_with_a_place(newsroom: Path) -> None:
    placed = [
        case
        for case in CASES
        if case[2] not in ("NR101", "NR105", "NR106", "NR107", "NR109", "NR111", "NR114")
    ]
    for _, _text, code, line, column, _ in placed:
        assert (line, column) != (1, 1), code
        assert line > 0 and column > 0


def test_rules_doc_is_generated_from_the_code() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(root / "docs" / "gen_rules.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_each_targets_own_teaser_is_measured_against_that_target() -> None:
    """`teaser --write -t meta` stores teasers.meta; an editor's too-long text there is flagged."""
    from pathlib import Path

    from newsroom_cli.article import parse_article
    from newsroom_cli.config import config_from_mapping
    from newsroom_cli.rules import newsroom
    from newsroom_cli.rules.context import Context

    text = (
        "---\ntitle: Ferry fares frozen for the winter\nteaser: Short card.\n"
        f"teasers:\n  meta: {'word ' * 40}\n  x: Fits.\n---\n\nBody.\n"
    )
    config = config_from_mapping({}, root=Path("."))
    article = parse_article(text, schema=config.schema)
    ctx = Context(article=article, config=config, path="a.md")
    import datetime as dt

    found = [f for f in newsroom.check(ctx, dt.datetime.now(dt.UTC)) if f.code == "NR311"]
    assert [f.field for f in found] == ["teasers.meta"]
    assert "meta (199 of 155 chars)" in found[0].message
