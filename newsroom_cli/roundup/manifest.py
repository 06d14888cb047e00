"""Round-up manifests: the reviewed list of an issue's articles, as TOML in ``roundups/``.

A manifest fixes what an issue contains: the window and zone, the issue number, subject,
preheader, intro file, the articles in order with their sections and a content hash each,
and the window's articles left out. Editors change an issue by editing it; building from
it gives the same bytes until an article's file changes.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom_cli.dates import format_iso
from newsroom_cli.errors import BadValue, NewsroomError
from newsroom_cli.roundup.select import Exclusion
from newsroom_cli.window import Window, window_from_strings

if TYPE_CHECKING:
    from newsroom_cli.config import Config

MANIFEST_VERSION = 1

HEADER = """\
# A round-up manifest, written by `newsroom roundup --write-manifest`.
# Build the issue from it with: newsroom roundup --manifest {name}
#
# Edit it to shape the issue: reorder [[items]] (order counts within a section),
# delete an item to drop it, set `pinned = true` to put it first in its section and
# above the cap, change its `section`, or add an item with just a `path`.
# `hash` tells the build when an article changed after this file was written.

"""


@dataclass(frozen=True)
class ManifestItem:
    """One article an issue lists: its path (from the project root) and placement."""

    path: str
    section: str | None = None
    hash: str | None = None
    pinned: bool = False


@dataclass(frozen=True)
class SentRecord:
    """The ``[sent]`` table ``newsroom send`` writes: when, which message, to whom."""

    sent_at: str
    message_id: str
    recipients: tuple[str, ...]

    def as_table(self) -> dict[str, Any]:
        """The record as the TOML table it is stored as."""
        return {
            "sent_at": self.sent_at,
            "message_id": self.message_id,
            "recipients": list(self.recipients),
        }


@dataclass(frozen=True)
class Manifest:
    """A round-up manifest as data."""

    window: Window
    issue: int
    subject: str
    preheader: str
    items: tuple[ManifestItem, ...]
    excluded: tuple[Exclusion, ...] = ()
    intro: str | None = None
    path: Path | None = field(default=None, compare=False)
    sent: SentRecord | None = None
    # The language of the issue's articles; None in a manifest written before languages
    # were recorded, which is the publication's own.
    language: str | None = None


def dump_manifest(manifest: Manifest, name: str) -> str:
    """The TOML text of ``manifest``, with a short guide for editors at the top."""
    import tomli_w

    data: dict[str, Any] = {"version": MANIFEST_VERSION, "issue": manifest.issue}
    if manifest.window.week:
        data["week"] = manifest.window.week
    if manifest.language:
        data["language"] = manifest.language
    data["subject"] = manifest.subject
    data["preheader"] = manifest.preheader
    if manifest.intro:
        data["intro"] = manifest.intro
    data["window"] = {
        "start": format_iso(manifest.window.start),
        "end": format_iso(manifest.window.end),
        "timezone": manifest.window.timezone,
    }
    items = []
    for item in manifest.items:
        entry: dict[str, Any] = {"path": item.path}
        if item.section:
            entry["section"] = item.section
        if item.hash:
            entry["hash"] = item.hash
        if item.pinned:
            entry["pinned"] = True
        items.append(entry)
    data["items"] = items
    if manifest.excluded:
        data["excluded"] = [{"path": e.path, "reason": e.reason} for e in manifest.excluded]
    if manifest.sent is not None:
        data["sent"] = manifest.sent.as_table()
    return HEADER.format(name=name) + tomli_w.dumps(data)


def read_manifest(path: Path) -> Manifest:
    """Read and check a manifest; errors name the file and the key."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NewsroomError(f"{where}: no such manifest") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsroomError(f"{where}: cannot read ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NewsroomError(f"{where}: not valid TOML: {exc}") from None
    return manifest_from_mapping(data, source=where, path=path)


