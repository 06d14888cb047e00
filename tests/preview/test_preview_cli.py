"""`newsroom preview` through the CLI runner, piped in a subprocess, and in a real terminal."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import expect_text
from preview_support import EXAMPLES, EXPECTED, copy_examples, render_text, write_article
from typer.testing import CliRunner

from newsroom_cli.cli.app import app

FERRY = "content/news/2026/11/council-freezes-ferry-fares.md"
NETS = "content/features/2026/11/the-last-net-mender-on-cannery-row.md"
ESCAPE = re.compile(r"\x1b")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-C", str(EXAMPLES), *args])
    return result.exit_code, result.stdout, result.stderr


def test_article_preview(runner: CliRunner) -> None:
    code, out, err = run(runner, "preview", FERRY)
    assert code == 0, out + err
    assert "Council freezes ferry fares through next summer, for now" in out
    assert "By Daniel Reyes · Tue 10 Nov 2026, 21:15 EST" in out
    assert "News · published · #ferries #transport #city-hall #budget" in out
    assert "HARBOR CITY — The City Council voted 7-2" in out
    assert re.search(r"\d+ words · 2 min read", out)
    assert not ESCAPE.search(out)


def test_raw_prints_the_file_unchanged(runner: CliRunner) -> None:
    result = runner.invoke(app, ["-C", str(EXAMPLES), "preview", "--raw", FERRY])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (EXAMPLES / FERRY).read_bytes()


def test_teaser_cards_for_every_target(runner: CliRunner, request: pytest.FixtureRequest) -> None:
    code, out, err = run(runner, "preview", "--teaser", FERRY)
    assert code == 0, out + err
    for target in ("newsletter", "meta", "og", "x", "bluesky", "mastodon", "push"):
        assert f"╭─ {target} ─" in out
    assert "74/110 graphemes · from dek · cut to fit" in out
    expect_text(out, EXPECTED / "teasers.txt", request)


def test_as_newsletter(runner: CliRunner, request: pytest.FixtureRequest) -> None:
    code, out, err = run(runner, "preview", "--as", "newsletter", NETS)
    assert code == 0, out + err
    assert "(https://harborledger.example/features/2026/11/" in out
    expect_text(out, EXPECTED / "newsletter.txt", request)


def test_as_newsletter_warns_about_drafts(runner: CliRunner) -> None:
    draft = "content/news/2026/11/port-weighs-cruise-terminal-expansion.md"
    code, out, err = run(runner, "preview", "--as", "newsletter", draft)
    assert code == 0, out + err
    assert "status is draft" in err


def test_roundup_manifest(
    tmp_path: Path, runner: CliRunner, request: pytest.FixtureRequest
) -> None:
    root = copy_examples(tmp_path)
    made = runner.invoke(
        app, ["-C", str(root), "roundup", "--week", "2026-W47", "--write-manifest"]
    )
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["-C", str(root), "preview", "roundups/2026-W47.toml"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "The Harbor Ledger · The Week No. 47" in out
    for label in ("News", "Analysis", "Opinion", "Features"):
        assert f"{label} ───" in out
    assert "Mayor Hatch proposes" in out
    assert "(https://harborledger.example/news/2026/11/" in out
    expect_text(out, EXPECTED / "roundup-2026-W47.txt", request)


def test_roundup_preview_option_uses_the_same_renderer(runner: CliRunner) -> None:
    code, out, err = run(runner, "roundup", "--week", "2026-W47", "--preview")
    assert code == 0, out + err
    assert "The Harbor Ledger · The Week No. 47" in out


def test_width(runner: CliRunner) -> None:
    code, out, err = run(runner, "preview", "--width", "44", NETS)
    assert code == 0, out + err
    assert max(len(line) for line in out.splitlines()) == 44


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["preview", "content/nope.md"], "no such file"),
        (["preview", "--as", "tweet", FERRY], "--as 'tweet'"),
        (["preview", "--teaser", "roundups/x.toml"], "apply to articles"),
        (["preview", "roundups/missing.toml"], "no such manifest"),
    ],
)
def test_errors_are_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    code, _out, err = run(runner, *args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_unreadable_file_is_an_error(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "binary.md"
    path.write_bytes(b"\x00\x01\x02")
    result = runner.invoke(app, ["preview", str(path)])
    assert result.exit_code == 2
    assert "binary" in result.stderr


def test_problems_are_listed_with_codes_and_lines(tmp_path: Path, runner: CliRunner) -> None:
    root = copy_examples(tmp_path)
    write_article(root, "news/x.md", "title: Short\nsection: nowhere\nstatus: draft", "Body.\n")
    result = runner.invoke(app, ["-C", str(root), "preview", "content/news/x.md"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^  \d+:\d+ +NR\d{3} +error +", result.stdout, re.MULTILINE)


# --- real processes -------------------------------------------------------------------


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _piped(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsroom_cli", "-C", str(EXAMPLES), *args],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_piped_output_has_no_escape_codes_and_keeps_urls() -> None:
    result = _piped("preview", NETS, env=_env(COLUMNS="120"))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert not ESCAPE.search(out)
    assert "(https://harborledger.example/media/2026/11/net-loft-needles.jpg)" in out
    assert max(len(line) for line in out.splitlines()) == 80


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, [], True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, [], False),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ],
)
def test_colour_choices_when_piped(env: dict[str, str], args: list[str], coloured: bool) -> None:
    result = _piped(*args, "preview", FERRY, env=_env(**env))
    assert result.returncode == 0, result.stderr
    assert bool(ESCAPE.search(result.stdout.decode())) is coloured


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    paragraphs = "\n\n".join(f"Paragraph {i} of a very long piece." for i in range(4000))
    write_article(root, "news/long.md", "title: A very long piece for the pipe", paragraphs)
    process = subprocess.Popen(
        [sys.executable, "-m", "newsroom_cli", "-C", str(root), "preview", "content/news/long.md"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert stderr == b""


def _in_terminal(args: list[str], env: dict[str, str], columns: int = 100) -> str:
    """Run the CLI with a pseudo-terminal as stdout and stdin; return what it wrote."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    try:
        master, slave = pty.openpty()
    except OSError as exc:
        pytest.skip(f"no pseudo-terminal: {exc}")
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**env, "COLUMNS": str(columns), "LINES": "50"}
    env.pop("TERMINAL_WIDTH", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "newsroom_cli", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        process.wait(timeout=60)
    assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_in_a_real_terminal_links_are_clickable() -> None:
    out = _in_terminal(["-C", str(EXAMPLES), "preview", NETS], _env())
    plain = re.sub(r"\x1b\]8;[^\x1b]*\x1b\\|\x1b\[[0-9;]*m", "", out)
    assert "The last net-mender on Cannery Row still works by hand" in plain
    assert "By Elena Vasquez and James Corrigan" in plain
    assert "He learned from his uncle, who learned in the Azores." in plain
    assert "\x1b]8;id=" in out or "\x1b]8;;" in out
    assert "net-loft-needles.jpg\x1b\\" in out
    assert re.search(r"\d+ words · 2 min read · no problems", plain)
    assert "\x1b[" in out
    assert max(len(line) for line in plain.splitlines()) <= 100


def test_in_a_dumb_terminal_no_escape_codes_and_urls_kept() -> None:
    out = _in_terminal(["-C", str(EXAMPLES), "preview", NETS], _env(TERM="dumb"))
    assert "\x1b" not in out
    assert "(https://harborledger.example/media/2026/11/net-loft-needles.jpg)" in out


def test_pager_is_used_in_a_terminal(tmp_path: Path) -> None:
    pager = tmp_path / "pager.py"
    marker = tmp_path / "paged.txt"
    pager.write_text(f"import sys\nopen({str(marker)!r}, 'w').write(sys.stdin.read())\n")
    env = _env(PAGER=f"{sys.executable} {pager}")
    _in_terminal(["-C", str(EXAMPLES), "preview", "--pager", FERRY], env)
    assert "Council freezes ferry fares" in marker.read_text()


def test_pager_is_skipped_when_piped() -> None:
    result = _piped("preview", "--pager", FERRY, env=_env(PAGER="false"))
    assert result.returncode == 0
    assert b"Council freezes ferry fares" in result.stdout


def test_help_lists_preview_and_list(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    assert "preview" in result.stdout and "list" in result.stdout


def test_cli_start_does_not_import_rich_markdown() -> None:
    code = (
        "import sys, json, newsroom_cli.cli.app, newsroom_cli.cli.preview, newsroom_cli.cli.list;"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('rich.markdown', "
        "'markdown_it', 'mdit_py_plugins')))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert json.loads(result.stdout) == []


def test_rendering_roundup_directly_matches_the_cli(runner: CliRunner) -> None:
    from newsroom_cli.cli.render import render_roundup
    from newsroom_cli.config import load_config
    from newsroom_cli.roundup.build import build_from_window
    from newsroom_cli.roundup.window import week_window

    config = load_config(EXAMPLES)
    built = build_from_window(config, week_window("2026-W46", config.publication.timezone))
    text = render_text(render_roundup(built.issue))
    code, out, err = run(runner, "roundup", "--week", "2026-W46", "--preview")
    assert code == 0, out + err
    assert text == out
