"""The article model and its loader: one way to read an article.

A file becomes an :class:`Article`: the front-matter mapping, the body, the front-matter
format (YAML ``---``, TOML ``+++`` or JSON), and the position in the file of every key and
value. What common front-matter readers drop silently (a BOM, an unterminated or empty
block, a leading thematic break, duplicate keys, unsafe tags) is recorded as a
:class:`LoadProblem` instead, and nothing of the text is lost.

The package's modules, from the bottom up: ``positions`` (spans and lines), ``problems``
(the NR1xx codes and limits), one reader per front-matter format (``yaml``, ``toml``,
``json``), ``model`` (:class:`Article`), ``split`` (finding the block and the body) and
``read`` (bytes from a file, decoding, :func:`load_article` and :func:`parse_article`).
Every name below is importable from the package; each loads its module on first use, so
importing a span does not import the YAML library.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsroom_cli.article.model import Article
    from newsroom_cli.article.positions import Location, Span
    from newsroom_cli.article.problems import (
        BINARY,
        BOM,
        DUPLICATE_KEY,
        EMPTY_FRONT_MATTER,
        LEADING_BLANK_LINES,
        LINE_ENDINGS,
        MAX_DEPTH,
        MAX_FRONT_MATTER_BYTES,
        MAX_NODES,
        NO_FRONT_MATTER,
        NOT_A_MAPPING,
        NOT_UTF8,
        NOT_YAML_METADATA,
        SYNTAX_ERROR,
        TAB_INDENT,
        TOO_COMPLEX,
        UNREADABLE,
        UNSAFE_TAG,
        UNTERMINATED,
        LoadProblem,
    )
    from newsroom_cli.article.read import (
        ArticleReadError,
        load_article,
        parse_article,
        pelican_metadata,
        read_bytes,
        read_file,
    )
    from newsroom_cli.article.yaml import _Loader as _Loader
    from newsroom_cli.article.yaml import _resolve as _resolve

# Where each name lives (the private YAML loader and resolver are the writer's and tests').
_HOMES: dict[str, str] = {
    "Article": "model",
    "Location": "positions",
    "Span": "positions",
    **dict.fromkeys(
        (
            "BINARY",
            "BOM",
            "DUPLICATE_KEY",
            "EMPTY_FRONT_MATTER",
            "LEADING_BLANK_LINES",
            "LINE_ENDINGS",
            "MAX_DEPTH",
            "MAX_FRONT_MATTER_BYTES",
            "MAX_NODES",
            "NO_FRONT_MATTER",
            "NOT_A_MAPPING",
            "NOT_UTF8",
            "NOT_YAML_METADATA",
            "SYNTAX_ERROR",
            "TAB_INDENT",
            "TOO_COMPLEX",
            "UNREADABLE",
            "UNSAFE_TAG",
            "UNTERMINATED",
            "LoadProblem",
        ),
        "problems",
    ),
    **dict.fromkeys(
        (
            "ArticleReadError",
            "load_article",
            "parse_article",
            "pelican_metadata",
            "read_bytes",
            "read_file",
        ),
        "read",
    ),
    "_Loader": "yaml",
    "_resolve": "yaml",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


__all__ = [
    "BINARY",
    "BOM",
    "DUPLICATE_KEY",
    "EMPTY_FRONT_MATTER",
    "LEADING_BLANK_LINES",
    "LINE_ENDINGS",
    "MAX_DEPTH",
    "MAX_FRONT_MATTER_BYTES",
    "MAX_NODES",
    "NOT_A_MAPPING",
    "NOT_UTF8",
    "NOT_YAML_METADATA",
    "NO_FRONT_MATTER",
    "SYNTAX_ERROR",
    "TAB_INDENT",
    "TOO_COMPLEX",
    "UNREADABLE",
    "UNSAFE_TAG",
    "UNTERMINATED",
    "Article",
    "ArticleReadError",
    "LoadProblem",
    "Location",
    "Span",
    "load_article",
    "parse_article",
    "pelican_metadata",
    "read_bytes",
    "read_file",
]
