"""Show an article as a reader will see it, or a round-up manifest as the assembled issue.

An article: a header from the front matter, the body, and a footer with the word count,
the reading time and the problems `validate` finds. Links are clickable in a terminal and
written out as `text (url)` when the output is piped.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsroom_cli.cli.app import State, state
from newsroom_cli.cli.options import PreviewView
from newsroom_cli.errors import NewsroomError

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console, RenderableType

    from newsroom_cli.article import Article
    from newsroom_cli.config import Config


def preview_command(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(help="An article, or a round-up manifest (.toml).", dir_okay=False),
    ],
    teaser: Annotated[
        bool, typer.Option("--teaser", help="Show the teaser of every target against its budget.")
    ] = False,
    as_: Annotated[
        PreviewView,
        typer.Option(
            "--as",
            metavar="VIEW",
            help="article (default) or newsletter: the piece as a round-up item.",
        ),
    ] = PreviewView.ARTICLE,
    pager: Annotated[
        bool, typer.Option("--pager", help="Page the output with $PAGER (default: less -R).")
    ] = False,
    width: Annotated[
        int | None,
        typer.Option("--width", metavar="N", min=20, max=1000, help="Render N columns wide."),
    ] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the file unchanged.")] = False,
) -> None:
    st = state(ctx)
    if raw:
        from newsroom_cli.article import read_bytes

        data = read_bytes(path)
        _show_raw(st, data, pager)
        return
    config = st.config
    if path.suffix.lower() == ".toml":
        if teaser or as_ != "article":
            raise NewsroomError("--teaser and --as apply to articles, not round-up manifests")
        renderable = _roundup(st, config, path)
    else:
        renderable = _article(st, config, path, teaser=teaser, as_=as_)
    console = st.console(width=width)
    if pager and console.is_terminal:
        with console.capture() as capture:
            console.print(renderable)
        _page(capture.get())
        return
    console.print(renderable)


def _load(st: State, config: Config, path: Path) -> Article:
    from newsroom_cli.article import load_article

    article = load_article(path, schema=config.schema, conventions=config.conventions)
    if not article.readable and not article.text:
        problem = article.problems[0].message if article.problems else "cannot be read"
        raise NewsroomError(f"{st.display_path(path)}: {problem}")
    return article


def _article(st: State, config: Config, path: Path, *, teaser: bool, as_: str) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from newsroom_cli.cli.render import article_header, render_article
    from newsroom_cli.preview import article_facts, article_problems, tag_context

    article = _load(st, config, path)
    facts = article_facts(config, article, article_problems(config, article))
    if config.conventions.languages:
        from dataclasses import replace

        from newsroom_cli.adopt.translations import translations_of

        found = translations_of(config, article)
        facts = replace(facts, translations=tuple((lang, st.display_path(p)) for lang, p in found))
    if teaser:
        return Group(article_header(facts), Text(""), _teasers(config, article))
    if as_ == "newsletter":
        return _as_newsletter(st, config, article, path)
    return render_article(facts, article.body_text, tag_context(article, _linker(config, path)))


def _linker(config: Config, path: Path) -> Callable[[str], str | None]:
    """Turn a reference in a body ({{< ref "x.md" >}}, {% post_url x %}) into the URL of the
    article it names, as the round-up links it; an unknown reference stays as written."""
    from newsroom_cli.article import ArticleReadError, load_article
    from newsroom_cli.preview import reference_finder
    from newsroom_cli.roundup.assemble import article_url

    find = reference_finder(config.content_dir, path)

    def link(reference: str) -> str | None:
        found = find(reference)
        if found is None:
            return reference
        try:
            target = load_article(found, schema=config.schema)
        except (ArticleReadError, OSError):
            return reference
        fragment = reference.partition("#")[2]
        return article_url(config, target) + (f"#{fragment}" if fragment else "")

    return link


def _teasers(config: Config, article: Article) -> RenderableType:
    from newsroom_cli.cli.render import render_teasers
    from newsroom_cli.teaser import make_teaser

    teasers = [
        make_teaser(article, target, settings=config.teaser)
        for target in config.teaser.targets.values()
    ]
    return render_teasers(teasers)


def _as_newsletter(st: State, config: Config, article: Article, path: Path) -> RenderableType:
    from newsroom_cli.cli.render import render_as_newsletter
    from newsroom_cli.roundup.assemble import Placement, make_item
    from newsroom_cli.roundup.select import relative_path

    section_key = article.section
    section = config.section(section_key) if isinstance(section_key, str) else None
    placement = Placement(
        article,
        relative_path(config, path),
        section.key if section else str(section_key or ""),
        featured=article.get("featured") is True,
    )
    item = make_item(config, placement, {})
    if article.status != "published":
        typer.echo(
            f"{st.display_path(path)}: status is {article.status or 'missing'}; "
            "only published pieces go into a round-up",
            err=True,
        )
    return render_as_newsletter(item, section.label if section else "")


def _roundup(st: State, config: Config, path: Path) -> RenderableType:
    from newsroom_cli.cli.render import render_roundup
    from newsroom_cli.roundup.build import BuildOptions, build_from_manifest
    from newsroom_cli.roundup.manifest import read_manifest

    manifest = read_manifest(path)
    built = build_from_manifest(
        config, manifest, BuildOptions(allow_invalid=True, allow_empty=True)
    )
    for warning in built.warnings:
        typer.echo(warning, err=True)
    for changed in built.changed:
        typer.echo(f"{changed}: changed since the manifest was written", err=True)
    return render_roundup(built.issue)


def _show_raw(st: State, data: bytes, pager: bool) -> None:
    console: Console = st.console()
    if pager and console.is_terminal:
        _page(data.decode("utf-8", "replace"))
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _page(text: str) -> None:
    """Send ``text`` to $PAGER (or ``less -R``); print it when no pager can be started."""
    command = shlex.split(os.environ.get("PAGER") or "less -R")
    env = dict(os.environ)
    # As git does: let less pass colours and quit when the text fits on one screen.
    env.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, env=env, encoding="utf-8", errors="replace"
        )
    except OSError:
        sys.stdout.write(text)
        return
    assert process.stdin is not None
    try:
        process.stdin.write(text)
        process.stdin.close()
    except BrokenPipeError:
        pass
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:
            # The pager handles Ctrl-C itself; wait for it to finish.
            continue
