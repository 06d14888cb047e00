"""What sending needs: the message header by header, unsubscribe links, the pre-send
check, calendar numbers and the manifest winning over the week's articles."""

from __future__ import annotations

import datetime as dt
import email
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from roundup_support import copy_examples, set_roundup_option, write_article
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.errors import NewsroomError
from newsroom_cli.roundup.build import BuildOptions, build_from_window
from newsroom_cli.roundup.check import check_issue
from newsroom_cli.roundup.render import render_issue
from newsroom_cli.roundup.window import week_window

ENV = {"COLUMNS": "80", "TERMINAL_WIDTH": "80", "NO_COLOR": "1"}


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return copy_examples(tmp_path)


def build(root: Path, week: str = "2026-W47", **options: object):  # type: ignore[no-untyped-def]
    config = load_config(root)
    window = week_window(week, config.publication.timezone)
    return config, build_from_window(config, window, BuildOptions(**options)).issue  # type: ignore[arg-type]


def message(root: Path, week: str = "2026-W47", **options: object) -> EmailMessage:
    config, issue = build(root, week, **options)
    data = render_issue(config, issue, "eml").data
    parsed = email.message_from_bytes(data, policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def codes(root: Path) -> list[str]:
    config, issue = build(root)
    return [f"{f.code} {f.severity}" for f in check_issue(config, issue)]


def run(runner: CliRunner, root: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["-C", str(root), "roundup", *args], env=ENV)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# Finding 4: a complete message, header by header.
def test_the_example_message_has_every_header(ledger: Path) -> None:
    parsed = message(ledger)
    assert parsed["From"] == "The Harbor Ledger <newsletter@harborledger.example>"
    assert parsed["To"] == "The Harbor Ledger <newsletter@harborledger.example>"
    assert parsed["Reply-To"] == "The Harbor Ledger newsroom <tips@harborledger.example>"
    assert parsed["Subject"] == "The Harbor Ledger: The Week No. 47"
    assert parsed["Date"].datetime == dt.datetime.fromisoformat("2026-11-23T00:00:00-05:00")
    assert parsed["Message-ID"] == "<the-week.47.2026-W47@harborledger.example>"
    assert parsed["List-Id"] == "The Week <the-week.harborledger.example>"
    assert parsed["List-Unsubscribe"] == (
        "<mailto:unsubscribe@harborledger.example>, "
        "<https://harborledger.example/newsletter/unsubscribe?list=the-week>"
    )
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Sender"] is None
    assert parsed.get_content_type() == "multipart/alternative"
    for header in parsed:
        assert not parsed[header].defects, header
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]


def test_message_id_is_stable_and_date_follows_the_option(ledger: Path) -> None:
    first = message(ledger)
    assert message(ledger)["Message-ID"] == first["Message-ID"]
    when = dt.datetime.fromisoformat("2026-11-20T07:30:00-05:00")
    dated = message(ledger, date=when)
    assert dated["Date"].datetime == when
    assert dated["Message-ID"] == first["Message-ID"]
    assert message(ledger, "2026-W46")["Message-ID"] != first["Message-ID"]


def test_to_list_id_and_a_second_from_with_sender(ledger: Path) -> None:
    set_roundup_option(ledger, "to", '"Subscribers <list@harborledger.example>"')
    set_roundup_option(ledger, "list_id", '"Weekly <weekly.harborledger.example>"')
    two = "Mara Okafor <mara@harborledger.example>, Desk <desk@harborledger.example>"
    set_roundup_option(ledger, "from", f'"{two}"')
    with pytest.raises(NewsroomError, match="more than one address"):
        message(ledger)
    assert "NL003 error" in codes(ledger)
    set_roundup_option(ledger, "sender", '"newsletter@harborledger.example"')
    parsed = message(ledger)
    assert len(parsed["From"].addresses) == 2
    assert parsed["Sender"] == "newsletter@harborledger.example"
    assert parsed["To"] == "Subscribers <list@harborledger.example>"
    assert parsed["List-Id"] == "Weekly <weekly.harborledger.example>"


def test_an_idn_domain_becomes_punycode_not_an_encoded_word(ledger: Path) -> None:
    set_roundup_option(ledger, "from", '"Hafenbote Zürich <brief@hafenbote-zürich.example>"')
    config, issue = build(ledger)
    raw = render_issue(config, issue, "eml").data
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    ascii_domain = "hafenbote-zürich.example".encode("idna").decode("ascii")
    assert ascii_domain.startswith("xn--")
    assert f"<brief@{ascii_domain}>" in head
    parsed = email.message_from_bytes(raw, policy=default)
    address = parsed["From"].addresses[0]
    assert address.display_name == "Hafenbote Zürich"
    assert address.domain == ascii_domain
    assert not parsed["From"].defects


