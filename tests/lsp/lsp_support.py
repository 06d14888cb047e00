"""Helpers for the language-server tests: projects, the CLI's JSON report, waiting on the
server's notifications, and diagnostics as comparable rows."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "validate"))

from validate_support import CONFIG, GOOD

__all__ = ["CONFIG", "GOOD"]

SERVER = [sys.executable, "-m", "newsroom_cli", "lsp"]
TIMEOUT = 60.0


def make_client() -> LanguageClient:
    """A test client that keeps every diagnostics notification (pytest-lsp keeps the last)."""
    from pygls.protocol import default_converter

    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(
        client,
        {
            method: feature
            for method, feature in DEFAULT_CLIENT_FEATURES.items()
            if method != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        },
    )
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)  # type: ignore[attr-defined]

    return client


async def _until(check: Any) -> Any:
    async def poll() -> Any:
        while True:
            found = check()
            if found is not None:
                return found
            await asyncio.sleep(0.005)

    return await asyncio.wait_for(poll(), TIMEOUT)


def project_with(root: Path, config: str = CONFIG) -> Path:
    """A project folder with ``newsroom.toml`` and an empty content dir."""
    (root / "newsroom.toml").write_text(config, encoding="utf-8")
    (root / "content" / "news" / "2026" / "11").mkdir(parents=True, exist_ok=True)
    return root


def write(root: Path, name: str, text: str | bytes) -> Path:
    """Write an article (text as given, bytes as given) and return its path."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def validate_json(root: Path, *paths: str) -> list[dict[str, Any]]:
    """The problems of ``newsroom validate --format json --no-cache`` run at ``root``."""
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsroom_cli",
            "validate",
            "--format",
            "json",
            "--no-cache",
            *paths,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr
    problems: list[dict[str, Any]] = json.loads(done.stdout)["problems"]
    return problems


def expected_rows(problems: list[dict[str, Any]], path: str) -> list[tuple[Any, ...]]:
    """Validate's problems of one file as (range, code, severity, message) rows (ASCII text:
    LSP's UTF-16 columns are the code-point columns less one)."""
    rows = []
    for p in problems:
        if p["path"] != path:
            continue
        message = p["message"] + (f" ({p['hint']})" if p["hint"] else "")
        rows.append(
            (
                p["line"] - 1,
                p["column"] - 1,
                p["end_line"] - 1,
                p["end_column"] - 1,
                p["code"],
                p["severity"],
                message,
            )
        )
    return sorted(rows)


def rows(diagnostics: Any) -> list[tuple[Any, ...]]:
    """Diagnostics as the rows :func:`expected_rows` makes."""
    severity = {
        types.DiagnosticSeverity.Error: "error",
        types.DiagnosticSeverity.Warning: "warning",
    }
    return sorted(
        (
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.code,
            severity[d.severity],
            d.message,
        )
        for d in diagnostics
    )


async def start(client: LanguageClient, root: Path, *, index: bool = True) -> None:
    """Initialize the session on ``root``; with ``index``, wait until the archive is indexed."""
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="project")],
        )
    )
    if index:
        await wait_log(client, "archive index ready")


async def wait_log(client: LanguageClient, text: str, seen: int = 0) -> types.LogMessageParams:
    """The first log message from index ``seen`` on that contains ``text``."""
    return await _until(
        lambda: next((m for m in client.log_messages[seen:] if text in m.message), None)
    )


def mark(client: LanguageClient) -> int:
    """How many diagnostics notifications arrived so far (to wait for later ones)."""
    return len(client.published)  # type: ignore[attr-defined]


async def diagnostics_for(
    client: LanguageClient, uri: str, version: int | None = None, seen: int = 0
) -> list[types.Diagnostic]:
    """The first diagnostics for ``uri`` (of ``version`` when given) after ``seen``."""

    def find() -> list[types.Diagnostic] | None:
        for params in client.published[seen:]:  # type: ignore[attr-defined]
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        return None

    return await _until(find)


async def open_document(
    client: LanguageClient, path: Path, text: str | None = None, language: str = "markdown"
) -> list[types.Diagnostic]:
    """Open ``path`` (with ``text``, else its content) and return its first diagnostics."""
    uri = path.as_uri()
    body = text if text is not None else path.read_bytes().decode("utf-8", "surrogateescape")
    texts(client)[uri] = body
    seen = mark(client)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, body))
    )
    return await diagnostics_for(client, uri, 1, seen)


def texts(client: LanguageClient) -> dict[str, str]:
    """The text of each document as the client has it (the server takes whole texts)."""
    if not hasattr(client, "texts"):
        client.texts = {}  # type: ignore[attr-defined]
    found: dict[str, str] = client.texts  # type: ignore[attr-defined]
    return found


def send_text(client: LanguageClient, path: Path, version: int, text: str) -> None:
    """Send a document's whole new text, as the server asks (full synchronisation)."""
    uri = path.as_uri()
    texts(client)[uri] = text
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def change_document(
    client: LanguageClient, path: Path, version: int, edits: list[types.TextEdit]
) -> list[types.Diagnostic]:
    """Apply ``edits`` to the document and return the diagnostics of ``version``."""
    uri = path.as_uri()
    text = apply_edits(texts(client)[uri], edits)
    seen = mark(client)
    send_text(client, path, version, text)
    return await diagnostics_for(client, uri, version, seen)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with LSP edits applied (ASCII text: characters are code points)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text
