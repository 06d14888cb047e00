"""Every command on hostile articles: exit 0, 1 or 2 with one line, never a traceback.

A small project holds one well-formed article and one hostile file (arbitrary bytes,
arbitrary text, or front matter that is structured but wrong); each command runs on it
through CliRunner. Read-only commands must leave every file as it was; writing commands
(`fix`, `teaser --write`) may change front matter only.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hostile import (
    TRICKY_SCALARS,
    any_input,
    assert_clean_exit,
    examples,
    registered_commands,
    tree_digest,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsroom_cli.article import parse_article
from newsroom_cli.cli.app import app

CONFIG = (
    '[publication]\nname = "Test Ledger"\nbase_url = "https://ledger.example"\n'
    'timezone = "America/New_York"\n'
    '[roundup]\nfrom = "Test Ledger <news@ledger.example>"\n'
)
GOOD = (
    "---\ntitle: Harbor council approves the budget\n"
    "dek: The vote came after a long night of debate over ferry fares and dredging.\n"
    "section: news\nauthors: [jdoe]\ndate: 2026-11-17T09:30:00-05:00\nstatus: published\n"
    "---\n\nThe council voted 7-2 on Tuesday to approve the harbor budget.\n"
)
HOSTILE = "content/news/2026/11/hostile.md"
WEEK = "2026-W47"
EDGE_DATES = (
    "0001-01-01T00:00:00+05:00",
    "0001-01-01",
    "9999-12-31T23:59:00-12:00",
    "9999-12-31",
    "0002-01-01T00:00:00+14:00",
)

CLI_SETTINGS = settings(
    max_examples=examples(25),
    deadline=10_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Commands that only read: (name, arguments). HOSTILE stands for the hostile file.
READ_ONLY: list[tuple[str, list[str]]] = [
    ("validate", ["validate", "--no-cache"]),
    ("validate", ["validate", "--format", "json", HOSTILE]),
    ("validate", ["validate", "--format", "github", "--fail-on", "warning"]),
    ("teaser", ["teaser", "--all-targets", HOSTILE]),
    ("teaser", ["teaser", "--format", "json", "-t", "x", "-t", "bluesky", HOSTILE]),
    ("list", ["list", "--no-cache"]),
    ("list", ["list", "--format", "json", "--week", WEEK]),
    ("list", ["list", "--format", "csv", "--sort", "title"]),
    ("preview", ["preview", HOSTILE]),
    ("preview", ["preview", "--teaser", HOSTILE]),
    ("preview", ["preview", "--as", "newsletter", HOSTILE]),
    ("preview", ["preview", "--raw", HOSTILE]),
    ("roundup", ["roundup", "--week", WEEK, "--allow-invalid"]),
    ("roundup", ["roundup", "--week", WEEK, "--format", "html", "--allow-invalid"]),
    ("roundup", ["roundup", "--week", WEEK, "--format", "eml", "--allow-invalid"]),
    ("roundup", ["roundup", "--week", WEEK, "--format", "txt", "--allow-invalid"]),
    ("roundup", ["roundup", "--week", WEEK, "--format", "json"]),
    ("fix", ["fix", "--check"]),
    ("fix", ["fix", "--diff", HOSTILE]),
]

WRITERS: list[tuple[str, list[str]]] = [
    ("fix", ["fix", HOSTILE]),
    ("teaser", ["teaser", "--write", "-t", "meta", HOSTILE]),
]

IGNORED = (".newsroom-cache",)


def _ids(cases: list[tuple[str, list[str]]]) -> list[str]:
    return [" ".join(args).replace(HOSTILE, "FILE") for _, args in cases]


@contextmanager
def project_with(hostile: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "newsroom.toml").write_text(CONFIG, encoding="utf-8")
        news = root / "content" / "news" / "2026" / "11"
        news.mkdir(parents=True)
        (news / "good.md").write_text(GOOD, encoding="utf-8")
        (root / HOSTILE).write_bytes(hostile)
        yield root


def digest(root: Path) -> dict[str, str]:
    return {k: v for k, v in tree_digest(root).items() if not k.startswith(IGNORED)}


def run(root: Path, args: list[str], stdin: bytes | None = None) -> object:
    return CliRunner().invoke(app, ["-C", str(root), *args], input=stdin)


@st.composite
def publishable_but_hostile(draw: st.DrawFn) -> bytes:
    """Front matter a round-up selects (published, this week) with hostile values."""
    values = st.one_of(st.sampled_from(TRICKY_SCALARS), st.text(max_size=40))

    def quoted(value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        escaped = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in escaped)
        return f'"{escaped}"'

    fields = {
        "title": draw(values),
        "dek": draw(values),
        "teaser": draw(values),
        "column": draw(values),
        "slug": draw(values),
    }
    lines = [f"{key}: {quoted(value)}" for key, value in fields.items()]
    lines += [
        "section: news",
        f"authors: [{quoted(draw(values))}, {quoted(draw(values))}]",
        f"tags: [{quoted(draw(values))}]",
        "date: " + draw(st.sampled_from(["2026-11-18T10:00:00-05:00"] * 4 + list(EDGE_DATES))),
        "status: published",
        "image:",
        f"  src: {quoted(draw(values))}",
        f"  alt: {quoted(draw(values))}",
        f"  caption: {quoted(draw(values))}",
        f"  credit: {quoted(draw(values))}",
    ]
    body = draw(st.one_of(st.text(max_size=200), st.sampled_from(TRICKY_SCALARS)))
    return ("---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n").encode("utf-8")


@pytest.mark.parametrize("date", EDGE_DATES)
@pytest.mark.parametrize(
    "args",
    [
        ["validate", HOSTILE],
        ["list"],
        ["preview", HOSTILE],
        ["preview", "--as", "newsletter", HOSTILE],
        ["roundup", "--week", WEEK, "--allow-invalid"],
        ["fix", "--check", HOSTILE],
        ["teaser", HOSTILE],
    ],
    ids=lambda a: " ".join(a).replace(HOSTILE, "FILE"),
)
def test_dates_at_the_ends_of_time(args: list[str], date: str) -> None:
    # Dates near year 1 or 9999 overflowed when moved into the publication's zone.
    _skip_missing(args[0])
    text = GOOD.replace("date: 2026-11-17T09:30:00-05:00", f"date: {date}")
    with project_with(text.encode()) as root:
        assert_clean_exit(run(root, args))


@pytest.mark.parametrize("week", ["0000-W01", "0001-W01", "9999-W52", "2025-W53", "2026-W00"])
def test_weeks_at_the_ends_of_time(week: str) -> None:
    for command in ("roundup", "list"):
        _skip_missing(command)
        with project_with(GOOD.encode()) as root:
            result = run(root, [command, "--week", week])
            assert_clean_exit(result, allowed=(2,))


def test_undated_article_as_a_newsletter_item() -> None:
    _skip_missing("preview")
    with project_with(b"\x01") as root:
        assert_clean_exit(run(root, ["preview", "--as", "newsletter", HOSTILE]), allowed=(0,))


hostile_files = st.one_of(any_input, publishable_but_hostile())


def _available(cases: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    have = registered_commands()
    return [case for case in cases if case[0] in have]


def _skip_missing(name: str) -> None:
    if name not in registered_commands():
        pytest.skip(f"command not available: {name}")


@pytest.mark.parametrize(("name", "args"), READ_ONLY, ids=_ids(READ_ONLY))
def test_read_only_commands_on_hostile_files(name: str, args: list[str]) -> None:
    _skip_missing(name)

    @CLI_SETTINGS
    @given(hostile_files)
    def check(hostile: bytes) -> None:
        with project_with(hostile) as root:
            before = digest(root)
            result = run(root, args)
            assert_clean_exit(result)
            assert digest(root) == before, f"{args} changed a file"

    check()


@pytest.mark.parametrize(("name", "args"), WRITERS, ids=_ids(WRITERS))
def test_writing_commands_change_front_matter_only(name: str, args: list[str]) -> None:
    _skip_missing(name)

    @CLI_SETTINGS
    @given(hostile_files)
    def check(hostile: bytes) -> None:
        with project_with(hostile) as root:
            before = digest(root)
            result = run(root, args)
            assert_clean_exit(result)
            after = digest(root)
            assert set(after) == set(before), "files appeared or vanished"
            path = root / HOSTILE
            old, new = parse_article(hostile), parse_article(path.read_bytes())
            if new.raw != hostile:
                assert old.readable and new.readable
                assert new.body == old.body and new.bom == old.bom
            for relative, value in before.items():
                if relative != HOSTILE:
                    assert after[relative] == value, relative

    check()


@pytest.mark.parametrize(
    "args",
    [["teaser", "-"], ["teaser", "--all-targets", "--format", "json", "-"], ["validate", "-"]],
    ids=lambda a: " ".join(a),
)
def test_stdin_commands_on_hostile_bytes(args: list[str]) -> None:
    _skip_missing(args[0])

    @CLI_SETTINGS
    @given(hostile_files)
    def check(hostile: bytes) -> None:
        with project_with(b"") as root:
            before = digest(root)
            result = run(root, args, stdin=hostile)
            assert_clean_exit(result)
            assert digest(root) == before

    check()


GLOBAL_OPTIONS: list[Callable[[Path], list[str]]] = [
    lambda root: ["--config", str(root / "missing.toml"), "validate"],
    lambda root: ["--config", str(root / "content"), "list"],
    lambda root: ["-C", str(root / "nowhere"), "validate"],
    lambda root: ["--color", "sometimes", "validate"],
    lambda root: ["validate", "--format", "xml"],
    lambda root: ["validate", str(root / "content" / "missing.md")],
    lambda root: ["teaser", "-t", "nosuchtarget", str(root / HOSTILE)],
    lambda root: ["teaser", "--limit", "0", str(root / HOSTILE)],
    lambda root: ["list", "--week", "2026-W99"],
    lambda root: ["list", "--since", "yesterday-ish"],
    lambda root: ["roundup", "--week", "W47-2026"],
    lambda root: ["roundup", "--since", "2026-11-20", "--until", "2026-11-01"],
    lambda root: ["roundup", "--manifest", str(root / "content")],
    lambda root: ["roundup", "--manifest", str(root / HOSTILE)],
    lambda root: ["preview", str(root / "content")],
    lambda root: ["preview", "--width", "5", str(root / HOSTILE)],
    lambda root: ["schema", "--format", "yaml"],
]


@pytest.mark.parametrize("make_args", GLOBAL_OPTIONS, ids=range(len(GLOBAL_OPTIONS)))
def test_wrong_options_give_one_line(make_args: Callable[[Path], list[str]]) -> None:
    with project_with(GOOD.encode()) as root:
        args = make_args(root)
        command = next((a for a in args if a in registered_commands()), None)
        if command is None:
            pytest.skip("command not available")
        before = digest(root)
        result = CliRunner().invoke(app, ["-C", str(root), *args])
        assert_clean_exit(result)
        assert digest(root) == before


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (b"---\ntitle: Q: what next?\n---\nBody\n", "YAML syntax error"),
        (b"---\ntitle: A headline\n\nBody\n", "never closed"),
        (b"\xff\xfe-\x00-\x00", "UTF-16"),
    ],
    ids=["syntax", "unterminated", "utf-16"],
)
def test_teaser_says_why_it_cannot_read_a_file(text: bytes, says: str) -> None:
    # It used to say "not readable as UTF-8 text" for every unreadable front matter.
    _skip_missing("teaser")
    with project_with(text) as root:
        result = run(root, ["teaser", HOSTILE])
        # One unreadable file in a batch: one error line, the others go on, exit 1.
        assert_clean_exit(result, allowed=(1,))
        assert says in result.stderr


@st.composite
def hostile_keys_article(draw: st.DrawFn) -> bytes:
    """Front matter whose keys and values are chosen to break a generated TOML file."""
    import json

    keys = st.one_of(
        st.sampled_from(["title", "authors", "tags", "section", "image"]),
        st.text(min_size=1, max_size=15),
    )
    values = st.one_of(st.sampled_from(TRICKY_SCALARS), st.text(max_size=30))
    data = draw(
        st.dictionaries(
            keys, st.one_of(values, st.lists(values, max_size=3)), min_size=1, max_size=6
        )
    )
    return ("---\n" + json.dumps(data) + "\n---\nBody.\n").encode("utf-8", "surrogatepass")


def test_init_from_a_hostile_archive_writes_a_config_that_loads() -> None:
    _skip_missing("init")
    from newsroom_cli.config import load_config

    @CLI_SETTINGS
    @given(st.lists(st.one_of(hostile_files, hostile_keys_article()), min_size=1, max_size=4))
    def check(files: list[bytes]) -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            archive = root / "archive" / "news"
            archive.mkdir(parents=True)
            for number, data in enumerate(files):
                (archive / f"{number}.md").write_bytes(data)
            before = tree_digest(root / "archive")
            result = CliRunner().invoke(
                app,
                ["-C", str(root), "init", "--from", "archive", "--url", "https://a.example", "out"],
            )
            assert_clean_exit(result)
            assert tree_digest(root / "archive") == before
            if result.exit_code == 0:
                config = load_config(root / "out")
                assert config.publication.name == "Newsroom"
                assert config.publication.base_url == "https://a.example"
                assert config.content_dir.resolve() == (root / "archive").resolve()

    check()


_manifest_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2026-11-16T00:00:00-05:00",
            "2026-11-23T00:00:00-05:00",
            "America/New_York",
            "Mars/Base",
            "content/news/2026/11/good.md",
            HOSTILE,
            "../../etc/passwd",
            "/etc/hostname",
            "news",
            "sport",
            "Subject\r\nBcc: x@example.com",
        ]
    ),
)


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    import tomli_w

    def table(keys: list[str]) -> dict[str, object]:
        chosen = draw(st.lists(st.sampled_from(keys), unique=True))
        return {k: v for k in chosen if (v := draw(_manifest_values)) is not None}

    data: dict[str, object] = table(["version", "issue", "week", "subject", "preheader", "intro"])
    if draw(st.booleans()):
        data["window"] = table(["start", "end", "timezone"])
    data["items"] = [
        table(["path", "section", "hash", "pinned"]) for _ in range(draw(st.integers(0, 3)))
    ]
    if draw(st.booleans()):
        data["excluded"] = [table(["path", "reason"])]
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError):
        text = "version = 1\n"
    return text.encode("utf-8")


@st.composite
def near_valid_manifests(draw: st.DrawFn) -> bytes:
    """A manifest that builds, with up to two values swapped for hostile ones."""
    import tomli_w

    data: dict[str, object] = {
        "version": 1,
        "issue": 1,
        "subject": "The Week No. 1",
        "window": {
            "start": "2026-11-16T00:00:00-05:00",
            "end": "2026-11-23T00:00:00-05:00",
            "timezone": "America/New_York",
        },
        "items": [
            {"path": "content/news/2026/11/good.md", "section": "news"},
            {"path": HOSTILE, "section": "news", "pinned": True},
        ],
    }
    for _ in range(draw(st.integers(0, 2))):
        where = draw(st.sampled_from(["subject", "issue", "window", "item", "version"]))
        value = draw(_manifest_values)
        if value is None:
            continue
        if where == "window":
            data["window"][draw(st.sampled_from(["start", "end", "timezone"]))] = value  # type: ignore[index]
        elif where == "item":
            item = data["items"][draw(st.integers(0, 1))]  # type: ignore[index]
            item[draw(st.sampled_from(["path", "section", "hash", "pinned"]))] = value
        else:
            data[where] = value
    return tomli_w.dumps(data).encode("utf-8")


@pytest.mark.parametrize(
    "options",
    [
        ["--format", "json"],
        ["--format", "html", "--allow-invalid"],
        ["--format", "eml", "--allow-invalid"],
    ],
    ids=lambda o: " ".join(o),
)
def test_roundup_from_hostile_manifests(options: list[str]) -> None:
    _skip_missing("roundup")

    @CLI_SETTINGS
    @given(st.one_of(manifests(), near_valid_manifests(), st.binary(max_size=200)), hostile_files)
    def check(manifest: bytes, hostile: bytes) -> None:
        with project_with(hostile) as root:
            (root / "roundups").mkdir()
            path = root / "roundups" / "2026-W47.toml"
            path.write_bytes(manifest)
            before = digest(root)
            result = run(root, ["roundup", "--manifest", str(path), *options])
            assert_clean_exit(result)
            assert digest(root) == before
            if "eml" in options:
                assert "x@example.com" not in result.stdout.split("\n\n", 1)[0]

    check()


def test_teasers_carry_no_control_characters() -> None:
    # A teaser is pasted into posts and e-mails: an escape sequence from the dek or the
    # body must not travel with it.
    _skip_missing("teaser")
    import json
    import unicodedata

    @CLI_SETTINGS
    @given(hostile_files)
    def check(hostile: bytes) -> None:
        with project_with(hostile) as root:
            result = run(root, ["teaser", "--all-targets", "--format", "json", HOSTILE])
            assert_clean_exit(result)
            if result.exit_code != 0 or not result.stdout.strip():
                return
            for row in json.loads(result.stdout):
                controls = [c for c in row["text"] if unicodedata.category(c) == "Cc"]
                assert not controls, row

    check()
