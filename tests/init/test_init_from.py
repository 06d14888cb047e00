"""`newsroom init --from`: a configuration that describes an existing archive."""

from __future__ import annotations

import json
import tomllib
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsroom_cli.adopt.infer import (
    difference,
    plausible_key,
    profile_archive,
    render_config,
    value_type,
    without_variants,
)
from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config


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
    # Hugo's summary is the teaser of the list page, its deck the dek ([conventions.meanings]).
    assert fields["teaser"]["presence"] == 1.0 and fields["teaser"]["required"] is True
    assert fields["dek"]["presence"] == 0.25 and fields["dek"]["recommended"] is False
    assert "summary" not in fields["dek"].get("aliases", ())
    assert "deck" not in fields
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
    assert config.schema.canonical("summary") == "teaser"
    assert config.schema.canonical("topics") == "tags"
    assert config.schema.canonical("author") == "authors"
    assert config.schema.canonical("deck") == "dek"
    assert config.schema["teaser"].required and not config.schema["section"].required
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
    assert config.schema.canonical("summary") == "teaser"
    assert config.schema.canonical("description") is None  # the meta description
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


# --- what a person would keep -------------------------------------------------------------

NBSP = "\u00a0"


@pytest.fixture
def untidy_archive(tmp_path: Path) -> Path:
    """An archive as years of hand edits leave it: untidy names, a broken summary, empty keys."""
    root = tmp_path / "posts"
    authors = [
        '["Jose Jimenez"]',
        '["Jose Jimenez"]',
        '["Jose Jimenez "]',  # a trailing space
        f'["Jose{NBSP}Jimenez"]',  # prints like the others
        '["Jose\\u0301 Ruiz"]',  # decomposed: J, o, s, e, combining acute
        '["Jos\\u00e9 Ruiz"]',
        '[""]',
        '["Ana Li", ""]',
    ]
    paragraph = "<p>" + "The agency published the plan on Tuesday after a long review " * 4
    for number, names in enumerate(authors):
        broken = (
            f"summary: <p>The first line of a summary\n{paragraph}said: it will</p>\n"
            if number == 2
            else f"summary: What post {number} says, in a sentence or two.\n"
        )
        hugo_post(
            root,
            f"post-{number}.md",
            f"title: Post number {number} of the archive\nauthors: {names}\n{broken}"
            "legacy_id:\nnotes: ''\n",
        )
    return root


def test_roster_names_are_trimmed_normalised_and_never_empty(untidy_archive: Path) -> None:
    profile = profile_archive(untidy_archive)
    assert set(profile.authors) == {"Jose Jimenez", "José Ruiz", "Ana Li"}
    assert profile.authors["Jose Jimenez"] == 3  # two as written, one trimmed
    assert profile.authors["José Ruiz"] == 2  # composed and decomposed are one name
    assert all(name == name.strip() and name for name in profile.authors)
    notes = "\n".join(profile.notes)
    assert "2 empty" in notes and "1 with spaces around" in notes
    assert "1 with decomposed Unicode" in notes


def test_variants_name_the_difference(untidy_archive: Path) -> None:
    profile = profile_archive(untidy_archive)
    note = next(n for n in profile.notes if "variants of a more used one" in n)
    assert '"Jose\\u00a0Jimenez" beside "Jose Jimenez" (no-break space at 5 instead of space)' in (
        note
    )


@pytest.mark.parametrize(
    ("variant", "chosen", "said"),
    [
        ("Analytics", "analytics", "letter case"),
        ("data_science", "data-science", "'_' at 5 instead of '-'"),
        ("Ana  Li", "Ana Li", "extra space at 5"),
        ("Ana\u200bLi", "AnaLi", "extra zero width space at 4"),
        (f"Maria{NBSP}del{NBSP}Mar", "Maria del Mar", "no-break space at 6 instead of space"),
    ],
)
def test_difference_is_named(variant: str, chosen: str, said: str) -> None:
    assert difference(variant, chosen).startswith(said)


def test_no_field_from_a_broken_value_or_never_filled(untidy_archive: Path, tmp_path: Path) -> None:
    profile = profile_archive(untidy_archive)
    assert all(plausible_key(name) for name in profile.fields)
    assert "legacy_id" not in profile.fields and "notes" not in profile.fields
    assert any(key.startswith("<p>") for key in profile.keys)  # the broken key was read...
    notes = "\n".join(profile.notes)
    assert "1 front-matter keys that cannot be field names" in notes  # ...and said so
    assert "legacy_id, notes" in notes
    text = render_config(
        profile, config_dir=tmp_path, name="N", url="https://n.example", timezone="UTC"
    )
    assert "Seen in 0 of" not in text and "<p>The agency" not in text.split("# ", 1)[0]
    tables = tomllib.loads(text)
    assert all(plausible_key(name) for name in tables["fields"])
    roster = [entry["key"] for entry in tables["authors"]]
    assert "" not in roster and "Jose Jimenez " not in roster
    assert f"Jose{NBSP}Jimenez" not in roster


def test_plausible_keys() -> None:
    for key in ("title", "cSpell:ignore", "og_image", "image.alt", "título", "_build"):
        assert plausible_key(key), key
    for key in ("", "a key", "<p>Text", "x" * 65, "1st", "said: it"):
        assert not plausible_key(key), key


def test_a_missing_author_hint_names_no_one(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "newsroom.toml").write_text(
        '[publication]\nname = "L"\nbase_url = "https://l.example"\ntimezone = "UTC"\n'
        '[[authors]]\nkey = "dana-okafor"\nname = "Dana Okafor"\n',
        encoding="utf-8",
    )
    hugo_post(
        tmp_path / "content",
        "a.md",
        "title: A headline long enough for the rules\nslug: a\nsection: news\n"
        "date: 2026-11-20T09:30:00-05:00\nstatus: draft\n",
    )
    result = runner.invoke(app, ["-C", str(tmp_path), "validate", "--format", "json"])
    report = json.loads(result.stdout)
    missing = [p for p in report["problems"] if "'authors'" in p["message"]]
    assert missing, report
    for problem in missing:
        assert "dana" not in json.dumps(problem).lower()
        assert "[[authors]]" in problem["hint"]


@pytest.mark.parametrize(
    "name", ["elixir-lang-blog", "datafusion-blog", "biome-blog", "opentelemetry-blog"]
)
def test_real_archives_get_only_what_a_person_would_keep(name: str, tmp_path: Path) -> None:
    folder = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / name
    if not folder.is_dir():
        pytest.skip(f"{name} not present in ../shared/corpus")
    profile = profile_archive(folder)
    text = render_config(
        profile, config_dir=tmp_path, name="N", url="https://n.example", timezone="UTC"
    )
    tables = tomllib.loads(text)
    assert all(plausible_key(field) for field in tables["fields"])
    assert "Seen in 0 of" not in text
    for entry in tables.get("authors", []):
        key = entry["key"]
        assert key and key == key.strip() and key == unicodedata.normalize("NFC", key), key
    for tag in tables.get("tags", {}).get("vocabulary", []):
        assert tag and tag == tag.strip(), tag
