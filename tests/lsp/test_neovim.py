"""Neovim, headless, with `newsroom lsp` as its language server (skipped without nvim).

The setup is docs/editors.md's: ``vim.lsp.config`` and ``vim.lsp.enable`` on Neovim 0.11 and
later, ``vim.lsp.start_client`` on older ones (Debian 12 ships 0.7). Neovim opens an
article, types a misspelt section, and writes what it got (diagnostics, a completion, a
quick fix applied) to a JSON file the test reads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_support import GOOD, write

NVIM = shutil.which("nvim")

SCRIPT = r"""
local out = {}
local cmd = { PYTHON, "-m", "newsroom_cli", "lsp" }
local root = ROOT
local bufnr = vim.api.nvim_get_current_buf()
local client_id
if vim.lsp.config then
  vim.lsp.config("newsroom", {
    cmd = cmd, filetypes = { "markdown" }, root_markers = { "newsroom.toml" },
  })
  vim.lsp.enable("newsroom")
  vim.cmd("edit")
  vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = bufnr }) > 0 end, 50)
  client_id = vim.lsp.get_clients({ bufnr = bufnr })[1].id
else
  client_id = vim.lsp.start_client({ name = "newsroom", cmd = cmd, root_dir = root })
  vim.lsp.buf_attach_client(bufnr, client_id)
end
local function wait_for(check)
  return vim.wait(30000, check, 20)
end
out.opened = wait_for(function() return vim.lsp.get_client_by_id(client_id).initialized end)
-- Type a misspelt section: the server sees the unsaved text.
local line = vim.fn.search("^section: news$") - 1
vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { "section: newz" })
out.diagnosed = wait_for(function()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp
    if d.code == "NR203" or (lsp and lsp.code == "NR203") then
      return true
    end
  end
  return false
end)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(out.diagnostics, {
    lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message,
  })
end
-- Completion of the section's value.
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = line, character = 9 },
}
local result = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, 20000)
out.completion = {}
for _, answer in pairs(result or {}) do
  local items = answer.result and (answer.result.items or answer.result) or {}
  for _, item in ipairs(items) do table.insert(out.completion, item.label) end
end
-- The "did you mean" quick fix, applied to the buffer.
local diagnostics = {}
if vim.lsp.diagnostic.get_line_diagnostics then
  diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line)
end
local action_params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = line, character = 0 }, ["end"] = { line = line, character = 13 } },
  context = { diagnostics = diagnostics },
}
local actions = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", action_params, 20000)
out.actions = {}
for _, answer in pairs(actions or {}) do
  for _, action in ipairs(answer.result or {}) do
    table.insert(out.actions, action.title)
    if action.title == "Replace with 'news'" then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    end
  end
end
out.fixed_line = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
out.cleared = wait_for(function() return #vim.diagnostic.get(bufnr) == 0 end)
vim.lsp.stop_client(client_id)
vim.fn.writefile({ vim.fn.json_encode(out) }, OUTPUT)
vim.cmd("qall!")
"""


@pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed")
def test_neovim_shows_diagnostics_completes_and_fixes(newsroom: Path) -> None:
    article = write(newsroom, "content/news/2026/11/council-freezes-ferry-fares.md", GOOD)
    output = newsroom / "nvim-result.json"
    script = newsroom / "drive.lua"
    script.write_text(
        SCRIPT.replace("PYTHON", json.dumps(sys.executable))
        .replace("ROOT", json.dumps(str(newsroom)))
        .replace("OUTPUT", json.dumps(str(output))),
        encoding="utf-8",
    )
    assert NVIM is not None
    done = subprocess.run(
        [NVIM, "--headless", "--clean", "-n", str(article), "-c", f"luafile {script}"],
        cwd=newsroom,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert output.exists(), done.stderr + done.stdout
    result = json.loads(output.read_text(encoding="utf-8"))
    assert result["opened"] and result["diagnosed"], result
    (diagnostic,) = result["diagnostics"]
    line = GOOD.splitlines().index("section: news")
    assert (diagnostic["lnum"], diagnostic["col"], diagnostic["end_col"]) == (line, 9, 13)
    assert "'newz' is not allowed" in diagnostic["message"]
    assert result["completion"][:4] == ["news", "analysis", "opinion", "features"]
    assert "Replace with 'news'" in result["actions"]
    assert result["fixed_line"] == "section: news"
    assert result["cleared"]
    assert article.read_text(encoding="utf-8") == GOOD  # nothing was saved
