"""Ctrl-C prints nothing but a newline and exits 130, tried in a real pseudo-terminal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import EXAMPLES

pty = pytest.importorskip("pty")


def start(args: list[str], cwd: Path) -> tuple[subprocess.Popen[bytes], int]:
    """The CLI with a pseudo-terminal as standard input (stdout and stderr piped)."""
    master, slave = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsroom_cli", *args],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
    )
    os.close(slave)
    return process, master


def wait_until_reading_the_terminal(process: subprocess.Popen[bytes]) -> None:
    """Until the process blocks in a read of its standard input (fd 0), or two minutes: the
    signal must arrive at the read, not during start-up on a loaded machine."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            fields = Path(f"/proc/{process.pid}/syscall").read_text().split()
        except OSError:
            time.sleep(1)
            return
        if len(fields) > 1 and fields[0] != "running" and fields[1] == "0x0":
            return
        time.sleep(0.05)


def interrupt(process: subprocess.Popen[bytes], master: int) -> tuple[int, bytes, bytes]:
    process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=120)
    finally:
        os.close(master)
    return process.returncode, out, err


def test_ctrl_c_while_reading_stdin(tmp_path: Path) -> None:
    process, master = start(["teaser", "-"], EXAMPLES)
    wait_until_reading_the_terminal(process)
    code, out, err = interrupt(process, master)
    assert (code, out, err) == (130, b"", b"\n")


def test_ctrl_c_at_a_prompt(tmp_path: Path) -> None:
    (tmp_path / "newsroom.toml").write_text("", encoding="utf-8")
    process, master = start(["new", "A headline long enough for the rules"], tmp_path)
    wait_until_reading_the_terminal(process)
    code, out, err = interrupt(process, master)
    assert code == 130
    assert out.strip() == b""  # at most the space after the prompt
    # The prompt was shown; after it only the newline, no "Aborted!".
    assert err.endswith(b"\n") and b"Aborted" not in err and b"error" not in err
    assert err.count(b"\n") == 1
    assert not (tmp_path / "content").exists()
