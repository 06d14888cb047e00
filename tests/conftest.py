"""Shared fixtures: a pinned terminal, a CLI runner, example and corpus paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CORPUS, EXAMPLES, PINNED_ENV, ROOT, expect_text
from typer.testing import CliRunner

__all__ = ["CORPUS", "EXAMPLES", "ROOT", "expect_text"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen",
        action="store_true",
        default=False,
        help="rewrite expected-output files instead of comparing with them",
    )


@pytest.fixture(autouse=True)
def _pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in PINNED_ENV.items():
        monkeypatch.setenv(key, value)
    for key in ("FORCE_COLOR", "NEWSROOM_DEBUG", "VISUAL", "EDITOR"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner; ``result.stdout`` and ``result.stderr`` are kept apart."""
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty project with a newsroom.toml, as the working directory."""
    (tmp_path / "newsroom.toml").write_text(
        '[publication]\nname = "Test Ledger"\nbase_url = "https://ledger.example"\n'
        'timezone = "America/New_York"\n',
        encoding="utf-8",
    )
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def corpus() -> Path:
    """The real archive beside the project; skips the test when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    return CORPUS


os.environ.update(PINNED_ENV)
