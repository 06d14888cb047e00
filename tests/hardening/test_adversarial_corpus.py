"""The adversarial corpus: each case's exit code and problem code, from corpus/cases.toml.

Small cases are committed files; big or special ones (a 10 MB body, 5,000 levels of
nesting, links, a folder named like an article, an unreadable file, a named pipe) are
built in tmp_path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import assert_clean_exit, needs_command, registered_commands, tree_digest
from typer.testing import CliRunner

from newsroom_cli.article import ArticleReadError, load_article, parse_article
from newsroom_cli.cli.app import app

CORPUS = Path(__file__).parent / "corpus"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
VALID = (CORPUS / "valid.md").read_text(encoding="utf-8")
FRONT, BODY = VALID.split("---\n")[1], VALID.split("---\n", 2)[2]

CONFIG = (
    '[publication]\nname = "Test Ledger"\nbase_url = "https://ledger.example"\n'
    'timezone = "America/New_York"\n'
)


def _big_body(content: Path) -> Path:
    path = content / "big-body.md"
    paragraph = "The council voted on the harbor budget after a long night. " * 16 + "\n\n"
    body = paragraph * (10 * 1024 * 1024 // len(paragraph) + 1)
    path.write_text("---\n" + FRONT + "---\n\n" + body, encoding="utf-8")
    return path


def _deep_nesting(content: Path) -> Path:
    path = content / "deep-nesting.md"
    path.write_text(
        "---\n" + FRONT + "image: " + "[" * 5000 + "]" * 5000 + "\n---\n" + BODY, encoding="utf-8"
    )
    return path


def _alias_bomb_deep(content: Path) -> Path:
    # Twenty levels of nine: 9**20 values if expanded.
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 20)]
    path = content / "alias-bomb-deep.md"
    path.write_text("---\n" + FRONT + "\n".join(lines) + "\n---\n" + BODY, encoding="utf-8")
    return path


def _symlink_loop(content: Path) -> Path:
    (content / "loop-a.md").symlink_to("loop-b.md")
    (content / "loop-b.md").symlink_to("loop-a.md")
    return content / "loop-a.md"


def _dangling_symlink(content: Path) -> Path:
    path = content / "dangling.md"
    path.symlink_to("gone-for-good.md")
    return path


def _directory_named_md(content: Path) -> Path:
    path = content / "x.md"
    path.mkdir()
    (path / "inside.txt").write_text("not an article\n", encoding="utf-8")
    return path


def _unreadable(content: Path) -> Path:
    path = content / "unreadable.md"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)
    return path


def _named_pipe(content: Path) -> Path:
    path = content / "named-pipe.md"
    os.mkfifo(path)
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "big-body": _big_body,
    "deep-nesting": _deep_nesting,
    "alias-bomb-deep": _alias_bomb_deep,
    "symlink-loop": _symlink_loop,
    "dangling-symlink": _dangling_symlink,
    "directory-named-md": _directory_named_md,
    "unreadable": _unreadable,
    "named-pipe": _named_pipe,
}


def case_id(case: dict[str, object]) -> str:
    return str(case.get("file") or case.get("make"))


def materialise(case: dict[str, object], content: Path) -> Path:
    if "file" in case:
        target = content / str(case["file"])
        shutil.copyfile(CORPUS / str(case["file"]), target)
        return target
    return MAKERS[str(case["make"])](content)


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def can_drop_read_override() -> bool:
    """Whether setpriv may take root's right to read any file (not in every container)."""
    if not running_as_root() or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "true"],
        capture_output=True,
        timeout=30,
        check=False,
    )
    return probe.returncode == 0


