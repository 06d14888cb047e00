"""Hostile inputs and the checks every hardening test shares.

Strategies build arbitrary bytes, arbitrary text and front matter that is structured but
wrong (random keys, types, nesting, delimiters, encodings); the helpers check that a CLI run
ended the way every run must end, and fingerprint a folder to prove nothing was changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomli_w
import yaml
from hypothesis import strategies as st

from newsroom_cli.article import parse_article

KNOWN_KEYS = (
    "title",
    "headline",
    "dek",
    "summary",
    "description",
    "slug",
    "section",
    "column",
    "kicker",
    "authors",
    "author",
    "date",
    "updated",
    "lastmod",
    "status",
    "tags",
    "topics",
    "image",
    "teaser",
    "teasers",
    "featured",
    "draft",
    "categories",
    "weight",
)

# Scalars that YAML, dates and teasers read in surprising ways.
TRICKY_SCALARS = (
    "",
    " ",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "off",
    "0x1F",
    "1e999",
    ".nan",
    "-.inf",
    "2026-13-45",
    "2026-02-30T25:61:00+99:00",
    "0000-00-00",
    "9999-12-31T23:59:59-23:59",
    "12:30:00",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:00-12:00",
    "0000-01-01",
    "1_000",
    "0o17",
    "&anchor x",
    "*alias",
    "!!python/object/apply:os.system",
    "!tag value",
    "|",
    ">-",
    "'",
    '"',
    "[",
    "{",
    "}",
    "]",
    "- -",
    "? x",
    ": x",
    "#",
    "%YAML",
    "@at",
    "`tick`",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "Subject\r\nBcc: victim@example.com",
    "\u202eevil",
    "\u200b",
    "\x00",
    "\x1b[31mred",
    "\ufeff",
    "a\u2028b",
    "\U0001f600" * 3,
    "e\u0301" * 5,
    "../../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\system32",
    "con",
    "nul.md",
    "x" * 300,
    "word " * 200,
)

_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(TRICKY_SCALARS),
)

values = st.recursive(
    _scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=10)), children, max_size=4
        ),
    ),
    max_leaves=12,
)

front_matter_maps = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12)), values, max_size=8
)


def _dump_yaml(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=60)
    except yaml.YAMLError:
        return "title: fallback\n"


def _dump_toml(data: Any) -> str:
    try:
        cleaned = json.loads(json.dumps(data, default=str, allow_nan=False))
        return tomli_w.dumps(_drop_nulls(cleaned))
    except (TypeError, ValueError):
        return 'title = "fallback"\n'


def _drop_nulls(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _drop_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_drop_nulls(v) for v in data if v is not None]
    return data


@st.composite
def _hand_written_yaml(draw: st.DrawFn) -> str:
    """YAML written line by line the way people get it wrong."""
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        key = draw(st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=8)))
        indent = draw(st.sampled_from(["", "", "", "  ", "\t", " ", "    "]))
        sep = draw(st.sampled_from([": ", ":", " : ", ":\t", " = ", ": |\n  ", ": >\n  "]))
        value = draw(st.one_of(st.sampled_from(TRICKY_SCALARS), st.text(max_size=20)))
        prefix = draw(st.sampled_from(["", "", "", "- ", "? ", "# ", "&a ", "*a ", "!!str "]))
        lines.append(f"{indent}{prefix}{key}{sep}{value}")
    return "\n".join(lines) + "\n"


@st.composite
def front_matter_documents(draw: st.DrawFn) -> bytes:
    """A whole article: delimiters, a front-matter block, a body, an encoding."""
    data = draw(front_matter_maps)
    style = draw(st.sampled_from(["yaml", "yaml", "yaml-hand", "toml", "json", "json-list"]))
    if style == "yaml":
        block, opener, closer = _dump_yaml(data), "---", "---"
    elif style == "yaml-hand":
        block, opener, closer = draw(_hand_written_yaml()), "---", "---"
    elif style == "toml":
        block, opener, closer = _dump_toml(data), "+++", "+++"
    else:
        payload: Any = data if style == "json" else list(data.items())
        block = json.dumps(payload, default=str, ensure_ascii=draw(st.booleans()), indent=2)
        opener = closer = ""
    opener = draw(
        st.sampled_from(
            [opener, opener, opener, "---", "+++", "--- ", "----", "...", "", "\n" + opener, "{"]
        )
    )
    closer = draw(st.sampled_from([closer, closer, closer, "...", "---", "+++", "", "-- -"]))
    body = draw(st.one_of(st.just("\nBody text.\n"), st.text(max_size=200)))
    parts = [opener, block.rstrip("\n"), closer] if opener or closer else [block]
    text = "\n".join(p for p in parts) + "\n" + body
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "mixed"]))
    if newline == "\r\n":
        text = text.replace("\n", "\r\n")
    elif newline == "mixed":
        text = text.replace("\n", "\r\n", 1)
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])
    )
    return text.encode(encoding, errors="replace")


any_input = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    front_matter_documents(),
)


def examples(count: int) -> int:
    """Examples per property test: ``count`` times NEWSROOM_HARDENING_SCALE (default 1).

    CI runs the modest default; a deeper search for a release or after a parser change is
    ``NEWSROOM_HARDENING_SCALE=20 python -m pytest tests/hardening``.
    """
    return max(1, int(count * float(os.environ.get("NEWSROOM_HARDENING_SCALE", "1"))))


def tree_digest(root: Path) -> dict[str, str]:
    """Every entry under ``root`` with a digest of its content (links by their target)."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        for name in sorted([*dirnames, *filenames]):
            path = base / name
            relative = path.relative_to(root).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[relative] = "link:" + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                try:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                except PermissionError:
                    digest = "unreadable"
                found[relative] = f"{digest}:{stat.S_IMODE(info.st_mode):o}"
            elif stat.S_ISDIR(info.st_mode):
                found[relative] = "dir"
            else:
                found[relative] = "special"
    return found