def test_a_header_value_with_a_line_break_is_refused(ledger: Path) -> None:
    with pytest.raises(NewsroomError):
        set_roundup_option(ledger, "to", '"a@b.example\\r\\nBcc: x@evil.example"')
        message(ledger)


# Finding 2: one-click unsubscribe.
@pytest.mark.parametrize(
    ("written", "header", "one_click"),
    [
        ('"<mailto:u@harborledger.example>"', "<mailto:u@harborledger.example>", False),
        ('"https://harborledger.example/u"', "<https://harborledger.example/u>", True),
        (
            '"<https://harborledger.example/u>, mailto:u@harborledger.example"',
            "<mailto:u@harborledger.example>, <https://harborledger.example/u>",
            True,
        ),
    ],
)
def test_list_unsubscribe_is_well_formed_and_one_click_with_https(
    ledger: Path, written: str, header: str, one_click: bool
) -> None:
    set_roundup_option(ledger, "unsubscribe_url", '"*|UNSUB|*"')
    set_roundup_option(ledger, "list_unsubscribe", written)
    parsed = message(ledger)
    assert parsed["List-Unsubscribe"].strip() == header
    assert (parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click") is one_click
    assert ("NL002 warning" in codes(ledger)) is not one_click


def test_a_list_unsubscribe_that_is_not_a_uri_is_refused(ledger: Path) -> None:
    set_roundup_option(ledger, "list_unsubscribe", '"unsubscribe@harborledger.example"')
    with pytest.raises(NewsroomError, match="neither a mailto"):
        message(ledger)


# Finding 1: a visible unsubscribe link, with ESP merge tags kept verbatim.
@pytest.mark.parametrize(
    "tag", ["{{ unsubscribe_url }}", "*|UNSUB|*", "{{ UnsubscribeURL }}", "{unsubscribe}"]
)
def test_esp_merge_tags_survive_in_every_format(ledger: Path, tag: str) -> None:
    set_roundup_option(ledger, "unsubscribe_url", f'"{tag}"')
    set_roundup_option(ledger, "web_url", '"https://harborledger.example/n/{week}/{issue}/"')
    config, issue = build(ledger)
    html = render_issue(config, issue, "html").text
    assert f'href="{tag}"' in html
    assert 'href="https://harborledger.example/n/2026-W47/47/"' in html
    assert f"{tag}" in render_issue(config, issue, "txt").text
    assert f"(<{tag}>)" in render_issue(config, issue, "md").text
    parsed = message(ledger)
    html_part = parsed.get_body(("html",))
    assert html_part is not None and f'href="{tag}"' in html_part.get_content()
    assert "NL001 error" not in codes(ledger)


def test_no_unsubscribe_link_is_an_error_of_the_check(ledger: Path) -> None:
    set_roundup_option(ledger, "unsubscribe_url", '""')
    assert "NL001 error" in codes(ledger)


def test_a_template_override_without_the_link_is_caught(ledger: Path) -> None:
    folder = ledger / "templates" / "roundup"
    folder.mkdir(parents=True)
    (folder / "roundup.html").write_text(
        "<html><body>{{ issue.name }}</body></html>\n", encoding="utf-8"
    )
    assert "NL001 error" in codes(ledger)


# The pre-send check: the example is clean as shipped; each finding is found.
def test_the_example_passes_the_check_as_shipped(ledger: Path, runner: CliRunner) -> None:
    assert codes(ledger) == []
    result = run(runner, ledger, "--week", "2026-W47", "--check")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "ready to send" in result.stderr


def test_check_exits_1_on_an_error_and_builds_still_report(ledger: Path, runner: CliRunner) -> None:
    set_roundup_option(ledger, "unsubscribe_url", '""')
    result = run(runner, ledger, "--week", "2026-W47", "--check")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "newsroom.toml: NL001 error no unsubscribe link in the body" in result.stderr
    assert "1 error" in result.stderr
    built = run(runner, ledger, "--week", "2026-W47", "-f", "html")
    assert built.exit_code == 0, built.output
    assert "NL001 error" in built.stderr


def test_missing_sender_static_preheader_image_size_and_alt(ledger: Path) -> None:
    set_roundup_option(ledger, "from", '""')
    set_roundup_option(ledger, "preheader", '"Ferries, the budget and the harbor."')
    write_article(
        ledger,
        "news/2026/11/no-alt.md",
        """
title: A piece whose image has neither alt nor size
slug: no-alt
section: news
authors: [hannah-lee]
date: 2026-11-18T10:00:00-05:00
status: published
image:
  src: https://harborledger.example/media/x.jpg
  credit: James Corrigan
""",
    )
    config, issue = build(ledger, allow_invalid=True)
    findings = check_issue(config, issue)
    found = {(f.code, f.severity, f.where) for f in findings}
    assert ("NL003", "error", "newsroom.toml") in found
    assert ("NL004", "warning", "newsroom.toml") in found
    assert ("NL006", "warning", "content/news/2026/11/no-alt.md") in found
    assert sum(1 for f in findings if f.code == "NL006") == 2


def test_the_clip_size_is_measured_on_the_part_as_sent(ledger: Path) -> None:
    # 6,500 Greek words are 84 KB of UTF-8, under the clip size, but more than 102 KB in
    # base64, the smaller transfer encoding for them: what is sent is what Gmail counts.
    from newsroom_cli.roundup.render import sent_size

    greek = "Λιμάνι " * 6500
    assert len(greek.encode("utf-8")) < 102_000 < sent_size(greek) < 2 * 102_000
    intro = ledger / "intro.md"
    intro.write_text(greek, encoding="utf-8")
    config, issue = build(ledger, intro=intro)
    assert "NL005 error" in [f"{f.code} {f.severity}" for f in check_issue(config, issue)]


# Finding 6: the manifest wins.
def test_the_weeks_manifest_wins_and_fresh_ignores_it(ledger: Path, runner: CliRunner) -> None:
    written = run(runner, ledger, "--week", "2026-W47", "--write-manifest")
    assert written.exit_code == 0, written.output
    path = ledger / "roundups" / "2026-W47.toml"
    text = path.read_text(encoding="utf-8")
    dropped = "content/news/2026/11/mayor-proposes-budget-without-tax-increase.md"
    start = text.index(f'path = "{dropped}"')
    block_start = text.rindex("[[items]]", 0, start)
    block_end = text.index("[[items]]", start)
    text = text[:block_start] + text[block_end:]
    text = text.replace('preheader = ""', 'preheader = "The seawall, the pilots and the tide."')
    path.write_text(text, encoding="utf-8")
    result = run(runner, ledger, "--week", "2026-W47", "-f", "txt")
    assert result.exit_code == 0, result.output
    assert "roundups/2026-W47.toml, the week's reviewed manifest" in result.stderr
    assert "Mayor Hatch proposes" not in result.stdout
    assert "The seawall, the pilots and the tide." in result.stdout
    assert (
        "mayor-proposes-budget-without-tax-increase.md: published in the window but not in "
        "the manifest"
    ) in result.stderr
    fresh = run(runner, ledger, "--week", "2026-W47", "-f", "txt", "--fresh")
    assert fresh.exit_code == 0, fresh.output
    assert "Building from" not in fresh.stderr
    assert "Mayor Hatch proposes" in fresh.stdout
    refused = run(runner, ledger, "--week", "2026-W47", "--subject", "x")
    assert refused.exit_code == 2
    assert "fixes the issue number" in refused.stderr


def test_stale_manifest_entries_are_warnings_naming_the_article(
    ledger: Path, runner: CliRunner
) -> None:
    assert run(runner, ledger, "--week", "2026-W47", "--write-manifest").exit_code == 0
    content = ledger / "content" / "news" / "2026" / "11"
    changed = content / "mayor-proposes-budget-without-tax-increase.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    moved = content / "state-grant-replaces-route-9-buses.md"
    text = moved.read_text(encoding="utf-8")
    moved.write_text(text.replace("date: 2026-11-18", "date: 2026-10-18", 1), encoding="utf-8")
    gone = content / "water-main-break-closes-harbor-avenue.md"
    gone.unlink()
    result = run(runner, ledger, "--week", "2026-W47", "-f", "md")
    assert result.exit_code == 0, result.output
    stderr = result.stderr
    assert "mayor-proposes-budget-without-tax-increase.md changed since the manifest" in stderr
    assert "state-grant-replaces-route-9-buses.md: dated 2026-10-18, outside 2026-W47" in stderr
    assert "water-main-break-closes-harbor-avenue.md: listed in the manifest but the file" in (
        stderr
    )


def test_date_option_sets_the_date_header(ledger: Path, runner: CliRunner) -> None:
    result = run(runner, ledger, "--week", "2026-W47", "-f", "eml", "--date", "2026-11-20T06:00")
    assert result.exit_code == 0, result.output
    parsed = email.message_from_string(result.stdout, policy=default)
    assert parsed["Date"].datetime == dt.datetime.fromisoformat("2026-11-20T06:00:00-05:00")
    bad = run(runner, ledger, "--week", "2026-W47", "--date", "someday")
    assert bad.exit_code == 2
    assert "--date" in bad.stderr


@pytest.mark.parametrize("value", ['"2026-W54"', '"next week"', "1"])
def test_first_issue_must_be_an_iso_week(ledger: Path, value: str) -> None:
    set_roundup_option(ledger, "first_issue", value)
    with pytest.raises(NewsroomError, match=r"roundup\.first_issue"):
        load_config(ledger)
