"""Every article of the examples and of the real archive previews without an error, piped."""

from __future__ import annotations

import io
from pathlib import Path

from preview_support import EXAMPLES
from rich.cells import cell_len

from newsroom_cli.article import load_article
from newsroom_cli.cli.console import make_console
from newsroom_cli.cli.render import render_article
from newsroom_cli.config import load_config
from newsroom_cli.preview import article_facts, article_problems


def _preview_all(root: Path, folder: Path) -> int:
    config = load_config(root)
    paths = sorted(folder.rglob("*.md"))
    failures: list[str] = []
    for path in paths:
        try:
            article = load_article(path, schema=config.schema)
            facts = article_facts(config, article, article_problems(config, article))
            console = make_console("auto", file=io.StringIO())
            console.print(render_article(facts, article.body_text))
            text = console.file.getvalue()  # type: ignore[attr-defined]
        except Exception as exc:
            failures.append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        if "\x1b" in text or max(cell_len(line) for line in text.splitlines()) > 80:
            failures.append(f"{path.name}: escape codes or lines over 80 columns")
        if (
            facts.headline not in text.replace("\n", " ").replace("│", " ")
            and len(facts.headline) < 60
        ):
            failures.append(f"{path.name}: headline missing")
    assert not failures, "\n".join(failures[:20])
    return len(paths)


def test_every_example_previews() -> None:
    assert _preview_all(EXAMPLES, EXAMPLES / "content") == 16


def test_every_article_of_the_archive_previews(corpus: Path) -> None:
    assert _preview_all(corpus, corpus) > 2000