def manifest_from_mapping(
    data: Mapping[str, Any], *, source: str = "manifest", path: Path | None = None
) -> Manifest:
    """Build a checked :class:`Manifest` from parsed TOML."""

    def fail(key: str, message: str) -> NewsroomError:
        return NewsroomError(f"{source}: {key}: {message}")

    def string(table: Mapping[str, Any], key: str, name: str, default: str | None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise fail(name, "missing" if value is None else f"expected a string, got {value!r}")
        return value

    version = data.get("version", MANIFEST_VERSION)
    if version != MANIFEST_VERSION:
        raise fail("version", f"this newsroom reads version {MANIFEST_VERSION}, got {version!r}")
    issue = data.get("issue")
    if not isinstance(issue, int) or isinstance(issue, bool) or issue < 1:
        raise fail("issue", f"expected a positive whole number, got {issue!r}")
    window_table = data.get("window")
    if not isinstance(window_table, Mapping):
        raise fail("window", "expected a table with start, end and timezone")
    week = data.get("week")
    if week is not None and not isinstance(week, str):
        raise fail("week", f"expected a string such as 2026-W47, got {week!r}")
    timezone = string(window_table, "timezone", "window.timezone", None)
    try:
        window = window_from_strings(
            string(window_table, "start", "window.start", None),
            string(window_table, "end", "window.end", None),
            timezone,
            week,
        )
    except ValueError as exc:
        raise fail("window.timezone", str(exc)) from None
    except NewsroomError as exc:
        raise NewsroomError(f"{source}: {exc.message}") from None
    intro = data.get("intro")
    if intro is not None and not isinstance(intro, str):
        raise fail("intro", f"expected a file name, got {intro!r}")
    language = data.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE.match(language)):
        raise fail("language", f"expected a language code such as fr, got {language!r}")
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        raise fail("items", "expected [[items]] tables")
    items = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_items):
        name = f"items[{index}]"
        if not isinstance(raw, Mapping):
            raise fail(name, "expected a table with a path")
        unknown = set(raw) - {"path", "section", "hash", "pinned"}
        if unknown:
            raise fail(
                f"{name}.{sorted(unknown)[0]}", "unknown key (expected path, section, hash, pinned)"
            )
        item_path = string(raw, "path", f"{name}.path", None)
        if item_path in seen:
            raise fail(f"{name}.path", f"{item_path} is listed twice")
        seen.add(item_path)
        section = raw.get("section")
        if section is not None and not isinstance(section, str):
            raise fail(f"{name}.section", f"expected a section key, got {section!r}")
        digest = raw.get("hash")
        if digest is not None and not isinstance(digest, str):
            raise fail(f"{name}.hash", f"expected a string, got {digest!r}")
        pinned = raw.get("pinned", False)
        if not isinstance(pinned, bool):
            raise fail(f"{name}.pinned", f"expected true or false, got {pinned!r}")
        items.append(ManifestItem(item_path, section, digest, pinned))
    raw_excluded = data.get("excluded", [])
    if not isinstance(raw_excluded, list):
        raise fail("excluded", "expected [[excluded]] tables")
    excluded = []
    for index, raw in enumerate(raw_excluded):
        if not isinstance(raw, Mapping):
            raise fail(f"excluded[{index}]", "expected a table with path and reason")
        excluded.append(
            Exclusion(
                string(raw, "path", f"excluded[{index}].path", None),
                string(raw, "reason", f"excluded[{index}].reason", ""),
            )
        )
    sent = _sent_record(data.get("sent"), fail)
    subject = string(data, "subject", "subject", "")
    preheader = string(data, "preheader", "preheader", "")
    for key, value in (("subject", subject), ("preheader", preheader)):
        if "\r" in value or "\n" in value:
            raise fail(key, "must be on one line")
    return Manifest(
        window=window,
        issue=issue,
        subject=subject,
        preheader=preheader,
        items=tuple(items),
        excluded=tuple(excluded),
        intro=intro,
        path=path,
        sent=sent,
        language=language,
    )


def _sent_record(raw: Any, fail: Any) -> SentRecord | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise fail("sent", "expected a table with sent_at, message_id and recipients")
    unknown = set(raw) - {"sent_at", "message_id", "recipients"}
    if unknown:
        raise fail(
            f"sent.{sorted(unknown)[0]}", "unknown key (expected sent_at, message_id, recipients)"
        )
    sent_at = raw.get("sent_at")
    if isinstance(sent_at, dt.datetime | dt.date):  # a TOML date-time written by hand
        sent_at = sent_at.isoformat()
    message_id = raw.get("message_id", "")
    recipients = raw.get("recipients", [])
    if not isinstance(sent_at, str) or not sent_at:
        raise fail("sent.sent_at", f"expected the time of the send, got {sent_at!r}")
    if not isinstance(message_id, str):
        raise fail("sent.message_id", f"expected a string, got {message_id!r}")
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        raise fail("sent.recipients", f"expected a list of addresses, got {recipients!r}")
    return SentRecord(sent_at, message_id, tuple(recipients))


_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_SENT_HEADER = re.compile(r"^[ \t]*\[[ \t]*sent[ \t]*\][ \t]*(#.*)?$", re.MULTILINE)


