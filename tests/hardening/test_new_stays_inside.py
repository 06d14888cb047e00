"""`new` never overwrites without --force and never writes outside the content dir.

Hostile titles, slugs, `--set slug=...`, sections and path patterns are either refused with
exit 2 and one line on stderr, or made safe; in every case nothing appears outside
``content/``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hostile import assert_clean_exit, examples, tree_digest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsroom_cli.cli.app import app

CONFIG = (
    '[publication]\nname = "Test Ledger"\nbase_url = "https://ledger.example"\n'
    'timezone = "America/New_York"\n'
)
DATE = "2026-11-17T09:30:00-05:00"


def make_project(root: Path, extra: str = "") -> Path:
    project = root / "project"
    (project / "content").mkdir(parents=True)
    (project / "newsroom.toml").write_text(CONFIG + extra, encoding="utf-8")
    (root / "outside").mkdir()
    (root / "outside" / "keep.md").write_text("untouched\n", encoding="utf-8")
    return project


def run_new(project: Path, *args: str) -> object:
    runner = CliRunner()
    return runner.invoke(
        app,
        ["-C", str(project), "new", *args, "--author", "jdoe", "--date", DATE],
        catch_exceptions=True,
    )


def assert_inside(project: Path, result: object, before_outside: dict[str, str]) -> None:
    assert_clean_exit(result, allowed=(0, 2))
    outside = project.parent / "outside"
    assert tree_digest(outside) == before_outside
    content = (project / "content").resolve()
    for path in project.rglob("*"):
        if path.is_file() and path.name != "newsroom.toml":
            assert path.resolve().is_relative_to(content), path
    if result.exit_code == 0:  # type: ignore[attr-defined]
        # The path is shown relative to where the command was started (the test's cwd).
        written = (Path.cwd() / result.stdout.strip()).resolve()  # type: ignore[attr-defined]
        assert written.is_relative_to(content) and written.is_file()
        assert written.suffix == ".md"
        assert all(len(part.encode()) <= 255 for part in written.parts)


HOSTILE_TITLES = [
    "../../../outside/keep",
    "/etc/passwd",
    "..",
    "C:\\Windows\\system32\\evil",
    "CON",
    "nul",
    "index",
    "_index",
    "x" * 400,
    "ü" * 300,
    "\u202eevil\u202c.md",
    "line\nbreak\n---\nsection: opinion",
    "'; rm -rf / #",
    "\ufeff\u200b",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles(tmp_path: Path, title: str) -> None:
    project = make_project(tmp_path)
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, title, "--section", "news")
    assert_inside(project, result, outside)


@pytest.mark.parametrize(
    "args",
    [
        ["--slug", "../../outside/keep"],
        ["--slug", "/etc/passwd"],
        ["--slug", ".."],
        ["--slug", "a" * 300],
        ["--slug", "con"],
        ["--slug", "---"],
        ["--set", "slug=../../outside/keep"],
        ["--set", "slug=/abs/path"],
        ["--set", "slug=nul"],
        ["--set", "slug=" + "b" * 300],
        ["--set", "section=../../outside"],
        ["--set", "dek=a\x00b"],
        ["--column", "../../outside"],
        ["--tag", "../../x"],
    ],
    ids=lambda args: " ".join(args)[:40],
)
def test_hostile_slugs_and_sets(tmp_path: Path, args: list[str]) -> None:
    project = make_project(tmp_path)
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, "Harbor council approves the budget", "--section", "news", *args)
    assert_inside(project, result, outside)


@pytest.mark.parametrize(
    "title",
    ["\x00", "nul\x00byte in the title", "   ", ""],
    ids=["nul", "nul-inside", "blank", "empty"],
)
def test_titles_that_are_refused(tmp_path: Path, title: str) -> None:
    project = make_project(tmp_path)
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, title, "--section", "news")
    assert_inside(project, result, outside)
    assert result.exit_code == 2


@pytest.mark.parametrize("section", ["../..", "..", "/tmp", "news/../../outside", "news\x00", ""])
def test_hostile_section_options_are_refused(tmp_path: Path, section: str) -> None:
    project = make_project(tmp_path)
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, "Harbor council approves the budget", "--section", section)
    assert_inside(project, result, outside)
    assert result.exit_code == 2


@pytest.mark.parametrize("key", ["..", "../../outside", "/tmp/evil", "a/b", "a\\b", "."], ids=repr)
def test_hostile_section_keys_in_config(tmp_path: Path, key: str) -> None:
    escaped = key.replace("\\", "\\\\")
    project = make_project(tmp_path, f'\n[[sections]]\nkey = "{escaped}"\nlabel = "Evil"\n')
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, "Harbor council approves the budget", "--section", key)
    assert_inside(project, result, outside)
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "pattern",
    [
        "../{slug}.md",
        "../../outside/{slug}.md",
        "/tmp/{slug}.md",
        "{section}/../../../outside/{slug}.md",
        "{section}/{date:..}/../{slug}.md",
        "{date:%Y/../..}/{slug}.md",
        "{date:..}/{slug}",
        "C:/{slug}.md",
        "\\\\server\\share\\{slug}.md",
        "{slug}\\u0000.md",
        "{section}/{date:%Y}/{date:%m}.md",
        "{nosuch}/{slug}.md",
        "{slug",
        "{slug:%Y}" + "x" * 300 + ".md",
    ],
)
def test_hostile_path_patterns(tmp_path: Path, pattern: str) -> None:
    escaped = pattern.replace("\\", "\\\\").replace("\\\\u0000", "\\u0000")
    project = make_project(tmp_path, f'\n[paths]\npattern = "{escaped}"\n')
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, "Harbor council approves the budget", "--section", "news")
    assert_inside(project, result, outside)


def test_symlinked_section_folder_pointing_outside(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "content" / "news").symlink_to(tmp_path / "outside", target_is_directory=True)
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, "Harbor council approves the budget", "--section", "news")
    assert result.exit_code == 2, result.stdout
    assert_inside(project, result, outside)


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = run_new(project, "Harbor council approves the budget", "--section", "news")
    assert first.exit_code == 0, first.stderr
    path = Path.cwd() / first.stdout.strip()
    path.write_text("the reporter's edits\n", encoding="utf-8")
    again = run_new(project, "Harbor council approves the budget", "--section", "news")
    assert_clean_exit(again, allowed=(2,))
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == "the reporter's edits\n"
    forced = run_new(project, "Harbor council approves the budget", "--section", "news", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert path.read_text(encoding="utf-8").startswith("---\n")


def test_never_overwrites_through_a_dangling_link(tmp_path: Path) -> None:
    # A link in place of the article pointing to a file that does not exist yet: following
    # it would create a file outside the content dir.
    project = make_project(tmp_path)
    folder = project / "content" / "news" / "2026" / "11"
    folder.mkdir(parents=True)
    (folder / "harbor-council-approves-the-budget.md").symlink_to(tmp_path / "outside" / "new.md")
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, "Harbor council approves the budget", "--section", "news")
    assert_inside(project, result, outside)
    assert result.exit_code == 2


@settings(
    max_examples=examples(40),
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    title=st.text(max_size=120),
    slug=st.one_of(st.none(), st.text(max_size=60)),
    section=st.one_of(st.sampled_from(["news", "opinion", "features"]), st.text(max_size=10)),
    sets=st.lists(
        st.tuples(
            st.sampled_from(["slug", "dek", "section", "teaser", "image.alt", "featured", "x"]),
            st.text(max_size=30),
        ),
        max_size=3,
    ),
)
def test_any_input_to_new_stays_inside(
    title: str, slug: str | None, section: str, sets: list[tuple[str, str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        project = make_project(root)
        outside = tree_digest(root / "outside")
        args = [title, "--section", section]
        if slug is not None:
            args += ["--slug", slug]
        for key, value in sets:
            args += ["--set", f"{key}={value}"]
        result = run_new(project, *args)
        assert_inside(project, result, outside)


def test_symbolic_link_loop_in_place_of_the_article(tmp_path: Path) -> None:
    # Path.resolve() raises RuntimeError on a loop: it reached the user as an internal error.
    project = make_project(tmp_path)
    folder = project / "content" / "news" / "2026" / "11"
    folder.mkdir(parents=True)
    loop = folder / "harbor-council-approves-the-budget.md"
    loop.symlink_to(loop.name)
    outside = tree_digest(tmp_path / "outside")
    result = run_new(project, "Harbor council approves the budget", "--section", "news")
    assert_inside(project, result, outside)
    assert result.exit_code == 2 and "loop" in result.stderr  # type: ignore[attr-defined]
