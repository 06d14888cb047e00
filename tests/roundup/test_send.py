"""`newsroom send` against a real SMTP server on 127.0.0.1 (aiosmtpd): the bytes received
are the built message, a send is recorded once, and every failure is one line, exit 2,
with nothing recorded."""

from __future__ import annotations

import email
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.policy import SMTP
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from roundup_support import copy_examples
from smtp_support import free_port, make_certificate, smtp_server
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.roundup.manifest import SentRecord, read_manifest, with_sent_record

pytest.importorskip("aiosmtpd")

MANIFEST = "roundups/2026-W47.toml"


def configure(root: Path, **send: Any) -> None:
    """Replace the copy's [roundup.send] table (the last one in examples/newsroom.toml)."""
    config = root / "newsroom.toml"
    text = config.read_text(encoding="utf-8").split("[roundup.send]")[0]
    table = tomli_w.dumps({"roundup": {"send": send}}) if send else ""
    config.write_text(text + table, encoding="utf-8")


def invoke(runner: CliRunner, root: Path, *args: str) -> Any:
    return runner.invoke(app, ["-C", str(root), *args])


@pytest.fixture
def ledger(tmp_path: Path, runner: CliRunner) -> Path:
    root = copy_examples(tmp_path)
    result = invoke(runner, root, "roundup", "--week", "2026-W47", "--write-manifest")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def trusted_cert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A server certificate the client trusts (through SSL_CERT_FILE)."""
    cert = make_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))
    return cert


@contextmanager
def plain_server(root: Path, **send: Any) -> Iterator[Any]:
    """The test's SMTP server without TLS, with ``[roundup.send]`` pointing at it."""
    with smtp_server() as server:
        configure_local(root, server.port, security="none", **send)
        yield server


def configure_local(root: Path, port: int, **send: Any) -> None:
    """[roundup.send] for the test's server on 127.0.0.1:``port``."""
    configure(root, host="127.0.0.1", port=port, **send)


def configure_login(root: Path, port: int, **send: Any) -> None:
    """[roundup.send] for 127.0.0.1:``port`` with a login as editor, its password in
    LEDGER_SMTP_PASSWORD."""
    configure_local(root, port, user="editor", password_env="LEDGER_SMTP_PASSWORD", **send)


def built_eml(runner: CliRunner, root: Path) -> bytes:
    result = invoke(runner, root, "roundup", "--manifest", MANIFEST, "--format", "eml")
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_send_delivers_the_built_bytes_records_it_and_refuses_a_second_send(
    runner: CliRunner, ledger: Path
) -> None:
    with plain_server(
        ledger,
        to=["The Week <the-week@lists.harborledger.example>", "archive@harborledger.example"],
    ) as server:
        expected = built_eml(runner, ledger)
        result = invoke(runner, ledger, "send", MANIFEST)
        assert result.exit_code == 0, result.output
        assert len(server.recorder.messages) == 1
        received = server.recorder.messages[0]
        assert received.data == expected
        assert received.mail_from == "newsletter@harborledger.example"
        assert received.rcpt_tos == [
            "the-week@lists.harborledger.example",
            "archive@harborledger.example",
        ]
        assert "Sent issue No. 47 (2026-W47) to 2 recipients" in result.stderr

        manifest = ledger / MANIFEST
        text = manifest.read_text(encoding="utf-8")
        assert text.startswith("# A round-up manifest")  # the editor's guide is kept
        sent = read_manifest(manifest).sent
        assert sent is not None
        message = email.message_from_bytes(expected, policy=SMTP)
        assert sent.message_id == message["Message-ID"]
        assert sent.recipients == (
            "the-week@lists.harborledger.example",
            "archive@harborledger.example",
        )
        assert sent.sent_at[:4].isdigit() and sent.sent_at[-6] in "+-"
        # Building again from the manifest still gives the same bytes.
        assert built_eml(runner, ledger) == expected

        before = snapshot(manifest)
        again = invoke(runner, ledger, "send", MANIFEST)
        assert again.exit_code == 2
        assert "already sent at" in again.stderr and "--resend" in again.stderr
        assert len(again.stderr.strip().splitlines()) == 1
        assert len(server.recorder.messages) == 1
        assert snapshot(manifest) == before

        resent = invoke(runner, ledger, "send", MANIFEST, "--resend")
        assert resent.exit_code == 0, resent.output
        assert len(server.recorder.messages) == 2
        assert server.recorder.messages[1].data == expected
        assert read_manifest(manifest).sent is not None
        assert manifest.read_text(encoding="utf-8").count("[sent]") == 1


