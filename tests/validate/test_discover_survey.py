"""One walk finds the files and looks at each, exactly as a walk and a stat per file would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsroom_cli.config import load_config
from newsroom_cli.discover import discover_names, discover_survey, survey
from newsroom_cli.rules.cache import stored_report

ARTICLE = "---\ntitle: A headline\n---\nBody.\n"


def _odd_tree(root: Path) -> None:
    """Nested folders, an excluded index, links, a folder named like an article, a pipe."""
    content = root / "content"
    for folder in ("news/2026/11", "news/2025/01", "opinion", "b", "a"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for name in (
        "news/2026/11/b.md",
        "news/2026/11/a.markdown",
        "news/2025/01/z.md",
        "opinion/_index.md",
        "opinion/view.md",
        "a/first.md",
        "b/second.md",
        "notes.txt",
    ):
        (content / name).write_text(ARTICLE, encoding="utf-8")
    (content / "folder.md").mkdir()
    (content / "folder.md" / "inside.md").write_text(ARTICLE, encoding="utf-8")
    os.symlink(content / "a" / "first.md", content / "opinion" / "link.md")
    os.symlink(content / "missing.md", content / "opinion" / "dangling.md")
    os.symlink(content / "news", content / "linked-folder")
    if hasattr(os, "mkfifo"):
        os.mkfifo(content / "opinion" / "pipe.md")


@pytest.mark.parametrize("with_keys", [True, False])
def test_the_survey_of_a_walk_is_a_walk_then_a_stat_per_file(
    project: Path, with_keys: bool
) -> None:
    _odd_tree(project)
    config = load_config(project)
    names, found = discover_survey(config, with_keys=with_keys)
    assert names == discover_names(config)
    assert found == survey(names, {}, with_keys=with_keys)
    kinds = {Path(names[i]).name: kind for i, kind in found.kinds.items()}
    expected = {"folder.md": "dir"}
    if hasattr(os, "mkfifo"):
        expected["pipe.md"] = "other"
    assert kinds == expected
    assert not any("_index" in name or "linked-folder" in name for name in names)


@pytest.mark.parametrize(
    "given",
    [
        ["content/opinion/view.md", "content/news"],
        ["content"],
        ["content/news", "content/news/2026/11/b.md", "content/news/", "content/opinion/pipe.md"],
    ],
)
@pytest.mark.parametrize("with_keys", [True, False])
def test_the_survey_of_named_files_and_folders_is_a_stat_per_file(
    project: Path, given: list[str], with_keys: bool
) -> None:
    _odd_tree(project)
    config = load_config(project)
    paths = [Path(p) for p in given]
    names, found = discover_survey(config, paths, with_keys=with_keys)
    assert names == discover_names(config, paths)
    assert found == survey(names, {}, with_keys=with_keys)


def test_a_second_run_is_answered_from_the_surveyed_stamps(project: Path) -> None:
    content = project / "content" / "news"
    content.mkdir(parents=True)
    for number in range(20):
        (content / f"story-{number:02}.md").write_text(ARTICLE, encoding="utf-8")
    # Old enough to be trusted by the cache.
    for file in content.iterdir():
        os.utime(file, (1_700_000_000, 1_700_000_000))
    from newsroom_cli.rules import validate_paths

    config = load_config(project)
    names, found = discover_survey(config, with_keys=True)
    first = validate_paths(config, names, surveyed=found)
    assert first.files == 20
    again = stored_report(config, names, surveyed=found)
    assert again is not None and again.problems == first.problems
    # A changed file changes its stamp: the stored run no longer answers.
    (content / "story-00.md").write_text(ARTICLE + "More.\n", encoding="utf-8")
    names, found = discover_survey(config, with_keys=True)
    assert stored_report(config, names, surveyed=found) is None


def test_a_pooled_run_gives_what_a_serial_one_does_and_thaws_what_it_froze(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from newsroom_cli.rules import runner, validate_paths

    content = project / "content" / "news"
    content.mkdir(parents=True)
    for number in range(60):
        body = ARTICLE if number % 7 else ARTICLE.replace("title: A headline", "title: ")
        (content / f"story-{number:02}.md").write_text(body, encoding="utf-8")
    monkeypatch.setattr(runner, "POOL_MIN_FILES", 10)
    config = load_config(project)
    names = discover_names(config)
    serial = validate_paths(config, names, use_cache=False, jobs=1)
    gc.unfreeze()
    pooled = validate_paths(config, names, use_cache=False, jobs=2)
    assert gc.get_freeze_count() == 0
    assert pooled == serial and pooled.problems
