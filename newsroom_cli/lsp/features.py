"""What the language server answers, computed from an editor's text and the project.

Diagnostics come from the one validate entry (:func:`newsroom_cli.rules.runner.check_text`);
quick fixes from :mod:`newsroom_cli.fix` and the writer's minimal edits. Nothing here
speaks the protocol's transport: the server module (pygls) wires these to requests.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types

from newsroom_cli.article import Article, parse_article
from newsroom_cli.config import Config
from newsroom_cli.errors import ConfigError, NewsroomError
from newsroom_cli.lsp.index import ArchiveIndex
from newsroom_cli.lsp.text import Lines, minimal_edit
from newsroom_cli.rules.base import Problem
from newsroom_cli.schema import RESERVED_KEYS, Field

SOURCE = "newsroom"
MISSING_REQUIRED = "NR201"
_DID_YOU_MEAN = re.compile(r"did you mean ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\?")


class Project:
    """One project under edit: its configuration (or why it is broken) and archive index."""

    def __init__(self, root: Path, config: Config | None, error: ConfigError | None) -> None:
        self.root = root
        self.config = config
        self.error = error
        self.index: ArchiveIndex | None = (
            ArchiveIndex(config, self.display) if config is not None else None
        )

    @classmethod
    def load(cls, start: Path) -> Project:
        """The project whose configuration is the nearest above ``start`` (defaults if none)."""
        from newsroom_cli.config import find_config, read_config

        found = find_config(start)
        if found is None:
            return cls(start, Config(root=start), None)
        try:
            return cls(found.parent.resolve(), read_config(found), None)
        except ConfigError as exc:
            return cls(found.parent.resolve(), None, exc)

    @property
    def config_path(self) -> Path | None:
        """The configuration file in use, if any."""
        if self.config is not None:
            return self.config.path
        return Path(self.error.file) if self.error is not None and self.error.file else None

    def display(self, path: str) -> str:
        """A path as ``validate`` run at the project's root names it."""
        absolute = os.path.abspath(path)
        try:
            return Path(absolute).relative_to(self.root).as_posix()
        except ValueError:
            relative = os.path.relpath(absolute, self.root)
            return relative if not relative.startswith("../../..") else absolute


def encode(text: str) -> bytes:
    """The bytes of an editor's text (lone surrogates kept, for the loader to refuse)."""
    return text.encode("utf-8", "surrogatepass")


def check(
    project: Project, path: str | None, text: str, *, now: dt.datetime | None = None
) -> list[Problem]:
    """The problems ``validate`` reports for ``text`` at ``path`` (cross-file ones when the
    archive index is there)."""
    from newsroom_cli.rules.runner import check_text

    assert project.config is not None
    index = project.index

    def others(identity: Any) -> Any:
        return index.others(path, identity) if index is not None else ()

    problems, _ = check_text(
        project.config,
        encode(text),
        path,
        others=others,
        display=project.display(path) if path is not None else None,
        now=now,
    )
    return problems


def rule_link(code: str, base: str | None) -> types.CodeDescription | None:
    """Where a rule's documentation is, for the diagnostic's code link."""
    if not base:
        return None
    return types.CodeDescription(href=f"{base}#{code.lower()}")


def diagnostic(problem: Problem, lines: Lines, docs: str | None) -> types.Diagnostic:
    """A problem as an LSP diagnostic (the hint after the message, as ``validate`` prints)."""
    from newsroom_cli.article import Span

    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    span = Span(problem.line, problem.column, problem.end_line, problem.end_column)
    return types.Diagnostic(
        range=lines.range(span),
        message=message,
        severity=(
            types.DiagnosticSeverity.Error
            if problem.severity == "error"
            else types.DiagnosticSeverity.Warning
        ),
        code=problem.code,
        code_description=rule_link(problem.code, docs),
        source=SOURCE,
        data={"field": problem.field},
    )


