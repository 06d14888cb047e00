"""Print (or store) teasers that fit each channel: meta, og, x, bluesky, mastodon, newsletter.

With one file and one target the teaser alone is printed, so `$(newsroom teaser FILE)` works.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsroom_cli.cli.app import check_paths, state
from newsroom_cli.errors import NewsroomError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newsroom_cli.article import Article
    from newsroom_cli.config import TargetConfig
    from newsroom_cli.schema import Schema
    from newsroom_cli.teaser import Teaser

DEFAULT_TARGET = "newsletter"


def _targets(available: Mapping[str, TargetConfig], names: list[str], every: bool) -> list[str]:
    if every:
        return list(available)
    chosen = names or [DEFAULT_TARGET]
    for name in chosen:
        if name not in available:
            raise NewsroomError(
                f"unknown teaser target {name!r}", hint=f"known: {', '.join(available)}"
            )
    return list(dict.fromkeys(chosen))


def _load(files: list[Path], schema: Schema) -> list[tuple[str, Article]]:
    from newsroom_cli.article import load_article, parse_article

    loaded: list[tuple[str, Article]] = []
    for file in files:
        if str(file) == "-":
            data = typer.get_binary_stream("stdin").read()
            if not data.strip():
                raise NewsroomError(
                    "standard input is empty", hint="pipe an article into newsroom teaser -"
                )
            article = parse_article(data, schema=schema)
            loaded.append(("-", article))
            continue
        article = load_article(file, schema=schema)
        if not article.readable:
            # Say why: a syntax error, an unterminated block, no front matter, bad bytes...
            problem = next((p for p in article.problems if p.severity == "error"), None)
            if problem is None:
                raise NewsroomError(f"{file}: front matter cannot be read")
            raise NewsroomError(
                f"{file}:{problem.span.line}: {problem.message}",
                hint=problem.hint or "run newsroom validate on the file",
            )
        loaded.append((str(file), article))
    return loaded


def teaser_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files; - reads one article from stdin.", metavar="[FILES|-]..."
        ),
    ] = None,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            "-t",
            metavar="NAME",
            help="Target: meta, og, x, bluesky, mastodon, newsletter (default) or one from "
            "newsroom.toml. Repeat for several.",
        ),
    ] = None,
    all_targets: Annotated[
        bool, typer.Option("--all-targets", help="One teaser per configured target.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            min=1,
            help="Budget in the target's unit, replacing its limit and reserve.",
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="Output: text or json.")
    ] = "text",
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Store the teaser in front matter (key teaser.key of "
            "newsroom.toml); nothing else in the file changes.",
        ),
    ] = False,
) -> None:
    """Print teasers that fit each channel's budget, cut where a copy editor would cut."""
    from newsroom_cli.teaser import make_teaser
    from newsroom_cli.teaser.generate import with_limit

    if output_format not in ("text", "json"):
        raise NewsroomError(f"--format {output_format!r}: expected text or json")
    st = state(ctx)
    check_paths(st, files)
    config = st.config
    settings = config.teaser
    names = _targets(settings.targets, target or [], all_targets)
    paths = files or []
    if not paths:
        raise NewsroomError("no files given", hint="name article files, or - for stdin")
    if write and any(str(path) == "-" for path in paths):
        raise NewsroomError("--write cannot store into stdin", hint="name the file instead")
    if write and len(names) > 1 and "{target}" not in settings.key:
        raise NewsroomError(
            f"--write with several targets would store them all in {settings.key!r}",
            hint='set teaser.key = "teasers.{target}" in newsroom.toml',
        )

    articles = _load(paths, config.schema)
    teasers: list[tuple[str, Teaser]] = []
    for shown, article in articles:
        for name in names:
            budget = settings.targets[name]
            if limit is not None:
                budget = with_limit(budget, limit)
            teaser = make_teaser(
                article, budget, key=settings.key, strip_datelines=settings.strip_datelines
            )
            display = shown if shown == "-" else st.display_path(Path(shown))
            teasers.append((display, teaser))

    if write:
        _write(teasers, settings.key, config.schema)

    if output_format == "json":
        typer.echo(
            json.dumps([t.as_dict(path) for path, t in teasers], ensure_ascii=False, indent=2)
        )
        return
    if len(teasers) == 1:
        typer.echo(teasers[0][1].text)
        return
    blocks = [f"{path} [{t.target}]\n{t.text}" for path, t in teasers]
    typer.echo("\n\n".join(blocks))


def _write(teasers: list[tuple[str, Teaser]], key: str, schema: Schema) -> None:
    from newsroom_cli.teaser.generate import override_key
    from newsroom_cli.writer import edit_article

    for display, teaser in teasers:
        if teaser.path is None or not teaser.text:
            continue
        field = override_key(key, teaser.target)
        edit = edit_article(teaser.path, {field: teaser.text}, schema=schema)
        verb = "wrote" if edit.changed else "unchanged"
        typer.echo(f"{verb} {field} in {display}", err=True)
