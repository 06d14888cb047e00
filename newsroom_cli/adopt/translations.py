"""An article's translations: the other articles of its translation group."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom_cli.article import Article, ArticleReadError, load_article

if TYPE_CHECKING:
    from newsroom_cli.config import Config


def translations_of(config: Config, article: Article) -> list[tuple[str, Path]]:
    """The (language, path) of every other version of ``article`` under the content dir,
    linked as the conventions say (a translation key, else the same path in another
    language); sorted by language."""
    from newsroom_cli.discover import discover

    conventions = config.conventions
    group = conventions.translation_group(article)
    if group is None or article.path is None:
        return []
    own = os.path.abspath(article.path)
    found: list[tuple[str, Path]] = []
    for path in discover(config):
        if os.path.abspath(path) == own:
            continue
        if (
            group.startswith("path:")
            and not conventions.language_filenames
            and path.name != article.path.name
        ):
            continue  # a path-linked translation has the same file name (or name.<lang>)
        try:
            other = load_article(path, schema=config.schema, conventions=conventions)
        except ArticleReadError:
            continue
        if conventions.translation_group(other) == group:
            found.append((str(other.language or ""), path))
    return sorted(found)
