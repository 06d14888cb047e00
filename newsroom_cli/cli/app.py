"""The Typer application: global options, the context object, and error translation.

Errors from the core are :class:`~newsroom_cli.errors.NewsroomError`; they are turned into
one line on stderr here and nowhere else.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from newsroom_cli import __version__
from newsroom_cli.errors import ExitCode, NewsroomError

if TYPE_CHECKING:
    from rich.console import Console

    from newsroom_cli.config import Config


class State:
    """What the global options decided, shared by every command through ``ctx.obj``."""

    def __init__(
        self,
        start_dir: Path,
        config_file: Path | None = None,
        color: str = "auto",
        debug: bool = False,
    ) -> None:
        self.start_dir = start_dir
        self.config_file = config_file
        self.color = color
        self.debug = debug
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        """The project's configuration, loaded on first use."""
        if self._config is None:
            from newsroom_cli.config import load_config

            self._config = load_config(Path.cwd(), self.config_file)
        return self._config

    def console(self, *, stderr: bool = False, width: int | None = None) -> Console:
        """A console for stdout (the product) or stderr (narration)."""
        from newsroom_cli.cli.console import make_console

        return make_console(self.color, stderr=stderr, width=width)

    def display_path(self, path: Path) -> str:
        """A path as the user should see it: relative to where they started, if inside."""
        absolute = path if path.is_absolute() else Path.cwd() / path
        try:
            return absolute.relative_to(self.start_dir).as_posix()
        except ValueError:
            relative = os.path.relpath(absolute, self.start_dir)
            return relative if not relative.startswith("../../..") else str(absolute)


def state(ctx: typer.Context) -> State:
    """The :class:`State` of the running command."""
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State(start_dir=Path.cwd())
        ctx.find_root().obj = obj
    return obj


def echo_error(message: str, hint: str | None = None) -> None:
    """Print one error line on stderr."""
    line = f"newsroom: error: {message}"
    if hint:
        line += f" ({hint})"
    typer.echo(line.replace("\n", " "), err=True)


class NewsroomGroup(TyperGroup):
    """Runs commands and translates the toolkit's errors into messages and exit codes."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            command = load_command(cmd_name)
            if command is None:
                return None
            self.commands[cmd_name] = command
        return self.commands[cmd_name]

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        cwd = os.getcwd()
        try:
            return super().invoke(ctx)
        except NewsroomError as exc:
            if _debug(ctx):
                raise
            echo_error(exc.message, exc.hint)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            if _debug(ctx):
                raise
            typer.echo("newsroom: interrupted", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(0)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except typer.TyperException:
            raise
        except Exception as exc:
            if _debug(ctx):
                raise
            echo_error(
                f"internal error: {type(exc).__name__}: {exc}",
                "run again with --debug for the traceback",
            )
            ctx.exit(ExitCode.INTERNAL)
        finally:
            try:
                os.chdir(cwd)
            except OSError:
                pass


def _debug(ctx: Any) -> bool:
    obj = ctx.find_root().obj
    return bool(getattr(obj, "debug", False)) or bool(os.environ.get("NEWSROOM_DEBUG"))


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


app = typer.Typer(
    name="newsroom",
    cls=NewsroomGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="A toolkit for newsrooms that keep articles as Markdown files in git: "
    "scaffold, validate, tease, round up and preview.",
)


# Whether the console script paused the garbage collector for start-up (see
# ``newsroom_cli.__main__``); the global options' callback resumes it.
_gc_paused = False


def _resume_gc() -> None:
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        # What start-up made lives as long as the process: out of the collector's way, and
        # not copied by forked workers when a collection would touch it.
        gc.freeze()
        gc.enable()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsroom {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", metavar="FILE", help="Use this configuration file.", dir_okay=False
        ),
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option("-C", metavar="DIR", help="Run as if started in DIR.", file_okay=False),
    ] = None,
    color: Annotated[
        str,
        typer.Option("--color", metavar="WHEN", help="Colour output: auto, always or never."),
    ] = "auto",
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Global options, shared by every command."""
    _resume_gc()
    start = Path.cwd()
    if color not in ("auto", "always", "never"):
        raise typer.BadParameter("expected auto, always or never", param_hint="--color")
    config_file = None
    if config is not None:
        config_file = config if config.is_absolute() else start / config
    if directory is not None:
        try:
            os.chdir(directory)
        except OSError as exc:
            raise typer.BadParameter(
                f"cannot enter {directory}: {exc.strerror}", param_hint="-C"
            ) from None
    ctx.obj = State(start_dir=start, config_file=config_file, color=color, debug=debug)


# Commands load on first use: starting the CLI imports only the module of the command that
# runs (a git hook calls `validate` on every commit). Short help is kept here so that
# `newsroom --help` lists every command without importing any of them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("init", "init_command", "Write a commented starter newsroom.toml."),
    "new": ("new", "new_command", "Create a new article from a template."),
    "validate": ("validate", "validate_command", "Check articles against the schema and rules."),
    "fix": ("fix", "fix_command", "Apply safe fixes to front matter."),
    "teaser": ("teaser", "teaser_command", "Print or store teasers that fit each channel."),
    "roundup": ("roundup", "roundup_command", "Assemble the weekly round-up newsletter."),
    "preview": ("preview", "preview_command", "Show an article or round-up in the terminal."),
    "list": ("list", "list_command", "List articles with their status and problems."),
    "schema": ("schema", "schema_command", "Show the field schema, or export a JSON Schema."),
    "hook": ("hook", "hook_app", "Install or remove the git pre-commit hook."),
}


def load_command(name: str) -> Any:
    """Build the Click command for ``name`` from its module, or ``None`` if unknown."""
    import importlib

    import typer.main

    entry = COMMANDS.get(name)
    if entry is None:
        return None
    module_name, attribute, _ = entry
    module = importlib.import_module(f"newsroom_cli.cli.{module_name}")
    target = getattr(module, attribute)
    if isinstance(target, typer.Typer):
        command = typer.main.get_command(target)
    else:
        single = typer.Typer(
            add_completion=False,
            pretty_exceptions_enable=False,
            rich_markup_mode=None,
            context_settings={"help_option_names": ["-h", "--help"]},
        )
        single.command(name, help=module.__doc__)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


def main(argv: list[str] | None = None, *, gc_paused: bool = False) -> None:
    """Run the CLI (``gc_paused``: the caller paused the garbage collector for start-up)."""
    global _gc_paused
    _gc_paused = gc_paused
    try:
        app(args=argv, prog_name="newsroom")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        typer.echo("newsroom: interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    finally:
        _resume_gc()
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError, OSError):
            _silence_stdout()
