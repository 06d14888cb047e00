"""YAML front matter (``---``): parsed with the YAML library's safe loader, refused when
unsafe, too deep or too large, with the position of every key and value.

Dates stay the text written (:mod:`newsroom_cli.dates` reads them); the values are built from
the composed nodes in one pass that also reports duplicate keys and unsafe tags.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from newsroom_cli.article.positions import Location, Span, lines
from newsroom_cli.article.problems import (
    DUPLICATE_KEY,
    EMPTY_FRONT_MATTER,
    MAX_DEPTH,
    MAX_FRONT_MATTER_BYTES,
    MAX_NODES,
    NOT_A_MAPPING,
    SYNTAX_ERROR,
    TAB_INDENT,
    TOO_COMPLEX,
    UNSAFE_TAG,
    LoadProblem,
    Parsed,
)
from newsroom_cli.pyyaml import yaml

_UNREADABLE = Parsed(readable=False)
_EMPTY = Parsed()

_SAFE_TAG_PREFIX = "tag:yaml.org,2002:"
_SAFE_TAGS = {
    _SAFE_TAG_PREFIX + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "map",
        "seq",
        "timestamp",
        "binary",
        "merge",
        "omap",
        "pairs",
        "set",
        "value",
    )
}


class _Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """A safe loader that keeps dates as the text written (``dates`` reads them)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_RESOLVER_FIRSTS = frozenset(key for key in _Loader.yaml_implicit_resolvers if key)
# Letters that start only booleans and nulls (yes, No, TRUE, off, null...): the longest
# such word has five letters, so a longer plain value starting with one is a string.
_WORD_FIRSTS = frozenset(
    key
    for key, resolvers in _Loader.yaml_implicit_resolvers.items()
    if key and {tag for tag, _ in resolvers} <= {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
)
_LONGEST_WORD = 5


_SCALAR_NODE = yaml.ScalarNode
_STR = "tag:yaml.org,2002:str"
# Untagged collections: the loader declares no path resolvers, so their default tags.
_COLLECTION_TAGS = {
    yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
}


def _resolve(self: Any, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
    """Tag a node; quoted scalars and plain ones no implicit type can start with are strings.

    The library asks this for every node; the shortcut skips its regular expressions for
    most front-matter values.
    """
    if kind is not _SCALAR_NODE:
        return _COLLECTION_TAGS[kind]
    if not implicit[0] or (
        value
        and (
            value[0] not in _RESOLVER_FIRSTS
            or (len(value) > _LONGEST_WORD and value[0] in _WORD_FIRSTS)
        )
    ):
        return _STR
    return yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)  # type: ignore[no-any-return,no-untyped-call]


_Loader.resolve = _resolve


_Composer: Any = _Loader
if yaml.__with_libyaml__:

    class _LibyamlComposer(yaml.cyaml.CParser, yaml.resolver.BaseResolver):  # type: ignore[misc,name-defined]
        """libyaml's composer with the loader's resolver and nothing else.

        Nodes are all the loader asks of the library (the builder makes the values), so the
        constructor's and the resolver's set-up that the full loader does per document is
        skipped; the full loader is still used for what the builder leaves to the library.
        """

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
        resolve = _resolve

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            """Nothing to track: the loader declares no path resolvers."""

        def ascend_resolver(self) -> None:
            """Nothing to track: the loader declares no path resolvers."""

    _Composer = _LibyamlComposer


def top_pair(root: Any, key: str) -> tuple[Any, Any] | None:
    """The nodes of a top-level key and its value, found among the root's pairs without
    indexing every node. A key written twice is found where its value wins: the last time."""
    found = None
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found = key_node, value_node
    return found


def _mark_span(start: Any, end: Any, offset: int) -> Span:
    return Span(start.line + offset + 1, start.column + 1, end.line + offset + 1, end.column + 1)


def _empty_yaml_block(open_line: int) -> LoadProblem:
    return LoadProblem(
        EMPTY_FRONT_MATTER,
        "empty front matter",
        Span(open_line, 1, open_line, 4),
        hint="add the required fields between the --- lines",
    )


def parse_yaml(block: str, open_line: int, problems: list[LoadProblem]) -> Parsed:
    """Read a YAML block that starts after line ``open_line``; problems go to ``problems``."""
    if len(block) > MAX_FRONT_MATTER_BYTES:
        problems.append(
            LoadProblem(
                TOO_COMPLEX, "front matter larger than 1 MB; not read", Span.point(open_line)
            )
        )
        return _UNREADABLE
    if not block.strip():
        problems.append(_empty_yaml_block(open_line))
        return _EMPTY
    tab_lines: set[int] = set()
    for number, _, line in lines(block) if "\t" in block else ():
        if line.startswith("\t") or (line[: len(line) - len(line.lstrip())].count("\t")):
            indent = len(line) - len(line.lstrip(" \t"))
            file_line = open_line + number
            tab_lines.add(file_line)
            problems.append(
                LoadProblem(
                    TAB_INDENT,
                    "tab in YAML indentation",
                    Span(file_line, 1, file_line, indent + 1),
                    hint="indent with spaces",
                )
            )
    # Composing recurses in C; only a long block can nest deep enough to crash it, and the
    # builder refuses anything deeper than MAX_DEPTH that gets through.
    deep = _too_deep(block) if len(block) > 4096 and _may_nest_deeply(block) else None
    if deep is not None:
        _refuse_deep(deep, open_line, problems)
        return _UNREADABLE
    loader = _Composer(block)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if _library_depth_limit(exc):
            # libyaml 0.2.5 as bundled since PyYAML 6.0.4 stops at its own depth; the
            # loader's limit is lower and is reported the same way whatever the release.
            deep = _too_deep(block)
            if deep is not None:
                _refuse_deep(deep, open_line, problems)
                return _UNREADABLE
        mark = exc.problem_mark or exc.context_mark
        error_line = open_line + 1 + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        if error_line not in tab_lines:
            reason = exc.problem or exc.context or "syntax error"
            problems.append(
                LoadProblem(
                    SYNTAX_ERROR,
                    f"YAML syntax error: {reason}",
                    Span(error_line, column, error_line, column + 1),
                    hint=_yaml_hint(reason),
                )
            )
        return _UNREADABLE
    except yaml.YAMLError as exc:
        problems.append(LoadProblem(SYNTAX_ERROR, f"YAML error: {exc}", Span.point(open_line)))
        return _UNREADABLE
    finally:
        loader.dispose()
    if node is None:
        problems.append(_empty_yaml_block(open_line))
        return _EMPTY
    if not isinstance(node, yaml.MappingNode):
        if not _check_nodes(node, open_line, problems):
            return _UNREADABLE
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        problems.append(
            LoadProblem(
                NOT_A_MAPPING,
                f"front matter is {kind}, not a set of key: value fields",
                _mark_span(node.start_mark, node.end_mark, open_line),
                hint="write one `key: value` per line",
            )
        )
        return _UNREADABLE
    try:
        built = _Builder(open_line, problems).document(node)
        if built is _REFUSED:
            return _UNREADABLE
        if built is _USE_LIBRARY:
            if not _check_nodes(node, open_line, problems):
                return _UNREADABLE
            built = _Loader(block).construct_document(node)
        data = built
    except (yaml.YAMLError, RecursionError, TypeError, ValueError, KeyError) as exc:
        # The safe constructors raise assorted errors for a malformed tagged value
        # (KeyError for `!!bool maybe`).
        problems.append(
            LoadProblem(
                SYNTAX_ERROR,
                f"YAML error: {exc}",
                _mark_span(node.start_mark, node.start_mark, open_line),
            )
        )
        return _UNREADABLE
    return Parsed({str(k): v for k, v in data.items()}, node=node)


# Every nested collection opens with one of these indicators, so a block with few of them
# cannot nest deeper than MAX_DEPTH and needs no separate depth check.
_NESTING_INDICATOR = re.compile(r"[\[{]|[-:?](?=[ \t\r\n]|$)")


def _may_nest_deeply(block: str) -> bool:
    """Whether the block has enough collection indicators to nest past ``MAX_DEPTH``."""
    for count, _ in enumerate(_NESTING_INDICATOR.finditer(block), start=1):
        if count >= MAX_DEPTH:
            return True
    return False


def _too_deep_problem(mark: Any, open_line: int) -> LoadProblem:
    return LoadProblem(
        TOO_COMPLEX,
        f"front matter nested more than {MAX_DEPTH} levels deep; not read",
        _mark_span(mark, mark, open_line),
    )


def _too_many_problem(node: Any, open_line: int) -> LoadProblem:
    return LoadProblem(
        TOO_COMPLEX,
        "front matter expands to too many values (an alias bomb?); not read",
        _mark_span(node.start_mark, node.start_mark, open_line),
    )


def _unsafe_tag_problem(node: Any, tag: str, open_line: int) -> LoadProblem:
    return LoadProblem(
        UNSAFE_TAG,
        f"tag {tag!r} is not allowed in front matter",
        _mark_span(node.start_mark, node.end_mark, open_line),
        hint="remove the tag; front matter holds plain values only",
    )


def _duplicate_problem(key_node: Any, first_node: Any, open_line: int) -> LoadProblem:
    """A key written twice; ``first_node`` is its first key."""
    first = first_node.start_mark.line + open_line + 1
    return LoadProblem(
        DUPLICATE_KEY,
        f"duplicate key {key_node.value!r} (first on line {first}); the later value silently wins",
        _mark_span(key_node.start_mark, key_node.end_mark, open_line),
        hint=f"keep one {key_node.value!r} and delete the other",
        field=str(key_node.value),
    )


def _refuse_deep(mark: Any, open_line: int, problems: list[LoadProblem]) -> None:
    problems.append(_too_deep_problem(mark, open_line))


def _library_depth_limit(exc: yaml.YAMLError) -> bool:
    """Whether the YAML library refused the text for nesting past a limit of its own."""
    return "nesting depth" in str(getattr(exc, "problem", "") or "")


def _too_deep(block: str) -> Any:
    """The start mark of the first collection nested deeper than ``MAX_DEPTH``, or ``None``.

    Composing recurses in the YAML library and crashes the interpreter at some ten thousand
    levels, so the flat event stream is checked first. Some libyaml builds refuse nesting
    past a limit of their own (1,000 levels since PyYAML 6.0.4), and may do so before the
    event at ``MAX_DEPTH`` comes out: the text before their limit is checked again, then
    (should that not settle it) the whole text with the pure-Python parser, which has no
    such limit, so the answer does not depend on the installed release.
    """
    mark = _first_too_deep(_Loader(block))
    if not isinstance(mark, _LibraryLimit):
        return mark
    if mark.at:
        # The text before the library's limit holds fewer levels than the limit and all of
        # the first MAX_DEPTH + 1: the library's own parser finds the level there, quickly.
        found = _first_too_deep(_Loader(block[: mark.at]))
        if found is not None and not isinstance(found, _LibraryLimit):
            return found
    found = _first_too_deep(_PurePythonParser(block))
    return None if isinstance(found, _LibraryLimit) else found


class _LibraryLimit(NamedTuple):
    """Where the YAML library stopped at a nesting limit of its own (0: not known)."""

    at: int


class _PurePythonParser(yaml.SafeLoader):
    """The YAML library's Python parser, used only to find deep nesting."""


def _first_too_deep(loader: Any) -> Any:
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        # The composer reports syntax errors with their position.
        if _library_depth_limit(exc):
            return _LibraryLimit(getattr(getattr(exc, "problem_mark", None), "index", 0) or 0)
        return None
    finally:
        loader.dispose()
    return None


_REFUSED = object()
_USE_LIBRARY = object()
_STR_TAG = _SAFE_TAG_PREFIX + "str"
_SEQ_TAG = _SAFE_TAG_PREFIX + "seq"
_MAP_TAG = _SAFE_TAG_PREFIX + "map"
_NULL_TAG = _SAFE_TAG_PREFIX + "null"
_BOOL_TAG = _SAFE_TAG_PREFIX + "bool"
_MERGE_TAG = _SAFE_TAG_PREFIX + "merge"
_SCALAR = yaml.ScalarNode


class _Merge(Exception):
    """A merge key (``<<``): the YAML library's own constructor handles the document."""


class _Refuse(Exception):
    """The document is refused; the problem is already recorded."""


class _Builder:
    """Builds values from composed nodes in one pass, with the loader's safety checks.

    Plain strings, lists and mappings (nearly all front matter) are built directly; other
    safe scalars go through the YAML library's safe constructor. On the way it reports
    duplicate keys and unsafe tags, and refuses recursive aliases, nesting deeper than
    ``MAX_DEPTH`` and documents that would expand to more than ``MAX_NODES`` values.
    """

    def __init__(self, open_line: int, problems: list[LoadProblem]) -> None:
        self.open_line = open_line
        self.problems = problems
        self.memo: dict[int, tuple[Any, int]] = {}
        self.active: set[int] = set()
        self.unsafe = False
        self._constructor: yaml.constructor.SafeConstructor | None = None

    def document(self, root: Any) -> Any:
        try:
            value, _ = self.build(root, 1)
        except _Merge:
            return _USE_LIBRARY
        except _Refuse:
            return _REFUSED
        return _REFUSED if self.unsafe else value

    def refuse(self, problem: LoadProblem) -> _Refuse:
        self.problems.append(problem)
        return _Refuse()

    def scalar(self, node: Any) -> Any:
        if self._constructor is None:
            self._constructor = yaml.constructor.SafeConstructor()
        return self._constructor.construct_object(node, deep=True)

    def build(self, node: Any, depth: int) -> tuple[Any, int]:
        # Plain strings are most of front matter: no memo or bookkeeping for them.
        if node.tag == _STR_TAG and node.__class__ is _SCALAR:
            return node.value, 1
        ident = id(node)
        known = self.memo.get(ident)
        if known is not None:
            return known
        if ident in self.active:
            raise self.refuse(
                LoadProblem(
                    TOO_COMPLEX,
                    "front matter refers to itself through an alias; not read",
                    _mark_span(node.start_mark, node.start_mark, self.open_line),
                )
            )
        if depth > MAX_DEPTH:
            raise self.refuse(_too_deep_problem(node.start_mark, self.open_line))
        tag = node.tag
        kind = node.__class__
        size = 1
        if tag not in _SAFE_TAGS:
            self.problems.append(_unsafe_tag_problem(node, tag, self.open_line))
            self.unsafe = True
            value: Any = None
        elif kind is _SCALAR:
            value = None if tag == _NULL_TAG else self.scalar(node)
        elif tag == _SEQ_TAG:
            self.active.add(ident)
            value = []
            append = value.append
            for child in node.value:
                if child.tag == _STR_TAG and child.__class__ is _SCALAR:
                    append(child.value)
                    size += 1
                else:
                    item, item_size = self.build(child, depth + 1)
                    append(item)
                    size += item_size
            self.active.discard(ident)
        elif tag == _MAP_TAG:
            self.active.add(ident)
            value, size = self.mapping(node, depth)
            self.active.discard(ident)
        else:
            value = self.scalar(node)
        if size > MAX_NODES:
            raise self.refuse(_too_many_problem(node, self.open_line))
        self.memo[ident] = (value, size)
        return value, size

    def mapping(self, node: Any, depth: int) -> tuple[dict[Any, Any], int]:
        value: dict[Any, Any] = {}
        size = 1
        for key_node, value_node in node.value:
            if key_node.tag == _STR_TAG and key_node.__class__ is _SCALAR:
                key = key_node.value
                size += 1
            else:
                if key_node.tag == _MERGE_TAG:
                    raise _Merge()
                key, key_size = self.build(key_node, depth + 1)
                size += key_size
                try:
                    hash(key)
                except TypeError:
                    raise TypeError("a list or mapping cannot be a key") from None
            if key in value and key_node.__class__ is _SCALAR:
                self.duplicate(node, key_node)
            if value_node.tag == _STR_TAG and value_node.__class__ is _SCALAR:
                value[key] = value_node.value
                size += 1
            else:
                value[key], item_size = self.build(value_node, depth + 1)
                size += item_size
        return value, size

    def duplicate(self, node: Any, key_node: Any) -> None:
        first_node = next(
            k for k, _ in node.value if k.__class__ is _SCALAR and k.value == key_node.value
        )
        self.problems.append(_duplicate_problem(key_node, first_node, self.open_line))


def _yaml_hint(reason: str) -> str | None:
    if "mapping values are not allowed" in reason:
        return "quote a value that contains ': ' (e.g. title: \"Q: what next?\")"
    if "found character '\\t'" in reason:
        return "indent with spaces"
    if "expected <block end>" in reason:
        return "check the indentation of this line and the one above"
    return None


def _check_nodes(root: Any, open_line: int, problems: list[LoadProblem]) -> bool:
    """Refuse unsafe tags, alias bombs and deep nesting; report duplicate keys."""
    ok = True
    expanded: dict[int, int] = {}
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    visited: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        ident = id(node)
        if done:
            size = 1
            if isinstance(node, yaml.SequenceNode):
                size += sum(expanded.get(id(child), 1) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                size += sum(expanded.get(id(k), 1) + expanded.get(id(v), 1) for k, v in node.value)
            expanded[ident] = size
            if size > MAX_NODES:
                problems.append(_too_many_problem(node, open_line))
                return False
            continue
        if ident in visited:
            continue
        visited.add(ident)
        if depth > MAX_DEPTH:
            problems.append(_too_deep_problem(node.start_mark, open_line))
            return False
        tag = node.tag or ""
        if tag not in _SAFE_TAGS:
            problems.append(_unsafe_tag_problem(node, tag, open_line))
            ok = False
        stack.append((node, depth, True))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1, False) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen and key.tag != _MERGE_TAG:
                        problems.append(_duplicate_problem(key, seen[key.value], open_line))
                    seen.setdefault(key.value, key)
                stack.append((key, depth + 1, False))
                stack.append((value, depth + 1, False))
    return ok


def _scalar_end(node: Any, block: str) -> tuple[int, int, int]:
    """End index, line and column of a node, without a block scalar's trailing newlines."""
    end = node.end_mark.index
    start = node.start_mark.index
    trimmed = block[start:end].rstrip("\r\n \t")
    end = start + len(trimmed)
    line = block.count("\n", 0, end)
    column = end - (block.rfind("\n", 0, end) + 1)
    return end, line, column


def yaml_locations(root: Any, block: str, offset: int) -> dict[str, Location]:
    result: dict[str, Location] = {}

    def visit(node: Any, prefix: str, depth: int) -> None:
        if depth > 2:
            return
        if isinstance(node, yaml.MappingNode):
            pairs = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
            # A key written twice is placed where its value wins: the last time.
            last = {key.value: index for index, (key, _) in enumerate(pairs)}
            for index, (key, value) in enumerate(pairs):
                path = f"{prefix}{key.value}"
                if last[key.value] != index or path in result:
                    continue
                result[path] = node_location(key, value, block, offset)
                visit(value, path + ".", depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                path = f"{prefix}{index}"
                result[path] = node_location(item, item, block, offset)
                visit(item, path + ".", depth + 1)

    visit(root, "", 0)
    return result


def node_location(key: Any, value: Any, block: str, offset: int) -> Location:
    _, end_line, end_column = _scalar_end(value, block)
    start = value.start_mark
    value_span = Span(
        start.line + offset + 1, start.column + 1, end_line + offset + 1, end_column + 1
    )
    source = style = None
    if isinstance(value, yaml.ScalarNode):
        style = value.style or ""
        source = block[start.index : value.end_mark.index]
    return Location(_mark_span(key.start_mark, key.end_mark, offset), value_span, source, style)
