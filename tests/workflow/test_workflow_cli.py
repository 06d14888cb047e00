"""`newsroom publish`, `unpublish` and `rename`: only the keys they change change."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from newsroom_cli.article import load_article
from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.workflow import pattern_regex, plan_publish

ZONE = ZoneInfo("America/New_York")
DRAFT = (
    "---\r\n"
    "# The desk's notes stay where they are.\r\n"
    "title:   'Council freezes ferry fares'   # working headline\r\n"
    'dek: "A 7-2 vote keeps the one-way fare to Gull Island at $3.25."\r\n'
    "slug: council-freezes-ferry-fares\r\n"
    "section: news\r\n"
    "authors: [daniel-reyes]\r\n"
    "date: 2026-11-20T09:30:00-05:00\r\n"
    "status: draft      # ask Mara first\r\n"
    "tags:\r\n"
    "  - ferries\r\n"
    "---\r\n"
    "\r\n"
    "The council voted 7-2 on Tuesday.   \r\n"
    "<!-- trailing spaces and CRLF above are kept -->\r\n"
)
NAME = "council-freezes-ferry-fares.md"


def _file(project: Path, text: str = DRAFT, where: str = "news/2026/11") -> Path:
    folder = project / "content" / where
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAME
    path.write_bytes(text.encode("utf-8"))
    return path


def _files(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())


def _pattern(project: Path, pattern: str) -> None:
    with (project / "newsroom.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'[paths]\npattern = "{pattern}"\n')


def test_publish_changes_the_status_and_nothing_else(runner: CliRunner, project: Path) -> None:
    path = _file(project)
    result = runner.invoke(app, ["publish", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"content/news/2026/11/{NAME}\n"
    assert "status draft -> published" in result.stderr
    expected = DRAFT.replace("status: draft      #", "status: published      #")
    assert path.read_bytes() == expected.encode("utf-8")
    again = runner.invoke(app, ["publish", str(path)])
    assert again.exit_code == 0, again.output
    assert "already published; nothing to change" in again.stderr
    assert path.read_bytes() == expected.encode("utf-8")


def test_publish_dry_run_prints_the_diff_and_writes_nothing(
    runner: CliRunner, project: Path
) -> None:
    path = _file(project)
    result = runner.invoke(app, ["publish", "--dry-run", "content/news/2026/11/" + NAME])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"--- a/content/news/2026/11/{NAME}\n")
    # (the runner's stdout reads CRLF as LF; the file's own endings are checked elsewhere)
    assert "-status: draft      # ask Mara first\n" in result.stdout
    assert "+status: published      # ask Mara first\n" in result.stdout
    assert "would be published" in result.stderr
    assert path.read_bytes() == DRAFT.encode("utf-8")


def test_publish_dates_an_undated_article_now_and_files_it_by_that_date(
    runner: CliRunner, project: Path
) -> None:
    undated = DRAFT.replace("date: 2026-11-20T09:30:00-05:00\r\n", "")
    path = _file(project, undated, where="news/2020/01")
    before = dt.datetime.now(ZONE).replace(microsecond=0)
    result = runner.invoke(app, ["publish", str(path)])
    after = dt.datetime.now(ZONE)
    assert result.exit_code == 0, result.output
    moved = project / result.stdout.strip()
    assert not path.exists() and not path.parent.exists()  # the emptied folder is gone
    article = load_article(moved)
    written = dt.datetime.fromisoformat(article.front_matter["date"])
    assert before <= written <= after
    assert written.utcoffset() == written.astimezone(ZONE).utcoffset()
    assert moved.parent == project / "content" / "news" / f"{written:%Y}" / f"{written:%m}"
    text = moved.read_bytes().decode("utf-8")
    assert f"date: {written.isoformat()}\r\n---\r\n" in text  # added where keys are added
    assert text.replace(f"date: {written.isoformat()}\r\n", "") == undated.replace(
        "status: draft ", "status: published "
    )


def test_publish_now_redates_and_moves(runner: CliRunner, project: Path) -> None:
    path = _file(project)
    result = runner.invoke(app, ["publish", "--now", str(path)])
    assert result.exit_code == 0, result.output
    moved = project / result.stdout.strip()
    written = dt.datetime.fromisoformat(load_article(moved).front_matter["date"])
    assert abs((dt.datetime.now(ZONE) - written).total_seconds()) < 120
    if f"{written:%Y/%m}" != "2026/11":
        assert not path.exists() and "moved to" in result.stderr
    assert moved.read_bytes().decode("utf-8") == DRAFT.replace(
        "2026-11-20T09:30:00-05:00", written.isoformat()
    ).replace("status: draft ", "status: published ")


def test_a_file_laid_out_otherwise_is_not_moved(runner: CliRunner, project: Path) -> None:
    path = _file(project, where="old-layout")
    result = runner.invoke(app, ["publish", "--now", str(path)])
    assert result.exit_code == 0, result.output
    assert path.is_file() and result.stdout == f"content/old-layout/{NAME}\n"


def test_publish_refuses_to_overwrite(runner: CliRunner, project: Path) -> None:
    _pattern(project, "{status}/{slug}.md")
    path = _file(project, where="draft")
    other = project / "content" / "published" / NAME
    other.parent.mkdir(parents=True)
    other.write_text("someone else's file\n")
    result = runner.invoke(app, ["publish", f"content/draft/{NAME}"])
    assert result.exit_code == 2, result.output
    assert "already exists" in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"newsroom: error: content/published/{NAME}: already exists")
    assert path.read_bytes() == DRAFT.encode("utf-8")
    assert other.read_text() == "someone else's file\n"


def test_status_in_the_path_moves_both_ways(runner: CliRunner, project: Path) -> None:
    _pattern(project, "{status}/{slug}.md")
    path = _file(project, where="draft")
    published = runner.invoke(app, ["publish", str(path)])
    assert published.exit_code == 0, published.output
    assert _files(project / "content") == [f"published/{NAME}"]
    back = runner.invoke(app, ["unpublish", f"content/published/{NAME}"])
    assert back.exit_code == 0, back.output
    assert back.stdout == f"content/draft/{NAME}\n"
    assert (project / "content" / "draft" / NAME).read_bytes() == DRAFT.encode("utf-8")


def test_unpublish_changes_only_the_status(runner: CliRunner, project: Path) -> None:
    published = DRAFT.replace("status: draft ", "status: published ")
    path = _file(project, published)
    result = runner.invoke(app, ["unpublish", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == DRAFT.encode("utf-8")


def test_generator_draft_flags_follow(runner: CliRunner, project: Path) -> None:
    hugo = "---\ntitle: Council freezes ferry fares\ndraft: true\n---\nText.\n"
    path = _file(project, hugo, where="misc")
    result = runner.invoke(app, ["publish", str(path)])
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert "draft: false\n" in text and "status: published\n" in text
    back = runner.invoke(app, ["unpublish", str(path)])
    assert back.exit_code == 0, back.output
    assert "draft: true\n" in path.read_text() and "status: draft\n" in path.read_text()


def test_toml_front_matter_gets_a_toml_date(runner: CliRunner, project: Path) -> None:
    toml = '+++\ntitle = "Council freezes ferry fares"\nstatus = "draft"\n+++\nText.\n'
    path = _file(project, toml, where="misc")
    result = runner.invoke(app, ["publish", str(path)])
    assert result.exit_code == 0, result.output
    front = load_article(path).front_matter
    assert front["status"] == "published"
    assert isinstance(front["date"], dt.datetime) and front["date"].tzinfo is not None


def test_some_files_fail_others_are_done_exit_1(runner: CliRunner, project: Path) -> None:
    good = _file(project)
    broken = project / "content" / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n")
    result = runner.invoke(app, ["publish", str(good), str(broken), "content/missing.md"])
    assert result.exit_code == 1, result.output
    assert result.stdout == f"content/news/2026/11/{NAME}\n"
    assert result.stderr.count("newsroom: error: ") == 2
    assert result.stderr.endswith("1 file published, 2 could not be\n")
    assert "status: published " in good.read_text()
    assert broken.read_text() == "---\ntitle: [unclosed\n---\n"
    none = runner.invoke(app, ["unpublish", str(broken)])
    assert none.exit_code == 2
    missing = runner.invoke(app, ["publish", "content/missing.md"])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_a_bad_date_is_not_guessed(runner: CliRunner, project: Path) -> None:
    path = _file(project, DRAFT.replace("2026-11-20T09:30:00-05:00", "next Tuesday"))
    result = runner.invoke(app, ["publish", str(path)])
    assert result.exit_code == 2
    assert "is not a date" in result.stderr and "--now" in result.stderr
    assert "status: draft " in path.read_text()


def test_rename_changes_title_slug_and_file_name(runner: CliRunner, project: Path) -> None:
    path = _file(project)
    result = runner.invoke(app, ["rename", str(path), "Fares frozen after 7-2 council vote"])
    assert result.exit_code == 0, result.output
    new = path.with_name("fares-frozen-after-7-2-council-vote.md")
    assert result.stdout == "content/news/2026/11/fares-frozen-after-7-2-council-vote.md\n"
    assert not path.exists()
    expected = DRAFT.replace(
        "title:   'Council freezes ferry fares'", "title:   'Fares frozen after 7-2 council vote'"
    ).replace("slug: council-freezes-ferry-fares", "slug: fares-frozen-after-7-2-council-vote")
    assert new.read_bytes() == expected.encode("utf-8")


def test_rename_alias_keeps_the_old_url_path(runner: CliRunner, project: Path) -> None:
    with_aliases = DRAFT.replace("tags:\r\n", "aliases:\r\n  - /old/ferry/\r\ntags:\r\n")
    path = _file(project, with_aliases)
    result = runner.invoke(
        app, ["rename", "--alias", str(path), "Fares frozen", "--slug", "fares-frozen"]
    )
    assert result.exit_code == 0, result.output
    new = path.with_name("fares-frozen.md")
    front = load_article(new).front_matter
    assert front["aliases"] == ["/old/ferry/", "/news/2026/11/council-freezes-ferry-fares/"]
    text = new.read_bytes().decode("utf-8")
    assert "  - /old/ferry/\r\n  - /news/2026/11/council-freezes-ferry-fares/\r\n" in text
    plain = _file(project)
    added = runner.invoke(app, ["rename", "--alias", str(plain), "Fares stay frozen"])
    assert added.exit_code == 0, added.output
    front = load_article(plain.with_name("fares-stay-frozen.md")).front_matter
    assert front["aliases"] == ["/news/2026/11/council-freezes-ferry-fares/"]


def test_rename_dry_run_shows_both_names(runner: CliRunner, project: Path) -> None:
    path = _file(project)
    result = runner.invoke(
        app, ["rename", "--dry-run", "content/news/2026/11/" + NAME, "Fares frozen"]
    )
    assert result.exit_code == 0, result.output
    assert f"--- a/content/news/2026/11/{NAME}\n" in result.stdout
    assert "+++ b/content/news/2026/11/fares-frozen.md\n" in result.stdout
    assert "+slug: fares-frozen\n" in result.stdout
    assert path.read_bytes() == DRAFT.encode("utf-8")
    assert _files(project / "content") == [f"news/2026/11/{NAME}"]


def test_rename_refuses_to_overwrite_and_long_titles(runner: CliRunner, project: Path) -> None:
    path = _file(project)
    taken = path.with_name("fares-frozen.md")
    taken.write_text("taken\n")
    result = runner.invoke(app, ["rename", str(path), "Fares frozen"])
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert path.read_bytes() == DRAFT.encode("utf-8") and taken.read_text() == "taken\n"
    long = runner.invoke(app, ["rename", str(path), "x" * 121])
    assert long.exit_code == 2 and "longer than the 120" in long.stderr


def test_rename_outside_the_pattern_keeps_the_rest_of_the_name(
    runner: CliRunner, project: Path
) -> None:
    path = project / "content" / "2026-11-20-council-freezes-ferry-fares.md"
    path.write_bytes(DRAFT.encode("utf-8"))
    result = runner.invoke(app, ["rename", str(path), "Fares frozen"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "content/2026-11-20-fares-frozen.md\n"


def test_rename_a_page_bundle_moves_its_folder(runner: CliRunner, project: Path) -> None:
    _pattern(project, "{section}/{slug}.md")
    bundle = project / "content" / "news" / "council-freezes-ferry-fares"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_bytes(DRAFT.encode("utf-8"))
    (bundle / "ferry.jpg").write_bytes(b"\xff\xd8jpeg")
    result = runner.invoke(app, ["rename", "--alias", str(bundle / "index.md"), "Fares frozen"])
    assert result.exit_code == 0, result.output
    moved = project / "content" / "news" / "fares-frozen"
    assert result.stdout == "content/news/fares-frozen/index.md\n"
    assert (moved / "ferry.jpg").read_bytes() == b"\xff\xd8jpeg" and not bundle.exists()
    front = load_article(moved / "index.md").front_matter
    assert front["slug"] == "fares-frozen"
    assert front["aliases"] == ["/news/council-freezes-ferry-fares/"]


def test_every_command_is_validate_clean_after(runner: CliRunner, project: Path) -> None:
    made = runner.invoke(
        app,
        ["new", "Council freezes ferry fares", "--section", "news", "--author", "x"],
    )
    assert made.exit_code == 0, made.output
    path = made.stdout.strip()
    renamed = runner.invoke(app, ["rename", path, "Fares frozen after a council vote"])
    assert renamed.exit_code == 0, renamed.output
    published = runner.invoke(app, ["publish", renamed.stdout.strip()])
    assert published.exit_code == 0, published.output
    checked = runner.invoke(app, ["validate", published.stdout.strip()])
    assert " error " not in checked.stdout, checked.stdout


@pytest.mark.parametrize(
    ("pattern", "path", "slug"),
    [
        ("{section}/{date:%Y}/{date:%m}/{slug}.md", "news/2026/11/ferry", "ferry"),
        ("posts/{date:%Y-%m-%d}-{slug}.md", "posts/2026-11-20-ferry-fares", "ferry-fares"),
        ("{year}/{month}/{day}/{slug}", "2026/11/20/ferry", "ferry"),
        ("{status}/{slug}.markdown", "draft/ferry", "ferry"),
    ],
)
def test_pattern_regex_reads_paths_back(pattern: str, path: str, slug: str) -> None:
    match = re.fullmatch(pattern_regex(pattern), path)
    assert match is not None and match.group("slug") == slug
    assert re.fullmatch(pattern_regex(pattern), "elsewhere/" + path) is None


def test_publish_plans_without_writing(project: Path) -> None:
    path = _file(project)
    config = load_config(project)
    now = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    change = plan_publish(config, path, now=now, set_date=True)
    assert change.moved and change.target.name == NAME
    assert change.target.parent.name == "12"
    assert "2026-12-01T03:00:00-05:00" in change.edit.new.decode()
    assert path.read_bytes() == DRAFT.encode("utf-8")


JEKYLL = (
    '[paths]\ncontent = "."\n'
    'pattern = "_posts/{date:%Y-%m-%d}-{slug}.md"\n'
    'draft_pattern = "_drafts/{slug}.md"\n'
)


def test_drafts_folder_to_posts_and_back(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "newsroom.toml").write_text(
        '[publication]\ntimezone = "America/New_York"\n' + JEKYLL, encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(
        app,
        ["new", "Council freezes ferry fares", "--section", "news", "--author", "x"],
    )
    assert made.exit_code == 0, made.output
    assert made.stdout == "_drafts/council-freezes-ferry-fares.md\n"
    published = runner.invoke(app, ["publish", "--now", made.stdout.strip()])
    assert published.exit_code == 0, published.output
    written = dt.datetime.fromisoformat(
        load_article(tmp_path / published.stdout.strip()).front_matter["date"]
    )
    assert published.stdout == f"_posts/{written:%Y-%m-%d}-council-freezes-ferry-fares.md\n"
    assert not (tmp_path / "_drafts").exists()
    back = runner.invoke(app, ["unpublish", published.stdout.strip()])
    assert back.exit_code == 0, back.output
    assert back.stdout == "_drafts/council-freezes-ferry-fares.md\n"


def test_a_bad_draft_pattern_is_a_config_error(runner: CliRunner, project: Path) -> None:
    with (project / "newsroom.toml").open("a", encoding="utf-8") as handle:
        handle.write('[paths]\ndraft_pattern = "../drafts/{slug}.md"\n')
    result = runner.invoke(app, ["new", "Council freezes ferry fares", "--section", "news"])
    assert result.exit_code == 2
    assert "paths.draft_pattern: must be a relative path" in result.stderr


def test_an_archive_without_slugs_or_statuses(runner: CliRunner, project: Path) -> None:
    folder = project / "content" / "news" / "2026" / "11"
    folder.mkdir(parents=True)
    old = folder / "old-ferry.md"
    old.write_text("---\ntitle: Old ferry headline\nsection: news\ndate: 2026-11-02\n---\nB\n")
    renamed = runner.invoke(app, ["rename", "--alias", str(old), "New ferry headline"])
    assert renamed.exit_code == 0, renamed.output
    assert renamed.stdout == "content/news/2026/11/new-ferry-headline.md\n"
    assert (folder / "new-ferry-headline.md").read_text() == (
        "---\ntitle: New ferry headline\nsection: news\ndate: 2026-11-02\n"
        'aliases: ["/news/2026/11/old-ferry/"]\n---\nB\n'
    )
    bundle = project / "content" / "news" / "2026" / "10" / "bundle-post"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: A bundle\nsection: news\ndraft: true\n---\n")
    (bundle / "pic.jpg").write_bytes(b"jpeg")
    published = runner.invoke(app, ["publish", str(bundle / "index.md")])
    assert published.exit_code == 0, published.output
    assert "draft true -> false" in published.stderr
    moved = project / published.stdout.strip()
    assert moved.name == "index.md" and (moved.parent / "pic.jpg").read_bytes() == b"jpeg"
    assert moved.parent.name == "bundle-post" and not bundle.exists()


def test_a_symbolic_link_is_not_moved(runner: CliRunner, project: Path) -> None:
    real = _file(project, where="elsewhere")
    link = project / "content" / "news" / "2026" / "11" / NAME
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    result = runner.invoke(app, ["rename", str(link), "Fares frozen"])
    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.stderr
    assert link.is_symlink() and real.read_bytes() == DRAFT.encode("utf-8")
    in_place = runner.invoke(app, ["publish", str(link)])
    assert in_place.exit_code == 0, in_place.output
    assert link.is_symlink() and "status: published " in real.read_text()


def test_toml_and_json_front_matter_keep_their_bytes(runner: CliRunner, project: Path) -> None:
    toml = (
        "+++\n"
        'title = "Council freezes ferry fares"  # working\n'
        'slug = "council-freezes-ferry-fares"\n'
        "date = 2026-11-20T09:30:00-05:00\n"
        'status = "draft"\n'
        "[image]\n"
        'src = "ferry.jpg"\n'
        "+++\n"
        "Body.\n"
    )
    path = _file(project, toml, where="misc")
    renamed = runner.invoke(app, ["rename", str(path), "Fares frozen"])
    assert renamed.exit_code == 0, renamed.output
    new = path.with_name("fares-frozen.md")
    assert new.read_text() == toml.replace(
        '"Council freezes ferry fares"', '"Fares frozen"'
    ).replace('"council-freezes-ferry-fares"', '"fares-frozen"')
    as_json = '{\n  "title": "Council freezes ferry fares",\n  "status": "draft"\n}\n\nBody.\n'
    other = project / "content" / "misc" / "json-article.md"
    other.write_text(as_json)
    published = runner.invoke(app, ["publish", "--dry-run", str(other)])
    assert published.exit_code == 0, published.output
    assert '-  "status": "draft"\n' in published.stdout
    assert '+  "status": "published",\n' in published.stdout
    assert other.read_text() == as_json


def test_a_page_bundle_is_edited_in_place(runner: CliRunner, project: Path) -> None:
    bundle = project / "content" / "features" / "ferry-fares"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_bytes(DRAFT.encode("utf-8"))
    result = runner.invoke(app, ["publish", str(bundle / "index.md")])
    assert result.exit_code == 0, result.output
    assert result.stdout == "content/features/ferry-fares/index.md\n"
    assert "status: published " in (bundle / "index.md").read_text()


def test_rename_leaves_a_url_key_alone_and_says_so(runner: CliRunner, project: Path) -> None:
    path = _file(project, DRAFT.replace("tags:\r\n", "url: /ferry/\r\ntags:\r\n"))
    result = runner.invoke(app, ["rename", "--alias", str(path), "Fares frozen"])
    assert result.exit_code == 0, result.output
    assert "`url` is set in the front matter" in result.stderr
    assert "the URL does not change; no alias added" in result.stderr
    front = load_article(path.with_name("fares-frozen.md")).front_matter
    assert front["url"] == "/ferry/" and "aliases" not in front
