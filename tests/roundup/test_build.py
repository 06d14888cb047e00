"""Building issues of the example newsroom: every format, manifests, edge cases."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from helpers import expect_text
from roundup_support import EXPECTED, copy_examples, set_roundup_option, write_article

from newsroom_cli.config import Config, load_config
from newsroom_cli.errors import NewsroomError
from newsroom_cli.roundup.build import (
    Build,
    BuildOptions,
    InvalidArticles,
    build_from_manifest,
    build_from_window,
)
from newsroom_cli.roundup.manifest import dump_manifest, manifest_path, read_manifest
from newsroom_cli.roundup.render import FORMATS, render_issue
from newsroom_cli.roundup.select import select_articles
from newsroom_cli.roundup.window import week_window


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return copy_examples(tmp_path)


def load(root: Path) -> Config:
    return load_config(root)


def build_week(root: Path, week: str, **options: object) -> Build:
    config = load(root)
    return build_from_window(
        config, week_window(week, config.publication.timezone), BuildOptions(**options)
    )  # type: ignore[arg-type]


def as_text(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n", "\n")


def save_manifest(root: Path, built: Build) -> Path:
    config = load(root)
    target = manifest_path(config, built.manifest.window)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dump_manifest(built.manifest, target.name), encoding="utf-8")
    return target


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("week", ["2026-W46", "2026-W47"])
def test_example_weeks_in_every_format(
    ledger: Path, week: str, fmt: str, request: pytest.FixtureRequest
) -> None:
    built = build_week(ledger, week)
    rendered = render_issue(load(ledger), built.issue, fmt)
    assert rendered.warnings == ()
    expect_text(as_text(rendered.data), EXPECTED / f"{week}.{fmt}", request)
    again = render_issue(load(ledger), build_week(ledger, week).issue, fmt)
    assert again.data == rendered.data


def test_the_sunday_night_piece_is_in_w47_and_not_w48(ledger: Path) -> None:
    config = load(ledger)
    tz = config.publication.timezone
    wanted = "content/news/2026/11/water-main-break-closes-harbor-avenue.md"
    w47 = build_week(ledger, "2026-W47").issue
    assert wanted in [item.path for item in w47.items]
    sunday = next(item for item in w47.items if item.path == wanted)
    assert sunday.date.isoformat() == "2026-11-22T23:30:00-05:00"
    w48 = select_articles(config, week_window("2026-W48", tz))
    assert wanted not in [str(a.path) for a in w48.articles]


def test_order_featured_first_then_newest(ledger: Path) -> None:
    write_article(
        ledger,
        "features/2026/11/late-feature.md",
        """
title: A later feature that is not featured
slug: late-feature
section: features
authors: [elena-vasquez]
date: 2026-11-22T10:00:00-05:00
status: published
""",
    )
    features = next(s for s in build_week(ledger, "2026-W47").issue.sections if s.key == "features")
    assert [item.slug for item in features.items] == [
        "night-shift-at-the-pilot-station",
        "late-feature",
    ]
    assert features.items[0].featured


def test_section_order_labels_and_items(ledger: Path) -> None:
    issue = build_week(ledger, "2026-W47").issue
    assert [(s.key, s.label) for s in issue.sections] == [
        ("news", "News"),
        ("analysis", "Analysis"),
        ("opinion", "Opinion"),
        ("features", "Features"),
    ]
    opinion = issue.sections[2].items[0]
    assert opinion.column == "Tide Table"
    assert opinion.authors == ("Tom Whitlock",)
    budget = next(i for i in issue.items if i.slug.startswith("mayor-proposes"))
    assert budget.teaser.startswith("No tax increase")  # the editor's own teaser wins
    assert budget.image is not None and budget.image.alt and budget.image.credit
    assert budget.url.startswith(
        "https://harborledger.example/news/2026/11/mayor-proposes-budget-without-tax-increase/"
    )
    assert "utm_campaign=the-week-2026-W47" in budget.url


def test_drafts_and_pieces_in_review_are_excluded_with_reasons(ledger: Path) -> None:
    excluded = {e.path: e.reason for e in build_week(ledger, "2026-W47").manifest.excluded}
    assert excluded == {}
    write_article(
        ledger,
        "news/2026/11/a-draft.md",
        """
