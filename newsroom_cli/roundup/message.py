"""The round-up as an e-mail message: addresses, unsubscribe and web links, and headers.

Everything a sender needs to put on the message is decided here from the configuration
and the issue, as plain data: the ``From``/``Sender`` mailboxes (IDN domains in
punycode), ``To``, ``Reply-To``, ``List-Id``, ``List-Unsubscribe`` (mailto and https,
with ``List-Unsubscribe-Post`` when there is an https one), ``Date`` and a
``Message-ID`` that is the same for the same issue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsroom_cli.errors import NewsroomError

if TYPE_CHECKING:
    from email.headerregistry import Address

    from newsroom_cli.config import Config
    from newsroom_cli.roundup.assemble import RoundupIssue

_PLACEHOLDER = re.compile(r"\{(week|issue)\}")


def fill_link(pattern: str, values: Mapping[str, str]) -> str:
    """Fill ``{week}`` and ``{issue}`` in a link pattern; everything else stays as written.

    An e-mail service's merge tag (``{{ unsubscribe_url }}``, ``*|UNSUB|*``,
    ``{{ UnsubscribeURL }}``) passes through untouched for the service to replace.
    """
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), pattern.strip())


def is_merge_tag(value: str) -> bool:
    """Whether ``value`` is an e-mail service's placeholder rather than a URL of its own."""
    return not value.startswith(("https://", "http://", "mailto:"))


def ascii_domain(domain: str) -> str:
    """A domain in the ASCII form headers need (IDNA punycode for non-ASCII labels)."""
    domain = domain.strip().rstrip(".")
    if domain.isascii():
        return domain.lower()
    try:
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise NewsroomError(f"{domain!r} is not a valid domain name ({exc})") from None


def publication_domain(config: Config) -> str:
    """The publication's domain from ``publication.base_url``, in ASCII."""
    host = urlsplit(config.publication.base_url).hostname or "localhost"
    return ascii_domain(host)


def mailboxes(text: str, key: str) -> list[Address]:
    """Parse ``Name <local@domain>, ...`` into addresses with ASCII domains.

    The display name may be in any script (it is encoded when the message is written);
    the local part must be ASCII, since the message is not sent with SMTPUTF8.
    """
    from email.headerregistry import Address
    from email.utils import getaddresses

    if not text.strip():
        return []
    found: list[Address] = []
    for name, address in getaddresses([text]):
        local, at, domain = address.rpartition("@")
        if not at or not local or not domain:
            raise NewsroomError(
                f"{key}: {text!r} is not an e-mail address",
                hint='write it as "Name <user@domain.example>"',
            )
        if not local.isascii() or any(ch in local for ch in ' <>()[]\\,;:"'):
            raise NewsroomError(f"{key}: the part before @ in {address!r} must be plain ASCII")
        try:
            found.append(Address(display_name=name, username=local, domain=ascii_domain(domain)))
        except (ValueError, TypeError) as exc:
            raise NewsroomError(f"{key}: {address!r}: {exc}") from None
    return found


def unsubscribe_targets(config: Config, unsubscribe_url: str) -> list[str]:
    """The ``List-Unsubscribe`` URIs: ``roundup.list_unsubscribe`` (angle brackets
    optional, comma separated) and the https unsubscribe link, each once, mailto first."""
    targets: list[str] = []
    for raw in config.roundup.list_unsubscribe.split(","):
        value = raw.strip().strip("<>").strip()
        if not value:
            continue
        scheme = urlsplit(value).scheme.lower()
        if scheme not in ("mailto", "https", "http") or " " in value:
            raise NewsroomError(
                f"roundup.list_unsubscribe: {value!r} is neither a mailto: nor an https: URL",
                hint='write e.g. "<mailto:unsubscribe@example.com>, <https://example.com/u>"',
            )
        if value not in targets:
            targets.append(value)
    if unsubscribe_url.startswith("https://") and unsubscribe_url not in targets:
        targets.append(unsubscribe_url)
    targets.sort(key=lambda uri: not uri.startswith("mailto:"))
    return targets


