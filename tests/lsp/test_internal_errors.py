"""A check that fails inside the server: logged to the client, one diagnostic on the file.

No subprocess here: the failure is forced by replacing the check, which only works in the
server's own process. The server object is the real one, its transport replaced by lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lsp_support import GOOD, project_with, write
from lsprotocol import types
from pygls.workspace import Workspace

from newsroom_cli.lsp import features
from newsroom_cli.lsp.server import build_server


def test_a_failing_check_is_logged_and_shown_on_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project_with(tmp_path)
    path = write(root, "content/news/a.md", GOOD)
    server = build_server()
    server.protocol._workspace = Workspace(root.as_uri())
    published: list[types.PublishDiagnosticsParams] = []
    logged: list[types.LogMessageParams] = []
    monkeypatch.setattr(server, "text_document_publish_diagnostics", published.append)
    monkeypatch.setattr(server, "window_log_message", logged.append)
    server.workspace.put_text_document(types.TextDocumentItem(path.as_uri(), "markdown", 1, GOOD))

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(features, "check", broken)
    monkeypatch.setattr(server, "start_index", lambda project: None)
    server.check(path.as_uri())

    (params,) = published
    (diagnostic,) = params.diagnostics
    assert "RuntimeError: a bug in a rule" in diagnostic.message
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert any("Traceback" in m.message and "a bug in a rule" in m.message for m in logged)
    assert all(m.type == types.MessageType.Error for m in logged)

    # A request on the same document is still answered.
    assert features.completion(
        features.Project.load(root), str(path), GOOD, types.Position(4, 9), "utf-16"
    )
