"""End to end: a real LSP client drives `newsroom lsp` as a subprocess over stdio."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lsp_support import (
    CONFIG,
    GOOD,
    apply_edits,
    change_document,
    diagnostics_for,
    expected_rows,
    mark,
    open_document,
    rows,
    send_text,
    start,
    validate_json,
    write,
)
from lsprotocol import types
from pytest_lsp import LanguageClient

NAME = "content/news/2026/11/council-freezes-ferry-fares.md"

# One article per case, each with problems the editor must show exactly as validate does.
CASES = {
    "wrong-values.md": GOOD.replace("section: news", "section: newz")
    .replace("  - ferries", "  - feries")
    .replace("status: published", "status: publshed"),
    "missing-and-unknown.md": GOOD.replace("section: news\n", "").replace(
        "status: published", "status: published\nkciker: Harbor"
    ),
    "naive-date.md": GOOD.replace("2026-11-10T21:15:00-05:00", "2026-11-10 21:15"),
    "crlf.md": GOOD.replace("\n", "\r\n").replace("section: news", "section: News"),
    "bom.md": "\ufeff" + GOOD,
    "toml.md": (
        '+++\ntitle = "Council freezes ferry fares through next summer"\n'
        'section = "newz"\nauthors = ["daniel-reyes"]\nstatus = "draft"\n'
        "date = 2026-11-10T21:15:00-05:00\n+++\n\nText.\n"
    ),
    "json.md": (
        '{\n  "title": "Council freezes ferry fares through next summer",\n'
        '  "section": "news",\n  "authors": ["mara-okafr"],\n  "status": "draft",\n'
        '  "date": "2026-11-10T21:15:00-05:00"\n}\n\nText.\n'
    ),
    "component.mdx": GOOD.replace("status: published", "status: draft")
    + "\n<Chart data={fares} />\n",
    "unterminated.md": "---\ntitle: Council freezes ferry fares\nsection: news\n\nText.\n",
    "broken-yaml.md": "---\ntitle: [unclosed\nsection: news\n---\n\nText.\n",
    "no-front-matter.md": "Just text, no front matter.\n",
    "ignored.md": GOOD.replace(
        "status: published", "status: published\nkciker: Harbor\nnewsroom-ignore: [NR207]"
    ).replace("section: news", "section: Opinion"),
    # Characters Python's str.splitlines ends a line at and editors do not.
    "separators.md": GOOD.replace("A 7-2 vote", "A 7-2\u2028vote\x0c").replace(
        "section: news", "section: nwes"
    ),
    "duplicate-slug.md": GOOD.replace(
        'title: "Council freezes ferry fares through next summer"',
        'title: "Ferry fares stay frozen, council says"',
    ),
}


@pytest.mark.asyncio
async def test_diagnostics_equal_validate_json(client: LanguageClient, newsroom: Path) -> None:
    paths = {
        name: write(newsroom, f"content/news/2026/11/{name}", text) for name, text in CASES.items()
    }
    write(newsroom, NAME, GOOD)  # the slug duplicate-slug.md shares
    expected = validate_json(newsroom)
    # validate walks *.md and *.markdown; an .mdx file is checked when named, against the rest.
    mdx = "content/news/2026/11/component.mdx"
    expected += [p for p in validate_json(newsroom, "content", mdx) if p["path"] == mdx]
    await start(client, newsroom)
    for name, path in paths.items():
        shown = f"content/news/2026/11/{name}"
        text = path.read_bytes().decode("utf-8")
        got = rows(await open_document(client, path, text))
        assert got == expected_rows(expected, shown), name
        assert got, name
    codes = {d.code for d in client.diagnostics[paths["duplicate-slug.md"].as_uri()]}
    assert "NR401" in codes  # the cross-file rule, from the archive index


@pytest.mark.asyncio
async def test_diagnostics_link_to_rule_docs(client: LanguageClient, newsroom: Path) -> None:
    path = write(newsroom, NAME, GOOD.replace("section: news", "section: newz"))
    await start(client, newsroom)
    (found,) = await open_document(client, path)
    assert found.source == "newsroom"
    assert found.code_description is not None
    assert found.code_description.href.endswith("rules.md#nr203")


@pytest.mark.asyncio
async def test_unsaved_edits_are_checked_not_the_disk(
    client: LanguageClient, newsroom: Path
) -> None:
    path = write(newsroom, NAME, GOOD)
    await start(client, newsroom)
    assert await open_document(client, path) == []
    line = GOOD.splitlines().index("section: news")
    edit = types.TextEdit(types.Range(types.Position(line, 9), types.Position(line, 13)), "newz")
    found = await change_document(client, path, 2, [edit])
    assert [d.code for d in found] == ["NR203"]
    assert path.read_text(encoding="utf-8") == GOOD
    back = types.TextEdit(types.Range(types.Position(line, 9), types.Position(line, 13)), "news")
    assert await change_document(client, path, 3, [back]) == []


@pytest.mark.asyncio
async def test_a_burst_of_edits_ends_with_the_last_text_checked(
    client: LanguageClient, newsroom: Path
) -> None:
    path = write(newsroom, NAME, GOOD)
    await start(client, newsroom)
    await open_document(client, path)
    uri = path.as_uri()
    seen = mark(client)
    for version, word in enumerate(["n", "ne", "new", "newz"], start=2):
        send_text(client, path, version, GOOD.replace("section: news", f"section: {word}"))
    found = await diagnostics_for(client, uri, 5, seen)
    assert [d.message.split(";")[0] for d in found] == ["section: 'newz' is not allowed"]


async def _complete(client: LanguageClient, path: Path, line: int, character: int) -> list[str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(
            types.TextDocumentIdentifier(path.as_uri()), types.Position(line, character)
        )
    )
    if result is None:
        return []
    items = result.items if isinstance(result, types.CompletionList) else result
    ordered = sorted(items, key=lambda item: item.sort_text or item.label)
    return [item.text_edit.new_text for item in ordered]  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_completion_of_keys_and_values(client: LanguageClient, newsroom: Path) -> None:
    text = (
        "---\n"
        'title: "Council freezes ferry fares through next summer"\n'
        "section: \n"
        "status: \n"
        "authors: [\n"
        "tags:\n"
        "  - feries\n"
        "date: \n"
        "slug: \n"
        "\n"
        "---\n\nText.\n"
    )
    path = write(newsroom, NAME, text)
    await start(client, newsroom)
    await open_document(client, path)

    keys = await _complete(client, path, 9, 0)
    assert "dek: " in keys and "summary: " in keys  # a field and its alias
    assert "title: " not in keys  # already there
    assert keys.index("dek: ") < keys.index("teaser: ")
    assert await _complete(client, path, 2, 9) == ["news", "analysis", "opinion", "features"]
    assert await _complete(client, path, 3, 8) == ["draft", "review", "ready", "published"]
    assert await _complete(client, path, 4, 10) == ["daniel-reyes", "mara-okafor"]
    tags = await _complete(client, path, 6, 10)
    assert tags[0] == "ferries"  # did you mean: the nearest first
    (date,) = await _complete(client, path, 7, 6)
    parsed = dt.datetime.fromisoformat(date)
    assert parsed.utcoffset() == dt.datetime.now(ZoneInfo("America/New_York")).utcoffset()
    assert abs((parsed - dt.datetime.now(dt.UTC)).total_seconds()) < 120
    assert await _complete(client, path, 8, 6) == [
        "council-freezes-ferry-fares-through-next-summer"
    ]
    assert await _complete(client, path, 11, 2) == []  # the body


@pytest.mark.asyncio
async def test_completion_in_toml_and_json_front_matter(
    client: LanguageClient, newsroom: Path
) -> None:
    toml = write(
        newsroom, "content/news/a.md", '+++\ntitle = "A headline long enough"\nsection = \n+++\n'
    )
    json_ = write(
        newsroom, "content/news/b.md", '{\n  "title": "A headline long enough",\n  "section": \n}\n'
    )
    await start(client, newsroom)
    await open_document(client, toml)
    await open_document(client, json_)
    assert (await _complete(client, toml, 2, 10))[0] == '"news"'
    assert (await _complete(client, json_, 2, 13))[0] == '"news"'


async def _hover(client: LanguageClient, path: Path, line: int, character: int) -> str:
    result = await client.text_document_hover_async(
        types.HoverParams(
            types.TextDocumentIdentifier(path.as_uri()), types.Position(line, character)
        )
    )
    assert result is not None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value


@pytest.mark.asyncio
async def test_hover_on_keys_codes_and_teasers(client: LanguageClient, newsroom: Path) -> None:
    text = GOOD.replace("section: news", "section: newz")
    path = write(newsroom, NAME, text)
    lines = text.splitlines()
    await start(client, newsroom)
    await open_document(client, path)

    title = await _hover(
        client, path, lines.index(next(x for x in lines if x.startswith("title"))), 1
    )
    assert "The headline." in title and "required" in title and "`headline`" in title
    section = await _hover(client, path, lines.index("section: newz"), 11)
    assert "NR203" in section and "value-not-allowed" in section
    assert "A value is not one of the allowed values." in section
    dek = await _hover(client, path, 2, 1)
    for target in ("newsletter", "meta", "og", "x", "bluesky", "mastodon"):
        assert f"| {target} |" in dek
    # The meta description takes the dek (74 characters against its budget); the newsletter
    # card takes the lead, as the publication page's cards do.
    assert "| meta | 74 | 155 chars | dek |" in dek
    assert "| newsletter |" in dek and "| lead |" in dek


async def _actions(client: LanguageClient, path: Path, line: int) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(path.as_uri()),
            types.Range(types.Position(line, 0), types.Position(line, 200)),
            types.CodeActionContext(diagnostics=list(client.diagnostics.get(path.as_uri(), []))),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


async def _apply(
    client: LanguageClient, path: Path, text: str, action: types.CodeAction, version: int
) -> tuple[str, list[types.Diagnostic]]:
    assert action.edit is not None and action.edit.changes is not None
    edits = list(action.edit.changes[path.as_uri()])
    return apply_edits(text, edits), await change_document(client, path, version, edits)


@pytest.mark.asyncio
async def test_code_actions_fix_only_what_they_must(client: LanguageClient, newsroom: Path) -> None:
    text = (
        GOOD.replace("section: news", "section: newz")
        .replace("2026-11-10T21:15:00-05:00", "2026-11-10 21:15")
        .replace("status: published\n", "")
        .replace("slug: council-freezes-ferry-fares\n", "")
    )
    path = write(newsroom, NAME, text)
    await start(client, newsroom)
    await open_document(client, path)
    lines = text.splitlines()

    # Did you mean: only the value changes.
    (replace,) = [
        a
        for a in await _actions(client, path, lines.index("section: newz"))
        if a.title == "Replace with 'news'"
    ]
    assert replace.kind == types.CodeActionKind.QuickFix
    text, found = await _apply(client, path, text, replace, 2)
    assert text == GOOD.replace("2026-11-10T21:15:00-05:00", "2026-11-10 21:15").replace(
        "status: published\n", ""
    ).replace("slug: council-freezes-ferry-fares\n", "")
    assert "NR203" not in {d.code for d in found}

    # The safe fixes of `newsroom fix`: the date respelled with the zone's offset.
    date_line = lines.index("date: 2026-11-10 21:15")
    (respell,) = [
        a for a in await _actions(client, path, date_line) if a.title.startswith("Fix date")
    ]
    text, found = await _apply(client, path, text, respell, 3)
    assert "date: 2026-11-10T21:15:00-05:00\n" in text
    assert "NR301" not in {d.code for d in found}

    # Add a missing required field: a skeleton value before the closing delimiter.
    close = text.splitlines().index("---", 1)
    (add,) = [
        a for a in await _actions(client, path, close) if a.title == "Add missing field 'status'"
    ]
    before = text
    text, found = await _apply(client, path, text, add, 4)
    assert text == before.replace("\n---\n\n", "\nstatus: draft\n---\n\n", 1)
    assert "NR201" not in {d.code for d in found}

    # The missing slug, from the title; everything else stays byte for byte.
    (slug,) = [a for a in await _actions(client, path, 1) if a.title.startswith("Fix slug")]
    text, found = await _apply(client, path, text, slug, 5)
    assert "slug: council-freezes-ferry-fares-through-next-summer\n" in text
    assert found == [] or {d.code for d in found} <= {"NR313"}


@pytest.mark.asyncio
async def test_duplicate_slug_follows_saves(client: LanguageClient, newsroom: Path) -> None:
    first = write(newsroom, NAME, GOOD)
    second = write(
        newsroom,
        "content/news/2026/11/second.md",
        GOOD.replace("Council freezes", "Council keeps").replace(
            "slug: council-freezes-ferry-fares", "slug: second"
        ),
    )
    await start(client, newsroom)
    assert await open_document(client, first) == []
    # The other file takes the same slug on disk and is saved: the index follows.
    second.write_text(
        second.read_text().replace("slug: second", "slug: council-freezes-ferry-fares")
    )
    await open_document(client, second)
    seen = mark(client)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(second.as_uri()))
    )
    await diagnostics_for(client, second.as_uri(), None, seen)
    line = GOOD.splitlines().index("status: published")
    found = await change_document(
        client,
        first,
        2,
        [types.TextEdit(types.Range(types.Position(line, 0), types.Position(line, 0)), "")],
    )
    assert [d.code for d in found] == ["NR401"]
    assert "content/news/2026/11/second.md:4" in found[0].message

    # A third file changes on disk outside the editor (a git pull): the watcher tells.
    (watching,) = client.registrations  # type: ignore[attr-defined]
    assert watching.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    third = write(
        newsroom,
        "content/news/2026/11/third.md",
        GOOD.replace("Council freezes", "Council holds").replace(
            "slug: council-freezes-ferry-fares", "slug: council-freezes-ferry-fares"
        ),
    )
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=third.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    found = await change_document(
        client,
        first,
        3,
        [types.TextEdit(types.Range(types.Position(line, 0), types.Position(line, 0)), "")],
    )
    assert [d.code for d in found] == ["NR401"]
    assert "content/news/2026/11/third.md:4" in found[0].message
    third.unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=third.as_uri(), type=types.FileChangeType.Deleted)]
        )
    )
    found = await change_document(
        client,
        first,
        4,
        [types.TextEdit(types.Range(types.Position(line, 0), types.Position(line, 0)), "")],
    )
    assert "third.md" not in found[0].message


@pytest.mark.asyncio
async def test_saved_configuration_reloads_and_a_broken_one_is_one_diagnostic(
    client: LanguageClient, newsroom: Path
) -> None:
    path = write(newsroom, NAME, GOOD.replace("section: news", "section: sports"))
    config = newsroom / "newsroom.toml"
    await start(client, newsroom)
    assert [d.code for d in await open_document(client, path)] == ["NR203"]

    # A new section: the article is right now, without a restart.
    config.write_text(
        CONFIG + '\n[[sections]]\nkey = "sports"\nlabel = "Sports"\n', encoding="utf-8"
    )
    seen = mark(client)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
    )
    assert await diagnostics_for(client, path.as_uri(), None, seen) == []

    # Broken: one diagnostic on newsroom.toml; the server keeps working with the last good one.
    config.write_text(CONFIG + "\n[publication\n", encoding="utf-8")
    seen = mark(client)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
    )
    (broken,) = await diagnostics_for(client, config.as_uri(), None, seen)
    assert "not valid TOML" in broken.message
    assert broken.severity == types.DiagnosticSeverity.Error
    assert await _hover(client, path, 1, 1)

    # Repaired: the diagnostic goes away.
    config.write_text(CONFIG, encoding="utf-8")
    seen = mark(client)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
    )
    assert await diagnostics_for(client, config.as_uri(), None, seen) == []
    assert [d.code for d in await diagnostics_for(client, path.as_uri(), None, seen)] == ["NR203"]


@pytest.mark.asyncio
async def test_broken_configuration_at_start_keeps_the_server_running(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "newsroom.toml").write_text("[publication]\ntimezone = 'Mars/Olympus'\n")
    path = write(tmp_path, "content/a.md", GOOD)
    await start(client, tmp_path, index=False)
    seen = mark(client)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(path.as_uri(), "markdown", 1, GOOD))
    )
    (broken,) = await diagnostics_for(client, (tmp_path / "newsroom.toml").as_uri(), None, seen)
    assert "timezone" in broken.message
    assert await diagnostics_for(client, path.as_uri(), 1, seen) == []


NASTY = [
    "",
    "\x00\x01\x02binary\x00",
    "---\n" + "[" * 5000 + "\n---\n",
    "---\ntitle: \ud800 lone surrogate\n---\n",
    "---\n!!python/object:os.system x\n---\n",
    "---\n\ttitle: tab\n---\n",
    "+++\ntitle = \n+++\n",
    '{\n  "title": \n',
    "---\n" + "a: &a [*a]\n" + "---\n",
    "---\nkey: " + "x" * 200_000 + "\n---\n",
]


@pytest.mark.asyncio
async def test_never_crashes_on_any_input(client: LanguageClient, newsroom: Path) -> None:
    await start(client, newsroom)
    for number, text in enumerate(NASTY):
        path = newsroom / "content" / f"nasty-{number}.md"
        found = await open_document(client, path, text)
        assert found, repr(text[:40])
        await _complete(client, path, 1, 3)
        await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(1, 2))
        )
        await _actions(client, path, 1)
        # Edits past the end and of nothing at all.
        await change_document(
            client,
            path,
            2,
            [types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)), "---\n")],
        )
    path = write(newsroom, NAME, GOOD)
    assert await open_document(client, path) == []


@pytest.mark.asyncio
async def test_shutdown_and_exit(client: LanguageClient, newsroom: Path) -> None:
    await start(client, newsroom)
    await client.shutdown_session()
    assert client._server is not None
    assert client._server.returncode == 0


def test_end_of_input_stops_the_server(newsroom: Path) -> None:
    import subprocess

    body = b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
    done = subprocess.run(
        [sys.executable, "-m", "newsroom_cli", "lsp"],
        input=b"Content-Length: %d\r\n\r\n%s" % (len(body), body),
        capture_output=True,
        cwd=newsroom,
        timeout=60,
    )
    assert b'"capabilities"' in done.stdout
    assert done.returncode == 0, done.stderr


def test_exit_without_shutdown_is_status_1(newsroom: Path) -> None:
    import subprocess

    def framed(body: bytes) -> bytes:
        return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)

    start_ = b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
    done = subprocess.run(
        [sys.executable, "-m", "newsroom_cli", "lsp"],
        input=framed(start_) + framed(b'{"jsonrpc":"2.0","method":"exit"}'),
        capture_output=True,
        cwd=newsroom,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr


def test_the_cli_does_not_import_pygls_for_other_commands() -> None:
    import subprocess

    code = (
        "import sys\nfrom newsroom_cli.cli.app import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('pygls' in sys.modules, 'lsprotocol' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().endswith("False False"), done.stdout


@pytest.mark.asyncio
async def test_an_untitled_buffer_is_checked(client: LanguageClient, newsroom: Path) -> None:
    await start(client, newsroom)
    seen = mark(client)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem("untitled:Untitled-1", "markdown", 1, "---\ntitle: x\n---\n")
        )
    )
    found = await diagnostics_for(client, "untitled:Untitled-1", 1, seen)
    assert {d.code for d in found} >= {"NR201"}


@pytest.mark.asyncio
async def test_quick_fixes_keep_crlf_and_the_byte_order_mark(
    client: LanguageClient, newsroom: Path
) -> None:
    good = "\ufeff" + GOOD.replace("\n", "\r\n")
    text = good.replace("section: news", "section: newz").replace("status: published\r\n", "")
    path = write(newsroom, NAME, text)
    await start(client, newsroom)
    await open_document(client, path, text)
    lines = text.split("\n")
    section = lines.index("section: newz\r")
    (replace,) = [
        a for a in await _actions(client, path, section) if a.title == "Replace with 'news'"
    ]
    text, _ = await _apply(client, path, text, replace, 2)
    close = text.split("\n").index("---\r", 1)
    (add,) = [
        a for a in await _actions(client, path, close) if a.title == "Add missing field 'status'"
    ]
    text, found = await _apply(client, path, text, add, 3)
    assert text == good.replace("status: published\r\n", "").replace(
        "\r\n---\r\n\r\n", "\r\nstatus: draft\r\n---\r\n\r\n", 1
    )
    assert {d.code for d in found} == {"NR106", "NR107"}  # the BOM and CRLF, as validate says


@pytest.mark.asyncio
async def test_did_you_mean_renames_a_key_and_a_list_item(
    client: LanguageClient, newsroom: Path
) -> None:
    text = GOOD.replace("status: published", "status: published\nkciker: Harbor").replace(
        "  - ferries", "  - 'feries'"
    )
    path = write(newsroom, NAME, text)
    await start(client, newsroom)
    await open_document(client, path)
    lines = text.splitlines()
    (key,) = [
        a
        for a in await _actions(client, path, lines.index("kciker: Harbor"))
        if a.title.startswith("Replace with")
    ]
    assert key.title == "Replace with 'kicker'"
    text, _ = await _apply(client, path, text, key, 2)
    (tag,) = [
        a
        for a in await _actions(client, path, lines.index("  - 'feries'"))
        if a.title.startswith("Replace with")
    ]
    text, found = await _apply(client, path, text, tag, 3)
    assert text == GOOD.replace("status: published", "status: published\nkicker: Harbor").replace(
        "  - ferries", "  - 'ferries'"
    )  # the quotes as written
    assert found == []