def config_diagnostic(error: ConfigError, docs: str | None = None) -> types.Diagnostic:
    """A broken configuration as one diagnostic at the top of ``newsroom.toml``."""
    message = error.message + (f" ({error.hint})" if error.hint else "")
    line = 0
    found = re.search(r"at line (\d+)", message)
    if found:
        line = max(int(found.group(1)) - 1, 0)
    return types.Diagnostic(
        range=types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def internal_diagnostic(exc: BaseException) -> types.Diagnostic:
    """What a document shows when checking it failed: the server keeps running."""
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=f"newsroom could not check this file: {type(exc).__name__}: {exc}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


# ---- front matter context --------------------------------------------------------------

_YAML_KEY = re.compile(r"^([A-Za-z0-9_][\w.-]*)?$")
_YAML_PAIR = re.compile(r"^(?P<key>[^\s:#'\"][^:#]*?|'[^']*'|\"[^\"]*\")\s*:(?:\s+|$)")
_TOML_PAIR = re.compile(r"^(?P<key>[A-Za-z0-9_-]+|\"[^\"]*\")\s*=\s*")
_JSON_PAIR = re.compile(r"^\s*\"(?P<key>(?:[^\"\\]|\\.)*)\"\s*:\s*")


def _parse(project: Project, path: str | None, text: str) -> Article:
    assert project.config is not None
    return parse_article(
        encode(text), path=Path(path) if path else None, schema=project.config.schema
    )


def _in_front_matter(article: Article, line: int) -> bool:
    """Whether 0-based ``line`` is inside the front-matter block (between the delimiters)."""
    if article.format is None or article.open_line is None:
        return False
    first = article.open_line  # 1-based line of the opener = 0-based line after it
    if article.format == "json":
        first -= 1
    last = (article.close_line - 1) if article.close_line is not None else 10**9
    return first <= line < last or (article.format == "json" and line == last)


def _parent_key(lines: Lines, line: int, fmt: str) -> str | None:
    """The top-level key a continuation line (a YAML list item) belongs to."""
    if fmt != "yaml":
        return None
    for index in range(line - 1, -1, -1):
        text = lines.line(index)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if text[0] in " \t-":
            continue
        found = _YAML_PAIR.match(text)
        return found.group("key").strip("'\"") if found else None
    return None


@dataclass(frozen=True)
class Place:
    """Where the cursor is in the front matter: a key being typed, or a key's value."""

    kind: str  # "key" or "value"
    key: str | None
    start: int  # code-point column where the replaced word starts
    word: str
    quoted: bool


def place_at(article: Article, lines: Lines, position: types.Position) -> Place | None:
    """What the cursor is on, when it is in the front matter."""
    if not _in_front_matter(article, position.line):
        return None
    fmt = article.format or "yaml"
    column = lines.column(position)
    before = lines.line(position.line)[:column]
    if fmt == "yaml":
        found = _YAML_PAIR.match(before)
        if found is None:
            stripped = before.lstrip()
            if stripped.startswith("- ") or stripped == "-":
                key = _parent_key(lines, position.line, fmt)
                return _value_place(key, before, len(before) - len(stripped) + 1)
            if before == before.lstrip() and _YAML_KEY.match(before):
                return Place("key", None, 0, before, False)
            return None
        key = found.group("key").strip().strip("'\"")
        if before[: found.start("key")].strip():
            return None
        return _value_place(key, before, found.end())
    pair = (_TOML_PAIR if fmt == "toml" else _JSON_PAIR).match(before)
    if pair is None:
        stripped = before.strip()
        if fmt == "toml" and re.fullmatch(r"[A-Za-z0-9_-]*", stripped):
            return Place("key", None, len(before) - len(stripped), stripped, False)
        if fmt == "json" and re.fullmatch(r"\"?[A-Za-z0-9_-]*", stripped):
            return Place("key", None, len(before) - len(stripped), stripped, False)
        return None
    return _value_place(pair.group("key"), before, pair.end())


def _value_place(key: str | None, before: str, value_start: int) -> Place:
    rest = before[value_start:]
    # Inside a flow list, the item being typed starts after the last bracket or comma.
    cut = max(rest.rfind("["), rest.rfind(","))
    start = value_start + cut + 1 if cut >= 0 else value_start
    word = before[start:]
    stripped = word.lstrip()
    start += len(word) - len(stripped)
    quoted = stripped[:1] in ("'", '"')
    return Place("value", key, start, stripped, quoted)


# ---- completion ------------------------------------------------------------------------


def completion(
    project: Project, path: str | None, text: str, position: types.Position, encoding: str
) -> list[types.CompletionItem]:
    """Keys from the schema in the front matter; values for the field under the cursor."""
    if project.config is None:
        return []
    config = project.config
    lines = Lines(text, encoding)
    article = _parse(project, path, text)
    place = place_at(article, lines, position)
    if place is None:
        return []
    start = types.Position(position.line, lines.units(position.line, place.start))
    replace = types.Range(start, position)
    if place.kind == "key":
        return _key_items(config, article, lines, replace, article.format or "yaml")
    canonical = config.schema.canonical(place.key or "") or place.key
    field = config.schema.get(canonical or "")
    if field is None:
        return []
    items = _value_items(config, article, lines, field, place)
    fmt = article.format or "yaml"
    completions = []
    for rank, (value, detail) in enumerate(items):
        rendered = _render_value(value, fmt, place)
        completions.append(
            types.CompletionItem(
                label=value,
                kind=types.CompletionItemKind.Value,
                detail=detail,
                sort_text=f"{rank:05d}",
                filter_text=place.word if place.word and field.name == "tags" else None,
                text_edit=types.TextEdit(replace, rendered),
            )
        )
    return completions


_TOP_KEY = re.compile(r"""^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s:#=][^:=]*?))\s*[:=]""")


def _written_keys(article: Article, lines: Lines) -> set[str]:
    """The top-level keys in the block, read from the lines (the YAML may be half-typed)."""
    keys = set(article.front_matter)
    if article.open_line is None:
        return keys
    last = (article.close_line - 1) if article.close_line is not None else len(lines.lines)
    indented = article.format == "json"
    for index in range(article.open_line, last):
        text = lines.line(index)
        if indented:
            text = text.strip()
        found = _TOP_KEY.match(text)
        if found is not None:
            keys.add(next(g for g in found.groups() if g is not None).strip())
    return keys


def _key_items(
    config: Config, article: Article, lines: Lines, replace: types.Range, fmt: str
) -> list[types.CompletionItem]:
    present = _written_keys(article, lines)
    items = []
    rank = 0
    for field in config.schema:
        for spelling in (field.name, *field.aliases):
            if spelling in present:
                continue
            alias = spelling != field.name
            if fmt == "toml":
                insert = f"{spelling} = "
            elif fmt == "json":
                insert = f'"{spelling}": '
            else:
                insert = f"{spelling}: "
            items.append(
                types.CompletionItem(
                    label=spelling,
                    kind=types.CompletionItemKind.Field,
                    detail=f"{field.type}{', required' if field.required else ''}"
                    + (f" (alias of {field.name})" if alias else ""),
                    documentation=field.description or None,
                    sort_text=f"{0 if field.required else 1}{rank:04d}{1 if alias else 0}",
                    text_edit=types.TextEdit(replace, insert),
                )
            )
            rank += 1
    for key in RESERVED_KEYS:
        if key not in present:
            insert = f"{key} = " if fmt == "toml" else f'"{key}": ' if fmt == "json" else f"{key}: "
            items.append(
                types.CompletionItem(
                    label=key,
                    kind=types.CompletionItemKind.Property,
                    sort_text=f"2{rank:04d}",
                    text_edit=types.TextEdit(replace, insert),
                )
            )
            rank += 1
    return items


def rank_near(word: str, choices: Iterable[str]) -> list[str]:
    """Choices ordered for what was typed: prefix matches, then by likeness (did you mean)."""
    import difflib

    options = list(dict.fromkeys(choices))
    typed = word.strip("'\"").casefold()
    if not typed:
        return options

    def score(option: str) -> tuple[int, float, str]:
        folded = option.casefold()
        if folded.startswith(typed):
            return (0, 0.0, folded)
        if typed in folded:
            return (1, 0.0, folded)
        return (2, -difflib.SequenceMatcher(None, typed, folded).ratio(), folded)

    return sorted(options, key=score)


def _title(config: Config, article: Article, lines: Lines) -> str:
    """The headline, read from the lines when the front matter does not parse (yet)."""
    if article.title.strip() or article.open_line is None:
        return article.title.strip()
    title = config.schema.get("title")
    spellings = {"title", *(title.aliases if title else ())}
    last = (article.close_line - 1) if article.close_line is not None else len(lines.lines)
    for index in range(article.open_line, last):
        found = re.match(r"""^\s*"?([\w-]+)"?\s*[:=]\s*(.*?)\s*,?\s*$""", lines.line(index))
        if found and found.group(1) in spellings:
            return found.group(2).strip("'\"").strip()
    return ""


def _value_items(
    config: Config, article: Article, lines: Lines, field: Field, place: Place
) -> list[tuple[str, str | None]]:
    if field.name == "section":
        return [(s.key, s.label) for s in config.sections]
    if field.name == "authors":
        return [(a.key, a.name) for a in config.authors]
    if field.name == "tags":
        return [(tag, None) for tag in rank_near(place.word, config.tags or ())]
    if field.type == "date":
        from newsroom_cli.dates import format_iso

        now = format_iso(dt.datetime.now(config.tz))
        return [(now, f"now in {config.publication.timezone}")]
    if field.name == "slug":
        from newsroom_cli.scaffold import SLUG_MAX, slugify

        slug = slugify(_title(config, article, lines), field.max_length or SLUG_MAX)
        return [(slug, "from the title")] if slug else []
    if field.type == "boolean":
        return [("true", None), ("false", None)]
    return [(value, None) for value in field.allowed]


def _render_value(value: str, fmt: str, place: Place) -> str:
    import json

    if place.quoted:
        quote = place.word[0]
        return quote + value + quote
    if fmt == "json" or (fmt == "toml" and value not in ("true", "false")):
        return json.dumps(value, ensure_ascii=False)
    from newsroom_cli.writer import yaml_scalar

    if value in ("true", "false"):
        return value
    return yaml_scalar(value)


# ---- hover -----------------------------------------------------------------------------


def hover(
    project: Project,
    path: str | None,
    text: str,
    position: types.Position,
    encoding: str,
    problems: Sequence[Problem] = (),
) -> types.Hover | None:
    """The field under the cursor, the rules of diagnostics there, and teasers on teaser/dek."""
    if project.config is None:
        return None
    config = project.config
    lines = Lines(text, encoding)
    article = _parse(project, path, text)
    parts: list[str] = []
    found = _key_at(article, lines, position)
    if found is not None:
        key, _ = found
        canonical = config.schema.canonical(key) or key
        field = config.schema.get(canonical)
        if field is not None:
            parts.append(_field_doc(field, key))
            if field.name in ("teaser", "dek"):
                parts.append(_teasers(config, article))
    parts.extend(_rule_docs(problems, lines, position))
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts))
    )


