"""`newsroom archive`: a page per manifest, an index newest first, Atom and JSON feeds;
a rebuild writes only what changed."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from roundup_support import copy_examples, set_roundup_option, write_article
from typer.testing import CliRunner

from newsroom_cli.cli.app import app

SCHEMA = Path(__file__).with_name("jsonfeed-1.1.schema.json")
W47 = "public/newsletter/2026-W47/index.html"
W46 = "public/newsletter/2026-W46/index.html"
INDEX = "public/newsletter/index.html"
ATOM = "public/newsletter/feed.xml"
JSON_FEED = "public/newsletter/feed.json"
ALL = {W47, W46, INDEX, ATOM, JSON_FEED}


def invoke(runner: CliRunner, root: Path, *args: str) -> Any:
    return runner.invoke(app, ["-C", str(root), *args])


@pytest.fixture
def ledger(tmp_path: Path, runner: CliRunner) -> Path:
    root = copy_examples(tmp_path)
    for week in ("2026-W46", "2026-W47"):
        result = invoke(runner, root, "roundup", "--week", week, "--write-manifest")
        assert result.exit_code == 0, result.output
    return root


def archive(runner: CliRunner, root: Path, *args: str) -> Any:
    result = invoke(runner, root, "archive", *args)
    assert result.exit_code == 0, result.output
    return result


def state(root: Path) -> dict[str, tuple[bytes, int]]:
    folder = root / "public" / "newsletter"
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def written(result: Any, root: Path) -> set[str]:
    """The paths the command printed (it prints them as seen from where it started)."""
    # Relative to the test's folder, or absolute when far from it: either way the same file.
    return {
        (Path.cwd() / line).resolve().relative_to(root.resolve()).as_posix()
        for line in result.stdout.split()
    }


def test_the_archive_layout_and_an_issue_page(runner: CliRunner, ledger: Path) -> None:
    result = archive(runner, ledger)
    assert written(result, ledger) == ALL
    assert "public/newsletter: 2 issues; wrote 5 files, 0 unchanged" in result.stderr
    page = (ledger / W47).read_text(encoding="utf-8")
    url = "https://harborledger.example/newsletter/2026-W47/"
    assert '<html lang="en" dir="ltr" ' in page
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:title" content="The Harbor Ledger: The Week No. 47">' in page
    assert '<meta property="og:site_name" content="The Harbor Ledger">' in page
    assert '<meta property="og:image" content="https://harborledger.example/media/' in page
    assert '<link rel="alternate" type="application/atom+xml" href="../feed.xml"' in page
    # The e-mail-only parts are gone: the hidden preheader, Outlook's conditional comments,
    # Apple Mail's reformatting switch.
    assert "mso-hide" not in page and "[if mso]" not in page
    assert "x-apple-disable-message-reformatting" not in page
    assert "&#847;" not in page
    # The same content and styles as the e-mail.
    email = invoke(runner, ledger, "roundup", "--manifest", "roundups/2026-W47.toml", "-f", "html")
    unsubscribe = "https://harborledger.example/newsletter/unsubscribe?list=the-week"
    assert unsubscribe in email.stdout and url in email.stdout
    for href in re.findall(r'href="(https://harborledger\.example/[^"]+)"', email.stdout):
        if href not in (unsubscribe, url):  # the e-mail's own links: unsubscribe, web version
            assert f'href="{href}"' in page
    # The links that only make sense in an inbox are gone.
    assert unsubscribe not in page and "Read it on the web" not in page
    assert f'<a href="{url}"' not in page
    assert 'class="masthead" style="' in page
    assert '<a href="../"' in page


def test_the_index_lists_every_issue_newest_first(runner: CliRunner, ledger: Path) -> None:
    archive(runner, ledger)
    index = (ledger / INDEX).read_text(encoding="utf-8")
    assert index.index('href="2026-W47/"') < index.index('href="2026-W46/"')
    assert 'No. 47 · <time datetime="2026-11-23T00:00:00-05:00">Nov 16' in index
    assert '<link rel="canonical" href="https://harborledger.example/newsletter/">' in index
    assert 'href="feed.xml"' in index and 'href="feed.json"' in index


def test_a_rebuild_with_nothing_changed_writes_nothing(runner: CliRunner, ledger: Path) -> None:
    archive(runner, ledger)
    before = state(ledger)
    result = archive(runner, ledger)
    assert result.stdout == ""
    assert "wrote 0 files, 5 unchanged" in result.stderr
    assert state(ledger) == before


def test_a_changed_article_rewrites_its_issue_the_index_and_the_feeds_only(
    runner: CliRunner, ledger: Path
) -> None:
    archive(runner, ledger)
    before = state(ledger)
    manifest = (ledger / "roundups" / "2026-W47.toml").read_text(encoding="utf-8")
    article = ledger / re.findall(r'path = "([^"]+)"', manifest)[0]
    article.write_text(
        re.sub(
            r"(?m)^title: .*$",
            'title: "Updated headline for the test"',
            article.read_text(encoding="utf-8"),
            count=1,
        ),
        encoding="utf-8",
    )
    result = archive(runner, ledger)
    assert W47 in written(result, ledger)
    assert written(result, ledger) <= {W47, INDEX, ATOM, JSON_FEED}
    after = state(ledger)
    assert after[W46] == before[W46]
    assert "Updated headline for the test" in after[W47][0].decode()


def test_a_changed_manifest_rewrites_its_issue_the_index_and_the_feeds_only(
    runner: CliRunner, ledger: Path
) -> None:
    archive(runner, ledger)
    before = state(ledger)
    manifest = ledger / "roundups" / "2026-W46.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        re.sub(r'(?m)^subject = ".*"$', 'subject = "Ferries and floods"', text), encoding="utf-8"
    )
    result = archive(runner, ledger)
    assert written(result, ledger) == {W46, INDEX, ATOM, JSON_FEED}
    assert state(ledger)[W47] == before[W47]
    assert "Ferries and floods" in (ledger / INDEX).read_text(encoding="utf-8")


def test_the_atom_feed_parses_and_keeps_ids_and_dates(runner: CliRunner, ledger: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    archive(runner, ledger)
    feed = feedparser.parse((ledger / ATOM).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "The Harbor Ledger: The Week"
    assert [e.id for e in feed.entries] == [
        "tag:harborledger.example,2026:roundup/2026-W47",
        "tag:harborledger.example,2026:roundup/2026-W46",
    ]
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated
        assert entry.link.startswith("https://harborledger.example/newsletter/2026-W4")
        assert entry.content[0].type == "text/html" and "<table" in entry.content[0].value
    assert feed.entries[0].updated == "2026-11-23T00:00:00-05:00"
    first = [(e.id, e.updated, e.published) for e in feed.entries]

    # A changed article changes the content, never an entry's id or dates.
    manifest = (ledger / "roundups" / "2026-W47.toml").read_text(encoding="utf-8")
    article = ledger / re.findall(r'path = "([^"]+)"', manifest)[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    set_roundup_option(ledger, "per_section", "3")
    archive(runner, ledger)
    again = feedparser.parse((ledger / ATOM).read_bytes())
    assert [(e.id, e.updated, e.published) for e in again.entries] == first


def test_the_json_feed_validates_against_the_json_feed_schema(
    runner: CliRunner, ledger: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    archive(runner, ledger)
    feed = json.loads((ledger / JSON_FEED).read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(feed)
    assert feed["feed_url"] == "https://harborledger.example/newsletter/feed.json"
    assert [item["id"] for item in feed["items"]] == [
        "tag:harborledger.example,2026:roundup/2026-W47",
        "tag:harborledger.example,2026:roundup/2026-W46",
    ]
    for item in feed["items"]:
        for key in ("date_published", "date_modified"):
            assert dt.datetime.fromisoformat(item[key]).tzinfo is not None
    # The schema is not a formality: a feed without items fails it.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({k: v for k, v in feed.items() if k != "items"}, schema)


def test_hostile_text_is_escaped_in_pages_and_feeds(runner: CliRunner, tmp_path: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    root = copy_examples(tmp_path)
    write_article(
        root,
        "news/2026/11/hostile.md",
        """
