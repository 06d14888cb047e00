"""What the loader reports instead of raising: the structure problem codes (the rule
catalogue documents each one), the limits it reads within, :class:`LoadProblem`, and
:class:`Parsed`, what each front-matter format's reader returns."""

from __future__ import annotations

from typing import Any, NamedTuple

from newsroom_cli.article.positions import Span

# Structure problems found while loading; the rule catalogue documents each code.
UNREADABLE = "NR100"
NO_FRONT_MATTER = "NR101"
SYNTAX_ERROR = "NR102"
NOT_A_MAPPING = "NR103"
DUPLICATE_KEY = "NR104"
UNTERMINATED = "NR105"
BOM = "NR106"
LINE_ENDINGS = "NR107"
TAB_INDENT = "NR108"
LEADING_BLANK_LINES = "NR109"
NOT_UTF8 = "NR110"
BINARY = "NR111"
UNSAFE_TAG = "NR112"
TOO_COMPLEX = "NR113"
EMPTY_FRONT_MATTER = "NR114"
NOT_YAML_METADATA = "NR115"

MAX_FRONT_MATTER_BYTES = 1_000_000
MAX_DEPTH = 50
MAX_NODES = 50_000


class LoadProblem(NamedTuple):
    """A structural problem found while loading (reported by ``validate``)."""

    code: str
    message: str
    span: Span
    severity: str = "error"
    hint: str | None = None
    field: str | None = None


class Parsed(NamedTuple):
    """A front-matter block as read: its values (``None``: nothing read), whether it could
    be read, and (YAML) the composed root node that positions are found in."""

    front_matter: dict[str, Any] | None = None
    readable: bool = True
    node: Any = None