title: A draft that must not be sent out
section: news
authors: [hannah-lee]
date: 2026-11-18T10:00:00-05:00
status: draft
""",
    )
    excluded = {e.path: e.reason for e in build_week(ledger, "2026-W47").manifest.excluded}
    assert excluded == {"content/news/2026/11/a-draft.md": "status is draft"}


def test_per_section_cap_adds_a_more_line(ledger: Path) -> None:
    set_roundup_option(ledger, "per_section", "2")
    issue = build_week(ledger, "2026-W47").issue
    news = issue.sections[0]
    assert len(news.items) == 2 and news.more == 1
    assert news.more_url is not None
    assert news.more_url.startswith("https://harborledger.example/news/?utm_source=")
    markdown = render_issue(load(ledger), issue, "md").text
    assert "[1 more in News on the site](https://harborledger.example/news/?" in markdown


def test_roundup_sections_filter(ledger: Path) -> None:
    set_roundup_option(ledger, "sections", '["opinion", "news"]')
    built = build_week(ledger, "2026-W47")
    assert [s.key for s in built.issue.sections] == ["opinion", "news"]
    reasons = {e.reason for e in built.manifest.excluded}
    assert reasons == {
        "section 'analysis' is not in the round-up",
        "section 'features' is not in the round-up",
    }


def test_empty_week_is_exit_1_unless_allowed(ledger: Path) -> None:
    with pytest.raises(NewsroomError) as info:
        build_week(ledger, "2026-W48")
    assert info.value.exit_code == 1
    assert "no published articles in 2026-W48" in info.value.message
    built = build_week(ledger, "2026-W48", allow_empty=True)
    assert built.issue.sections == ()
    text = render_issue(load(ledger), built.issue, "md").text
    assert "Nothing was published this week." in text
    excluded = {e.reason for e in built.manifest.excluded}
    assert {"status is draft", "status is review", "status is ready"} <= excluded


def test_week_53(ledger: Path) -> None:
    write_article(
        ledger,
        "news/2027/01/new-year.md",
        """
title: Harbor City rings in the new year on the pier
slug: new-year
section: news
authors: [hannah-lee]
date: 2027-01-01T00:30:00-05:00
status: published
""",
    )
    built = build_week(ledger, "2026-W53")
    assert [i.slug for i in built.issue.items] == ["new-year"]
    assert built.issue.date_range == "December 28, 2026 – January 3, 2027"
    assert manifest_path(load(ledger), built.manifest.window).name == "2026-W53.toml"


def test_dst_week_takes_the_extra_hour(ledger: Path) -> None:
    # 2026-W44 ends at local midnight after New York falls back on Nov. 1.
    write_article(
        ledger,
        "news/2026/11/last-hour.md",
        """
title: A piece from the last hour of the longer week
slug: last-hour
section: news
authors: [hannah-lee]
date: 2026-11-01T23:59:00-05:00
status: published
""",
    )
    write_article(
        ledger,
        "news/2026/10/first-hour.md",
        """
title: A piece from the first hour of the longer week
slug: first-hour
section: news
authors: [hannah-lee]
date: 2026-10-26T00:00:00-04:00
status: published
""",
    )
    built = build_week(ledger, "2026-W44")
    assert [i.slug for i in built.issue.items] == ["last-hour", "first-hour"]
    assert built.issue.window.duration.total_seconds() == (7 * 24 + 1) * 3600


def test_invalid_article_stops_the_roundup_unless_allowed(ledger: Path) -> None:
    write_article(
        ledger,
        "news/2026/11/broken.md",
        """
