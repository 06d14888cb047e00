"""Small synthetic sites, one per generator: init --from learns their conventions and every
command reads dates, statuses, sections, languages and URLs through them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from site_support import adopt, run, write

from newsroom_cli.dates import parse_date

POST = "---\ntitle: {title}\n{extra}---\n\nSome text of the post, long enough to read.\n"


def post(title: str, **keys: str) -> str:
    return POST.format(title=title, extra="".join(f"{k}: {v}\n" for k, v in keys.items()))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2015-03-17 14:00:00 -4", "2015-03-17T14:00:00-04:00"),
        ("2012-07-11 12:36:05 -0400", "2012-07-11T12:36:05-04:00"),
        ("2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.100000-05:00"),
        ("2001-12-14 21:59:43.10 Z", "2001-12-14T21:59:43.100000+00:00"),
        ("2020-1-5 3:04:05 +5:30", "2020-01-05T03:04:05+05:30"),
        ("2002-12-14", "2002-12-14T00:00:00+00:00"),
    ],
)
def test_every_yaml_timestamp_form_is_a_date(written: str, expected: str) -> None:
    assert parse_date(written, dt.UTC).value.isoformat() == expected


def test_jekyll_dates_from_file_names_drafts_and_yaml_timestamps(here: Path) -> None:
    write(
        here,
        {
            "site/_config.yml": (
                "url: https://blog.example\npermalink: /:year/:month/:day/:title/\n"
            ),
            "site/_posts/2014-09-25-design-studio.md": post("Design studio", category="Design"),
            "site/_posts/2015-03-17-odd-offset.md": post(
                "Odd offset", date="2015-03-17 14:00:00 -4", category="News"
            ),
            "site/_posts/2016-01-02-unpublished.md": post(
                "Not yet", published="false", category="News"
            ),
            "site/_posts/2016-01-03-no-category.md": post("No category at all"),
        },
    )
    report, rows = adopt("site/_posts")
    assert "generator: jekyll" in report
    assert "3 posts are dated by file name only: dates taken from names" in report
    studio = rows["site/_posts/2014-09-25-design-studio.md"]
    assert studio["date"].startswith("2014-09-25") and studio["sources"]["date"] == "filename"
    assert studio["status"] == "published" and studio["sources"]["status"] == "default"
    assert studio["url"] == "https://blog.example/2014/09/25/design-studio/"
    odd = rows["site/_posts/2015-03-17-odd-offset.md"]
    assert odd["date"] == "2015-03-17T18:00:00+00:00" and odd["sources"]["date"] == "key:date"
    assert rows["site/_posts/2016-01-02-unpublished.md"]["status"] == "draft"
    # Without a category the post still has a section, and still reaches the round-up.
    assert rows["site/_posts/2016-01-03-no-category.md"]["section"] == "other"
    result = run("roundup", "--week", "2015-W53", "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    issue = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert [s["key"] for s in issue["sections"]] == ["other"]
    validated = run("validate", "--format", "json")
    assert "NR302" not in validated.stdout  # type: ignore[attr-defined]


def test_hugo_languages_translations_bundles_and_drafts(here: Path) -> None:
    write(
        here,
        {
            "hugo.toml": 'baseURL = "https://site.example/"\ndefaultContentLanguage = "en"\n'
            "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
            '[permalinks]\nposts = "/:year/:month/:slug/"\n',
            "content/en/posts/_index.md": "---\ntitle: Posts\n---\n",
            "content/en/posts/ferry.md": post("Ferry fares frozen", date="2026-11-17"),
            "content/fr/posts/ferry.md": post("Tarifs du ferry gelés", date="2026-11-17"),
            "content/en/posts/harbor/index.md": post("Harbor bundle", date="2026-11-18"),
            "content/en/posts/later.md": post("Scheduled", date="2999-01-01"),
            "content/en/posts/hidden.md": post("Hidden", date="2026-11-18", draft="true"),
            "content/en/posts/gone.md": post("Gone", date="2026-11-18", expirydate="2026-11-19"),
        },
    )
    report, rows = adopt("content")
    assert "generator: hugo" in report and "languages: en 5, fr 1" in report
    ferry = rows["content/en/posts/ferry.md"]
    assert ferry["language"] == "en" and ferry["translations"] == ["fr"]
    assert ferry["section"] == "posts"
    assert ferry["url"] == "https://site.example/2026/11/ferry/"
    assert rows["content/fr/posts/ferry.md"]["language"] == "fr"
    assert "content/en/posts/_index.md" not in rows
    assert rows["content/en/posts/harbor/index.md"]["date"].startswith("2026-11-18")
    assert rows["content/en/posts/later.md"]["status"] == "draft"
    assert rows["content/en/posts/later.md"]["sources"]["status"] == "future"
    assert rows["content/en/posts/hidden.md"]["sources"]["status"] == "key:draft"
    assert rows["content/en/posts/gone.md"]["status"] == "expired"
    french = run("list", "--lang", "fr", "--format", "json", "--no-problems")
    assert [r["path"] for r in json.loads(french.stdout)] == ["content/fr/posts/ferry.md"]  # type: ignore[attr-defined]
    english = json.loads(run("roundup", "--week", "2026-W47", "--format", "json").stdout)  # type: ignore[attr-defined]
    paths = {i["path"] for s in english["sections"] for i in s["items"]}
    # The expiry passed during the week: the post was on the site in it.
    assert paths == {
        "content/en/posts/ferry.md",
        "content/en/posts/harbor/index.md",
        "content/en/posts/gone.md",
    }
    fr = json.loads(run("roundup", "--week", "2026-W47", "--lang", "fr", "--format", "json").stdout)  # type: ignore[attr-defined]
    assert [i["path"] for s in fr["sections"] for i in s["items"]] == ["content/fr/posts/ferry.md"]
    shown = run("preview", "content/en/posts/ferry.md")
    assert "In en; also in: fr (content/fr/posts/ferry.md)" in shown.stdout  # type: ignore[attr-defined]
    assert "Tue 17 Nov 2026" in shown.stdout  # type: ignore[attr-defined]
    unknown = run("roundup", "--week", "2026-W47", "--lang", "de")
    assert unknown.exit_code == 2  # type: ignore[attr-defined]


def test_zola_toml_front_matter_dated_by_its_path_key(here: Path) -> None:
    write(
        here,
        {
            "config.toml": 'base_url = "https://zola.example"\ndefault_language = "en"\n',
            "content/blog/rust.md": '+++\ntitle = "Rust 1.88.0"\npath = "2025/06/26/Rust-1.88.0"\n'
            "+++\n\nThe release.\n",
            "content/blog/2025-07-01_summer.md": '+++\ntitle = "Summer update"\n+++\n\nText.\n',
            "content/blog/timed.md": '+++\ntitle = "Timed"\ndate = 2025-06-27T10:00:00Z\n+++\n',
        },
    )
    report, rows = adopt("content")
    assert "generator: zola" in report
    rust = rows["content/blog/rust.md"]
    assert rust["date"].startswith("2025-06-26") and rust["sources"]["date"] == "key:path"
    assert rust["url"] == "https://zola.example/2025/06/26/Rust-1.88.0"
    assert rows["content/blog/2025-07-01_summer.md"]["sources"]["date"] == "filename"
    assert rows["content/blog/timed.md"]["date"] == "2025-06-27T10:00:00+00:00"


def test_astro_locales_and_mdx(here: Path) -> None:
    write(
        here,
        {
            "astro.config.mjs": "export default { integrations: [starlight({ defaultLocale: "
            "'root', locales: {\n root: { label: 'English', lang: 'en' },\n ja: { label: "
            "'日本語', lang: 'ja' },\n }, })] };\n",
            "src/content.config.ts": "export const collections = { docs: defineCollection({}) };\n",
            "src/content/docs/blog/launch.mdx": "---\ntitle: Launch day\ndate: 2024-05-01\n---\n\n"
            "import X from './x';\n\nText.\n",
            "src/content/docs/ja/blog/launch.mdx": (
                "---\ntitle: ローンチ\ndate: 2024-05-02\n---\n\nText.\n"
            ),
        },
    )
    report, rows = adopt("src/content/docs")
    assert "generator: astro" in report
    english = rows["src/content/docs/blog/launch.mdx"]
    assert english["language"] == "en" and english["translations"] == ["ja"]
    assert rows["src/content/docs/ja/blog/launch.mdx"]["language"] == "ja"
    assert english["section"] == "blog"


def test_eleventy_file_name_dates_and_draft_key(here: Path) -> None:
    write(
        here,
        {
            "eleventy.config.js": "module.exports = function () {};\n",
            "posts/2020-01-02-hello.md": post("Hello world"),
            "posts/2020-01-03-wip.md": post("Work in progress", draft="true"),
        },
    )
    report, rows = adopt("posts")
    assert "generator: eleventy" in report
    assert rows["posts/2020-01-02-hello.md"]["date"].startswith("2020-01-02")
    assert rows["posts/2020-01-03-wip.md"]["status"] == "draft"


def test_pelican_metadata_that_is_not_yaml(here: Path) -> None:
    write(
        here,
        {
            "pelicanconf.py": "SITEURL = 'https://p.example/blog'\n"
            "ARTICLE_URL = '{date:%Y}/{date:%m}/{date:%d}/{filename}'\n",
            "content/blog/2021-11-8-release.md": "---\ntitle: DataFusion: A Query Engine\n"
            "date: 2021-11-19\ncategories: [release]\n---\n\nText.\n",
        },
    )
    report, rows = adopt("content")
    assert "generator: pelican" in report and "not YAML" in report
    row = rows["content/blog/2021-11-8-release.md"]
    assert row["date"].startswith("2021-11-19") and row["section"] == "release"
    assert row["title"] == "DataFusion: A Query Engine"
    assert row["url"] == "https://p.example/blog/2021/11/19/2021-11-8-release"
    validated = run("validate", "--format", "json")
    assert "NR115" in validated.stdout and "NR102" not in validated.stdout  # type: ignore[attr-defined]


def test_an_unknown_generator_is_said_so(here: Path) -> None:
    write(here, {"notes/a.md": post("A note", date="2020-01-01")})
    report, rows = adopt("notes")
    assert "generator: unknown" in report
    assert rows["notes/a.md"]["status"] == "published"


def test_native_projects_keep_their_fields(here: Path) -> None:
    write(
        here,
        {
            "newsroom.toml": "",
            "content/news/a.md": post("A story", date="2020-01-01", section="news"),
        },
    )
    listed = run("list", "--format", "json", "--no-problems")
    (row,) = json.loads(listed.stdout)  # type: ignore[attr-defined]
    assert row["status"] is None and row["sources"] == {} and row["section"] == "news"


def test_a_loose_yaml_date_is_a_warning_and_fix_rewrites_it(here: Path) -> None:
    write(
        here,
        {
            "_config.yml": "permalink: date\n",
            "_posts/2015-03-17-odd.md": post("An odd offset", date="2015-03-17 14:00:00 -4"),
        },
    )
    adopt("_posts")
    result = run("validate", "--format", "json")
    problems = json.loads(result.stdout)["problems"]  # type: ignore[attr-defined]
    codes = {p["code"] for p in problems}
    assert "NR302" not in codes and "NR315" in codes
    loose = next(p for p in problems if p["code"] == "NR315")
    assert "2015-03-17T14:00:00-04:00" in loose["hint"]
    fixed = run("fix", "_posts/2015-03-17-odd.md")
    assert fixed.exit_code == 0, fixed.output  # type: ignore[attr-defined]
    text = (here / "_posts/2015-03-17-odd.md").read_text(encoding="utf-8")
    assert "date: 2015-03-17T14:00:00-04:00" in text


def test_validate_verbose_says_why_files_were_skipped(here: Path) -> None:
    write(
        here,
        {
            "hugo.toml": 'baseURL = "https://site.example/"\n',
            "content/posts/_index.md": "---\ntitle: Posts\n---\n",
            "content/posts/real.md": post("A real post", date="2026-01-02"),
            "content/posts/stub.md": '---\ntitle: \'{{ replace .Name "-" " " | title }}\'\n---\n',
            "content/posts/empty.md": "---\ndraft: true\n---\n",
        },
    )
    adopt("content")
    result = run("validate", "--verbose")
    err = result.stderr  # type: ignore[attr-defined]
    assert "skipped content/posts/_index.md: a section page" in err
    assert "skipped content/posts/stub.md: a template stub: its title is a template" in err
    assert "skipped content/posts/empty.md: a template stub: no title and no date" in err
    assert "stub.md" not in result.stdout  # type: ignore[attr-defined]
    assert "empty.md" not in result.stdout  # type: ignore[attr-defined]
