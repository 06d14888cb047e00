"""Values an adopted archive derives rather than writes: Jekyll's space-separated tags, dates
from file names and path keys (and where validate points when they are wrong), and the files
that are not articles at all (template stubs, section pages, archetypes)."""

from __future__ import annotations

import json
from pathlib import Path

from site_support import adopt, run, write


def problems(*args: str) -> list[dict]:
    result = run("validate", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output  # type: ignore[attr-defined]
    return json.loads(result.stdout)["problems"]  # type: ignore[attr-defined,no-any-return]


def test_jekyll_space_separated_tags_are_lists_everywhere(here: Path) -> None:
    write(
        here,
        {
            "_config.yml": "permalink: date\n",
            "_posts/2020-01-02-nerves.md": "---\ntitle: Nerves\ntags: embedded nerves\n"
            "categories: Internals Releases\n---\n\nText here.\n",
            "_posts/2020-01-03-other.md": '---\ntitle: Other\ntags: "embedded phoenix"\n'
            "categories: [Releases]\n---\n\nText.\n",
        },
    )
    report, rows = adopt("_posts")
    assert "2 posts write tags as one space-separated string" in report
    config = (here / "newsroom.toml").read_text(encoding="utf-8")
    # The vocabulary init --from writes holds words, not the strings.
    assert '"embedded",  # 2' in config and '"embedded nerves"' not in config
    assert rows["_posts/2020-01-02-nerves.md"]["tags"] == ["embedded", "nerves"]
    # categories: the first word is the first category, as for Jekyll.
    assert rows["_posts/2020-01-02-nerves.md"]["section"] == "Internals"
    filtered = run("list", "--tag", "nerves", "--format", "json", "--no-problems")
    assert [r["path"] for r in json.loads(filtered.stdout)] == ["_posts/2020-01-02-nerves.md"]  # type: ignore[attr-defined]
    assert [p for p in problems() if p["code"] == "NR310"] == []
    # A word outside the vocabulary is reported, and pointed at inside the string.
    (here / "newsroom.toml").write_text(
        config.replace('    "phoenix",  # 1\n', ""), encoding="utf-8"
    )
    (unknown,) = [p for p in problems() if p["code"] == "NR310"]
    assert unknown["message"] == "tag 'phoenix' is not in the vocabulary"
    assert (unknown["line"], unknown["column"], unknown["end_column"]) == (3, 17, 24)


def test_a_space_in_a_tag_elsewhere_is_kept(here: Path) -> None:
    write(
        here,
        {
            "eleventy.config.js": "module.exports = function () {};\n",
            "posts/2020-01-02-hello.md": "---\ntitle: Hello\ntags: open data\n---\n\nText.\n",
        },
    )
    _, rows = adopt("posts")
    assert rows["posts/2020-01-02-hello.md"]["tags"] == ["open data"]


def test_template_stubs_and_section_pages_are_not_listed(here: Path) -> None:
    write(
        here,
        {
            "hugo.toml": 'baseURL = "https://site.example/"\n',
            "content/posts/_index.md": "---\ntitle: Posts\n---\n",
            "content/posts/real.md": "---\ntitle: A real post\ndate: 2026-01-02\n---\n\nText.\n",
            "content/posts/stub.md": '---\ntitle: \'{{ replace .Name "-" " " | title }}\'\n'
            "date: 2026-01-03\n---\n",
            "content/posts/empty.md": "---\ndraft: true\n---\n",
            "content/archetypes/default.md": "---\ntitle: Archetype\ndate: 2026-01-02\n---\n",
        },
    )
    report, rows = adopt("content")
    assert "3 template stubs are not articles" in report
    assert "Wrote newsroom.toml from 1 articles" in report
    assert list(rows) == ["content/posts/real.md"]
    # Naming the section page's folder in paths.include does not make it an article.
    config = (here / "newsroom.toml").read_text(encoding="utf-8")
    (here / "newsroom.toml").write_text(
        config.replace("[paths]\n", '[paths]\nexclude = ["drafts/**"]\n'), encoding="utf-8"
    )
    listed = run("list", "--format", "json", "--no-problems", "--no-cache")
    assert [r["path"] for r in json.loads(listed.stdout)] == ["content/posts/real.md"]  # type: ignore[attr-defined]
    cached = run("list", "--format", "json", "--no-problems")
    assert [r["path"] for r in json.loads(cached.stdout)] == ["content/posts/real.md"]  # type: ignore[attr-defined]
    verbose = run("validate", "--verbose")
    err = verbose.stderr  # type: ignore[attr-defined]
    assert "skipped content/archetypes/default.md: a template stub: an archetype" in err
    assert "skipped content/posts/_index.md: a section page" in err
    assert "skipped content/posts/stub.md: a template stub: its title is a template" in err
    assert "skipped content/posts/empty.md: a template stub: no title and no date" in err
    week = json.loads(run("roundup", "--week", "2026-W01", "--format", "json").stdout)  # type: ignore[attr-defined]
    assert [i["path"] for s in week["sections"] for i in s["items"]] == ["content/posts/real.md"]


def test_an_impossible_file_name_date_is_reported_at_the_file_name(here: Path) -> None:
    write(
        here,
        {
            "_config.yml": "permalink: date\n",
            "_posts/2014-02-30-leap.md": "---\ntitle: Leap\nlayout: post\n---\n\nText.\n",
            "_posts/2014-02-28-fine.md": "---\ntitle: Fine\nlayout: post\n---\n\nText.\n",
        },
    )
    report, rows = adopt("_posts")
    assert "1 posts have no date by any convention" in report
    leap = rows["_posts/2014-02-30-leap.md"]
    assert leap["date"] is None and leap["sources"]["date"] == "filename"
    assert rows["_posts/2014-02-28-fine.md"]["sources"]["url"] == "permalink"
    (found,) = problems()
    assert found["path"] == "_posts/2014-02-30-leap.md" and found["code"] == "NR302"
    assert found["message"].startswith("file name: '2014-02-30-leap.md' names 2014-02-30")
    assert "dates this post by its file name" in found["message"]
    assert (found["line"], found["column"]) == (1, 1) and found["field"] is None
    # A required date is present when the file name gives it.
    config = (here / "newsroom.toml").read_text(encoding="utf-8")
    (here / "newsroom.toml").write_text(
        config.replace("[fields.date]\nrequired = false", "[fields.date]\nrequired = true"),
        encoding="utf-8",
    )
    codes = [(p["path"], p["code"]) for p in problems("--no-cache")]
    assert ("_posts/2014-02-28-fine.md", "NR201") not in codes


def test_an_impossible_path_key_date_is_reported_at_the_key(here: Path) -> None:
    write(
        here,
        {
            "config.toml": 'base_url = "https://zola.example"\n',
            "content/blog/rust.md": '+++\ntitle = "Rust"\ndescription = "A release."\n'
            'path = "2025/02/30/Rust-1.88.0"\n+++\n\nThe release.\n',
            "content/blog/fine.md": '+++\ntitle = "Fine"\npath = "2025/02/28/fine"\n+++\n\nText.\n',
        },
    )
    _, rows = adopt("content")
    assert rows["content/blog/rust.md"]["sources"]["date"] == "key:path"
    assert rows["content/blog/rust.md"]["date"] is None
    assert rows["content/blog/rust.md"]["sources"]["url"] == "key:path"
    assert rows["content/blog/fine.md"]["sources"]["date"] == "key:path"
    (found,) = [p for p in problems() if p["code"] == "NR302"]
    assert found["path"] == "content/blog/rust.md" and found["field"] == "path"
    assert found["line"] == 4 and found["column"] > 1
    assert "'2025/02/30/Rust-1.88.0' names 2025-02-30" in found["message"]


def test_translations_may_share_a_headline_but_one_language_may_not(here: Path) -> None:
    post = "---\ntitle: {title}\ndate: 2026-11-17\nissue: {issue}\n---\n\nText.\n"
    files = {
        "hugo.toml": 'baseURL = "https://site.example/"\ndefaultContentLanguage = "en"\n'
        "[languages.en]\nweight = 1\n[languages.ja]\nweight = 2\n",
        "content/en/blog/humans.md": post.format(title="The Humans of OTel", issue=4863),
        "content/ja/blog/humans.md": post.format(title="The Humans of OTel", issue=4864),
        "content/en/blog/again.md": post.format(title="The humans of  OTel", issue=4865),
    }
    for number in range(8):
        files[f"content/en/blog/p{number}.md"] = post.format(title=f"Post {number}", issue=number)
    files["content/en/blog/url.md"] = post.format(
        title="Linked", issue="https://github.com/o/r/issues/1"
    )
    write(here, files)
    adopt("content")
    config = (here / "newsroom.toml").read_text(encoding="utf-8")
    # Mostly numbers but also a URL: the field takes text, which holds both.
    assert '[fields.issue]\ntype = "string"' in config
    found = problems()
    assert not [p for p in found if p["code"] == "NR202"]
    duplicates = sorted(p["path"] for p in found if p["code"] == "NR402")
    assert duplicates == ["content/en/blog/again.md", "content/en/blog/humans.md"]
