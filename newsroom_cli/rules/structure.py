"""Structure rules (NR1xx): what the loader finds wrong with the file and its front matter.

The loader (:mod:`newsroom_cli.article`) records these as it reads; this module documents
them and turns them into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsroom_cli import article as loader
from newsroom_cli.article import Article
from newsroom_cli.rules.base import Finding, Rule

FAMILY = "structure"

RULES = (
    Rule(
        code=loader.UNREADABLE,
        name="unreadable-file",
        severity="error",
        family=FAMILY,
        summary="The file cannot be read.",
        explanation=(
            "The path does not exist, is a folder, a dangling symbolic link or not readable. "
            "Nothing else is checked in such a file."
        ),
        bad="$ newsroom validate content/news/typo.md",
        good="$ newsroom validate content/news/story.md",
    ),
    Rule(
        code=loader.NO_FRONT_MATTER,
        name="no-front-matter",
        severity="error",
        family=FAMILY,
        summary="The file has no front matter.",
        explanation=(
            "An article starts with a front-matter block: a `---` line, `key: value` lines and "
            "another `---` line (or `+++` for TOML, or a JSON object). Without it the article "
            "has no title, date or section. A file that opens with a thematic break (`---` "
            "followed by prose) is reported here too."
        ),
        bad="The council voted on Tuesday...",
        good="---\ntitle: Council freezes ferry fares\n---\n\nThe council voted on Tuesday...",
    ),
    Rule(
        code=loader.SYNTAX_ERROR,
        name="front-matter-syntax",
        severity="error",
        family=FAMILY,
        summary="The front matter is not valid YAML, TOML or JSON.",
        explanation=(
            "The parser's position is mapped into the file, so the line and column point at "
            "the place the parser gave up, usually the line with the mistake or the one after. "
            "A common cause is an unquoted value containing `: `."
        ),
        bad="---\ntitle: Q: what next for the ferry?\n---",
        good='---\ntitle: "Q: what next for the ferry?"\n---',
    ),
    Rule(
        code=loader.NOT_A_MAPPING,
        name="front-matter-not-mapping",
        severity="error",
        family=FAMILY,
        summary="The front matter is a list or a single value, not `key: value` fields.",
        explanation="Front matter must be a mapping of field names to values.",
        bad="---\n- title\n- date\n---",
        good="---\ntitle: Council freezes ferry fares\n---",
    ),
    Rule(
        code=loader.DUPLICATE_KEY,
        name="duplicate-key",
        severity="error",
        family=FAMILY,
        summary="A key appears twice in the same mapping.",
        explanation=(
            "YAML readers keep the last value and drop the first without a word, so an edit to "
            "the first one has no effect. The problem points at the second occurrence."
        ),
        bad="---\ntitle: Old headline\ndate: 2026-11-20T09:30:00-05:00\ntitle: New headline\n---",
        good="---\ntitle: New headline\ndate: 2026-11-20T09:30:00-05:00\n---",
    ),
    Rule(
        code=loader.UNTERMINATED,
        name="unterminated-front-matter",
        severity="error",
        family=FAMILY,
        summary="The front-matter block is opened but never closed.",
        explanation=(
            "Without the closing `---` (or `+++`) the whole file would be read as front matter."
        ),
        bad="---\ntitle: Council freezes ferry fares\n\nThe council voted...",
        good="---\ntitle: Council freezes ferry fares\n---\n\nThe council voted...",
    ),
    Rule(
        code=loader.BOM,
        name="byte-order-mark",
        severity="warning",
        family=FAMILY,
        summary="The file starts with a byte-order mark.",
        explanation=(
            "Some static-site generators and front-matter readers do not see the front matter "
            "behind a UTF-8 byte-order mark. Save the file as UTF-8 without a BOM."
        ),
        bad="\\ufeff---\ntitle: ...",
        good="---\ntitle: ...",
    ),
    Rule(
        code=loader.LINE_ENDINGS,
        name="line-endings",
        severity="warning",
        family=FAMILY,
        summary="Windows (CRLF) or mixed line endings.",
        explanation="Mixed endings make diffs noisy and confuse some tools; keep articles in LF.",
        bad="---\\r\\ntitle: ...\\r\\n",
        good="---\\ntitle: ...\\n",
    ),
    Rule(
        code=loader.TAB_INDENT,
        name="tab-indentation",
        severity="error",
        family=FAMILY,
        summary="A tab is used to indent YAML.",
        explanation="YAML forbids tabs for indentation; most parsers reject the block.",
        bad="image:\n\tsrc: ferry.jpg",
        good="image:\n  src: ferry.jpg",
    ),
    Rule(
        code=loader.LEADING_BLANK_LINES,
        name="blank-lines-before-front-matter",
        severity="warning",
        family=FAMILY,
        summary="Blank lines before the opening `---`.",
        explanation=(
            "Many tools only recognise front matter on the very first line, and then treat "
            "the block as text. Delete the blank lines."
        ),
        bad="\n\n---\ntitle: ...",
        good="---\ntitle: ...",
    ),
    Rule(
        code=loader.NOT_UTF8,
        name="not-utf8",
        severity="error",
        family=FAMILY,
        summary="The file is not UTF-8 text.",
        explanation=(
            "Articles are UTF-8. The problem points at the first byte that is not valid UTF-8, "
            "or reports a UTF-16 file."
        ),
        bad="a file saved as Latin-1 or UTF-16",
        good="the same file saved as UTF-8",
    ),
    Rule(
        code=loader.BINARY,
        name="binary-file",
        severity="error",
        family=FAMILY,
        summary="The file is binary, not text.",
        explanation=(
            "A Markdown file with NUL bytes is usually an image or document saved with the "
            "wrong extension."
        ),
        bad="photo.jpg renamed to photo.md",
        good="photo.jpg under static/",
    ),
    Rule(
        code=loader.UNSAFE_TAG,
        name="unsafe-yaml-tag",
        severity="error",
        family=FAMILY,
        summary="The front matter uses a YAML tag that could run code or build objects.",
        explanation=(
            "Only plain values are allowed: strings, numbers, booleans, lists and mappings. "
            "Tags like `!!python/object` are refused, and the block is not read."
        ),
        bad='title: !!python/object/apply:os.system ["ls"]',
        good="title: Council freezes fares",
    ),
    Rule(
        code=loader.TOO_COMPLEX,
        name="front-matter-too-complex",
        severity="error",
        family=FAMILY,
        summary="The front matter is too large, too deeply nested or expands too much.",
        explanation=(
            "Blocks over 1 MB, nested over 50 levels or expanding to over 50,000 values "
            "through YAML aliases are not read, so that a hostile file cannot stall a hook."
        ),
        bad="a: &a [*a, *a, *a, ...]",
        good="title: Council freezes ferry fares",
    ),
    Rule(
        code=loader.EMPTY_FRONT_MATTER,
        name="empty-front-matter",
        severity="error",
        family=FAMILY,
        summary="The front-matter block is empty.",
        explanation="An empty block holds none of the required fields.",
        bad="---\n---\n\nText...",
        good="---\ntitle: Council freezes ferry fares\n---\n\nText...",
    ),
    Rule(
        code=loader.NOT_YAML_METADATA,
        name="pelican-metadata-not-yaml",
        severity="warning",
        family=FAMILY,
        summary="Pelican metadata that is not valid YAML.",
        explanation=(
            "Pelican reads metadata as one `key: value` per line, so a title containing `: ` is "
            "fine for it while YAML readers refuse the block. In a project whose conventions say "
            "Pelican the block is read as Pelican reads it and this is only a warning."
        ),
        bad="---\ntitle: DataFusion: A Query Engine\n---",
        good='---\ntitle: "DataFusion: A Query Engine"\n---',
    ),
)


def check(article: Article) -> Iterator[Finding]:
    """The loader's structure problems as findings."""
    for problem in article.problems:
        yield Finding(problem.code, problem.span, problem.message, problem.field, problem.hint)
