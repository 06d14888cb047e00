"""Core errors carry their fields and never name a command-line option; the CLI words the
option and the hint where the command has it."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

import newsroom_cli
from newsroom_cli.errors import AlreadyExists, BadValue, Conflict
from newsroom_cli.window import EmptyWindow, explicit_window, parse_week, resolve_window
from newsroom_cli.writer import atomic_write

PACKAGE = Path(newsroom_cli.__file__).parent
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)


def test_a_bad_week_carries_its_field_and_value() -> None:
    with pytest.raises(BadValue) as info:
        parse_week("2026-W99")
    assert (info.value.field, info.value.value) == ("week", "2026-W99")
    assert info.value.problem == "ISO year 2026 has weeks 1 to 53"
    assert "--" not in info.value.message


def test_a_conflict_and_an_empty_window_name_no_option() -> None:
    with pytest.raises(Conflict) as conflict:
        resolve_window(timezone="UTC", now=NOW, week="2026-W47", since="2026-11-01")
    assert (conflict.value.field, conflict.value.others) == ("week", ("since", "until"))
    with pytest.raises(EmptyWindow) as empty:
        explicit_window("2026-11-20", "2026-11-10", "UTC", NOW)
    assert empty.value.start.startswith("2026-11-20") and empty.value.end.startswith("2026-11-10")
    for error in (conflict.value, empty.value):
        assert "--" not in error.message and "--" not in (error.hint or "")


def test_an_existing_file_is_refused_with_the_keyword_that_would_replace_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "a.md"
    target.write_text("kept")
    with pytest.raises(AlreadyExists) as info:
        atomic_write(target, b"new")
    assert info.value.path == str(target) and info.value.bypass == "force"
    assert info.value.hint is None
    assert target.read_text() == "kept"


@pytest.mark.parametrize(
    "module",
    [
        "writer.py",
        "window.py",
        "roundup/build.py",
        "roundup/manifest.py",
        "listing.py",
        "scaffold.py",
        "workflow.py",
        "hooks.py",
        "roundup/send.py",
    ],
)
def test_these_core_modules_raise_no_error_naming_an_option(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    for raised in (node for node in ast.walk(tree) if isinstance(node, ast.Raise)):
        for node in ast.walk(raised):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert re.search(r"(?<![\w-])--[a-z]", node.value) is None, (module, node.value)