title: A published piece with a duplicated key
title: The duplicated title key
section: news
authors: [hannah-lee]
date: 2026-11-18T10:00:00-05:00
status: published
""",
    )
    with pytest.raises(InvalidArticles) as info:
        build_week(ledger, "2026-W47")
    assert info.value.exit_code == 1
    assert any(
        p.path == "content/news/2026/11/broken.md" and p.line == 3 for p in info.value.problems
    )
    built = build_week(ledger, "2026-W47", allow_invalid=True)
    assert built.problems
    assert "content/news/2026/11/broken.md" in [i.path for i in built.issue.items]


def test_manifest_rebuild_gives_the_same_bytes(ledger: Path) -> None:
    built = build_week(ledger, "2026-W47")
    path = save_manifest(ledger, built)
    assert path.name == "2026-W47.toml"
    manifest = read_manifest(path)
    assert manifest.issue == 47
    assert [i.path for i in manifest.items] == [i.path for i in built.issue.items]
    again = build_from_manifest(load(ledger), manifest)
    assert again.changed == [] and again.warnings == []
    for fmt in FORMATS:
        assert (
            render_issue(load(ledger), again.issue, fmt).data
            == render_issue(load(ledger), built.issue, fmt).data
        )


def test_manifest_text(ledger: Path, request: pytest.FixtureRequest) -> None:
    built = build_week(ledger, "2026-W47")
    expect_text(
        dump_manifest(built.manifest, "roundups/2026-W47.toml"),
        EXPECTED / "2026-W47.manifest.toml",
        request,
    )


def test_manifest_edit_reorder_drop_pin_and_move(ledger: Path) -> None:
    path = save_manifest(ledger, build_week(ledger, "2026-W47"))
    text = path.read_text(encoding="utf-8")
    blocks = text.split("[[items]]\n")
    head, items = blocks[0], blocks[1:]
    by_slug = {
        next(s for s in item.split('"') if s.startswith("content/")).rsplit("/", 1)[1]: item
        for item in items
    }
    water = by_slug["water-main-break-closes-harbor-avenue.md"]
    route9 = by_slug["state-grant-replaces-route-9-buses.md"]
    budget = by_slug["mayor-proposes-budget-without-tax-increase.md"]
    crime = by_slug["why-crime-numbers-are-falling.md"]
    ferry = by_slug["tide-table-give-ferry-riders-a-seat.md"]
    pilot = by_slug["night-shift-at-the-pilot-station.md"]
    pinned_budget = budget.rstrip("\n") + "\npinned = true\n\n"
    moved_ferry = ferry.replace('section = "opinion"', 'section = "news"')
    # Reorder (route 9 before the water main), drop the crime analysis, pin the budget,
    # move the column to News.
    edited = head + "".join(
        "[[items]]\n" + block for block in (route9, water, pinned_budget, moved_ferry, pilot)
    )
    path.write_text(edited, encoding="utf-8")
    issue = build_from_manifest(load(ledger), read_manifest(path)).issue
    assert [(s.key, [i.slug for i in s.items]) for s in issue.sections] == [
        (
            "news",
            [
                "mayor-proposes-budget-without-tax-increase",
                "state-grant-replaces-route-9-buses",
                "water-main-break-closes-harbor-avenue",
                "tide-table-give-ferry-riders-a-seat",
            ],
        ),
        ("features", ["night-shift-at-the-pilot-station"]),
    ]
    assert crime  # dropped above


def test_pinned_items_are_never_cut_by_the_cap(ledger: Path) -> None:
    set_roundup_option(ledger, "per_section", "1")
    path = save_manifest(ledger, build_week(ledger, "2026-W47"))
    text = path.read_text(encoding="utf-8").replace(
        'path = "content/news/2026/11/state-grant-replaces-route-9-buses.md"\n',
        'path = "content/news/2026/11/state-grant-replaces-route-9-buses.md"\npinned = true\n',
    )
    path.write_text(text, encoding="utf-8")
    news = build_from_manifest(load(ledger), read_manifest(path)).issue.sections[0]
    assert [i.slug for i in news.items] == ["state-grant-replaces-route-9-buses"]
    assert news.more == 2


def test_changed_article_after_the_manifest_is_named(ledger: Path) -> None:
    path = save_manifest(ledger, build_week(ledger, "2026-W47"))
    article = ledger / "content/news/2026/11/state-grant-replaces-route-9-buses.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "Twelve electric buses", "Fourteen electric buses"
        ),
        encoding="utf-8",
    )
    rebuilt = build_from_manifest(load(ledger), read_manifest(path))
    assert rebuilt.changed == ["content/news/2026/11/state-grant-replaces-route-9-buses.md"]


def test_article_published_after_the_manifest_is_reported_not_added(ledger: Path) -> None:
    path = save_manifest(ledger, build_week(ledger, "2026-W47"))
    write_article(
        ledger,
        "news/2026/11/latecomer.md",
        """
