"""Fixtures for the language-server tests: a project, and a real LSP client on the server.

The client (pytest-lsp) starts ``python -m newsroom_cli lsp`` as a subprocess and talks to
it over standard input/output, as an editor does.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from validate_support import CONFIG

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "validate"))

SERVER = [sys.executable, "-m", "newsroom_cli", "lsp"]
