"""Fixtures for the language-server tests: a project, and a real LSP client on the server.

The client (pytest-lsp) starts ``python -m newsroom_cli lsp`` as a subprocess and talks to
it over standard input/output, as an editor does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsp_support import SERVER, make_client, project_with
from pytest_lsp import ClientServerConfig, LanguageClient


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A project with the validate tests' configuration (roster, vocabulary) and no article."""
    return project_with(tmp_path)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    """A client connected to a fresh server (the test initializes it on its project)."""
    yield
    if not lsp_client.stopped:
        try:
            await lsp_client.shutdown_session()
        except Exception:  # the test already shut the server down
            pass
