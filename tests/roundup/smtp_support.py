"""A real SMTP server on 127.0.0.1 for send tests (aiosmtpd), with STARTTLS, implicit TLS
and AUTH when asked, and a self-signed certificate made with the openssl binary."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

OPENSSL = shutil.which("openssl")


@dataclass
class Received:
    """One message the server accepted: envelope and the bytes of its content."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class Recorder:
    """The aiosmtpd handler: refuses the addresses in ``refuse``, keeps what it accepts."""

    refuse: set[str] = field(default_factory=set)
    messages: list[Received] = field(default_factory=list)
    rcpt_seen: list[str] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        self.rcpt_seen.append(address)
        if address in self.refuse:
            return "550 5.1.1 <" + address + ">: no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 2.0.0 queued"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, read and released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost; skips without openssl."""
    if OPENSSL is None:
        pytest.skip("the openssl binary is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    done = subprocess.run(
        [
            OPENSSL,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        capture_output=True,
        check=False,
        timeout=60,
    )
    if done.returncode != 0:
        pytest.skip(f"openssl cannot make a certificate: {done.stderr.decode()[-200:]}")
    return cert, key


@dataclass
class SMTPServer:
    port: int
    recorder: Recorder


@contextmanager
def smtp_server(
    *,
    starttls: tuple[Path, Path] | None = None,
    implicit_tls: tuple[Path, Path] | None = None,
    logins: dict[str, str] | None = None,
    refuse: set[str] | None = None,
) -> Iterator[SMTPServer]:
    """Run an aiosmtpd server on 127.0.0.1 for the block."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    recorder = Recorder(refuse=set(refuse or ()))
    options: dict[str, Any] = {}
    if starttls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(starttls[0]), str(starttls[1]))
        options.update(tls_context=context, require_starttls=True)
    if implicit_tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(implicit_tls[0]), str(implicit_tls[1]))
        options["ssl_context"] = context
    if logins is not None:

        def authenticator(
            server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
        ) -> AuthResult:
            if not isinstance(auth_data, LoginPassword):
                return AuthResult(success=False, handled=False)
            user = auth_data.login.decode()
            ok = logins.get(user) == auth_data.password.decode()
            return AuthResult(success=ok, handled=False)

        options.update(
            authenticator=authenticator,
            auth_required=True,
            # aiosmtpd counts only STARTTLS as TLS for AUTH; the implicit-TLS socket is
            # encrypted from the first byte anyway.
            auth_require_tls=starttls is not None,
        )
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield SMTPServer(port, recorder)
    finally:
        controller.stop()
