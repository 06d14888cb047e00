"""Paths and helpers shared by the tests (import as ``from helpers import ...``)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus" / "digitalgov-news"

PINNED_ENV = {"COLUMNS": "80", "TERMINAL_WIDTH": "80", "NO_COLOR": "1"}


def expect_text(actual: str, expected_file: Path, request: pytest.FixtureRequest) -> None:
    """Compare with an expected-output file; rewrite it when pytest runs with --regen."""
    if request.config.getoption("--regen") or not expected_file.exists():
        if not request.config.getoption("--regen"):
            pytest.fail(f"missing expected file {expected_file}; run pytest --regen")
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert actual == expected_file.read_text(encoding="utf-8")
