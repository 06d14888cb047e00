"""Nothing lost: a write that dies halfway leaves the original whole and no litter behind.

Failures are injected where the safe writer calls the operating system (the rename, the
link, the flush to disk, an interrupt), and a real process is killed with SIGKILL between
writing the temporary file and renaming it.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from newsroom_cli import writer
from newsroom_cli.article import parse_article
from newsroom_cli.errors import NewsroomError
from newsroom_cli.writer import atomic_write, edit_article

ARTICLE = (
    "---\n"
    "# the desk's note: keep this comment\n"
    "title: 'Harbor council approves the budget'   # headline\n"
    "dek: The vote came after a long night of debate over ferry fares and dredging.\n"
    "section: news\n"
    "authors: [jdoe]\n"
    "date: 2026-11-17T09:30:00-05:00\n"
    "status: draft\n"
    "---\n"
    "\n"
    "The council voted 7-2 on Tuesday.\n"
)


def temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".newsroom-tmp"))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _fail(exc: BaseException) -> Any:
    def raiser(*args: object, **kwargs: object) -> None:
        raise exc

    return raiser


@pytest.mark.parametrize(
    ("target", "exc"),
    [
        ("replace", OSError(errno.EIO, "Input/output error")),
        ("replace", PermissionError(errno.EACCES, "Permission denied")),
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("chmod", OSError(errno.EPERM, "Operation not permitted")),
    ],
    ids=["rename-io-error", "rename-denied", "disk-full", "chmod-refused"],
)
def test_failed_edit_keeps_the_original(
    article: Path, monkeypatch: pytest.MonkeyPatch, target: str, exc: OSError
) -> None:
    before = article.read_bytes()
    monkeypatch.setattr(os, target, _fail(exc))
    with pytest.raises(NewsroomError, match="cannot write"):
        edit_article(article, {"teaser": "A teaser that must not land."})
    monkeypatch.undo()
    assert article.read_bytes() == before
    assert temps(article.parent) == []


def test_interrupt_during_rename_keeps_the_original(
    article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = article.read_bytes()
    monkeypatch.setattr(os, "replace", _fail(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        edit_article(article, {"teaser": "A teaser that must not land."})
    monkeypatch.undo()
    assert article.read_bytes() == before
    assert temps(article.parent) == []


def test_failed_link_of_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # New files are linked into place (never clobbering); when linking is not supported the
    # writer falls back to a rename. Both failing must leave no file and no temporary.
    target = tmp_path / "new.md"
    monkeypatch.setattr(os, "link", _fail(OSError(errno.EPERM, "Operation not permitted")))
    monkeypatch.setattr(os, "replace", _fail(OSError(errno.EIO, "Input/output error")))
    with pytest.raises(NewsroomError):
        atomic_write(target, b"---\ntitle: x\n---\n")
    monkeypatch.undo()
    assert not target.exists()
    assert temps(tmp_path) == []


def test_link_race_never_clobbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new.md"
    real_link = os.link

    def someone_else_first(src: Any, dst: Any) -> None:
        Path(dst).write_bytes(b"written by someone else\n")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", someone_else_first)
    with pytest.raises(NewsroomError, match="already exists"):
        atomic_write(target, b"mine\n")
    monkeypatch.undo()
    assert target.read_bytes() == b"written by someone else\n"
    assert temps(tmp_path) == []


STALLED_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from newsroom_cli.writer import edit_article

    article, marker = Path(sys.argv[1]), Path(sys.argv[2])

    def stalled_rename(src, dst):
        marker.write_text(str(src))
        time.sleep(120)

    os.replace = stalled_rename
    edit_article(article, {"teaser": "A teaser that never lands."})
    """
)


def kill_during_rename(article: Path, tmp_path: Path) -> bytes:
    """Start a writer, SIGKILL it between the temporary write and the rename."""
    before = article.read_bytes()
    marker = tmp_path / "renaming"
    script = tmp_path / "stalled_writer.py"
    script.write_text(STALLED_WRITER, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script), str(article), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, "the writer exited before reaching the rename"
            assert time.monotonic() < deadline, "the writer never reached the rename"
            time.sleep(0.05)
        left = temps(article.parent)
        assert [str(p) for p in left] == [marker.read_text()]
        assert parse_article(left[0].read_bytes()).get("teaser") == "A teaser that never lands."
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    assert process.returncode == -signal.SIGKILL
    assert article.read_bytes() == before
    assert len(temps(article.parent)) == 1
    return before


def test_sigkill_between_temp_write_and_rename(article: Path, tmp_path: Path) -> None:
    before = kill_during_rename(article, tmp_path)
    # The next run in that folder clears the dead writer's temporary file.
    edit_article(article, {"teaser": "The teaser of the next run."})
    assert temps(article.parent) == []
    after = parse_article(article.read_bytes())
    assert after.get("teaser") == "The teaser of the next run."
    assert after.body == parse_article(before).body


