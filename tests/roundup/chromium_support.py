"""Headless Chromium for the layout tests: one way to launch it and read what a page found.

A host page lays the page under test out in an iframe and writes its findings as JSON into
``<pre id="newsroom-check">``; :func:`run_check` loads the host and returns them.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

MARKER = '<pre id="newsroom-check">'

# A published piece whose long unbroken headline stresses a layout (front matter).
LONG_WORDS = """
title: "Supercalifragilisticexpialidocious-harbor-authority-reorganisation-plan-2026-27"
slug: long-words
section: news
authors: [hannah-lee]
date: 2026-11-19T10:00:00-05:00
status: published
"""


def check_in_host(
    folder: Path, width: int, host: str, *, window_size: str, flags: Sequence[str] = ()
) -> dict[str, object]:
    """Write ``host`` (a host page, filled in for ``width``) into ``folder``, load it with
    :func:`run_check` and return what it found."""
    path = folder / f"host-{width}.html"
    path.write_text(host, encoding="utf-8")
    return run_check(path, folder, window_size=window_size, flags=flags)


def run_check(
    host: Path, folder: Path, *, window_size: str, flags: Sequence[str] = ()
) -> dict[str, object]:
    """Load ``host`` in headless Chromium (a fresh profile in ``folder``) and return the JSON
    its script wrote; fail the test when the page wrote nothing."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            *flags,
            f"--user-data-dir={folder / 'profile'}",
            f"--window-size={window_size}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            host.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if MARKER not in done.stdout:
        pytest.fail(f"chromium gave no result (exit {done.returncode}): {done.stderr[-500:]}")
    found = done.stdout.split(MARKER, 1)[1].split("</pre>", 1)[0]
    result: dict[str, object] = json.loads(html.unescape(found))
    return result
