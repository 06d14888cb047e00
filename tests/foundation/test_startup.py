"""Start-up stays light: heavy modules load inside the commands that need them."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "rich.markdown",
    "rich.table",
    "jinja2",
    "css_inline",
    "nh3",
    "pysbd",
    "markdown_it",
    "mdit_py_plugins",
    "regex",
    "frontmatter",
    "pydantic",
    "click",
)


def test_importing_the_cli_does_not_import_heavy_modules() -> None:
    code = (
        "import sys, json; import newsroom_cli.cli.app; "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_python_dash_m_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsroom_cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("newsroom ")


def test_help_lists_the_commands() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsroom_cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "init" in out.stdout and "new" in out.stdout