def _key_at(
    article: Article, lines: Lines, position: types.Position
) -> tuple[str, types.Range] | None:
    if not _in_front_matter(article, position.line):
        return None
    for dotted, location in article.locations.items():
        if "." in dotted:
            continue
        whole = types.Range(
            lines.range(location.key).start,
            lines.range(location.value).end,
        )
        if _contains(whole, position):
            return dotted, whole
    return None


def _contains(area: types.Range, position: types.Position) -> bool:
    start, end = area.start, area.end
    after_start = (position.line, position.character) >= (start.line, start.character)
    before_end = (position.line, position.character) <= (end.line, end.character)
    return after_start and before_end


def _field_doc(field: Field, key: str) -> str:
    lines = [f"**{field.name}**" + (f" (written as `{key}`)" if key != field.name else "")]
    if field.description:
        lines.append(field.description)
    facts = [f"type: {field.type}", "required" if field.required else "optional"]
    if field.recommended:
        facts.append("recommended")
    if field.aliases:
        facts.append("aliases: " + ", ".join(f"`{a}`" for a in field.aliases))
    if field.allowed:
        facts.append("one of: " + ", ".join(f"`{a}`" for a in field.allowed))
    if field.min_length is not None or field.max_length is not None:
        facts.append(f"length: {field.min_length or 0} to {field.max_length or '…'}")
    if field.pattern:
        facts.append(f"pattern: `{field.pattern}`")
    lines.append("; ".join(facts))
    return "\n\n".join(lines)


