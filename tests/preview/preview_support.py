"""Helpers for preview and list tests: a copy of the example newsroom, a recording console."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPECTED = Path(__file__).resolve().parents[1] / "expected" / "preview"


def copy_examples(tmp_path: Path) -> Path:
    """A copy of examples/ that a test may change (caches stay out of the repository)."""
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns(".newsroom-cache"))
    return root


def render_text(renderable: Any, width: int = 80) -> str:
    """Render on a recording console at ``width`` columns without colour; return the text."""
    from newsroom_cli.cli.console import make_console

    console = make_console("never", file=io.StringIO(), width=width, record=True)
    console.print(renderable)
    return console.export_text()


def write_article(root: Path, relative: str, front_matter: str, body: str) -> Path:
    """Write an article with YAML front matter under ``root/content``."""
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter.strip()}\n---\n\n{body}", encoding="utf-8")
    return path
