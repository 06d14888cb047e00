"""Fixtures for the validate tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from validate_support import CONFIG


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A project folder with the test configuration, as the working directory."""
    (tmp_path / "newsroom.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "content" / "news" / "2026" / "11").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
