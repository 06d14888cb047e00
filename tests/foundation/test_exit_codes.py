"""An internal error (a bug) has an exit code of its own, apart from usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.errors import ExitCode


def test_internal_error_exits_70_with_one_line(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsroom_cli.config as config

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the toolkit")

    # A fault injected where every project command passes: the configuration loader.
    monkeypatch.setattr(config, "load_config", broken)
    result = runner.invoke(app, ["list"])
    assert result.exit_code == ExitCode.INTERNAL == 70, result.output
    assert result.stderr.splitlines() == [
        "newsroom: error: internal error: RuntimeError: a bug in the toolkit "
        "(run again with --debug for the traceback)"
    ]
    assert result.stdout == ""


def test_usage_errors_keep_exit_2(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["list", "--format", "yaml"])
    assert result.exit_code == ExitCode.USAGE, result.output