def test_stale_temp_of_a_live_process_is_kept(tmp_path: Path) -> None:
    # Another writer still running owns its temporary file: it must not be pulled away.
    live = tmp_path / f".story.md.{os.getppid()}.abc123.newsroom-tmp"
    live.write_bytes(b"in progress")
    dead = tmp_path / ".story.md.999999999.abc123.newsroom-tmp"
    dead.write_bytes(b"abandoned")
    unrelated = tmp_path / ".notes.newsroom-tmp"
    unrelated.write_bytes(b"not ours")
    removed = writer.remove_stale_temps(tmp_path)
    assert removed == [dead]
    assert live.exists() and unrelated.exists()


CONCURRENT_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from newsroom_cli.errors import NewsroomError
    from newsroom_cli.writer import edit_article

    article, name = Path(sys.argv[1]), sys.argv[2]
    done = 0
    for round_ in range(40):
        value = f"{name} round {round_}: " + name * (round_ * 7 % 300)
        try:
            edit_article(article, {"teaser": value})
            done += 1
        except NewsroomError as exc:
            assert "changed while it was being edited" in str(exc), exc
    print(done)
    """
)


def test_two_writers_at_once_never_corrupt(article: Path, tmp_path: Path) -> None:
    script = tmp_path / "concurrent_writer.py"
    script.write_text(CONCURRENT_WRITER, encoding="utf-8")
    original = parse_article(article.read_bytes())
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), str(article), name], stdout=subprocess.PIPE, text=True
        )
        for name in ("alpha", "bravo")
    ]
    seen = 0
    while any(w.poll() is None for w in writers):
        # Every read, at any moment, is one whole version of the article.
        current = parse_article(article.read_bytes())
        assert current.readable and current.body == original.body
        assert [p.code for p in current.problems] == []
        teaser = current.get("teaser")
        assert teaser is None or teaser.split(" round ")[0] in ("alpha", "bravo")
        seen += 1
    outputs = [w.communicate(timeout=60)[0] for w in writers]
    assert all(w.returncode == 0 for w in writers), outputs
    assert sum(int(out) for out in outputs) > 0
    final = parse_article(article.read_bytes())
    assert final.readable and final.body == original.body
    kept = {k: v for k, v in final.front_matter.items() if k != "teaser"}
    assert kept == original.front_matter
    assert article.read_text(encoding="utf-8").startswith(ARTICLE.split("section:")[0])
    assert temps(article.parent) == []
    assert seen > 0


@pytest.mark.parametrize(
    "args",
    [
        ["teaser", "--write", "-t", "meta"],
        ["fix"],
        ["fix", "--check"],
        ["validate", "--no-cache"],
    ],
    ids=lambda a: " ".join(a),
)
def test_next_command_after_a_killed_writer(article: Path, tmp_path: Path, args: list[str]) -> None:
    from hostile import assert_clean_exit, registered_commands
    from typer.testing import CliRunner

    from newsroom_cli.cli.app import app

    if args[0] not in registered_commands():
        pytest.skip(f"command not available: {args[0]}")

    def run() -> None:
        result = CliRunner().invoke(app, ["-C", str(tmp_path), *args, str(article)])
        assert_clean_exit(result)

    run()  # the article is then as this command leaves it: the next run changes nothing
    before = kill_during_rename(article, tmp_path)
    run()  # and must still tidy up after the killed writer
    after = parse_article(article.read_bytes())
    assert after.readable and after.body == parse_article(before).body
    writes = "--write" in args or args == ["fix"]
    if writes:
        assert temps(article.parent) == []
    else:
        # A read-only command changes nothing, not even a dead writer's litter.
        assert article.read_bytes() == before
        assert len(temps(article.parent)) == 1


CLI_LOOP = textwrap.dedent(
    """
    import sys
    from typer.testing import CliRunner
    from newsroom_cli.cli.app import app

    root, article, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    for round_ in range(15):
        args = list(command)
        if args[0] == "teaser":
            args += ["--limit", str(60 + round_ * 5)]
        result = CliRunner().invoke(app, ["-C", root, *args, article])
        assert result.exit_code in (0, 1, 2), result.output
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    """
)


def test_two_commands_editing_one_article_at_once(article: Path, tmp_path: Path) -> None:
    from hostile import registered_commands

    if not {"fix", "teaser"} <= registered_commands():
        pytest.skip("fix and teaser are needed")
    article.write_text(
        ARTICLE.replace("date: 2026-11-17T09:30:00-05:00", "date: 2026-11-17 09:30:00 -0500"),
        encoding="utf-8",
    )
    original = parse_article(article.read_bytes())
    script = tmp_path / "cli_loop.py"
    script.write_text(CLI_LOOP, encoding="utf-8")
    commands = [["teaser", "--write", "-t", "meta"], ["fix"]]
    processes = [
        subprocess.Popen(
            [sys.executable, str(script), str(tmp_path), str(article), *command],
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    while any(p.poll() is None for p in processes):
        current = parse_article(article.read_bytes())
        assert current.readable and current.body == original.body
    errors = [p.communicate(timeout=120)[1] for p in processes]
    assert all(p.returncode == 0 for p in processes), errors
    final = parse_article(article.read_bytes())
    assert final.readable and final.body == original.body
    assert [p.code for p in final.problems] == []
    assert temps(article.parent) == []
