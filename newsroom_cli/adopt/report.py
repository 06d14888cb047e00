"""The ``[conventions]`` part of the ``newsroom.toml`` that ``init --from`` writes."""

from __future__ import annotations

from typing import Any

from newsroom_cli.adopt.detect import Learned


def conventions_text(learned: Learned) -> list[str]:
    """The commented ``[conventions]`` tables for what :func:`~newsroom_cli.adopt.detect.learn`
    found (see docs/adopting.md for every key)."""
    import tomli_w

    table: dict[str, Any] = dict(learned.table)
    lines = [
        f"# How {learned.generator} reads these articles (docs/adopting.md): where dates,",
        "# drafts, sections, languages and URLs come from. What init --from learned:",
        *(f"#   {line}" for line in learned.report),
    ]
    nested = {k: v for k, v in table.items() if isinstance(v, dict)}
    top = {k: v for k, v in table.items() if not isinstance(v, dict)}
    lines.append(tomli_w.dumps({"conventions": top}).rstrip("\n"))
    for name, value in nested.items():
        if value:
            lines.append("")
            lines.append(tomli_w.dumps({"conventions": {name: value}}).rstrip("\n"))
    return lines