def _teasers(config: Config, article: Article) -> str:
    from newsroom_cli.teaser.generate import make_teaser

    rows = ["| target | length | budget | source | teaser |", "|---|---|---|---|---|"]
    for target in config.teaser.targets.values():
        try:
            teaser = make_teaser(article, target, settings=config.teaser)
        except Exception as exc:  # a teaser that cannot be made must not hide the rest
            rows.append(f"| {target.name} | | | | cannot make a teaser: {type(exc).__name__} |")
            continue
        over = " over" if teaser.length > teaser.limit else ""
        cut = " (cut)" if teaser.truncated else ""
        shown = teaser.text.replace("|", "\\|").replace("\n", " ")
        rows.append(
            f"| {target.name} | {teaser.length}{over} | {teaser.limit} {teaser.unit} "
            f"| {teaser.source} | {shown}{cut} |"
        )
    return "**Teasers**, each from the first of its target's sources with text\n\n" + "\n".join(
        rows
    )


def _rule_docs(problems: Sequence[Problem], lines: Lines, position: types.Position) -> list[str]:
    from newsroom_cli.article import Span
    from newsroom_cli.rules.registry import BY_CODE

    shown: list[str] = []
    for problem in problems:
        span = Span(problem.line, problem.column, problem.end_line, problem.end_column)
        area = lines.range(span)
        if area.start == area.end:
            area = types.Range(area.start, types.Position(area.start.line + 1, 0))
        if not _contains(area, position):
            continue
        rule = BY_CODE.get(problem.code)
        if rule is None:
            continue
        entry = f"**{rule.code}** `{rule.name}` ({problem.severity}): {rule.summary}"
        if entry not in shown:
            shown.append(entry)
    return shown


