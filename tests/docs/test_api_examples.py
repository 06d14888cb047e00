"""docs/api.md's examples run as written, in a copy of the example newsroom.

Each ```python block runs in order in one namespace, with the working directory at the
copy's root; a block's ``# ->`` comment lines hold what its last ``print`` calls show.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT

API = ROOT / "docs" / "api.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def blocks() -> list[str]:
    return BLOCK.findall(API.read_text(encoding="utf-8"))


def test_api_page_has_examples() -> None:
    assert len(blocks()) >= 4


def test_api_examples_run_and_print_what_they_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    monkeypatch.chdir(root)
    namespace: dict[str, object] = {"__name__": "api_example"}
    for number, code in enumerate(blocks(), start=1):
        expected = [
            line.split("# -> ", 1)[1]
            for line in code.splitlines()
            if line.lstrip().startswith("# -> ")
        ]
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown):
            exec(compile(code, f"docs/api.md block {number}", "exec"), namespace)
        if expected:
            assert shown.getvalue().splitlines() == expected, f"block {number}"
