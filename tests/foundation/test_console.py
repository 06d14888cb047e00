"""The console factory decides colour and width in one place."""

from __future__ import annotations

import io

import pytest

from newsroom_cli.cli.console import make_console, use_color


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"TERM": "dumb"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_use_color(
    monkeypatch: pytest.MonkeyPatch, choice: str, env: dict[str, str], tty: bool, expected: bool
) -> None:
    for key in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    stream = Tty() if tty else io.StringIO()
    assert use_color(choice, stream) is expected


def test_piped_console_has_no_escapes_and_width_80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    stream = io.StringIO()
    console = make_console("auto", file=stream)
    console.print("[bold red]hello[/] [link=https://example.com]site[/link]")
    assert console.width == 80
    assert "\x1b" not in stream.getvalue()


def test_forced_colour_on_a_pipe() -> None:
    stream = io.StringIO()
    console = make_console("always", file=stream)
    console.print("[bold]hello[/]")
    assert "\x1b[" in stream.getvalue()