title: A piece published after the manifest was written
section: news
authors: [hannah-lee]
date: 2026-11-22T12:00:00-05:00
status: published
""",
    )
    rebuilt = build_from_manifest(load(ledger), read_manifest(path))
    assert "latecomer" not in [i.slug for i in rebuilt.issue.items]
    assert any(
        "latecomer.md: published in the window but not in the manifest" in w
        for w in rebuilt.warnings
    )


def test_added_item_that_is_not_published_is_kept_with_a_warning(ledger: Path) -> None:
    path = save_manifest(ledger, build_week(ledger, "2026-W47"))
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[items]]\npath = "content/analysis/2026/11/five-numbers-in-the-budget.md"\n'
        )
    rebuilt = build_from_manifest(load(ledger), read_manifest(path))
    assert "five-numbers-in-the-budget" in [i.slug for i in rebuilt.issue.items]
    assert any("status is review" in w for w in rebuilt.warnings)


def test_manifest_errors_name_the_key(ledger: Path) -> None:
    path = save_manifest(ledger, build_week(ledger, "2026-W47"))
    path.write_text(
        path.read_text(encoding="utf-8").replace("issue = 47", 'issue = "one"'), encoding="utf-8"
    )
    with pytest.raises(NewsroomError, match="issue: expected a positive whole number"):
        read_manifest(path)


def test_issue_numbers_come_from_the_calendar_whatever_order_manifests_are_written(
    ledger: Path,
) -> None:
    # Finding 5: W47 written before W46 made W46 "No. 2".
    assert build_week(ledger, "2026-W47").issue.issue == 47  # first_issue = 2026-W01
    save_manifest(ledger, build_week(ledger, "2026-W47"))
    assert build_week(ledger, "2026-W46").issue.issue == 46
    save_manifest(ledger, build_week(ledger, "2026-W46"))
    assert build_week(ledger, "2026-W53", allow_empty=True).issue.issue == 53
    assert build_week(ledger, "2027-W01", allow_empty=True).issue.issue == 54
    with pytest.raises(NewsroomError, match=r"already used by 2026-W47\.toml"):
        build_week(ledger, "2026-W48", issue=47, allow_empty=True)
    assert build_week(ledger, "2026-W45", issue=400, allow_empty=True).issue.issue == 400
    with pytest.raises(NewsroomError, match=r"before roundup\.first_issue"):
        build_week(ledger, "2025-W52", allow_empty=True)


def test_without_first_issue_the_earliest_manifest_anchors_the_numbers(ledger: Path) -> None:
    config_file = ledger / "newsroom.toml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("first_issue")),
        encoding="utf-8",
    )
    assert build_week(ledger, "2026-W46").issue.issue == 1
    save_manifest(ledger, build_week(ledger, "2026-W46"))
    assert build_week(ledger, "2026-W48", allow_empty=True).issue.issue == 3
    assert build_week(ledger, "2026-W47").issue.issue == 2
    with pytest.raises(NewsroomError, match="before the first issue"):
        build_week(ledger, "2026-W45", allow_empty=True)


def test_intro_file(ledger: Path) -> None:
    intro = ledger / "roundups" / "intro.md"
    intro.write_text(
        "A **busy** week at [City Hall](https://harborledger.example/city-hall/)."
        "\n\n<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    built = build_week(ledger, "2026-W47", intro=intro)
    assert built.manifest.intro == "roundups/intro.md"
    html = render_issue(load(ledger), built.issue, "html").text
    assert "<strong>busy</strong>" in html
    assert "<script" not in html
    markdown = render_issue(load(ledger), built.issue, "md").text
    assert "A **busy** week" in markdown


def test_json_has_the_documented_shape(ledger: Path) -> None:
    data = json.loads(render_issue(load(ledger), build_week(ledger, "2026-W47").issue, "json").text)
    assert set(data) == {
        "title",
        "issue",
        "week",
        "date",
        "language",
        "subject",
        "preheader",
        "web_url",
        "unsubscribe_url",
        "window",
        "sections",
    }
    assert set(data["window"]) == {"start", "end", "timezone"}
    assert set(data["sections"][0]) == {"key", "label", "items"}
    assert set(data["sections"][0]["items"][0]) == {
        "path",
        "slug",
        "title",
        "url",
        "teaser",
        "authors",
        "date",
        "column",
        "featured",
        "image",
    }


def test_utm_tags_only_the_publications_own_links(ledger: Path) -> None:
    write_article(
        ledger,
        "news/2026/11/elsewhere.md",
        """
