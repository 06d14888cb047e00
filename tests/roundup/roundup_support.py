"""Helpers for round-up tests: a private copy of the example newsroom, extra articles."""

from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPECTED = Path(__file__).resolve().parents[1] / "expected" / "roundup"


def copy_examples(tmp_path: Path) -> Path:
    """A copy of examples/ (The Harbor Ledger) that a test may change."""
    target = tmp_path / "ledger"
    shutil.copytree(EXAMPLES, target)
    return target


def write_article(root: Path, relative: str, front_matter: str, body: str = "") -> Path:
    """Write an article with YAML front matter under the copy's content dir."""
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"---\n{front_matter.strip()}\n---\n\n{body or 'A body paragraph for the test.'}\n"
    path.write_text(text, encoding="utf-8")
    return path


def set_roundup_option(root: Path, line: str, value: str) -> None:
    """Replace one ``key = value`` line of the copy's ``[roundup]`` table."""
    config = root / "newsroom.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    key = line.split("=")[0].strip()
    replaced = [f"{key} = {value}" if raw.split("=")[0].strip() == key else raw for raw in lines]
    if replaced == lines and f"{key} = {value}" not in lines:  # not there yet: add it
        at = replaced.index("[roundup]") + 1
        replaced.insert(at, f"{key} = {value}")
    config.write_text("\n".join(replaced) + "\n", encoding="utf-8")
