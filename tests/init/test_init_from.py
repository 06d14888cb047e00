"""`newsroom init --from`: a configuration that describes an existing archive."""

from __future__ import annotations

import json
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.infer import profile_archive, value_type, without_variants


def hugo_post(folder: Path, name: str, front: str, body: str = "Text.\n") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A small Hugo-style archive: sections as folders, Hugo names and dates, aliases."""
    root = tmp_path / "site" / "content"
    for number in range(1, 21):
        section = "news" if number % 2 else "opinion"
        day = f"2024-03-{number:02d}"
        extra = "deck: A standfirst of its own.\n" if number % 4 == 0 else ""
        tag = "Transport" if number == 7 else "transport"
        author = "" if number == 20 else "author: jdoe\n"
        hugo_post(
            root / section,
            f"{day}-post-number-{number}.md",
            f"title: Post number {number} of the archive\nslug: post-number-{number}\n"
            f"date: {day} 10:00:00 -0400\nsummary: What post {number} says, in a sentence or "
            f"two for the list page.\ntopics:\n  - {tag}\n  - city\n{author}{extra}"
            f"weight: {number}\n",
        )
    (root / "_index.md").write_text("---\ntitle: Home\n---\n")
    return root


def run(runner: CliRunner, *args: str) -> object:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_profile_describes_the_archive(archive: Path) -> None:
    profile = profile_archive(archive)
    assert (profile.files, profile.articles) == (20, 20)
    assert profile.section_source == "folders"
    assert dict(profile.sections) == {"news": 10, "opinion": 10}
    assert profile.pattern == "{section}/{date:%Y}-{date:%m}-{date:%d}-{slug}.md"
    assert dict(profile.tags) == {"transport": 19, "city": 20}
    assert dict(profile.authors) == {"jdoe": 19}
    fields = profile.fields
    assert fields["title"]["presence"] == 1.0 and "required" not in fields["title"]
    assert fields["section"]["required"] is False
    assert fields["status"]["required"] is False
    assert fields["authors"] == {"required": False, "recommended": True, "presence": 0.95}
    assert fields["dek"]["presence"] == 1.0 and fields["dek"]["required"] is True
    # deck is written beside summary in several posts: a field of its own, not an alias.
    assert "deck" not in fields["dek"]["aliases"]
    assert fields["deck"]["type"] == "string" and fields["deck"]["presence"] == 0.25
    assert fields["weight"]["type"] == "number"


def test_written_config_loads_and_maps_aliases(
    archive: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    monkeypatch.chdir(site)
    result = run(
        runner, "init", "--from", "content", "--name", "The Test", "--timezone", "America/New_York"
    )
    assert result.stdout == "newsroom.toml\n"  # type: ignore[attr-defined]
    assert "from 20 articles" in result.stderr  # type: ignore[attr-defined]
    data = tomllib.loads((site / "newsroom.toml").read_text())
    assert data["paths"]["content"] == "content"
    assert [s["key"] for s in data["sections"]] == ["news", "opinion"]
    assert data["tags"]["vocabulary"] == ["city", "transport"]
    config = load_config(site)
    assert config.schema.canonical("summary") == "dek"
    assert config.schema.canonical("topics") == "tags"
    assert config.schema.canonical("author") == "authors"
    assert config.schema.canonical("deck") == "deck"
    assert config.schema["dek"].required and not config.schema["section"].required
    assert [a.key for a in config.authors] == ["jdoe"]
    again = runner.invoke(app, ["init", "--from", "content"])
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_an_archive_without_sections_does_not_require_one(tmp_path: Path) -> None:
    root = tmp_path / "posts"
    for year in ("2019", "2020"):
        hugo_post(root / year, f"{year}-a.md", f"title: A post from {year}\ndate: {year}-01-02\n")
    profile = profile_archive(root)
    # One section for everything: the posts still reach the round-up.
    assert profile.sections == {"posts": 2} and profile.section_source == "single"
    assert profile.fields["section"] == {"required": False}


def test_categories_give_the_sections(tmp_path: Path) -> None:
    root = tmp_path / "_posts"
    for number, category in enumerate(["Politics", "Politics", "Sport"]):
        hugo_post(root, f"p{number}.md", f"title: Post {number}\ncategories: [{category}]\n")
    profile = profile_archive(root)
    assert profile.section_source == "categories"
    assert dict(profile.sections) == {"Politics": 2, "Sport": 1}


def test_unreadable_files_are_counted_not_fatal(archive: Path) -> None:
    (archive / "news" / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    profile = profile_archive(archive)
    assert profile.articles == 20 and [p.name for p in profile.unreadable] == ["broken.md"]


def test_not_a_folder(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["-C", str(tmp_path), "init", "--from", "missing"])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, None),
        ("", None),
        ("2012-07-11 12:36:05 -0400", "date"),
        ("2025-01-01", "date"),
        ("2025-13-01", "string"),
        ("A short line", "string"),
        ("x" * 200, "text"),
        (3, "number"),
        (True, "boolean"),
        (["a"], "list"),
        ({"a": 1}, "mapping"),
    ],
)
def test_value_types(value: object, kind: str | None) -> None:
    assert value_type(value) == kind


def test_variants_are_left_out() -> None:
    counts = Counter({"analytics": 9, "Analytics": 1, "social media": 1, "social-media": 5})
    kept, variants = without_variants(counts)
    assert dict(kept) == {"analytics": 9, "social-media": 5}
    assert variants == {"Analytics": "analytics", "social media": "social-media"}


def test_the_real_archive_gets_an_honest_baseline(
    corpus: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run(runner, "init", "--from", str(corpus), "--timezone", "America/New_York")
    config = load_config(tmp_path)
    assert config.content_dir.resolve() == corpus.resolve()
    assert not config.schema["section"].required and not config.schema["status"].required
    assert config.schema.canonical("summary") == "dek"
    assert config.schema.canonical("topics") == "tags"
    result = runner.invoke(app, ["validate", "--format", "json", str(corpus)])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["files"] == 2083
    files: dict[str, set[str]] = defaultdict(set)
    for problem in report["problems"]:
        files[problem["code"]].add(problem["path"])
    assert len(files["NR104"]) == 13  # duplicate keys
    assert len(files["NR109"]) == 4  # blank lines before the opening ---
    assert len(files["NR107"]) == 2  # CRLF line endings
    with_errors = {p["path"] for p in report["problems"] if p["severity"] == "error"}
    # A baseline, not a wall of errors: schema rules do not fire on every file.
    assert len(with_errors) < 0.05 * report["files"]
    schema_findings = {
        path for code, paths in files.items() if code.startswith("NR2") for path in paths
    }
    assert len(schema_findings) < 0.05 * report["files"]


def test_a_builtin_field_used_with_another_type_takes_the_archives(tmp_path: Path) -> None:
    root = tmp_path / "posts"
    for number in range(5):
        hugo_post(root, f"p{number}.md", f"title: Post {number}\nimage: /img/{number}.jpg\n")
    profile = profile_archive(root)
    assert profile.fields["image"]["type"] == "string" and profile.fields["image"]["keys"] == []
    assert any("image: type string" in note for note in profile.notes)