title: A wire story that lives on a partner site
section: news
authors: [hannah-lee]
date: 2026-11-18T10:00:00-05:00
status: published
url: https://partner.example/story?id=7
""",
    )
    items = {i.slug: i for i in build_week(ledger, "2026-W47").issue.items}
    assert items["elsewhere"].url == "https://partner.example/story?id=7"
    assert "utm_source=newsletter" in items["state-grant-replaces-route-9-buses"].url


def test_project_template_overrides_one_builtin(ledger: Path) -> None:
    folder = ledger / "templates" / "roundup"
    folder.mkdir(parents=True)
    (folder / "roundup.txt").write_text(
        "{{ issue.name }} No. {{ issue.issue }}\n", encoding="utf-8"
    )
    config = load(ledger)
    issue = build_week(ledger, "2026-W47").issue
    assert render_issue(config, issue, "txt").text == "The Week No. 47\n"
    assert render_issue(config, issue, "md").text.startswith("<!-- The Harbor Ledger")


def test_template_with_an_unknown_name_fails_clearly(ledger: Path) -> None:
    folder = ledger / "templates" / "roundup"
    folder.mkdir(parents=True)
    (folder / "roundup.md").write_text("{{ issue.nonsense }}\n", encoding="utf-8")
    with pytest.raises(NewsroomError, match="template"):
        render_issue(load(ledger), build_week(ledger, "2026-W47").issue, "md")


def test_gmail_clipping_error_says_how_much_over_as_sent(ledger: Path) -> None:
    from newsroom_cli.roundup.check import check_issue
    from newsroom_cli.roundup.render import sent_size

    issue = build_week(ledger, "2026-W47").issue
    big = dataclasses.replace(issue, intro="A long paragraph of intro text. " * 4000)
    html = render_issue(load(ledger), big, "html").text
    found = [f for f in check_issue(load(ledger), big, html) if f.code == "NL005"]
    assert len(found) == 1 and found[0].severity == "error"
    size = sent_size(html)
    assert size > len(html.encode("utf-8"))  # quoted-printable adds soft line breaks
    assert f"{size:,} bytes as sent, {size - 102_000:,} over" in found[0].message
