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
        loader.UNREADABLE,
        "unreadable-file",
        "error",
        FAMILY,
        "The file cannot be read.",
        "The path does not exist, is a folder, a dangling symbolic link or not readable. "
        "Nothing else is checked in such a file.",
        "$ newsroom validate content/news/typo.md",
        "$ newsroom validate content/news/story.md",
    ),
    Rule(
        loader.NO_FRONT_MATTER,
        "no-front-matter",
        "error",
        FAMILY,
        "The file has no front matter.",
        "An article starts with a front-matter block: a `---` line, `key: value` lines and "
        "another `---` line (or `+++` for TOML, or a JSON object). Without it the article "
        "has no title, date or section. A file that opens with a thematic break (`---` "
        "followed by prose) is reported here too.",
        "The council voted on Tuesday...",
        "---\ntitle: Council freezes ferry fares\n---\n\nThe council voted on Tuesday...",
    ),
    Rule(
        loader.SYNTAX_ERROR,
        "front-matter-syntax",
        "error",
        FAMILY,
        "The front matter is not valid YAML, TOML or JSON.",
        "The parser's position is mapped into the file, so the line and column point at "
        "the place the parser gave up, usually the line with the mistake or the one after. "
        "A common cause is an unquoted value containing `: `.",
        "---\ntitle: Q: what next for the ferry?\n---",
        '---\ntitle: "Q: what next for the ferry?"\n---',
    ),
    Rule(
        loader.NOT_A_MAPPING,
        "front-matter-not-mapping",
        "error",
        FAMILY,
        "The front matter is a list or a single value, not `key: value` fields.",
        "Front matter must be a mapping of field names to values.",
        "---\n- title\n- date\n---",
        "---\ntitle: Council freezes ferry fares\n---",
    ),
    Rule(
        loader.DUPLICATE_KEY,
        "duplicate-key",
        "error",
        FAMILY,
        "A key appears twice in the same mapping.",
        "YAML readers keep the last value and drop the first without a word, so an edit to "
        "the first one has no effect. The problem points at the second occurrence.",
        "---\ntitle: Old headline\ndate: 2026-11-20T09:30:00-05:00\ntitle: New headline\n---",
        "---\ntitle: New headline\ndate: 2026-11-20T09:30:00-05:00\n---",
    ),
    Rule(
        loader.UNTERMINATED,
        "unterminated-front-matter",
        "error",
        FAMILY,
        "The front-matter block is opened but never closed.",
        "Without the closing `---` (or `+++`) the whole file would be read as front matter.",
        "---\ntitle: Council freezes ferry fares\n\nThe council voted...",
        "---\ntitle: Council freezes ferry fares\n---\n\nThe council voted...",
    ),
    Rule(
        loader.BOM,
        "byte-order-mark",
        "warning",
        FAMILY,
        "The file starts with a byte-order mark.",
        "Some static-site generators and front-matter readers do not see the front matter "
        "behind a UTF-8 byte-order mark. Save the file as UTF-8 without a BOM.",
        "\\ufeff---\ntitle: ...",
        "---\ntitle: ...",
    ),
    Rule(
        loader.LINE_ENDINGS,
        "line-endings",
        "warning",
        FAMILY,
        "Windows (CRLF) or mixed line endings.",
        "Mixed endings make diffs noisy and confuse some tools; keep articles in LF.",
        "---\\r\\ntitle: ...\\r\\n",
        "---\\ntitle: ...\\n",
    ),
    Rule(
        loader.TAB_INDENT,
        "tab-indentation",
        "error",
        FAMILY,
        "A tab is used to indent YAML.",
        "YAML forbids tabs for indentation; most parsers reject the block.",
        "image:\n\tsrc: ferry.jpg",
        "image:\n  src: ferry.jpg",
    ),
    Rule(
        loader.LEADING_BLANK_LINES,
        "blank-lines-before-front-matter",
        "warning",
        FAMILY,
        "Blank lines before the opening `---`.",
        "Many tools only recognise front matter on the very first line, and then treat "
        "the block as text. Delete the blank lines.",
        "\n\n---\ntitle: ...",
        "---\ntitle: ...",
    ),
    Rule(
        loader.NOT_UTF8,
        "not-utf8",
        "error",
        FAMILY,
        "The file is not UTF-8 text.",
        "Articles are UTF-8. The problem points at the first byte that is not valid UTF-8, "
        "or reports a UTF-16 file.",
        "a file saved as Latin-1 or UTF-16",
        "the same file saved as UTF-8",
    ),
    Rule(
        loader.BINARY,
        "binary-file",
        "error",
        FAMILY,
        "The file is binary, not text.",
        "A Markdown file with NUL bytes is usually an image or document saved with the "
        "wrong extension.",
        "photo.jpg renamed to photo.md",
        "photo.jpg under static/",
    ),
    Rule(
        loader.UNSAFE_TAG,
        "unsafe-yaml-tag",
        "error",
        FAMILY,
        "The front matter uses a YAML tag that could run code or build objects.",
        "Only plain values are allowed: strings, numbers, booleans, lists and mappings. "
        "Tags like `!!python/object` are refused, and the block is not read.",
        'title: !!python/object/apply:os.system ["ls"]',
        "title: Council freezes fares",
    ),
    Rule(
        loader.TOO_COMPLEX,
        "front-matter-too-complex",
        "error",
        FAMILY,
        "The front matter is too large, too deeply nested or expands too much.",
        "Blocks over 1 MB, nested over 50 levels or expanding to over 50,000 values "
        "through YAML aliases are not read, so that a hostile file cannot stall a hook.",
        "a: &a [*a, *a, *a, ...]",
        "title: Council freezes ferry fares",
    ),
    Rule(
        loader.EMPTY_FRONT_MATTER,
        "empty-front-matter",
        "error",
        FAMILY,
        "The front-matter block is empty.",
        "An empty block holds none of the required fields.",
        "---\n---\n\nText...",
        "---\ntitle: Council freezes ferry fares\n---\n\nText...",
    ),
    Rule(
        loader.NOT_YAML_METADATA,
        "pelican-metadata-not-yaml",
        "warning",
        FAMILY,
        "Pelican metadata that is not valid YAML.",
        "Pelican reads metadata as one `key: value` per line, so a title containing `: ` is "
        "fine for it while YAML readers refuse the block. In a project whose conventions say "
        "Pelican the block is read as Pelican reads it and this is only a warning.",
        "---\ntitle: DataFusion: A Query Engine\n---",
        '---\ntitle: "DataFusion: A Query Engine"\n---',
    ),
)


def check(article: Article) -> Iterator[Finding]:
    """The loader's structure problems as findings."""
    for problem in article.problems:
        yield Finding(problem.code, problem.span, problem.message, problem.field, problem.hint)