def test_test_send_goes_to_test_to_marked_and_records_nothing(
    runner: CliRunner, ledger: Path
) -> None:
    manifest = ledger / MANIFEST
    with plain_server(
        ledger,
        to=["the-week@lists.harborledger.example"],
        test_to=["editors@harborledger.example"],
    ) as server:
        before = snapshot(manifest)
        for _ in range(2):  # as often as wanted
            result = invoke(runner, ledger, "send", MANIFEST, "--test")
            assert result.exit_code == 0, result.output
        assert snapshot(manifest) == before
        assert [m.rcpt_tos for m in server.recorder.messages] == [
            ["editors@harborledger.example"]
        ] * 2
        first, second = (
            email.message_from_bytes(m.data, policy=SMTP) for m in server.recorder.messages
        )
        assert first["Subject"] == "[TEST] The Harbor Ledger: The Week No. 47"
        real = email.message_from_bytes(built_eml(runner, ledger), policy=SMTP)
        assert first["Message-ID"] != real["Message-ID"] != second["Message-ID"]
        assert first.get_body(("html",)).get_content() == real.get_body(("html",)).get_content()
        # A real send, then a test send of the sent issue is still allowed.
        assert invoke(runner, ledger, "send", MANIFEST).exit_code == 0
        assert invoke(runner, ledger, "send", MANIFEST, "--test").exit_code == 0


def test_dry_run_connects_to_nothing_and_says_what_would_go_to_whom(
    runner: CliRunner, ledger: Path
) -> None:
    manifest = ledger / MANIFEST
    with plain_server(ledger, to=["the-week@lists.harborledger.example"]) as server:
        before = snapshot(manifest)
        result = invoke(runner, ledger, "send", MANIFEST, "--dry-run")
        assert result.exit_code == 0, result.output
        assert server.recorder.rcpt_seen == [] and server.recorder.messages == []
        assert snapshot(manifest) == before
        out = result.stdout
        assert "Dry run: nothing was sent" in out
        assert f"127.0.0.1:{server.port} (none)" in out
        assert "the-week@lists.harborledger.example (1 recipient)" in out
        assert "subject: The Harbor Ledger: The Week No. 47" in out
        assert "<the-week.47.2026-W47@harborledger.example>" in out


@pytest.mark.parametrize(
    ("kind", "security"),
    [
        ("starttls", "starttls"),
        # aiosmtpd counts only STARTTLS as TLS; this socket is encrypted from the first byte.
        pytest.param(
            "implicit_tls",
            "ssl",
            marks=pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS"),
        ),
    ],
)
def test_a_login_over_tls_delivers_the_built_bytes(
    runner: CliRunner,
    ledger: Path,
    trusted_cert: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    security: str,
) -> None:
    monkeypatch.setenv("LEDGER_SMTP_PASSWORD", "s3cret")
    with smtp_server(**{kind: trusted_cert}, logins={"editor": "s3cret"}) as server:
        configure_login(
            ledger, server.port, security=security, to=["the-week@lists.harborledger.example"]
        )
        result = invoke(runner, ledger, "send", MANIFEST)
        assert result.exit_code == 0, result.output
        assert [m.data for m in server.recorder.messages] == [built_eml(runner, ledger)]


