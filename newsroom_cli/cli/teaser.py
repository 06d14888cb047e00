"""Print (or store) teasers that fit each channel: meta, og, x, bluesky, mastodon, newsletter.

With one file and one target the teaser alone is printed, so `$(newsroom teaser FILE)` works.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsroom_cli.cli.app import check_paths, echo_error, state
from newsroom_cli.cli.options import TeaserFormat, format_option
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


def _load(
    files: list[Path], schema: Schema
) -> list[tuple[str, Article | None, NewsroomError | None]]:
    """Each file as (path, article, None), or (path, None, why) when it cannot be read.

    stdin that cannot be read stops the run (it is the only input); a file does not.
    """
    from newsroom_cli.article import load_article, parse_article

    loaded: list[tuple[str, Article | None, NewsroomError | None]] = []
    for file in files:
        if str(file) == "-":
            data = typer.get_binary_stream("stdin").read()
            if not data.strip():
                raise NewsroomError(
                    "standard input is empty", hint="pipe an article into newsroom teaser -"
                )
            article = parse_article(data, schema=schema)
            loaded.append(("-", article, None))
            continue
        try:
            article = load_article(file, schema=schema)
        except NewsroomError as error:
            loaded.append((str(file), None, error))
            continue
        if not article.readable:
            # Say why: a syntax error, an unterminated block, no front matter, bad bytes...
            problem = next((p for p in article.problems if p.severity == "error"), None)
            why = NewsroomError(
                f"{file}: front matter cannot be read"
                if problem is None
                else f"{file}:{problem.span.line}: {problem.message}",
                hint=(problem.hint if problem else None) or "run newsroom validate on the file",
            )
            loaded.append((str(file), None, why))
            continue
        loaded.append((str(file), article, None))
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
        TeaserFormat, format_option("Output: text or json.")
    ] = TeaserFormat.TEXT,
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Store each teaser in the target's own front-matter key (teaser for the "
            "newsletter, teasers.NAME for the others); nothing else in the file changes.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="With --write, also replace an editor's text with a cut one.",
        ),
    ] = False,
) -> None:
    """Print teasers that fit each channel's budget, cut where a copy editor would cut.

    A file that cannot be read gets one error line on stderr and the others their teasers
    (exit 1).
    """
    from newsroom_cli.teaser import make_teaser
    from newsroom_cli.teaser.generate import target_key, with_limit

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
    keys = {name: target_key(settings, settings.targets[name]) for name in names}
    if write:
        shared = [key for key in dict.fromkeys(keys.values()) if list(keys.values()).count(key) > 1]
        if shared:
            sharing = [name for name, key in keys.items() if key == shared[0]]
            raise NewsroomError(
                f"--write with {', '.join(sharing)} would store them all in {shared[0]!r}",
                hint='give each target its own key (teaser.key = "teasers.{target}")',
            )

    items: list[tuple[str, Teaser | str]] = []
    failed = False
    for shown, article, why in _load(paths, config.schema):
        display = shown if shown == "-" else st.display_path(Path(shown))
        if article is None:
            failed = True
            message = why.message if why else f"{shown}: cannot be read"
            echo_error(message, why.hint if why else None)
            items.append((display, message))
            continue
        for name in names:
            budget = settings.targets[name]
            if limit is not None:
                budget = with_limit(budget, limit)
            items.append((display, make_teaser(article, budget, settings=settings)))

    if write:
        teasers = [(path, item) for path, item in items if not isinstance(item, str)]
        failed = not _write(teasers, keys, config.schema, force=force) or failed

    if output_format == "json":
        typer.echo(
            json.dumps(
                [
                    {"path": path, "error": item} if isinstance(item, str) else item.as_dict(path)
                    for path, item in items
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        shown_items = [(path, item) for path, item in items if not isinstance(item, str)]
        if len(items) == 1 and shown_items:
            typer.echo(shown_items[0][1].text)
        elif shown_items:
            blocks = [f"{path} [{t.target}]\n{t.text}" for path, t in shown_items]
            typer.echo("\n\n".join(blocks))
    if failed:
        raise typer.Exit(1)


def _write(
    teasers: list[tuple[str, Teaser]], keys: dict[str, str], schema: Schema, *, force: bool
) -> bool:
    """Store each teaser in its target's key; False when an editor's text was kept."""
    from newsroom_cli.article import load_article
    from newsroom_cli.teaser.generate import stored_text
    from newsroom_cli.writer import edit_article

    kept_all = True
    for display, teaser in teasers:
        if teaser.path is None or not teaser.text:
            continue
        field = keys[teaser.target]
        current = stored_text(load_article(teaser.path, schema=schema), field)
        if current and current != teaser.text and teaser.truncated and not force:
            # A cut text never replaces what an editor wrote, unless asked to.
            echo_error(
                f"{display}: kept the text in {field}: the new teaser is cut from "
                f"{teaser.key or teaser.source}",
                hint="shorten the text yourself, or run again with --force",
            )
            kept_all = False
            continue
        edit = edit_article(teaser.path, {field: teaser.text}, schema=schema)
        verb = "wrote" if edit.changed else "unchanged"
        typer.echo(f"{verb} {field} in {display}", err=True)
    return kept_all
