"""Send an issue over SMTP, once: ``newsroom send roundups/2026-W47.toml``.

The message is the one ``roundup --manifest ... --format eml`` builds, byte for byte. A
real send records ``[sent]`` (time, Message-ID, recipients) in the manifest through the
safe writer, and a second send of the same issue is refused unless ``resend``. A test send
goes to ``roundup.send.test_to`` with ``[TEST]`` in the subject and records nothing; a dry
run connects to nothing.

Every recipient is accepted by the server before the message is handed over, so a refused
address means nobody got it; any failure is one :class:`SendError` (exit 2) that says what
happened and to whom, with nothing recorded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom_cli.dates import format_iso
from newsroom_cli.errors import BadValue, ExitCode, NewsroomError

if TYPE_CHECKING:
    import smtplib

    from newsroom_cli.config import Config, SendConfig
    from newsroom_cli.roundup.build import Build
    from newsroom_cli.roundup.manifest import Manifest

DEFAULT_TIMEOUT = 30.0
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
TEST_PREFIX = "[TEST] "


class SendError(NewsroomError):
    """A send that did not happen (or whose outcome is unknown); exit 2, nothing recorded."""

    def __init__(self, message: str, *, hint: str | None = None, bypass: str | None = None) -> None:
        super().__init__(message, hint=hint, exit_code=ExitCode.USAGE, bypass=bypass)


class PresendProblems(NewsroomError):
    """The pre-send check found errors: the issue is not sent (exit 1)."""

    def __init__(self, errors: list[str]) -> None:
        count = len(errors)
        super().__init__(
            f"the pre-send check found {count} error{'s' if count != 1 else ''}; nothing sent",
            hint="fix them and send again",
            exit_code=ExitCode.PROBLEMS,
        )
        self.errors = errors


@dataclass(frozen=True)
class Server:
    """Where the message goes: host, port, security and login."""

    host: str
    port: int
    security: str
    user: str
    password_env: str

    def describe(self) -> str:
        """``smtp.example:587 (starttls, as editor)``."""
        login = f", as {self.user}" if self.user else ""
        return f"{self.host}:{self.port} ({self.security}{login})"


@dataclass(frozen=True)
class Outgoing:
    """A message ready to go: its bytes, envelope and what to record afterwards."""

    manifest: Path
    data: bytes
    subject: str
    message_id: str
    sender: str
    recipients: tuple[str, ...]
    test: bool
    server: Server
    issue: int
    week: str
    warnings: tuple[str, ...] = ()


@dataclass
class SendReport:
    """What ``send_issue`` did (or, for a dry run, would do)."""

    outgoing: Outgoing
    dry_run: bool
    sent_at: str | None = None
    recorded: bool = False
    notes: list[str] = field(default_factory=list)


def server_of(settings: SendConfig) -> Server:
    """The SMTP server ``[roundup.send]`` names; an error when no host is set."""
    if not settings.host:
        raise NewsroomError(
            "roundup.send.host is not set; nowhere to send",
            hint='add [roundup.send] with host = "smtp.example.com" to newsroom.toml',
        )
    port = settings.port or DEFAULT_PORTS[settings.security]
    loopback = settings.host.lower() in ("localhost", "127.0.0.1", "::1", "[::1]")
    if settings.security == "none" and settings.user and not loopback:
        raise NewsroomError(
            f'roundup.send.security is "none": logging in as {settings.user!r} would send '
            "the password unencrypted",
            hint='use security = "starttls" (port 587) or "ssl" (port 465)',
        )
    return Server(settings.host, port, settings.security, settings.user, settings.password_env)


def envelope_address(value: str, key: str) -> str:
    """The bare address (``list@news.example``) of a configured recipient or sender."""
    from email.headerregistry import Address
    from email.policy import SMTP

    try:
        header = SMTP.header_factory("To", value)
        addresses = list(getattr(header, "addresses", ()))
    except (ValueError, TypeError, IndexError) as exc:
        raise NewsroomError(f"{key}: {value!r} is not an e-mail address ({exc})") from None
    if len(addresses) != 1 or not isinstance(addresses[0], Address):
        raise NewsroomError(f"{key}: {value!r} is not one e-mail address")
    address = addresses[0]
    if not address.username or not address.domain or getattr(header, "defects", None):
        raise NewsroomError(f"{key}: {value!r} is not an e-mail address")
    return str(address.addr_spec)


def presend_check(config: Config, build: Build) -> tuple[list[str], list[str]]:
    """The pre-send check of the issue (``roundup --check``): its errors, which stop a
    send, and its warnings."""
    from newsroom_cli.roundup.check import check_issue

    findings = check_issue(config, build.issue)
    errors = [str(f) for f in findings if f.severity == "error"]
    warnings = [str(f) for f in findings if f.severity != "error"]
    return errors, warnings


def _replace_header(data: bytes, name: str, value: str) -> bytes:
    """``data`` (a message) with header ``name`` replaced by ``value``, folded for SMTP."""
    from email.policy import SMTP

    head, separator, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    out: list[bytes] = []
    skipping = False
    prefix = name.lower().encode("ascii") + b":"
    for line in lines:
        if skipping and line[:1] in (b" ", b"\t"):
            continue
        skipping = line.lower().startswith(prefix)
        if skipping:
            out.append(SMTP.fold(name, value).encode("ascii").rstrip(b"\r\n"))
            continue
        out.append(line)
    return b"\r\n".join(out) + separator + body


def _message_id(data: bytes) -> str:
    from email import message_from_bytes
    from email.policy import SMTP

    message = message_from_bytes(data, policy=SMTP)
    return str(message.get("Message-ID", "")).strip()


def prepare(
    config: Config,
    path: Path,
    *,
    test: bool = False,
    resend: bool = False,
    now: dt.datetime | None = None,
) -> Outgoing:
    """Read the manifest, refuse a second send, build and check the issue, and make the
    message (for a test: ``[TEST]`` in the subject and a Message-ID of its own)."""
    from newsroom_cli.roundup.build import build_from_manifest
    from newsroom_cli.roundup.manifest import read_manifest
    from newsroom_cli.roundup.render import render_issue

    manifest = read_manifest(path)
    if not test and not resend:
        refuse_if_sent(manifest, path)
    settings = config.roundup.send
    server = server_of(settings)
    chosen = settings.test_to if test else settings.to
    if not chosen:
        key = "roundup.send.test_to" if test else "roundup.send.to"
        raise NewsroomError(f"{key} is empty; nobody to send to", hint=f"set {key} to a list")
    key = "roundup.send.test_to" if test else "roundup.send.to"
    recipients = tuple(dict.fromkeys(envelope_address(r, key) for r in chosen))
    build = build_from_manifest(config, manifest)
    rendered = render_issue(config, build.issue, "eml")
    errors, check_warnings = presend_check(config, build)
    if errors:
        raise PresendProblems(errors)
    # The envelope's sender is the mailbox that sends: roundup.sender when set, else From.
    if config.roundup.sender_header:
        sender = envelope_address(config.roundup.sender_header, "roundup.sender")
    else:
        sender = envelope_address(config.roundup.sender, "roundup.from")
    data = rendered.data
    subject = build.issue.subject
    message_id = _message_id(data)
    if test:
        subject = TEST_PREFIX + subject
        data = _replace_header(data, "Subject", subject)
        stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S")
        local, _, domain = message_id.strip("<>").partition("@")
        message_id = f"<{local}.test-{stamp}-{secrets.token_hex(4)}@{domain}>"
        data = _replace_header(data, "Message-ID", message_id)
    return Outgoing(
        manifest=path,
        data=data,
        subject=subject,
        message_id=message_id,
        sender=sender,
        recipients=recipients,
        test=test,
        server=server,
        issue=build.issue.issue,
        week=build.issue.window.label,
        warnings=(*build.warnings, *check_warnings),
    )


def refuse_if_sent(manifest: Manifest, path: Path) -> None:
    """Refuse (exit 2) to send an issue whose manifest records a send."""
    sent = manifest.sent
    if sent is None:
        return
    count = len(sent.recipients)
    raise NewsroomError(
        f"{path.name} was already sent at {sent.sent_at} to {count} "
        f"recipient{'s' if count != 1 else ''} (Message-ID {sent.message_id or 'unknown'})",
        bypass="resend",
    )


def _password(server: Server, environ: Mapping[str, str]) -> str | None:
    if not server.user:
        return None
    if not server.password_env:
        raise NewsroomError(
            "roundup.send.user is set but roundup.send.password_env is not",
            hint="name the environment variable that holds the password",
        )
    password = environ.get(server.password_env)
    if not password:
        raise NewsroomError(
            f"the environment variable {server.password_env} (roundup.send.password_env) "
            "is not set; no password to log in with"
        )
    return password


class _Phase:
    """Which step of the SMTP conversation is under way, for the error message."""

    def __init__(self) -> None:
        self.step = "connecting"


def _fail(server: Server, phase: _Phase, exc: BaseException, timeout: float) -> SendError:
    import smtplib
    import socket
    import ssl

    where = f"{server.host}:{server.port}"
    nothing = "nothing was sent"
    if isinstance(exc, smtplib.SMTPServerDisconnected) and "timed out" in str(exc):
        # smtplib reports a reply that never came as a closed connection.
        exc = TimeoutError(str(exc))
    if phase.step == "sending the message" and isinstance(
        exc, (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError)
    ):
        return SendError(
            f"{where} did not confirm the message ({_reason(exc, timeout)}); it may or may not "
            "have been delivered, and nothing was recorded",
            hint="ask the list or the service whether it arrived before sending it again",
        )
    if isinstance(exc, ConnectionRefusedError):
        return SendError(f"cannot connect to {where}: connection refused; {nothing}")
    if isinstance(exc, socket.gaierror):
        return SendError(f"cannot find the SMTP server {server.host!r}: {exc.strerror}; {nothing}")
    if isinstance(exc, TimeoutError):
        return SendError(
            f"{where} did not answer within {timeout:g} seconds while {phase.step}; {nothing}",
            hint="check host and port",
            bypass="timeout",
        )
    if isinstance(exc, ssl.SSLError):
        reason = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or exc
        return SendError(
            f"TLS with {where} failed while {phase.step}: {reason}; {nothing}",
            hint="check roundup.send.security (starttls on 587, ssl on 465) and the "
            "server's certificate",
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SendError(
            f"{where} refused the login of {server.user!r}: {_smtp_reply(exc)}; {nothing}",
            hint=f"check roundup.send.user and the password in ${server.password_env}",
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SendError(f"{where} does not support {phase.step}: {exc}; {nothing}")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return SendError(
            f"{where} refused the sender {exc.sender!r}: {_smtp_reply(exc)}; {nothing}",
            hint="check roundup.from: the server may only accept its own domain",
        )
    if isinstance(exc, smtplib.SMTPDataError):
        return SendError(f"{where} refused the message: {_smtp_reply(exc)}; {nothing}")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SendError(f"{where} closed the connection while {phase.step}; {nothing}")
    if isinstance(exc, smtplib.SMTPResponseException):
        return SendError(f"{where} answered {_smtp_reply(exc)} while {phase.step}; {nothing}")
    if isinstance(exc, (OSError, smtplib.SMTPException)):
        return SendError(f"cannot send through {where} while {phase.step}: {exc}; {nothing}")
    raise exc


def _reason(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, TimeoutError):
        return f"no answer within {timeout:g} seconds"
    return "the connection closed"


def _smtp_reply(exc: Any) -> str:
    code = getattr(exc, "smtp_code", "")
    raw = getattr(exc, "smtp_error", b"")
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return f"{code} {' '.join(text.split())}".strip()


@contextlib.contextmanager
def _connection(server: Server, timeout: float, phase: _Phase) -> Iterator[smtplib.SMTP]:
    import smtplib
    import ssl

    context = ssl.create_default_context()
    client: smtplib.SMTP
    if server.security == "ssl":
        phase.step = "connecting over TLS"
        client = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=timeout)
    try:
        phase.step = "greeting the server"
        client.ehlo()
        if server.security == "starttls":
            phase.step = "starting TLS (STARTTLS)"
            if not client.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError("the server does not offer STARTTLS")
            client.starttls(context=context)
            client.ehlo()
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.quit()
        with contextlib.suppress(Exception):
            client.close()


def deliver(
    outgoing: Outgoing,
    *,
    password: str | None,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Hand the message to the server for every recipient, or to none: each recipient is
    accepted before the message is sent. Raises :class:`SendError` on any failure."""
    import smtplib

    server = outgoing.server
    phase = _Phase()
    try:
        with _connection(server, timeout, phase) as client:
            if server.user:
                phase.step = "logging in"
                client.login(server.user, password or "")
            phase.step = "giving the sender"
            code, reply = client.mail(outgoing.sender)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, reply, outgoing.sender)
            phase.step = "giving the recipients"
            refused: dict[str, str] = {}
            for recipient in outgoing.recipients:
                code, reply = client.rcpt(recipient)
                if code not in (250, 251):
                    refused[recipient] = (
                        f"{code} {' '.join(reply.decode('utf-8', 'replace').split())}"
                    )
            if refused:
                with contextlib.suppress(Exception):
                    client.rset()
                raise _refused(server, outgoing.recipients, refused)
            phase.step = "sending the message"
            client.data(outgoing.data)
            phase.step = "done"
    except SendError:
        raise
    except Exception as exc:
        if phase.step == "done":
            return  # the message was accepted; a failure while saying goodbye changes nothing
        raise _fail(server, phase, exc, timeout) from None