def assert_clean_exit(result: Any, allowed: Iterable[int] = (0, 1, 2)) -> None:
    """Exit 0, 1 or 2; no traceback, no escaped exception; a one-line error on exit 2."""
    stdout = result.stdout
    stderr = result.stderr
    where = f"exit {result.exit_code}\nstdout: {stdout[-2000:]}\nstderr: {stderr[-2000:]}"
    assert result.exit_code in tuple(allowed), where
    assert "Traceback" not in stdout and "Traceback" not in stderr, where
    assert "internal error" not in stderr, where
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), (repr(result.exception), where)
    if result.exit_code == 2:
        errors = [line for line in stderr.splitlines() if line.startswith("newsroom: error:")]
        assert len(errors) == 1 or "Usage:" in stderr, where


def loads_cleanly(data: bytes) -> None:
    """The loader's contract on any input: an article, never an exception."""
    article = parse_article(data)
    assert isinstance(article.front_matter, dict)
    article.locations  # noqa: B018 - positions are computed lazily and must not fail
    article.fields  # noqa: B018
    for problem in article.problems:
        assert problem.code.startswith("NR1"), problem


def registered_commands() -> set[str]:
    """The names of the commands the CLI has."""
    from newsroom_cli.cli.app import COMMANDS

    return set(COMMANDS)


def needs_command(*names: str) -> Any:
    """Skip a test until every command it exercises exists."""
    import pytest

    missing = [name for name in names if name not in registered_commands()]
    return pytest.mark.skipif(bool(missing), reason=f"command not available: {missing}")


# Well-formed articles written the many ways people write them, for edit tests.

WORDS = st.lists(
    st.sampled_from(["harbor", "council", "ferry", "fares", "Budget", "vote", "2026", "new"]),
    min_size=1,
    max_size=5,
).map(" ".join)
KEYS = [
    "title",
    "dek",
    "slug",
    "section",
    "status",
    "teaser",
    "column",
    "tags",
    "image",
    "authors",
    "date",
    "featured",
    "x-extra",
    "summary",
]


@st.composite
def yaml_entry(draw: st.DrawFn, key: str) -> list[str]:
    """The lines of one key, in one of the styles people write."""
    words = draw(WORDS)
    comment = draw(st.sampled_from(["", "", "  # note", " # keep: this"]))
    kind = draw(
        st.sampled_from(
            [
                "plain",
                "single",
                "double",
                "literal",
                "folded",
                "flow",
                "block-list",
                "mapping",
                "empty",
                "number",
                "bool",
            ]
        )
    )
    if kind == "plain":
        return [f"{key}: {words}{comment}"]
    if kind == "single":
        return [f"{key}: '{words} it''s'{comment}"]
    if kind == "double":
        return [f'{key}: "{words} \\"quoted\\" \\u00e9"{comment}']
    if kind == "literal":
        return [f"{key}: |{comment}", f"  {words}", "  second line"]
    if kind == "folded":
        return [f"{key}: >-", f"  {words}", "  folded"]
    if kind == "flow":
        return [f"{key}: [{words}, 'b']{comment}"]
    if kind == "block-list":
        return [f"{key}:{comment}", f"  - {words}", "  - 'two'"]
    if kind == "mapping":
        return [
            f"{key}:",
            f"  src: /img/{words.replace(' ', '-')}.jpg{comment}",
            f"  alt: '{words}'",
        ]
    if kind == "empty":
        return [f"{key}:{comment}"]
    if kind == "number":
        return [f"{key}: {draw(st.integers(-5, 10**6))}{comment}"]
    return [f"{key}: {draw(st.sampled_from(['true', 'false']))}{comment}"]


@st.composite
def yaml_articles(draw: st.DrawFn) -> bytes:
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=7, unique=True))
    lines = []
    for key in keys:
        lines.extend(draw(st.sampled_from([[], [], ["# a comment line"], [""]])))
        lines.extend(draw(yaml_entry(key)))
    closer = draw(st.sampled_from(["---", "---", "..."]))
    body = draw(st.sampled_from(["\nBody.\n", "", "\n---\n\nA rule above.\n", "Text\n\n"]))
    body += draw(st.text(max_size=40))
    return _finish(draw, "\n".join(["---", *lines, closer]) + "\n" + body)


@st.composite
def toml_articles(draw: st.DrawFn) -> bytes:
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6, unique=True))
    lines = []
    for key in keys:
        words = draw(WORDS)
        lines.append(
            draw(
                st.sampled_from(
                    [
                        f'{key} = "{words}"',
                        f"{key} = '{words}'",
                        f'{key} = ["{words}", "b"]  # list',
                        f"{key} = {draw(st.integers(0, 99))}",
                        f'{key} = """{words}"""',
                    ]
                )
            )
        )
    if draw(st.booleans()):
        lines += ["[image]", 'src = "/img/x.jpg"', "alt = 'An alt text'"]
    return _finish(draw, "\n".join(["+++", *lines, "+++"]) + "\nBody text.\n")


@st.composite
def json_articles(draw: st.DrawFn) -> bytes:
    data = draw(st.dictionaries(st.sampled_from(KEYS), WORDS, min_size=1, max_size=6))
    block = json.dumps(data, indent=draw(st.sampled_from([2, 4])), ensure_ascii=False)
    return _finish(draw, block + "\n\nBody text.\n")


def _finish(draw: st.DrawFn, text: str) -> bytes:
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data
