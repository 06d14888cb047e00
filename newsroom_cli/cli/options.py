"""Options more than one command shares, and the choices only the command line offers.

``--format`` is declared here once: each command passes the enum of its formats (the
parser checks the value and the usage error offers a did-you-mean, see
``cli/app.py``) and its help line.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import typer


def format_option(help: str, *, short: bool = False) -> Any:
    """The ``--format`` option (``-f`` too where ``short``), its value one of the command's
    format enum."""
    names = ("--format", "-f") if short else ("--format",)
    return typer.Option(*names, metavar="FORMAT", help=help)


class ListFormat(StrEnum):
    """``list``'s output: a table for people, JSON or CSV for programs."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class TeaserFormat(StrEnum):
    """``teaser``'s output."""

    TEXT = "text"
    JSON = "json"


class SchemaFormat(StrEnum):
    """``schema``'s output: a table, the fields as JSON, or a JSON Schema for editors."""

    TABLE = "table"
    JSON = "json"
    JSON_SCHEMA = "json-schema"


class PreviewView(StrEnum):
    """What ``preview --as`` shows: the article, or the piece as a round-up item."""

    ARTICLE = "article"
    NEWSLETTER = "newsletter"
