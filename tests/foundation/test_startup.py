"""Start-up stays light: heavy modules load inside the commands that need them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


# The console script pauses the garbage collector while the CLI imports and resumes it
# before the command runs: a command that makes many objects must see it running.
GC_PROBE = """
import gc, sys
import newsroom_cli.discover as discover
seen = []
real = discover.discover_survey
def probe(*args, **kwargs):
    seen.append(gc.isenabled())
    return real(*args, **kwargs)
discover.discover_survey = probe
from newsroom_cli.__main__ import main
sys.argv = ["newsroom", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
print(seen, gc.isenabled(), gc.get_freeze_count() > 0, code)
"""


def test_the_console_script_resumes_the_collector_before_the_command(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: A headline\n---\nBody.\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", GC_PROBE, "-C", str(tmp_path), "validate", "-q", "a.md"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.splitlines()[-1].startswith("[True] True True ")


def test_the_collector_runs_again_after_an_early_exit() -> None:
    code = (
        "import gc, sys; from newsroom_cli.__main__ import main\n"
        "sys.argv = ['newsroom', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint(gc.isenabled())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "True"
