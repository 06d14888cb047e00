"""Install and remove the plain git pre-commit hook that runs ``newsroom validate --staged``.

The hooks folder is asked of git (``git rev-parse --git-path hooks``), so ``core.hooksPath``
and linked worktrees are respected. The hook carries a marker line; a hook without it
belongs to someone else and is only replaced with ``force`` (after a backup copy).
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from newsroom_cli.errors import NewsroomError
from newsroom_cli.gitindex import git_path
from newsroom_cli.writer import atomic_write

HOOK_NAME = "pre-commit"
MARKER = "# newsroom-hook: written by `newsroom hook install`"
BACKUP_SUFFIX = ".before-newsroom"
# What the hook runs, and what a hook written by hand adds to run the same.
HOOK_COMMAND = "newsroom validate --staged"

_SCRIPT = """\
#!/bin/sh
{marker}
# Validates the staged Markdown articles as they will be committed. Remove this hook with
# `newsroom hook uninstall`; skip it once with `git commit --no-verify`.
#
# The toolkit is found through the Python that installed the hook, then on PATH.
NEWSROOM_PYTHON={python}
if [ -x "$NEWSROOM_PYTHON" ]; then
    exec "$NEWSROOM_PYTHON" -m newsroom_cli validate --staged
fi
if command -v newsroom >/dev/null 2>&1; then
    exec {command}
fi
echo "newsroom: cannot find the newsroom toolkit for the pre-commit hook" >&2
echo "newsroom: install it, or remove the hook with: rm \\"$0\\"" >&2
exit 1
"""


@dataclass(frozen=True)
class HookResult:
    """What ``install`` or ``uninstall`` did: the hook's path and one word."""

    path: Path
    action: str
    backup: Path | None = None


def hooks_dir(cwd: Path) -> Path:
    """The hooks folder git uses for the repository at ``cwd``."""
    return git_path(cwd, "hooks")


def hook_script(python: str | None = None) -> str:
    """The text of the pre-commit hook; ``python`` is the interpreter tried first."""
    return _SCRIPT.format(
        marker=MARKER, python=shlex.quote(python or sys.executable), command=HOOK_COMMAND
    )


def is_own_hook(path: Path) -> bool:
    """Whether the hook at ``path`` was written by this toolkit."""
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return MARKER in head


def install_hook(cwd: Path, *, force: bool = False, python: str | None = None) -> HookResult:
    """Write the pre-commit hook; refuses to replace someone else's unless ``force``."""
    folder = hooks_dir(cwd)
    path = folder / HOOK_NAME
    script = hook_script(python).encode("utf-8")
    backup = None
    exists = path.exists() or path.is_symlink()
    if exists and not is_own_hook(path):
        if not force:
            raise NewsroomError(
                f"{path}: a pre-commit hook that newsroom did not write is already there "
                "(replacing it keeps a copy)",
                hint=f"add `{HOOK_COMMAND}` to it (docs/hooks.md)",
                bypass="force",
            )
        backup = path.with_name(HOOK_NAME + BACKUP_SUFFIX)
        if backup.exists():
            raise NewsroomError(
                f"{backup}: a copy of an earlier hook is in the way; nothing written",
                hint="move it away or restore it first",
            )
        try:
            data = path.read_bytes()
            mode = path.stat().st_mode & 0o7777
        except OSError as exc:
            raise NewsroomError(f"{path}: cannot read ({exc.strerror})") from None
        atomic_write(backup, data)
        os.chmod(backup, mode)
    if exists and is_own_hook(path) and path.read_bytes() == script and _executable(path):
        return HookResult(path, "unchanged")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsroomError(f"{folder}: cannot create ({exc.strerror})") from None
    if path.is_symlink():
        path.unlink()  # replace the link itself, never the file it points to
    atomic_write(path, script, overwrite=True)
    _make_executable(path)
    action = "replaced" if backup else ("updated" if exists else "installed")
    return HookResult(path, action, backup)


def uninstall_hook(cwd: Path) -> HookResult:
    """Remove the pre-commit hook if this toolkit wrote it; never touches another hook."""
    path = hooks_dir(cwd) / HOOK_NAME
    if not (path.exists() or path.is_symlink()):
        return HookResult(path, "absent")
    if not is_own_hook(path):
        raise NewsroomError(
            f"{path}: this pre-commit hook was not written by newsroom; left as it is",
            hint=f"edit it by hand to remove `{HOOK_COMMAND}`",
        )
    try:
        path.unlink()
    except OSError as exc:
        raise NewsroomError(f"{path}: cannot remove ({exc.strerror})") from None
    backup = path.with_name(HOOK_NAME + BACKUP_SUFFIX)
    if backup.exists():
        os.replace(backup, path)
        return HookResult(path, "restored", backup)
    return HookResult(path, "removed")


def _executable(path: Path) -> bool:
    return os.access(path, os.X_OK)


def _make_executable(path: Path) -> None:
    mode = path.stat().st_mode
    # Execute wherever reading is allowed, as chmod +x does under the usual umask.
    readable = mode & (stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.chmod(path, mode | (readable >> 2))
