"""Build an issue: from a window (selection, checks, ordering) or from a reviewed manifest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom_cli.article import Article, ArticleReadError
from newsroom_cli.errors import ExitCode, NewsroomError
from newsroom_cli.roundup.assemble import (
    Placement,
    RoundupIssue,
    content_hash,
    fill_template,
    issue_values,
    newest_first,
    section_order,
    shape_issue,
)
from newsroom_cli.roundup.manifest import (
    Manifest,
    ManifestItem,
    check_issue_number,
    manifest_path,
    next_issue,
    read_manifest,
)
from newsroom_cli.roundup.select import (
    PUBLISHED,
    Exclusion,
    article_errors,
    load_listed,
    relative_path,
    select_articles,
)
from newsroom_cli.window import Window

if TYPE_CHECKING:
    from newsroom_cli.config import Config


@dataclass(frozen=True)
class ArticleProblem:
    """A validation error in an article the issue would include."""

    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


class InvalidArticles(NewsroomError):
    """Selected articles have errors; the issue is not built (exit 1)."""

    def __init__(self, problems: list[ArticleProblem]) -> None:
        count = len({p.path for p in problems})
        super().__init__(
            f"{count} selected article{'s' if count != 1 else ''} "
            f"{'have' if count != 1 else 'has'} errors; no round-up built",
            hint="fix them",
            exit_code=ExitCode.PROBLEMS,
            bypass="allow_invalid",
        )
        self.problems = problems


class EmptyIssue(NewsroomError):
    """No published article falls in the window; the issue is not built (exit 1)."""

    def __init__(self, *, window: str) -> None:
        super().__init__(
            f"no published articles in {window}; nothing to send",
            exit_code=ExitCode.PROBLEMS,
            bypass="allow_empty",
        )
        self.window = window


class ManifestFixes(NewsroomError):
    """The week's manifest exists and fixes what was ``given`` (issue, subject, preheader);
    ``fresh`` builds from the week's articles instead."""

    def __init__(self, *, manifest: str, given: tuple[str, ...]) -> None:
        super().__init__(
            f"{manifest} exists and fixes the issue number, subject and preheader",
            hint=f"edit the manifest instead of giving {', '.join(given)}",
            bypass="fresh",
        )
        self.manifest = manifest
        self.given = given


@dataclass
class Build:
    """An assembled issue, the manifest that reproduces it, and what the editor should know."""

    issue: RoundupIssue
    manifest: Manifest
    warnings: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    problems: list[ArticleProblem] = field(default_factory=list)
    source: Path | None = None


def _problem(path: str, raw: Any) -> ArticleProblem:
    line = getattr(raw, "line", None)
    if line is None:
        span = getattr(raw, "span", None)
        line = getattr(span, "line", 1)
    return ArticleProblem(
        path, int(line or 1), str(getattr(raw, "code", "")), str(getattr(raw, "message", raw))
    )


def _check(
    config: Config, placements: list[Placement], allow_invalid: bool
) -> list[ArticleProblem]:
    problems = [
        _problem(p.path, raw) for p in placements for raw in article_errors(config, p.article)
    ]
    if problems and not allow_invalid:
        raise InvalidArticles(problems)
    return problems


def _empty(window: Window, allow_empty: bool, placements: list[Placement]) -> None:
    if not placements and not allow_empty:
        raise EmptyIssue(window=window.describe())


