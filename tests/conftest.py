"""Shared fixtures: a pinned terminal, a CLI runner, example and corpus paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus" / "digitalgov-news"

PINNED_ENV = {"COLUMNS": "80", "TERMINAL_WIDTH": "80", "NO_COLOR": "1"}


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


def expect_text(actual: str, expected_file: Path, request: pytest.FixtureRequest) -> None:
    """Compare with an expected-output file; rewrite it when pytest runs with --regen."""
    if request.config.getoption("--regen") or not expected_file.exists():
        if not request.config.getoption("--regen"):
            pytest.fail(f"missing expected file {expected_file}; run pytest --regen")
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert actual == expected_file.read_text(encoding="utf-8")


os.environ.update(PINNED_ENV)
