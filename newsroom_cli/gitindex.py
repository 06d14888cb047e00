"""git, in one place: the one runner of git commands, the work tree's root and folders, and
the staged files read from the index (``validate --staged``).

What is judged is what will be committed: the blobs in the index, not the working tree,
so a partly staged file is read as staged. Works from any subfolder and under hook
managers, which run hooks with ``GIT_DIR`` and ``GIT_INDEX_FILE`` set (sometimes to
paths relative to where the hook started).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsroom_cli.errors import NewsroomError

_BLOB_MODES = ("100644", "100755")


@dataclass(frozen=True)
class StagedFile:
    """A staged file: its path as git names it, its place on disk, and the staged bytes."""

    name: str
    path: Path
    data: bytes


def _environment(start: Path) -> dict[str, str]:
    env = dict(os.environ)
    for variable in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
        value = env.get(variable)
        if value and not os.path.isabs(value):
            env[variable] = os.path.normpath(os.path.join(start, value))
    return env


def _run(
    args: Sequence[str], *, cwd: Path, env: dict[str, str] | None = None, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git; the one place that says what happens when git is missing."""
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=env, input=data, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise NewsroomError(
            "git is not installed or not on PATH", hint="install git, or name the files"
        ) from None


def _git(
    args: Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    data: bytes | None = None,
) -> bytes:
    done = _run(args, cwd=cwd, env=env, data=data)
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NewsroomError(f"git {args[0]} failed: {reason[-1] if reason else done.returncode}")
    return done.stdout


def workspace_root(start: Path) -> Path | None:
    """The folder annotations are relative to: ``$GITHUB_WORKSPACE`` in a GitHub workflow,
    else the top of the git work tree holding ``start`` (found without running git)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace and os.path.isdir(workspace):
        return Path(os.path.realpath(workspace))
    folder = Path(os.path.realpath(start))
    for candidate in (folder, *folder.parents):
        if os.path.exists(candidate / ".git"):
            return candidate
    return None


def _outside_repository(cwd: Path, done: subprocess.CompletedProcess[bytes]) -> NewsroomError:
    reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    text = reason[0].removeprefix("fatal: ") if reason else "not a git repository"
    return NewsroomError(f"{cwd}: {text}", hint="run it inside a git repository")


def repository_root(cwd: Path, start: Path | None = None) -> Path:
    """The work tree's top folder; a usage error outside a repository."""
    done = _run(["rev-parse", "--show-toplevel"], cwd=cwd, env=_environment(start or cwd))
    if done.returncode != 0:
        raise _outside_repository(cwd, done)
    return Path(os.fsdecode(done.stdout.rstrip(b"\n"))).resolve()


def git_path(cwd: Path, name: str) -> Path:
    """Where git keeps ``name`` (``hooks``...) for the repository at ``cwd``, respecting
    ``core.hooksPath`` and linked worktrees; a usage error outside a repository."""
    done = _run(["rev-parse", "--git-path", name], cwd=cwd)
    if done.returncode != 0:
        raise _outside_repository(cwd, done)
    folder = Path(os.fsdecode(done.stdout.strip()))
    return folder if folder.is_absolute() else cwd / folder


def staged_files(
    cwd: Path, *, start: Path | None = None, suffixes: tuple[str, ...] = (".md", ".markdown")
) -> list[StagedFile]:
    """Added, copied, modified or renamed files in the index with these suffixes, as staged.

    ``start`` is where the process started, against which relative ``GIT_DIR`` and
    ``GIT_INDEX_FILE`` are read (hooks may set them relative).
    """
    env = _environment(start or cwd)
    root = repository_root(cwd, start)
    listed = _git(
        ["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--"], cwd=root, env=env
    )
    names = [os.fsdecode(n) for n in listed.split(b"\0") if n]
    names = [n for n in names if n.lower().endswith(suffixes)]
    if not names:
        return []
    entries = _git(
        ["ls-files", "--stage", "-z", "--", *[f":(literal){n}" for n in names]], cwd=root, env=env
    )
    blobs: dict[str, str] = {}
    for record in entries.split(b"\0"):
        if not record:
            continue
        meta, _, name_bytes = record.partition(b"\t")
        mode, sha, stage = meta.decode("ascii").split()
        if stage == "0" and mode in _BLOB_MODES:
            blobs[os.fsdecode(name_bytes)] = sha
    wanted = [n for n in names if n in blobs]
    if not wanted:
        return []
    request = "".join(f"{blobs[n]}\n" for n in wanted).encode("ascii")
    output = _git(["cat-file", "--batch"], cwd=root, env=env, data=request)
    files = []
    position = 0
    for name in wanted:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].decode("ascii").split()
        if len(header) != 3 or header[1] != "blob":
            raise NewsroomError(f"git cat-file: unexpected answer for {name}: {' '.join(header)}")
        size = int(header[2])
        start_of_data = header_end + 1
        data = output[start_of_data : start_of_data + size]
        position = start_of_data + size + 1
        files.append(StagedFile(name, root / name, data))
    return files