def with_sent_record(text: str, record: SentRecord) -> str:
    """``text`` (a manifest) with its ``[sent]`` table set to ``record``; everything else,
    comments included, unchanged. The result is parsed again and refused if anything but
    the ``[sent]`` table differs."""
    import tomli_w

    before = tomllib.loads(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    table = "[sent]\n" + tomli_w.dumps(record.as_table())
    table = table.replace("\n", newline)
    found = _SENT_HEADER.search(text)
    if found is None:
        if isinstance(before.get("sent"), Mapping) or "sent" in before:
            raise NewsroomError(
                "the manifest's sent record is not a [sent] table of its own; cannot update it"
            )
        body = text if not text or text.endswith(("\n", "\r")) else text + newline
        updated = body + newline + table
    else:
        following = _TABLE_HEADER.search(text, found.end())
        end = following.start() if following else len(text)
        updated = text[: found.start()] + table + (newline if following else "") + text[end:]
    after = tomllib.loads(updated)
    expected = {**{k: v for k, v in before.items() if k != "sent"}, "sent": record.as_table()}
    if after != expected:
        raise NewsroomError(
            "recording the send would change more than the manifest's [sent] table; "
            "nothing written",
            hint="move [sent] to the end of the manifest",
        )
    return updated


def manifest_paths(config: Config) -> list[Path]:
    """Every manifest in the project's round-ups folder, sorted by name."""
    folder = config.roundups_dir
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def own_language(config: Config) -> str:
    """The publication's own language: its manifests carry no language in their names."""
    return config.conventions.language or config.publication.language or "en"


def _manifests_in(config: Config, language: str | None) -> list[tuple[Path, dict[str, Any]]]:
    """Every readable manifest of ``language`` (``None``: the publication's), parsed; a
    manifest without a language is the publication's own."""
    own = own_language(config)
    wanted = language or own
    found: list[tuple[Path, dict[str, Any]]] = []
    for path in manifest_paths(config):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        written = data.get("language")
        if (written if isinstance(written, str) and written else own) == wanted:
            found.append((path, data))
    return found


def issue_numbers(config: Config, language: str | None = None) -> dict[Path, int]:
    """The issue number each existing manifest of ``language`` claims (default: the
    publication's language; unreadable ones are skipped). Each language numbers its own
    issues."""
    numbers: dict[Path, int] = {}
    for path, data in _manifests_in(config, language):
        issue = data.get("issue")
        if isinstance(issue, int) and not isinstance(issue, bool):
            numbers[path] = issue
    return numbers


def manifest_path(config: Config, window: Window, language: str | None = None) -> Path:
    """Where the manifest of ``window`` lives: ``roundups/2026-W47.toml`` for the
    publication's language, ``roundups/2026-W47.fr.toml`` for another one."""
    if language and language != own_language(config):
        return config.roundups_dir / f"{window.file_stem}.{language}.toml"
    return config.roundups_dir / f"{window.file_stem}.toml"


def _monday(week: str) -> dt.date:
    from newsroom_cli.window import parse_week

    year, number = parse_week(week)
    return dt.date.fromisocalendar(year, number, 1)


def weeks_between(first: str, second: str) -> int:
    """How many ISO weeks ``second`` comes after ``first`` (negative when before)."""
    return (_monday(second) - _monday(first)).days // 7


def _week_of(window: Window) -> str:
    from newsroom_cli.window import week_label

    return window.week or week_label(window.start.date())


def manifest_weeks(config: Config, language: str | None = None) -> dict[str, int]:
    """The week and issue number of each existing manifest of ``language`` that names its
    week."""
    found: dict[str, int] = {}
    for _path, data in _manifests_in(config, language):
        week, issue = data.get("week"), data.get("issue")
        if isinstance(week, str) and isinstance(issue, int) and not isinstance(issue, bool):
            try:
                _monday(week)
            except NewsroomError:
                continue
            found[week] = issue
    return found


def calendar_issue(config: Config, window: Window, language: str | None = None) -> int:
    """The issue number of ``window``'s week from the calendar.

    Issue No. 1 is ``roundup.first_issue``'s week, or, without it, the earliest manifest's
    week carries its own number; each ISO week after it adds one. The same week always
    gets the same number, whatever order manifests are written in.
    """
    week = _week_of(window)
    first = config.roundup.first_issue
    if first:
        number = weeks_between(first, week) + 1
        if number < 1:
            raise NewsroomError(
                f"{week} comes before roundup.first_issue ({first}), which is issue No. 1",
                hint="set roundup.first_issue to an earlier week",
                bypass="issue",
            )
        return number
    known = manifest_weeks(config, language)
    if not known:
        return 1
    anchor = min(known, key=_monday)
    number = known[anchor] + weeks_between(anchor, week)
    if number < 1:
        raise NewsroomError(
            f"{week} comes before the first issue ({anchor}, No. {known[anchor]})",
            hint='set roundup.first_issue = "YYYY-Www" to the week of issue No. 1',
        )
    return number


def next_issue(
    config: Config,
    target: Path | None = None,
    window: Window | None = None,
    language: str | None = None,
) -> int:
    """The issue number for the manifest at ``target``: the one it already has, else the
    calendar's number for ``window`` (else one more than the highest number used), among
    the issues of ``language``."""
    numbers = issue_numbers(config, language)
    if target is not None:
        for path, number in numbers.items():
            if path.resolve() == target.resolve():
                return number
    if window is not None:
        return calendar_issue(config, window, language)
    return max(numbers.values(), default=0) + 1


def check_issue_number(
    config: Config, number: int, target: Path, language: str | None = None
) -> None:
    """Refuse an issue number another manifest of the same language already uses."""
    if number < 1:
        raise BadValue(field="issue", value=number, problem="expected a positive number")
    numbers = issue_numbers(config, language)
    for path, used in numbers.items():
        if used == number and path.resolve() != target.resolve():
            raise BadValue(
                field="issue",
                value=number,
                problem=f"already used by {path.name}",
                hint=f"the highest number in use is {max(numbers.values())}",
            )