def assert_failed(result: Any, manifest: Path, before: tuple[bytes, int], *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsroom: error: ")
    for needle in needles:
        assert needle in lines[0]
    assert "Traceback" not in result.output
    assert snapshot(manifest) == before
    assert read_manifest(manifest).sent is None


def test_an_untrusted_certificate_is_a_tls_failure(
    runner: CliRunner, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = make_certificate(tmp_path)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    manifest = ledger / MANIFEST
    with smtp_server(starttls=cert) as server:
        configure_local(ledger, server.port, security="starttls", to=["a@b.example"])
        before = snapshot(manifest)
        result = invoke(runner, ledger, "send", MANIFEST)
        assert_failed(result, manifest, before, "TLS with 127.0.0.1", "nothing was sent")
        assert server.recorder.messages == []


def test_a_refused_login(
    runner: CliRunner,
    ledger: Path,
    trusted_cert: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LEDGER_SMTP_PASSWORD", "wrong")
    manifest = ledger / MANIFEST
    with smtp_server(starttls=trusted_cert, logins={"editor": "s3cret"}) as server:
        configure_login(ledger, server.port, to=["a@b.example"])
        before = snapshot(manifest)
        result = invoke(runner, ledger, "send", MANIFEST)
        assert_failed(result, manifest, before, "refused the login of 'editor'", "535")
        assert server.recorder.messages == []


def test_a_missing_password_variable_stops_before_connecting(
    runner: CliRunner, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEDGER_SMTP_PASSWORD", raising=False)
    manifest = ledger / MANIFEST
    with smtp_server() as server:
        configure_login(ledger, server.port, security="none", to=["a@b.example"])
        before = snapshot(manifest)
        result = invoke(runner, ledger, "send", MANIFEST)
        assert_failed(result, manifest, before, "LEDGER_SMTP_PASSWORD", "is not set")
        assert server.recorder.rcpt_seen == []


def test_connection_refused(runner: CliRunner, ledger: Path) -> None:
    manifest = ledger / MANIFEST
    port = free_port()
    configure_local(ledger, port, security="none", to=["a@b.example"])
    before = snapshot(manifest)
    result = invoke(runner, ledger, "send", MANIFEST)
    assert_failed(result, manifest, before, f"cannot connect to 127.0.0.1:{port}", "refused")


def test_a_silent_server_times_out(runner: CliRunner, ledger: Path) -> None:
    manifest = ledger / MANIFEST
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts connections, never says a word
        port = silent.getsockname()[1]
        configure_local(ledger, port, security="none", to=["a@b.example"])
        before = snapshot(manifest)
        result = invoke(runner, ledger, "send", MANIFEST, "--timeout", "0.5")
        assert_failed(result, manifest, before, "did not answer within 0.5 seconds")


def test_a_refused_recipient_stops_the_send_for_everyone(runner: CliRunner, ledger: Path) -> None:
    manifest = ledger / MANIFEST
    with smtp_server(refuse={"gone@harborledger.example"}) as server:
        configure_local(
            ledger,
            server.port,
            security="none",
            to=[
                "one@harborledger.example",
                "gone@harborledger.example",
                "two@harborledger.example",
            ],
        )
        before = snapshot(manifest)
        result = invoke(runner, ledger, "send", MANIFEST)
        assert_failed(
            result,
            manifest,
            before,
            "refused 1 of 3 recipients (gone@harborledger.example: 550",
            "not sent to the other 2 recipients "
            "(one@harborledger.example, two@harborledger.example)",
            "nothing was sent",
        )
        assert server.recorder.messages == []


def test_the_presend_check_stops_a_send(runner: CliRunner, ledger: Path) -> None:
    manifest = ledger / MANIFEST
    with plain_server(ledger, to=["a@b.example"]) as server:
        config = ledger / "newsroom.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"(?m)^unsubscribe_url = .*$", "", text), encoding="utf-8")
        check = invoke(runner, ledger, "roundup", "--manifest", MANIFEST, "--check")
        assert check.exit_code == 1  # what `roundup --check` calls an error stops a send
        result = invoke(runner, ledger, "send", MANIFEST)
        assert result.exit_code == 1, result.output
        assert "unsubscribe" in result.stderr
        assert "the pre-send check found" in result.stderr and "nothing sent" in result.stderr
        assert server.recorder.rcpt_seen == []
        assert read_manifest(manifest).sent is None


def test_a_password_in_the_file_is_a_configuration_error(runner: CliRunner, ledger: Path) -> None:
    configure(ledger, host="127.0.0.1", password="hunter2", to=["a@b.example"])
    result = invoke(runner, ledger, "send", MANIFEST, "--dry-run")
    assert result.exit_code == 2
    assert "roundup.send.password: a password is never kept in a file" in result.stderr
    assert "password_env" in result.stderr


@pytest.mark.parametrize(
    ("send", "needle"),
    [
        ({"host": "h", "security": "tls"}, "roundup.send.security: expected one of"),
        ({"host": "h", "port": 70000}, "roundup.send.port"),
        ({"host": "h", "to": "a@b.example"}, "roundup.send.to: expected a list"),
        ({"host": "h", "cc": ["a@b.example"]}, "roundup.send.cc: unknown key"),
    ],
)
def test_send_settings_are_checked(
    runner: CliRunner, ledger: Path, send: dict[str, Any], needle: str
) -> None:
    configure(ledger, **send)
    result = invoke(runner, ledger, "send", MANIFEST, "--dry-run")
    assert result.exit_code == 2
    assert needle in result.stderr


def test_without_recipients_or_host_nothing_is_attempted(runner: CliRunner, ledger: Path) -> None:
    configure(ledger, host="127.0.0.1")
    result = invoke(runner, ledger, "send", MANIFEST, "--dry-run")
    assert result.exit_code == 2
    assert "roundup.send.to is empty" in result.stderr
    configure(ledger)
    result = invoke(runner, ledger, "send", MANIFEST, "--dry-run")
    assert result.exit_code == 2
    assert "roundup.send.host is not set" in result.stderr


def test_rewriting_a_sent_manifest_keeps_its_record(runner: CliRunner, ledger: Path) -> None:
    manifest = ledger / MANIFEST
    record = SentRecord("2026-11-20T08:00:00-05:00", "<m@x.example>", ("a@b.example",))
    manifest.write_text(
        with_sent_record(manifest.read_text(encoding="utf-8"), record), encoding="utf-8"
    )
    result = invoke(runner, ledger, "roundup", "--week", "2026-W47", "--write-manifest", "--force")
    assert result.exit_code == 0, result.output
    assert read_manifest(manifest).sent == record


def test_recording_changes_only_the_sent_table() -> None:
    text = (
        "# guide\nversion = 1\nissue = 3  # kept\n\n[window]\nstart = 'a'\n\n"
        "[[items]]\npath = 'x.md'\n"
    )
    record = SentRecord("2026-11-20T08:00:00-05:00", "<m@x.example>", ("a@b.example",))
    once = with_sent_record(text, record)
    assert once.startswith(text)
    assert once.endswith(
        '\n[sent]\nsent_at = "2026-11-20T08:00:00-05:00"\nmessage_id = "<m@x.example>"\n'
        'recipients = [\n    "a@b.example",\n]\n'
    )
    later = SentRecord("2026-11-21T08:00:00-05:00", "<m@x.example>", ("c@d.example",))
    twice = with_sent_record(once, later)
    assert twice.startswith(text) and twice.count("[sent]") == 1
    assert "c@d.example" in twice and "a@b.example" not in twice
    # A [sent] table in the middle is replaced where it stands.
    middle = "version = 1\n[sent]\nsent_at = 'x'\n[window]\nstart = 'a'\n"
    replaced = with_sent_record(middle, later)
    assert replaced.startswith("version = 1\n[sent]\n") and replaced.endswith(
        "[window]\nstart = 'a'\n"
    )
    crlf = with_sent_record(text.replace("\n", "\r\n"), record)
    assert "\n" not in crlf.replace("\r\n", "")


def test_a_login_over_an_unencrypted_connection_is_refused(runner: CliRunner, ledger: Path) -> None:
    configure(
        ledger,
        host="smtp.harborledger.example",
        security="none",
        user="editor",
        password_env="LEDGER_SMTP_PASSWORD",
        to=["a@b.example"],
    )
    result = invoke(runner, ledger, "send", MANIFEST, "--dry-run")
    assert result.exit_code == 2
    assert "would send the password unencrypted" in result.stderr


def test_the_commands_load_smtp_tls_and_templates_only_when_they_run() -> None:
    import json
    import subprocess
    import sys

    heavy = ("smtplib", "ssl", "jinja2", "css_inline", "babel", "newsroom_cli.roundup.send")
    code = (
        "import sys, json; import newsroom_cli.cli.send, newsroom_cli.cli.archive; "
        f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_a_timeout_that_is_not_above_zero_is_refused_naming_the_option(
    runner: CliRunner, ledger: Path
) -> None:
    manifest = ledger / MANIFEST
    with plain_server(ledger, to=["a@b.example"]) as server:
        before = snapshot(manifest)
        result = invoke(runner, ledger, "send", MANIFEST, "--timeout", "0")
        assert_failed(result, manifest, before, "--timeout 0.0: expected a number of seconds")
        assert server.recorder.rcpt_seen == []
