"""The language server on pygls: documents in, diagnostics, completion, hover and fixes out.

Every handler is guarded: an error is logged to the client and, for a document, shown as a
diagnostic on it; the server keeps running. Checks after an edit are debounced: the first
edit after a quiet spell is checked at once, a burst of keystrokes once more at its end.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from newsroom_cli import __version__
from newsroom_cli.config import CONFIG_NAME, find_config
from newsroom_cli.lsp import features
from newsroom_cli.lsp.features import Project
from newsroom_cli.lsp.text import Lines
from newsroom_cli.rules.base import Problem

T = TypeVar("T")
DEBOUNCE = 0.05  # seconds between two checks of a document while its text keeps changing
INDEX_DELAY = 0.3  # seconds after start-up before the archive index is built, if no file opens
ARTICLE_SUFFIXES = (".md", ".markdown", ".mdx")
logger = logging.getLogger(__name__)


def rules_docs() -> str | None:
    """Where ``docs/rules.md`` is: ``NEWSROOM_RULES_URL``, else the source tree's copy."""
    configured = os.environ.get("NEWSROOM_RULES_URL")
    if configured:
        return configured
    local = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    return local.as_uri() if local.is_file() else None


class NewsroomServer(LanguageServer):
    """The toolkit's language server: one :class:`Project` per configuration in use."""

    def __init__(self) -> None:
        # Whole texts, not incremental changes: pygls applies those with str.splitlines, which
        # also ends lines at U+2028, form feeds and the like where editors do not, and the
        # server's text would drift from the editor's. An article is a few kilobytes.
        super().__init__(
            "newsroom", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.projects: dict[str, Project] = {}
        self.problems: dict[str, list[Problem]] = {}
        self.last_check: dict[str, float] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.docs = rules_docs()
        self.root: Path | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.config_diagnostics: set[str] = set()
        self.closing = threading.Event()  # set by the protocol's shutdown request
        self.exit_code = 0  # end of input without exit counts as a clean stop

    # ---- projects -------------------------------------------------------------------

    def encoding(self) -> str:
        """The position encoding agreed with the client."""
        chosen = self.workspace.position_encoding
        return str(
            chosen.value if isinstance(chosen, types.PositionEncodingKind) else chosen or "utf-16"
        )

    def project_for(self, path: str | None) -> Project:
        """The project a file belongs to (its nearest configuration), loaded on first use."""
        start = Path(path).parent if path else (self.root or Path.cwd())
        found = find_config(start)
        key = str(found) if found is not None else str(self.root or start)
        project = self.projects.get(key)
        if project is None:
            project = Project.load(found.parent if found is not None else (self.root or start))
            self.projects[key] = project
            self.show_config_state(project)
        return project

    def show_config_state(self, project: Project) -> None:
        """Publish (or clear) the one diagnostic of a broken configuration."""
        where = project.config_path
        if where is None:
            return
        uri = from_fs_path(str(where)) or where.as_uri()
        items = [features.config_diagnostic(project.error)] if project.error is not None else []
        if items or uri in self.config_diagnostics:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=items)
            )
        if items:
            self.config_diagnostics.add(uri)
            self.log(f"configuration error: {items[0].message}", types.MessageType.Error)
        else:
            self.config_diagnostics.discard(uri)

    def start_index(self, project: Project) -> None:
        """Build the project's archive index in a background thread (once)."""
        index = project.index
        if index is None or index.started:
            return
        index.started = True
        loop = self.loop

        def build() -> None:
            try:
                index.build(cancelled=lambda: self.closing.is_set() or project.index is not index)
            except Exception as exc:
                self.log_threadsafe(f"archive index failed: {exc!r}")
                return
            if loop is not None and not self.closing.is_set() and project.index is index:
                loop.call_soon_threadsafe(self.index_ready, project)

        threading.Thread(target=build, name="newsroom-index", daemon=True).start()

    def watch_files(self) -> None:
        """Ask the client to report files changed outside the editor (git pull, a script)."""
        workspace = self.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        patterns = [f"**/{CONFIG_NAME}", "**/*.{md,markdown,mdx}"]
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=p) for p in patterns]
        )
        registration = types.Registration(
            id="newsroom-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )

        def answered(future: Any) -> None:
            if future.exception() is not None:  # the client would not: saves still count
                self.log(f"file watching not available: {future.exception()}")

        self.client_register_capability(
            types.RegistrationParams(registrations=[registration]), callback=None
        ).add_done_callback(answered)

    def index_ready(self, project: Project) -> None:
        """The archive index is built: say so, and check open documents against it."""
        count = len(project.index) if project.index is not None else 0
        self.log(f"archive index ready: {count} files under {project.root}", types.MessageType.Info)
        self.recheck_all()

    def reload(self, config_path: str) -> None:
        """A saved configuration: reload it, rebuild the index, check every open document."""
        found = Path(config_path)
        key = str(found)
        old = self.projects.get(key)
        fresh = Project.load(found.parent)
        if fresh.error is not None and old is not None and old.config is not None:
            # Broken: one diagnostic on the file, the last good configuration stays in use.
            old.error = fresh.error
            self.show_config_state(old)
            return
        self.projects[key] = fresh
        self.show_config_state(fresh)
        self.log(f"configuration reloaded from {config_path}", types.MessageType.Info)
        if fresh.config is not None:
            self.start_index(fresh)
        self.recheck_all()

    # ---- diagnostics ----------------------------------------------------------------

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        """A message in the client's log (never raises)."""
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # the client is gone: nothing to tell
            logger.debug("could not log %s", message)

    def log_threadsafe(self, message: str) -> None:
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.log, message, types.MessageType.Error)

    def check(self, uri: str) -> None:
        """Check a document's current text and publish its diagnostics."""
        self.pending.pop(uri, None)
        self.last_check[uri] = time.monotonic()
        document = self.workspace.get_text_document(uri)
        text = document.source
        path = to_fs_path(uri) if uri.startswith("file:") else None
        items: list[types.Diagnostic]
        try:
            if path is not None and os.path.basename(path) in (CONFIG_NAME, "pyproject.toml"):
                return
            project = self.project_for(path)
            if project.config is None:
                items = []
                self.problems[uri] = []
            else:
                problems = features.check(project, path, text)
                self.problems[uri] = problems
                lines = Lines(text, self.encoding())
                items = [features.diagnostic(p, lines, self.docs) for p in problems]
                if self.loop is not None:  # after these diagnostics are out
                    self.loop.call_soon(self.guard, self.start_index, None, project)
        except Exception as exc:
            self.problems[uri] = []
            self.log(f"checking {uri} failed:\n{traceback.format_exc()}", types.MessageType.Error)
            items = [features.internal_diagnostic(exc)]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=document.version)
        )

    def schedule(self, uri: str) -> None:
        """Check soon: at once after a quiet spell, else once at the end of the burst."""
        if uri in self.pending:
            return
        loop = asyncio.get_running_loop()
        wait = self.last_check.get(uri, 0.0) + DEBOUNCE - time.monotonic()
        if wait <= 0:
            self.pending[uri] = loop.call_soon(self.check, uri)  # type: ignore[assignment]
        else:
            self.pending[uri] = loop.call_later(wait, self.check, uri)

    def recheck_all(self) -> None:
        """Check every open document again (configuration or index changed)."""
        for uri in list(self.workspace.text_documents):
            self.guard(self.check, None, uri)

    def guard(self, handler: Callable[..., T], fallback: T, *args: Any) -> T:
        """Run a handler; log what it raises and answer ``fallback`` instead."""
        try:
            return handler(*args)
        except Exception:
            self.log(
                f"newsroom: internal error:\n{traceback.format_exc()}", types.MessageType.Error
            )
            return fallback

    def saved(self, uri: str, text: str | None) -> None:
        """A saved file: reload a configuration, or record an article in the index."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:
            return
        name = os.path.basename(path)
        resolved = str(Path(path).resolve())
        if name == CONFIG_NAME or (name == "pyproject.toml" and resolved in self.projects):
            self.reload(resolved)
            return
        if name == "pyproject.toml":
            return
        if not path.endswith(ARTICLE_SUFFIXES):
            return
        self.check(uri)
        self.index_file(path)

    def index_file(self, path: str) -> None:
        """Bring one file's entry in its project's archive index up to date from disk."""
        project = self.project_for(path)
        if project.index is None or project.config is None:
            return
        from newsroom_cli.rules.crossfile import compact
        from newsroom_cli.rules.runner import judge_text

        try:
            data = Path(path).read_bytes()
        except OSError:
            project.index.remove(path)
            return
        result = judge_text(project.config, data, path)
        project.index.update(path, compact(result[1]))


def _path(uri: str) -> str | None:
    return to_fs_path(uri) if uri.startswith("file:") else None


def build_server() -> NewsroomServer:
    """The server with its features registered."""
    server = NewsroomServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewsroomServer, params: types.InitializeParams) -> None:
        ls.loop = asyncio.get_running_loop()
        root = params.root_uri or (
            params.workspace_folders[0].uri if params.workspace_folders else None
        )
        if root and root.startswith("file:"):
            path = to_fs_path(root)
            ls.root = Path(path) if path else None
        elif params.root_path:
            ls.root = Path(params.root_path)
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("rulesUrl"), str):
            ls.docs = options["rulesUrl"]

    @server.feature(types.INITIALIZED)
    def initialized(ls: NewsroomServer, params: types.InitializedParams) -> None:
        ls.loop = asyncio.get_running_loop()

        def later() -> None:
            root = ls.root
            if root is not None:
                ls.guard(lambda: ls.start_index(ls.project_for(str(root / "x"))), None)

        ls.loop.call_later(INDEX_DELAY, later)
        ls.guard(ls.watch_files, None)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewsroomServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.loop = ls.loop or asyncio.get_running_loop()
        ls.guard(ls.check, None, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewsroomServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.guard(ls.schedule, None, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: NewsroomServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.guard(ls.saved, None, params.text_document.uri, params.text)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewsroomServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.problems.pop(uri, None)
        ls.last_check.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: NewsroomServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = _path(change.uri)
            if path is None:
                continue
            if os.path.basename(path) == CONFIG_NAME:
                ls.guard(ls.reload, None, str(Path(path).resolve()))
            elif path.endswith(ARTICLE_SUFFIXES) and change.uri not in ls.workspace.text_documents:
                ls.guard(ls.index_file, None, path)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[":", " ", "-", "[", ",", '"', "="]),
    )
    def completion(
        ls: NewsroomServer, params: types.CompletionParams
    ) -> types.CompletionList | None:
        def answer() -> types.CompletionList | None:
            uri = params.text_document.uri
            path = _path(uri)
            text = ls.workspace.get_text_document(uri).source
            items = features.completion(
                ls.project_for(path), path, text, params.position, ls.encoding()
            )
            return types.CompletionList(is_incomplete=False, items=items) if items else None

        return ls.guard(answer, None)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: NewsroomServer, params: types.HoverParams) -> types.Hover | None:
        def answer() -> types.Hover | None:
            uri = params.text_document.uri
            path = _path(uri)
            text = ls.workspace.get_text_document(uri).source
            return features.hover(
                ls.project_for(path),
                path,
                text,
                params.position,
                ls.encoding(),
                ls.problems.get(uri, ()),
            )

        return ls.guard(answer, None)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
        ),
    )
    def code_action(
        ls: NewsroomServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        def answer() -> list[types.CodeAction] | None:
            uri = params.text_document.uri
            path = _path(uri)
            if uri in ls.pending:
                ls.check(uri)  # act on the text as it is now
            text = ls.workspace.get_text_document(uri).source
            actions = features.code_actions(
                ls.project_for(path),
                uri,
                path,
                text,
                params.range,
                ls.encoding(),
                ls.problems.get(uri, []),
                ls.docs,
            )
            return actions or None

        return ls.guard(answer, None)

    @server.feature(types.EXIT)
    def exit_(ls: NewsroomServer, params: None) -> None:
        # The protocol's rule: exit after shutdown is a success, exit without it is not.
        ls.exit_code = 0 if ls.closing.is_set() else 1

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: NewsroomServer, params: None) -> None:
        ls.closing.set()
        for handle in ls.pending.values():
            handle.cancel()
        ls.pending.clear()

    return server


def serve() -> int:
    """Run the server on standard input and output until ``exit`` or end of input; the exit
    status is 1 when ``exit`` came without ``shutdown`` (the protocol's rule), else 0."""
    server = build_server()
    server.start_io()
    return server.exit_code
