"""The Examples section at the end of every command's ``--help``.

Kept in one table so that ``newsroom --help`` and each command show the few commands a
newcomer would type first; a command module may instead define ``EXAMPLES`` (a tuple of
command lines) itself. A test makes sure no command goes without.
"""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": (
        "newsroom init --name 'The Harbor Ledger' --timezone America/New_York",
        "newsroom new 'Council freezes ferry fares' --section news --author daniel-reyes",
        "newsroom validate",
        "newsroom roundup --week 2026-W47 --preview",
        "newsroom COMMAND --help",
    ),
    "init": (
        "newsroom init",
        "newsroom init ledger --name 'The Harbor Ledger' --url https://harborledger.example",
        "newsroom init --from content/ --timezone America/New_York",
    ),
    "new": (
        "newsroom new 'Council freezes ferry fares' --section news --author daniel-reyes",
        "newsroom new 'Tide table' --section opinion --author tom-whitlock --column 'Tide Table'",
        "newsroom new 'Ferry fares' --section news --author daniel-reyes --dry-run",
        "$EDITOR \"$(newsroom new 'Ferry fares' --section news --author daniel-reyes)\"",
    ),
    "validate": (
        "newsroom validate",
        "newsroom validate content/news/2026/11/ferry-fares.md",
        "newsroom validate --staged",
        "newsroom validate --format github --fail-on warning",
        "newsroom validate --ignore NR312 content/opinion/",
    ),
    "fix": (
        "newsroom fix --diff",
        "newsroom fix content/news/2026/11/ferry-fares.md",
        "newsroom fix --check",
    ),
    "teaser": (
        "newsroom teaser content/news/2026/11/ferry-fares.md",
        "newsroom teaser --target meta content/news/2026/11/*.md",
        "newsroom teaser --all-targets --format json content/news/2026/11/ferry-fares.md",
        "newsroom teaser --write --target meta content/news/2026/11/ferry-fares.md",
        "cat draft.md | newsroom teaser -",
    ),
    "roundup": (
        "newsroom roundup --week 2026-W47",
        "newsroom roundup --week 2026-W47 --preview",
        "newsroom roundup --week 2026-W47 --write-manifest",
        "newsroom roundup --manifest roundups/2026-W47.toml --format eml -o 2026-W47.eml",
    ),
    "preview": (
        "newsroom preview content/news/2026/11/ferry-fares.md",
        "newsroom preview --teaser content/news/2026/11/ferry-fares.md",
        "newsroom preview --as newsletter content/news/2026/11/ferry-fares.md",
        "newsroom preview roundups/2026-W47.toml",
    ),
    "list": (
        "newsroom list",
        "newsroom list --week 2026-W47 --status ready",
        "newsroom list --columns date,status,headline,path --author 'Dan Reyes'",
        "newsroom list --format json | jq '.[] | select(.problems > 0) | .path'",
    ),
    "schema": (
        "newsroom schema",
        "newsroom schema --format json-schema > newsroom.schema.json",
    ),
    "hook": ("newsroom hook install", "newsroom hook uninstall"),
    "hook install": ("newsroom hook install", "newsroom hook install --force"),
    "hook uninstall": ("newsroom hook uninstall",),
}


def epilog(command: str) -> str | None:
    """The Examples section of ``command`` ("" for ``newsroom`` itself), kept as written."""
    lines = EXAMPLES.get(command)
    return epilog_of(lines) if lines else None


def epilog_of(lines: tuple[str, ...]) -> str:
    """An Examples section of these command lines, as Click prints an epilog."""
    # \b keeps Click from re-wrapping the lines into one paragraph.
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)