def _refused(server: Server, recipients: tuple[str, ...], refused: dict[str, str]) -> SendError:
    where = f"{server.host}:{server.port}"
    which = "; ".join(f"{address}: {reply}" for address, reply in refused.items())
    others = [r for r in recipients if r not in refused]
    if not others:
        fate = "nothing was sent"
    else:
        count = len(others)
        fate = (
            f"the message was not sent to the other {count} "
            f"recipient{'s' if count != 1 else ''} ({', '.join(others)}) either; nothing was sent"
        )
    return SendError(
        f"{where} refused {len(refused)} of {len(recipients)} recipient"
        f"{'s' if len(recipients) != 1 else ''} ({which}); {fate}",
        hint="fix roundup.send.to (or test_to) and send again",
    )


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Hold a lock on the manifest while its issue is sent and recorded, so two sends of
    one issue at the same moment cannot both go out."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock, as before
        yield
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise NewsroomError(f"{path}: cannot open ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise NewsroomError(f"{path.name} is being sent by another process; not sent") from None
        yield
    finally:
        os.close(fd)


def record_sent(path: Path, outgoing: Outgoing, sent_at: str) -> None:
    """Write the ``[sent]`` table into the manifest (the rest of its text unchanged)."""
    from newsroom_cli.roundup.manifest import SentRecord, with_sent_record
    from newsroom_cli.writer import atomic_write

    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsroomError(f"{path}: cannot read ({exc})") from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    record = SentRecord(sent_at, outgoing.message_id, outgoing.recipients)
    updated = with_sent_record(text[len(bom) :], record)
    atomic_write(path, (bom + updated).encode("utf-8"), overwrite=True)


def send_issue(
    config: Config,
    path: Path,
    *,
    test: bool = False,
    dry_run: bool = False,
    resend: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    environ: Mapping[str, str] | None = None,
    clock: Callable[[], dt.datetime] | None = None,
) -> SendReport:
    """Send the issue of the manifest at ``path`` (see the module's docstring)."""
    if not timeout > 0:
        raise BadValue(
            field="timeout", value=timeout, problem="expected a number of seconds above 0"
        )
    now = clock or (lambda: dt.datetime.now(dt.UTC))
    outgoing = prepare(config, path, test=test, resend=resend, now=now())
    environ = os.environ if environ is None else environ
    report = SendReport(outgoing, dry_run)
    if dry_run:
        if outgoing.server.user and not environ.get(outgoing.server.password_env or ""):
            report.notes.append(
                f"the password variable {outgoing.server.password_env or '(unset)'} is not "
                "set here; a real send would stop"
            )
        return report
    password = _password(outgoing.server, environ)
    if test:
        deliver(outgoing, password=password, timeout=timeout)
        report.sent_at = format_iso(now().astimezone(config.tz))
        return report
    with _exclusive(path):
        # Read again under the lock: another send may have finished meanwhile.
        if not resend:
            from newsroom_cli.roundup.manifest import read_manifest

            refuse_if_sent(read_manifest(path), path)
        deliver(outgoing, password=password, timeout=timeout)
        report.sent_at = format_iso(now().astimezone(config.tz))
        try:
            record_sent(path, outgoing, report.sent_at)
        except NewsroomError as exc:
            raise NewsroomError(
                f"the issue was sent at {report.sent_at} to {', '.join(outgoing.recipients)} "
                f"(Message-ID {outgoing.message_id}), but recording it in {path.name} "
                f"failed: {exc.message}",
                hint="add the [sent] table by hand so it is not sent twice",
            ) from None
    report.recorded = True
    return report