def _intro_text(config: Config, intro: Path | None) -> str | None:
    if intro is None:
        return None
    path = intro if intro.is_absolute() else config.root / intro
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NewsroomError(f"{intro}: no such intro file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsroomError(f"{intro}: cannot read the intro ({exc})") from None


def _intro_reference(config: Config, intro: Path | None) -> str | None:
    if intro is None:
        return None
    absolute = intro if intro.is_absolute() else config.root / intro
    try:
        return absolute.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return str(absolute.resolve())


def _featured(article: Article) -> bool:
    return article.get("featured") is True


@dataclass(frozen=True, kw_only=True)
class BuildOptions:
    """How an issue is built, as one value (the same for every way of building one).

    ``intro`` is a Markdown file (a relative path is read from the project root).
    ``issue``, ``subject`` and ``preheader`` replace the numbered, configured ones (a
    manifest fixes them: building from one refuses them unless ``fresh``). Errors in the
    selected articles refuse the build unless ``allow_invalid``, an empty window unless
    ``allow_empty``. ``date`` is the issue's date (default: now); ``language`` keeps the
    articles in that language, by the archive's conventions: one issue never mixes them.
    """

    intro: Path | None = None
    issue: int | None = None
    subject: str | None = None
    preheader: str | None = None
    allow_invalid: bool = False
    allow_empty: bool = False
    date: dt.datetime | None = None
    language: str | None = None
    fresh: bool = False


DEFAULT_OPTIONS = BuildOptions()


def build_from_window(
    config: Config, window: Window, options: BuildOptions = DEFAULT_OPTIONS
) -> Build:
    """Select the window's published articles, check them, order them and shape the issue.

    Raises :class:`InvalidArticles` (exit 1) for errors in selected articles and
    :class:`EmptyIssue` (exit 1) for an empty window, unless the options allow them.
    """
    intro, issue, subject, preheader = (
        options.intro,
        options.issue,
        options.subject,
        options.preheader,
    )
    allow_invalid, allow_empty, date, language = (
        options.allow_invalid,
        options.allow_empty,
        options.date,
        options.language,
    )
    selection = select_articles(config, window, language=language)
    keys = [key for key, _ in section_order(config)]
    placements: list[Placement] = []
    excluded = list(selection.excluded)
    for article in selection.articles:
        path = relative_path(config, article.path) if article.path else "<unknown>"
        section = article.section
        if not isinstance(section, str):
            excluded.append(
                Exclusion(
                    path,
                    "no section (write one, or set [conventions.section] default in newsroom.toml)",
                )
            )
            continue
        if section not in keys:
            excluded.append(Exclusion(path, f"section {section!r} is not in the round-up"))
            continue
        placements.append(Placement(article, path, section, featured=_featured(article)))
    ordered: list[Placement] = []
    zone = config.tz
    for key in keys:
        ordered.extend(newest_first([p for p in placements if p.section == key], zone))
    problems = _check(config, ordered, allow_invalid)
    _empty(window, allow_empty, ordered)
    target = manifest_path(config, window, language)
    if issue is None:
        number = next_issue(config, target, window, language)
    else:
        check_issue_number(config, issue, target, language)
        number = issue
    values = issue_values(config, window, number, language)
    manifest = Manifest(
        window=window,
        issue=number,
        subject=subject if subject is not None else fill_template(config.roundup.subject, values),
        preheader=preheader
        if preheader is not None
        else fill_template(config.roundup.preheader, values),
        items=tuple(ManifestItem(p.path, p.section, content_hash(p.article.raw)) for p in ordered),
        excluded=tuple(sorted(excluded, key=lambda e: e.path)),
        intro=_intro_reference(config, intro),
        language=language,
    )
    _check_one_line(manifest)
    built = shape_issue(
        config,
        window=window,
        issue=number,
        subject=manifest.subject,
        preheader=manifest.preheader,
        intro=_intro_text(config, intro),
        placements=ordered,
        date=date,
        language=language,
    )
    warnings = [f"{path}: cannot be read; skipped" for path in selection.unreadable]
    return Build(built, manifest, warnings=warnings, problems=problems)


def _check_one_line(manifest: Manifest) -> None:
    for name, value in (("subject", manifest.subject), ("preheader", manifest.preheader)):
        if "\r" in value or "\n" in value:
            raise NewsroomError(
                f"the {name} must be one line; it contains a line break",
                hint="line breaks in e-mail headers are refused",
            )


def build_from_manifest(
    config: Config,
    manifest: Manifest,
    options: BuildOptions = DEFAULT_OPTIONS,
    *,
    warn_unlisted: bool = True,
) -> Build:
    """Build the issue a manifest describes, in its order, and report what changed.

    ``changed`` lists the articles whose bytes differ from the hash the manifest recorded;
    warnings name each stale entry (changed, no longer published, moved out of the window,
    deleted: a deleted file is left out) and published pieces of the window that the
    manifest does not mention (a search of the whole archive, skipped when not
    ``warn_unlisted``).
    """
    intro, allow_invalid, allow_empty = options.intro, options.allow_invalid, options.allow_empty
    date, language = options.date, options.language
    keys = [key for key, _ in section_order(config)]
    placements: list[Placement] = []
    warnings: list[str] = []
    changed: list[str] = []
    # The manifest's language wins; one written before languages were recorded is the
    # language asked for (the publication's by default).
    language = manifest.language or language
    for index, item in enumerate(manifest.items):
        path = config.root / item.path
        if not path.exists() and not path.is_symlink():
            warnings.append(
                f"{item.path}: listed in the manifest but the file is gone; left out "
                "(delete the item or restore the file)"
            )
            continue
        try:
            article = load_listed(config, path)
        except ArticleReadError as exc:
            raise NewsroomError(
                f"manifest items[{index}]: {exc.message}", hint="fix the path or delete the item"
            ) from None
        section = item.section or article.section
        if not isinstance(section, str) or section not in keys:
            raise NewsroomError(
                f"manifest items[{index}] ({item.path}): section {section!r} is not in the "
                "round-up",
                hint=f"use one of: {', '.join(keys)}",
            )
        if item.hash is not None and item.hash != content_hash(article.raw):
            changed.append(item.path)
            warnings.append(
                f"{item.path} changed since the manifest was written; the issue shows its "
                "current text"
            )
        when = article.date(config.tz)
        if when is not None and not manifest.window.contains(when):
            warnings.append(
                f"{item.path}: dated {when.date().isoformat()}, outside "
                f"{manifest.window.label}; included because the manifest lists it"
            )
        if article.status != PUBLISHED:
            warnings.append(
                f"{item.path}: status is {article.status or 'missing'}, "
                "included because the manifest lists it"
            )
        placements.append(
            Placement(article, item.path, section, pinned=item.pinned, featured=_featured(article))
        )
    listed = {item.path for item in manifest.items} | {e.path for e in manifest.excluded}
    unlisted = (
        select_articles(config, manifest.window, language=language).articles
        if warn_unlisted
        else []
    )
    for article in unlisted:
        where = relative_path(config, article.path) if article.path else ""
        if where and where not in listed:
            warnings.append(
                f"{where}: published in the window but not in the manifest; "
                "add it to [[items]] to include it"
            )
    problems = _check(config, placements, allow_invalid)
    _empty(manifest.window, allow_empty, placements)
    _check_one_line(manifest)
    intro_text = (
        _intro_text(config, intro)
        if intro is not None
        else (_intro_text(config, Path(manifest.intro)) if manifest.intro else None)
    )
    built = shape_issue(
        config,
        window=manifest.window,
        issue=manifest.issue,
        subject=manifest.subject,
        preheader=manifest.preheader,
        intro=intro_text,
        placements=placements,
        date=date,
        language=language,
    )
    return Build(
        built,
        manifest,
        warnings=warnings,
        changed=changed,
        problems=problems,
        source=manifest.path,
    )


def build_issue(config: Config, window: Window, options: BuildOptions = DEFAULT_OPTIONS) -> Build:
    """Build ``window``'s issue: from its reviewed manifest (``roundups/<week>.toml``) when
    there is one, else from the window's articles; ``options.fresh`` ignores the manifest.

    With a manifest, an ``issue``, ``subject`` or ``preheader`` is refused
    (:class:`ManifestFixes`): the manifest fixes them. ``Build.source`` names the manifest
    used.
    """
    target = manifest_path(config, window, options.language)
    if not options.fresh and target.is_file():
        given = tuple(
            name
            for name, value in (
                ("issue", options.issue),
                ("subject", options.subject),
                ("preheader", options.preheader),
            )
            if value is not None
        )
        if given:
            raise ManifestFixes(manifest=target.name, given=given)
        return build_from_manifest(config, read_manifest(target), options)
    return build_from_window(config, window, options)
