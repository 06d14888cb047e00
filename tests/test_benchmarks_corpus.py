"""The benchmark corpus generator: deterministic, and its files load cleanly (no timing here)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

# benchmarks/ is a folder of the repository, not part of the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import corpus

ARTICLES = 40


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def front_matter(path: Path) -> dict[str, object]:
    found = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    assert found, path
    data = yaml.safe_load(found.group(1))
    assert isinstance(data, dict)
    return data


def test_same_seed_same_files(tmp_path: Path) -> None:
    first = corpus.generate(tmp_path / "a", ARTICLES, seed=7)
    second = corpus.generate(tmp_path / "b", ARTICLES, seed=7)
    assert snapshot(first) == snapshot(second)
    other = corpus.generate(tmp_path / "c", ARTICLES, seed=8)
    assert snapshot(first) != snapshot(other)


def test_articles_follow_the_default_schema_and_path_pattern(tmp_path: Path) -> None:
    root = corpus.generate(tmp_path / "corpus", ARTICLES)
    files = sorted((root / "content").rglob("*.md"))
    assert len(files) == ARTICLES
    assert (root / "newsroom.toml").is_file()
    for path in files:
        data = front_matter(path)
        date = data["date"]
        assert date.utcoffset() is not None  # type: ignore[attr-defined]
        relative = path.relative_to(root / "content").as_posix()
        assert relative == f"{data['section']}/{date:%Y}/{date:%m}/{data['slug']}.md"
        assert data["section"] in corpus.SECTIONS
        assert len(data["slug"]) <= 80
        assert data["status"] in corpus.STATUSES
        assert 2015 <= date.year <= 2026  # type: ignore[attr-defined]
        assert isinstance(data["title"], str) and isinstance(data["dek"], str)
        assert data["authors"] and all(isinstance(a, str) for a in data["authors"])
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert corpus.MIN_BODY_WORDS <= len(body.split()) <= corpus.MAX_BODY_WORDS


def test_existing_corpus_is_reused_only_when_it_matches(tmp_path: Path) -> None:
    root = corpus.ensure_synthetic(tmp_path / "corpus", 5)
    marker = root / "content" / "marker.txt"
    marker.write_text("kept", encoding="utf-8")
    corpus.ensure_synthetic(root, 5)
    assert marker.exists()
    corpus.ensure_synthetic(root, 6)
    assert not marker.exists()
    assert len(list((root / "content").rglob("*.md"))) == 6


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit):
        corpus.generate(tmp_path, 3)
    assert (tmp_path / "notes.txt").exists()


def test_copies_of_an_archive_get_unique_slugs_and_dates(tmp_path: Path) -> None:
    archive = tmp_path / "archive" / "2020" / "05"
    archive.mkdir(parents=True)
    (archive / "one.md").write_bytes(
        b"---\r\nslug: one\r\ndate: 2020-05-01 9:30:00 -0400\r\ntitle: One\r\n---\r\nBody.\r\n"
    )
    (archive / "two.md").write_text("---\ntitle: Two\ndate: 2020-05-02\n---\n", encoding="utf-8")
    (archive.parent.parent / "_index.md").write_text("---\ntitle: All\n---\n", encoding="utf-8")
    root = corpus.replicate(tmp_path / "copies", tmp_path / "archive", 3)
    files = snapshot(root / "content")
    assert sorted(files) == [
        "2020/05/one-c1.md", "2020/05/one-c2.md", "2020/05/one.md",
        "2020/05/two-c1.md", "2020/05/two-c2.md", "2020/05/two.md", "_index.md",
    ]  # fmt: skip
    assert files["2020/05/one.md"] == (archive / "one.md").read_bytes()
    assert files["2020/05/one-c2.md"] == (
        b"---\r\nslug: one-c2\r\ndate: 2020-05-01 09:32:00 -0400\r\ntitle: One\r\n---\r\nBody.\r\n"
    )
    dates = {
        front_matter(root / "content" / f"2020/05/two{s}.md")["date"] for s in ("", "-c1", "-c2")
    }
    assert len(dates) == 3


def test_the_project_loader_reads_every_generated_file(tmp_path: Path) -> None:
    article = pytest.importorskip("newsroom_cli.article")
    root = corpus.generate(tmp_path / "corpus", ARTICLES)
    for path in sorted((root / "content").rglob("*.md")):
        loaded = article.load_article(path)
        errors = [problem for problem in loaded.problems if problem.severity == "error"]
        assert errors == [], (path, errors)
        assert loaded.front_matter["title"]
        assert loaded.body.strip()
