"""`newsroom archive` of a bilingual publication: each language's issues get their own
pages, index and feeds (the publication's language at the archive's root, French one folder
below it), every page says its language, a week's translations link each other, and the
French e-mail's web link is the French page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.roundup.build import BuildOptions, build_issue
from newsroom_cli.roundup.window import week_window

ROOT = "https://site.example/letters/"
SCHEMA = Path(__file__).with_name("jsonfeed-1.1.schema.json")


def post(title: str, date: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n\nSome text of the post.\n"


def invoke(runner: CliRunner, root: Path, *args: str) -> Any:
    result = runner.invoke(app, ["-C", str(root), *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def site(tmp_path: Path, runner: CliRunner) -> Path:
    """A Hugo site in English and French: 2026-W46 in English only, 2026-W47 in both."""
    files = {
        "hugo.toml": 'baseURL = "https://site.example/"\ndefaultContentLanguage = "en"\n'
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
        "content/en/posts/bridge.md": post("Bridge reopens", "2026-11-10"),
        "content/en/posts/ferry.md": post("Ferry fares frozen", "2026-11-17"),
        "content/fr/posts/ferry.md": post("Tarifs du ferry gelés", "2026-11-17"),
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    invoke(runner, tmp_path, "init", "--from", "content")
    config = tmp_path / "newsroom.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f'\n[roundup]\nweb_url = "{ROOT}{{week}}/"\narchive_dir = "public/letters"\n',
        encoding="utf-8",
    )
    for args in (("2026-W46",), ("2026-W47",), ("2026-W47", "--lang", "fr")):
        invoke(runner, tmp_path, "roundup", "--week", *args, "--write-manifest", "--allow-invalid")
    assert sorted(p.name for p in (tmp_path / "roundups").iterdir()) == [
        "2026-W46.toml",
        "2026-W47.fr.toml",
        "2026-W47.toml",
    ]
    return tmp_path


def read(root: Path, relative: str) -> str:
    return (root / "public" / "letters" / relative).read_text(encoding="utf-8")


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_each_language_has_its_own_pages_index_and_feeds(runner: CliRunner, site: Path) -> None:
    result = invoke(runner, site, "archive")
    assert "same page" not in result.stderr and "skipped" not in result.stderr
    assert "has no manifest" not in result.stderr  # fr/ is an archive, not an orphan
    assert "3 issues" in result.stderr
    files = {
        p.relative_to(site / "public" / "letters").as_posix()
        for p in (site / "public" / "letters").rglob("*")
        if p.is_file()
    }
    assert files == {
        "index.html",
        "feed.xml",
        "feed.json",
        "2026-W46/index.html",
        "2026-W47/index.html",
        "fr/index.html",
        "fr/feed.xml",
        "fr/feed.json",
        "fr/2026-W47/index.html",
    }
    english, french = read(site, "2026-W47/index.html"), read(site, "fr/2026-W47/index.html")
    assert english.startswith('<!DOCTYPE html><html lang="en" ')
    assert french.startswith('<!DOCTYPE html><html lang="fr" ')
    assert f'<link rel="canonical" href="{ROOT}2026-W47/">' in english
    assert f'<link rel="canonical" href="{ROOT}fr/2026-W47/">' in french
    assert "Ferry fares frozen" in english and "Tarifs du ferry" not in english
    assert "Tarifs du ferry gelés" in french and "Ferry fares frozen" not in french
    # Each index lists its own language's issues, in its words.
    index, index_fr = read(site, "index.html"), read(site, "fr/index.html")
    assert '<html lang="en" dir="ltr">' in index and '<html lang="fr" dir="ltr">' in index_fr
    assert re.findall(r'<h2 dir="auto"><a href="([^"]+)"', index) == ["2026-W47/", "2026-W46/"]
    assert re.findall(r'<h2 dir="auto"><a href="([^"]+)"', index_fr) == ["2026-W47/"]
    assert "1 numéro" in index_fr and "Flux Atom" in index_fr
    assert f'<link rel="canonical" href="{ROOT}fr/">' in index_fr


def test_each_languages_feeds_carry_its_issues_and_language(runner: CliRunner, site: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    invoke(runner, site, "archive")
    english = feedparser.parse((site / "public/letters/feed.xml").read_bytes())
    french = feedparser.parse((site / "public/letters/fr/feed.xml").read_bytes())
    for feed in (english, french):
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
    assert english.feed.language == "en" and french.feed.language == "fr"
    assert english.feed.link == ROOT and french.feed.link == f"{ROOT}fr/"
    assert [e.link for e in english.entries] == [f"{ROOT}2026-W47/", f"{ROOT}2026-W46/"]
    assert [e.link for e in french.entries] == [f"{ROOT}fr/2026-W47/"]
    assert french.entries[0].id == "tag:site.example,2026:roundup/2026-W47.fr"
    assert "Tarifs du ferry" in french.entries[0].content[0].value
    assert french.feed.subtitle.startswith("Tous les numéros")

    json_fr = json.loads((site / "public/letters/fr/feed.json").read_text(encoding="utf-8"))
    assert json_fr["language"] == "fr"
    assert json_fr["feed_url"] == f"{ROOT}fr/feed.json"
    assert [item["url"] for item in json_fr["items"]] == [f"{ROOT}fr/2026-W47/"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json_fr, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_a_weeks_translations_link_each_other(runner: CliRunner, site: Path) -> None:
    invoke(runner, site, "archive")
    both = {"en": f"{ROOT}2026-W47/", "fr": f"{ROOT}fr/2026-W47/"}
    english, french = read(site, "2026-W47/index.html"), read(site, "fr/2026-W47/index.html")
    assert hreflangs(english) == hreflangs(french) == both
    # A visible link to the other language, named in that language, in the page's nav.
    assert f'<a href="{ROOT}fr/2026-W47/" hreflang="fr" lang="fr"' in english
    assert ">Français</a></nav>" in english
    assert f'<a href="{ROOT}2026-W47/" hreflang="en" lang="en"' in french
    assert ">English</a></nav>" in french
    # A week in one language has no translation to link.
    assert hreflangs(read(site, "2026-W46/index.html")) == {}
    # The indexes link each other too.
    indexes = {"en": ROOT, "fr": f"{ROOT}fr/"}
    assert hreflangs(read(site, "index.html")) == hreflangs(read(site, "fr/index.html")) == indexes


def test_the_french_emails_web_link_is_the_french_page(runner: CliRunner, site: Path) -> None:
    invoke(runner, site, "archive")
    config = load_config(site)
    window = week_window("2026-W47", "UTC")
    english = build_issue(config, window, BuildOptions(allow_invalid=True)).issue
    french = build_issue(config, window, BuildOptions(language="fr", allow_invalid=True)).issue
    assert english.web_url == f"{ROOT}2026-W47/"
    assert french.web_url == f"{ROOT}fr/2026-W47/"
    # What the e-mail links is where the archive put the page.
    assert f'<link rel="canonical" href="{french.web_url}">' in read(site, "fr/2026-W47/index.html")
    rendered = invoke(
        runner, site, "roundup", "--manifest", "roundups/2026-W47.fr.toml", "--format", "html"
    ).stdout
    assert f'href="{ROOT}fr/2026-W47/"' in rendered
    assert f'href="{ROOT}2026-W47/"' not in rendered
    # A web_url that names the page's file keeps naming it in every language.
    config_file = site / "newsroom.toml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace("{week}/", "{week}/index.html"),
        encoding="utf-8",
    )
    config = load_config(site)
    french = build_issue(config, window, BuildOptions(language="fr", allow_invalid=True)).issue
    assert french.web_url == f"{ROOT}fr/2026-W47/index.html"


def test_a_merge_tag_web_url_is_left_to_the_mail_service(runner: CliRunner, site: Path) -> None:
    config_file = site / "newsroom.toml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace(f"{ROOT}{{week}}/", "*|ARCHIVE|*"),
        encoding="utf-8",
    )
    config = load_config(site)
    french = build_issue(
        config, week_window("2026-W47", "UTC"), BuildOptions(language="fr", allow_invalid=True)
    ).issue
    assert french.web_url == "*|ARCHIVE|*"


def test_a_rebuild_of_a_bilingual_archive_writes_nothing(runner: CliRunner, site: Path) -> None:
    invoke(runner, site, "archive")
    again = invoke(runner, site, "archive")
    assert again.stdout == ""
    assert "wrote 0 files, 9 unchanged" in again.stderr


def test_issue_numbers_in_the_address_are_per_language(runner: CliRunner, site: Path) -> None:
    config_file = site / "newsroom.toml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace(f"{ROOT}{{week}}/", f"{ROOT}{{issue}}/"),
        encoding="utf-8",
    )
    result = invoke(runner, site, "archive")
    assert "same page" not in result.stderr
    # English No. 2 and French No. 1 are the same week: they link each other.
    assert hreflangs(read(site, "2/index.html")) == {"en": f"{ROOT}2/", "fr": f"{ROOT}fr/1/"}
    assert hreflangs(read(site, "fr/1/index.html")) == {"en": f"{ROOT}2/", "fr": f"{ROOT}fr/1/"}


def test_a_single_language_archive_has_no_language_folder_or_alternates(
    runner: CliRunner, site: Path
) -> None:
    (site / "roundups" / "2026-W47.fr.toml").unlink()
    invoke(runner, site, "archive")
    assert not (site / "public" / "letters" / "fr").exists()
    for page in ("index.html", "2026-W47/index.html", "2026-W46/index.html"):
        assert "hreflang" not in read(site, page)


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def test_a_real_multilingual_archive(runner: CliRunner, tmp_path: Path) -> None:
    """The OpenTelemetry blog (Hugo, six languages in content/<lang>/): a week published in
    English and Japanese gives two archives that link each other."""
    feedparser = pytest.importorskip("feedparser")
    content = CORPUS / "opentelemetry-blog" / "content"
    if not content.is_dir():
        pytest.skip("opentelemetry-blog not present in ../shared/corpus")
    invoke(runner, tmp_path, "init", "--from", str(content))
    config = tmp_path / "newsroom.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[roundup]\nfirst_issue = "2026-W01"\n',
        encoding="utf-8",
    )
    for language in ("en", "ja"):
        invoke(runner, tmp_path, "roundup", "--week", "2026-W29", "--lang", language,
               "--write-manifest", "--allow-invalid")  # fmt: skip
    result = invoke(runner, tmp_path, "archive")
    assert "skipped" not in result.stderr and "2 issues" in result.stderr
    archive = tmp_path / "public" / "roundups"
    english = (archive / "2026-W29" / "index.html").read_text(encoding="utf-8")
    japanese = (archive / "ja" / "2026-W29" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en" ' in english and '<html lang="ja" ' in japanese
    root = "https://opentelemetry.io/roundups/"
    pages = {"en": f"{root}2026-W29/", "ja": f"{root}ja/2026-W29/"}
    assert hreflangs(english) == hreflangs(japanese) == pages
    feed = feedparser.parse((archive / "ja" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == "ja"
    assert [entry.link for entry in feed.entries] == [pages["ja"]]