def test_manifest_lists_every_committed_file() -> None:
    listed = {case["file"] for case in CASES if "file" in case}
    on_disk = {p.name for p in CORPUS.glob("*.md")}
    assert listed == on_disk
    assert {case["make"] for case in CASES if "make" in case} == set(MAKERS)
    for case in CASES:
        assert case["exit"] in (0, 1, 2)
        assert case["code"] == "" or str(case["code"]).startswith("NR")


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "newsroom.toml").write_text(CONFIG, encoding="utf-8")
    folder = tmp_path / "content"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_loader_reports_the_expected_code(case: dict[str, object], content: Path) -> None:
    if case.get("make") == "unreadable" and running_as_root():
        pytest.skip("root reads files whatever their mode; covered by the setpriv test")
    path = materialise(case, content)
    started = time.perf_counter()
    try:
        article = load_article(path)
    except ArticleReadError as exc:
        assert case["code"] == exc.code, exc
        return
    assert time.perf_counter() - started < 60  # a guard against runaway work
    found = [p.code for p in article.problems]
    if case["code"]:
        assert case["code"] in found, found
    errors = [p for p in article.problems if p.severity == "error"]
    if case["exit"] == 0:
        assert article.readable and not errors, found
    else:
        assert errors or not article.readable, found


@pytest.mark.skipif(
    not can_drop_read_override(),
    reason="needs root and setpriv to take away the right to read any file",
)
def test_unreadable_file_as_root_without_read_override(content: Path) -> None:
    path = _unreadable(content)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsroom_cli.article import ArticleReadError, load_article\n"
        "try:\n"
        "    load_article(Path(sys.argv[1]))\n"
        "except ArticleReadError as exc:\n"
        "    print(exc.code, exc)\n"
    )
    done = subprocess.run(
        [
            "setpriv",
            "--bounding-set",
            "-dac_override,-dac_read_search",
            sys.executable,
            "-c",
            script,
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("NR100 ") and "permission denied" in done.stdout


def validate_json(content: Path, *paths: Path) -> tuple[int, list[dict[str, object]], str]:
    """Run `newsroom validate --format json` in-process; exit code, problems, stderr."""
    result = CliRunner().invoke(
        app,
        [
            "-C",
            str(content.parent),
            "validate",
            "--format",
            "json",
            "--no-cache",
            *[str(p) for p in paths],
        ],
    )
    assert_clean_exit(result)
    report = json.loads(result.stdout) if result.stdout.strip() else {"problems": []}
    return result.exit_code, report["problems"], result.stderr


@needs_command("validate")
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_validate_reports_the_expected_code(case: dict[str, object], content: Path) -> None:
    if case.get("make") == "unreadable" and running_as_root():
        pytest.skip("root reads files whatever their mode; covered by the setpriv test")
    path = materialise(case, content)
    before = tree_digest(content)
    started = time.perf_counter()
    code, problems, stderr = validate_json(content, path)
    assert time.perf_counter() - started < 120  # a guard against runaway work
    codes = [p["code"] for p in problems]
    assert code == case["exit"], (codes, stderr)
    if case["code"]:
        assert case["code"] in codes, (codes, stderr)
    else:
        assert codes == [], problems
    assert tree_digest(content) == before


@needs_command("validate")
def test_validate_the_whole_corpus_at_once(content: Path) -> None:
    made = []
    for case in CASES:
        if case.get("make") == "unreadable" and running_as_root():
            continue
        made.append((case, materialise(case, content)))
    before = tree_digest(content)
    code, problems, stderr = validate_json(content)
    assert code == 1, stderr
    assert tree_digest(content) == before
    by_path: dict[str, set[object]] = {}
    for problem in problems:
        if str(problem["code"]).startswith("NR4"):
            continue  # cross-file rules: every case shares the same headline on purpose
        by_path.setdefault(Path(str(problem["path"])).name, set()).add(problem["code"])
    for case, path in made:
        if case["code"]:
            assert case["code"] in by_path.get(path.name, set()), (path.name, by_path)
        else:
            assert path.name not in by_path, (path.name, by_path[path.name])


@needs_command("validate")
@pytest.mark.skipif(
    not can_drop_read_override(),
    reason="needs root and setpriv to take away the right to read any file",
)
@pytest.mark.parametrize(
    "named",
    [False, True],
    ids=["walked", "named"],
)
def test_validate_unreadable_file_as_root_without_read_override(content: Path, named: bool) -> None:
    path = _unreadable(content)
    done = subprocess.run(
        [
            "setpriv",
            "--bounding-set",
            "-dac_override,-dac_read_search",
            sys.executable,
            "-m",
            "newsroom_cli",
            "validate",
            "--no-cache",
            *([str(path)] if named else []),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=content.parent,
    )
    assert done.returncode == 1, done.stderr
    assert "NR100" in done.stdout and "Traceback" not in done.stderr


OTHER_COMMANDS = [
    ("teaser", ["teaser", "--all-targets"]),
    ("preview", ["preview"]),
    ("preview", ["preview", "--as", "newsletter"]),
    ("list", ["list", "--format", "json", "--no-cache"]),
    ("fix", ["fix", "--check"]),
    ("fix", ["fix"]),
    ("teaser", ["teaser", "--write", "-t", "meta"]),
    ("publish", ["publish", "--dry-run"]),
    ("publish", ["publish"]),
    ("unpublish", ["unpublish"]),
]


@pytest.mark.parametrize(
    ("name", "args"), OTHER_COMMANDS, ids=[" ".join(a) for _, a in OTHER_COMMANDS]
)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_command_on_every_case(
    case: dict[str, object], content: Path, name: str, args: list[str]
) -> None:
    if name not in registered_commands():
        pytest.skip(f"command not available: {name}")
    if case.get("make") == "unreadable" and running_as_root():
        pytest.skip("root reads files whatever their mode")
    path = materialise(case, content)
    before = tree_digest(content)
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["-C", str(content.parent), *args, str(path)])
    assert time.perf_counter() - started < 180  # a guard against runaway work
    assert_clean_exit(result)
    writes = "--write" in args or args in (["fix"], ["publish"], ["unpublish"])
    after = tree_digest(content)
    if not writes:
        assert after == before
        return
    assert set(after) == set(before)
    changed = [name for name in before if after[name] != before[name]]
    assert changed in ([], [path.name]), changed
    if changed:
        # An edit touches front matter only and adds no loader problem.
        old = parse_article((CORPUS / path.name).read_bytes() if "file" in case else b"")
        new = load_article(path)
        if "file" in case:
            assert new.readable and new.body == old.body
            assert {p.code for p in new.problems} <= {p.code for p in old.problems}


LINKED_CONTENT = ["symlink-loop", "dangling-symlink", "directory-named-md", "named-pipe"]


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--no-cache"],
        ["list", "--no-cache"],
        ["fix", "--check"],
        ["roundup", "--week", "2026-W47", "--allow-empty"],
        ["roundup", "--week", "2026-W47", "--allow-empty", "--write-manifest"],
    ],
    ids=lambda a: " ".join(a),
)
def test_walked_content_dir_with_links_pipes_and_folders(content: Path, args: list[str]) -> None:
    # A symbolic-link loop made roundup crash while naming the files it skipped.
    if args[0] not in registered_commands():
        pytest.skip(f"command not available: {args[0]}")
    for make in LINKED_CONTENT:
        MAKERS[make](content)
    shutil.copyfile(CORPUS / "valid.md", content / "valid.md")
    before = tree_digest(content)
    result = CliRunner().invoke(app, ["-C", str(content.parent), *args])
    assert_clean_exit(result)
    assert tree_digest(content) == before


def test_validate_staged_with_hostile_names_and_links(content: Path) -> None:
    if "validate" not in registered_commands() or shutil.which("git") is None:
        pytest.skip("needs validate and git")
    root = content.parent
    for case in CASES:
        if "file" in case:
            shutil.copyfile(CORPUS / str(case["file"]), content / str(case["file"]))
    for name in ("new\nline.md", "-dash.md", "spa ce é.md", 'quo"te\\back.md', "tab\there.md"):
        (content / name).write_text(VALID, encoding="utf-8")
    _symlink_loop(content)
    _dangling_symlink(content)
    (content / "outside.md").symlink_to("/etc/hostname")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    for command in (["init", "-q", "."], ["add", "-A"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True, timeout=60)
    before = tree_digest(content)
    result = CliRunner().invoke(app, ["-C", str(root), "validate", "--staged", "--no-cache"])
    assert_clean_exit(result, allowed=(1,))
    assert tree_digest(content) == before
    for case in CASES:
        if "file" in case and case["code"]:
            assert str(case["file"]) in result.stdout, case