def list_id(config: Config) -> str:
    """``roundup.list_id``, else ``Name <name-slug.domain>`` (RFC 2919)."""
    if config.roundup.list_id:
        text = config.roundup.list_id.strip()
        if "<" not in text:
            text = f"<{text}>"
        name, _, rest = text.partition("<")
        ident = rest.rstrip(">").strip()
        label, _, domain = ident.partition(".")
        if not label or not domain or " " in ident:
            raise NewsroomError(
                f"roundup.list_id: {config.roundup.list_id!r} is not a list id",
                hint='write e.g. "The Week <the-week.example.com>"',
            )
        return f"{name.strip()} <{label}.{ascii_domain(domain)}>".strip()
    slug = re.sub(r"[^a-z0-9]+", "-", config.roundup.name.lower()).strip("-") or "roundup"
    return f"{config.roundup.name} <{slug}.{publication_domain(config)}>"


def message_id(config: Config, issue: RoundupIssue) -> str:
    """A Message-ID from the issue and the publication's domain, stable for the same issue."""
    from newsroom_cli.roundup.manifest import own_language

    slug = re.sub(r"[^a-z0-9]+", "-", config.roundup.name.lower()).strip("-") or "roundup"
    stem = issue.window.file_stem
    if issue.language and issue.language != own_language(config):
        # Another language's issue of the same week is another message.
        stem += "." + re.sub(r"[^A-Za-z0-9-]+", "-", issue.language)
    return f"<{slug}.{issue.issue}.{stem}@{publication_domain(config)}>"


@dataclass(frozen=True)
class Headers:
    """The headers of an issue's message, in the order they are written."""

    sender: tuple[Address, ...]
    sender_header: Address | None
    to: tuple[Address, ...]
    reply_to: tuple[Address, ...]
    subject: str
    date: dt.datetime
    message_id: str
    list_id: str
    list_unsubscribe: tuple[str, ...]

    @property
    def one_click(self) -> bool:
        """Whether ``List-Unsubscribe-Post`` is written (RFC 8058 needs an https URI)."""
        return any(uri.startswith("https://") for uri in self.list_unsubscribe)


def _one_line(name: str, value: str) -> str:
    if any(ch in value for ch in "\r\n\x00"):
        raise NewsroomError(
            f"e-mail header {name} contains a line break; refused",
            hint="a line break in a header could add recipients or headers",
        )
    return value


def message_headers(config: Config, issue: RoundupIssue) -> Headers:
    """Decide every header of the issue's message; raises for what cannot be sent."""
    subject = _one_line("Subject", issue.subject)
    if not issue.sender.strip():
        raise NewsroomError(
            "an e-mail needs a sender",
            hint='set roundup.from, e.g. "The Ledger <newsletter@ledger.example>"',
        )
    senders = mailboxes(_one_line("From", issue.sender), "roundup.from")
    sender_header = mailboxes(_one_line("Sender", config.roundup.sender_header), "roundup.sender")
    if len(sender_header) > 1:
        raise NewsroomError("roundup.sender: one address only")
    if len(senders) > 1 and not sender_header:
        raise NewsroomError(
            "roundup.from has more than one address and there is no roundup.sender",
            hint="RFC 5322 asks for a Sender: set roundup.sender to the mailbox that sends",
        )
    to = mailboxes(_one_line("To", config.roundup.to), "roundup.to") or senders[:1]
    reply_to = mailboxes(_one_line("Reply-To", config.roundup.reply_to), "roundup.reply_to")
    targets = unsubscribe_targets(config, issue.unsubscribe_url)
    for target in targets:
        _one_line("List-Unsubscribe", target)
    return Headers(
        sender=tuple(senders),
        sender_header=sender_header[0] if sender_header else None,
        to=tuple(to),
        reply_to=tuple(reply_to),
        subject=subject,
        date=issue.date,
        message_id=message_id(config, issue),
        list_id=_one_line("List-Id", list_id(config)),
        list_unsubscribe=tuple(targets),
    )