# ---- code actions ----------------------------------------------------------------------


def code_actions(
    project: Project,
    uri: str,
    path: str | None,
    text: str,
    area: types.Range,
    encoding: str,
    problems: Sequence[Problem],
    docs: str | None = None,
) -> list[types.CodeAction]:
    """Quick fixes for the diagnostics in ``area`` and the safe fixes of ``newsroom fix``."""
    if project.config is None:
        return []
    config = project.config
    lines = Lines(text, encoding)
    article = _parse(project, path, text)
    actions: list[types.CodeAction] = []

    def action(
        title: str,
        edit: types.TextEdit | None,
        kind: str = types.CodeActionKind.QuickFix,
        about: list[types.Diagnostic] | None = None,
        preferred: bool = False,
    ) -> None:
        if edit is None:
            return
        actions.append(
            types.CodeAction(
                title=title,
                kind=kind,
                diagnostics=about,
                is_preferred=preferred or None,
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )

    here = [p for p in problems if _overlaps(lines, p, area)]
    for problem in here:
        about = [diagnostic(problem, lines, docs)]
        found = _DID_YOU_MEAN.search(problem.message)
        if found is not None:
            try:
                wanted = ast.literal_eval(found.group(1))
            except (ValueError, SyntaxError):
                wanted = None
            if isinstance(wanted, str):
                action(
                    f"Replace with {wanted!r}",
                    _replace_text(lines, problem, wanted),
                    about=about,
                    preferred=True,
                )
        if problem.code == MISSING_REQUIRED and problem.field:
            value = skeleton(config, article, problem.field)
            action(
                f"Add missing field {problem.field!r}",
                _planned(article, text, lines, {problem.field: value}),
                about=about,
            )
    from newsroom_cli.fix import plan_fixes

    fixes, _ = plan_fixes(article, config) if article.readable else ([], [])
    for item in fixes:
        field = config.schema.canonical(item.key) or item.key
        about = [diagnostic(p, lines, docs) for p in here if p.field == field]
        if not about and not _touches(article, item.key, area):
            continue  # offered where the key is (or would go), not on every line
        action(
            f"Fix {item.key}: {item.reason}",
            _planned(article, text, lines, {item.key: item.new}),
            about=about or None,
        )
    if len(fixes) > 1:
        action(
            "Apply all safe fixes (newsroom fix)",
            _planned(article, text, lines, {item.key: item.new for item in fixes}),
            kind=types.CodeActionKind.SourceFixAll,
        )
    return actions


def _touches(article: Article, key: str, area: types.Range) -> bool:
    """Whether ``area`` is on the lines of ``key``, or of the closing delimiter (where a
    missing key goes) or the headline (what a missing slug comes from)."""
    location = article.locations.get(key)
    spans = [location.key, location.value] if location is not None else []
    if location is None:
        if article.close_span is not None:
            spans.append(article.close_span)
        title = article.location("title")
        if title is not None:
            spans.append(title.key)
    first, last = area.start.line + 1, area.end.line + 1
    return any(span.line <= last and span.end_line >= first for span in spans)


def _overlaps(lines: Lines, problem: Problem, area: types.Range) -> bool:
    from newsroom_cli.article import Span

    span = lines.range(Span(problem.line, problem.column, problem.end_line, problem.end_column))
    start = (span.start.line, span.start.character)
    end = (span.end.line, span.end.character)
    return not (
        end < (area.start.line, area.start.character) or start > (area.end.line, area.end.character)
    )


def _replace_text(lines: Lines, problem: Problem, wanted: str) -> types.TextEdit:
    from newsroom_cli.article import Span

    area = lines.range(Span(problem.line, problem.column, problem.end_line, problem.end_column))
    old = lines.text[lines.offset(area.start) : lines.offset(area.end)]
    if len(old) >= 2 and old[0] in "'\"" and old[-1] == old[0]:
        wanted = old[0] + wanted + old[0]  # keep the quotes as written
    return types.TextEdit(area, wanted)


def _planned(
    article: Article, text: str, lines: Lines, changes: dict[str, Any]
) -> types.TextEdit | None:
    """The writer's edit for ``changes`` as one minimal text edit (``None`` if refused)."""
    from newsroom_cli.writer import plan_edit

    try:
        edit = plan_edit(article, changes)
    except (NewsroomError, ValueError):
        return None
    if not edit.changed:
        return None
    new = edit.new.decode("utf-8", "surrogatepass")
    if not text.startswith("\ufeff"):
        new = new.removeprefix("\ufeff")
    return minimal_edit(text, new, lines)


def skeleton(config: Config, article: Article, name: str) -> Any:
    """A value to start a missing field with: the default, the first choice, or now."""
    field = config.schema.get(name)
    if field is None:
        return ""
    if field.default is not None:
        return field.default
    if name == "section" and config.sections:
        return config.sections[0].key
    if field.allowed:
        return field.allowed[0]
    if field.type == "date":
        from newsroom_cli.dates import format_iso

        return format_iso(dt.datetime.now(config.tz))
    if name == "slug":
        from newsroom_cli.scaffold import SLUG_MAX, slugify

        return slugify(article.title.strip(), field.max_length or SLUG_MAX)
    if field.type == "list":
        return [config.authors[0].key] if name == "authors" and config.authors else []
    if field.type == "boolean":
        return False
    if field.type == "number":
        return 0
    if field.type == "mapping":
        return {key: "" for key in field.keys[:1]} if field.keys else {}
    return ""