title: "<script>alert(1)</script> Ferries & \\"fares\\" \\u0007 ]]> rise"
slug: hostile
section: news
authors: [hannah-lee]
date: 2026-11-19T10:00:00-05:00
status: published
""",
    )
    invoke(runner, root, "roundup", "--week", "2026-W47", "--write-manifest")
    manifest = root / "roundups" / "2026-W47.toml"
    manifest.write_text(
        re.sub(
            r'(?m)^subject = ".*"$',
            'subject = "<b>Ferries</b> & fares"',
            manifest.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    archive(runner, root)
    page = (root / W47).read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>Ferries" not in page
    index = (root / INDEX).read_text(encoding="utf-8")
    assert "&lt;b&gt;Ferries&lt;/b&gt; &amp; fares" in index
    feed = feedparser.parse((root / ATOM).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == "<b>Ferries</b> & fares"
    json.loads((root / JSON_FEED).read_text(encoding="utf-8"))


def test_language_and_direction(runner: CliRunner, tmp_path: Path) -> None:
    ledger = copy_examples(tmp_path)
    config = ledger / "newsroom.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('language = "en"', 'language = "ar"'),
        encoding="utf-8",
    )
    # The manifests record the language of their issue: these are written in Arabic.
    for week in ("2026-W46", "2026-W47"):
        result = invoke(runner, ledger, "roundup", "--week", week, "--write-manifest")
        assert result.exit_code == 0, result.output
    archive(runner, ledger)
    assert '<html lang="ar" dir="rtl" ' in (ledger / W47).read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in (ledger / INDEX).read_text(encoding="utf-8")
    assert 'xml:lang="ar"' in (ledger / ATOM).read_text(encoding="utf-8")
    assert json.loads((ledger / JSON_FEED).read_text(encoding="utf-8"))["language"] == "ar"


def test_output_folder_and_web_url_come_from_the_config_or_o(
    runner: CliRunner, ledger: Path, tmp_path: Path
) -> None:
    set_roundup_option(ledger, "web_url", '"https://news.example/letters/{issue}/"')
    set_roundup_option(ledger, "archive_dir", '"site/letters"')
    archive(runner, ledger)
    page = ledger / "site" / "letters" / "47" / "index.html"
    assert '<link rel="canonical" href="https://news.example/letters/47/">' in page.read_text(
        encoding="utf-8"
    )
    other = tmp_path / "elsewhere"
    result = archive(runner, ledger, "-o", str(other))
    assert (other / "46" / "index.html").is_file() and (other / "feed.json").is_file()
    printed = {(Path.cwd() / line).resolve() for line in result.stdout.split()}
    assert (other / "feed.xml").resolve() in printed


def test_without_web_url_the_pages_get_a_default_address(runner: CliRunner, ledger: Path) -> None:
    config = ledger / "newsroom.toml"
    config.write_text(
        re.sub(r"(?m)^web_url = .*$", "", config.read_text(encoding="utf-8")), encoding="utf-8"
    )
    result = archive(runner, ledger)
    assert "roundup.web_url is not set" in result.stderr
    page = ledger / "public" / "newsletter" / "2026-W47" / "index.html"
    assert 'href="https://harborledger.example/roundups/2026-W47/"' in page.read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    "web_url",
    ['"https://news.example/letters/"', '"*|ARCHIVE|*"', '"https://news.example/{week}/x/"'],
)
def test_a_web_url_the_archive_cannot_use_is_an_error(
    runner: CliRunner, ledger: Path, web_url: str
) -> None:
    set_roundup_option(ledger, "web_url", web_url)
    result = invoke(runner, ledger, "archive")
    assert result.exit_code == 2
    assert "roundup.web_url" in result.stderr and "last folder names the issue" in result.stderr
    assert not (ledger / "public").exists()


def test_no_manifest_is_exit_1_and_a_broken_one_is_skipped(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = copy_examples(tmp_path)
    result = invoke(runner, root, "archive")
    assert result.exit_code == 1
    assert "no issue to publish" in result.stderr
    invoke(runner, root, "roundup", "--week", "2026-W47", "--write-manifest")
    (root / "roundups" / "2026-W40.toml").write_text("issue = [", encoding="utf-8")
    result = invoke(runner, root, "archive")
    assert result.exit_code == 1
    assert "2026-W40.toml: " in result.stderr and "skipped" in result.stderr
    assert (root / W47).is_file()


def test_a_page_without_its_manifest_is_named_and_left_alone(
    runner: CliRunner, ledger: Path
) -> None:
    archive(runner, ledger)
    (ledger / "roundups" / "2026-W46.toml").unlink()
    before = (ledger / W46).read_bytes()
    result = archive(runner, ledger)
    assert "2026-W46/ has no manifest" in result.stderr
    assert (ledger / W46).read_bytes() == before
    assert "2026-W46" not in (ledger / INDEX).read_text(encoding="utf-8")
