"""Every article of the real archives through the server: diagnostics equal validate's.

Each archive under ``../shared/corpus`` gets a project whose content dir is the archive (the
files are only read); `newsroom validate --format json` at the project's root is the
reference, cross-file rules included. Skipped when the corpus is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT
from lsp_support import diagnostics_for, mark, rows, start, validate_json
from lsprotocol import types
from pytest_lsp import LanguageClient

CORPUS = ROOT.parent / "shared" / "corpus"
BATCH = 100
ARCHIVES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _expected(problems: list[dict[str, Any]], shown: str, text: str) -> list[tuple[Any, ...]]:
    lines = [line.removesuffix("\r") for line in text.split("\n")]

    def character(line: int, column: int) -> tuple[int, int]:
        if line - 1 >= len(lines):
            return len(lines) - 1, _utf16(lines[-1])
        return line - 1, _utf16(lines[line - 1][: column - 1])

    found = []
    for p in problems:
        if p["path"] != shown:
            continue
        message = p["message"] + (f" ({p['hint']})" if p["hint"] else "")
        found.append(
            (
                *character(p["line"], p["column"]),
                *character(p["end_line"], p["end_column"]),
                p["code"],
                p["severity"],
                message,
            )
        )
    return sorted(found)


@pytest.mark.skipif(not ARCHIVES, reason="the shared corpus is absent")
@pytest.mark.parametrize("archive", ARCHIVES)
@pytest.mark.asyncio
async def test_every_article_of_the_archive(
    client: LanguageClient, tmp_path: Path, archive: str
) -> None:
    source = (CORPUS / archive).resolve()
    (tmp_path / "newsroom.toml").write_text(
        f'[paths]\ncontent = "{source.as_posix()}"\n', encoding="utf-8"
    )
    problems = validate_json(tmp_path)
    from newsroom_cli.config import load_config
    from newsroom_cli.discover import discover

    files = discover(load_config(tmp_path))
    await start(client, tmp_path)
    readable = []
    for path in files:
        try:
            readable.append((path, path.read_bytes().decode("utf-8")))
        except UnicodeDecodeError:
            continue  # an editor shows such a file decoded some other way
    # Opened in batches, as an editor restoring a session does, and compared one by one.
    for start_at in range(0, len(readable), BATCH):
        batch = readable[start_at : start_at + BATCH]
        seen = mark(client)
        for path, text in batch:
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    types.TextDocumentItem(path.as_uri(), "markdown", 1, text)
                )
            )
        for path, text in batch:
            shown = str(path) if path.is_absolute() else path.as_posix()
            got = rows(await diagnostics_for(client, path.as_uri(), 1, seen))
            assert got == _expected(problems, shown, text), shown
            client.text_document_did_close(
                types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
            )
    assert readable
