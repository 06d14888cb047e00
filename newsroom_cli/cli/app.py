"""The Typer application: global options, the context object, and error translation.

Errors from the core are :class:`~newsroom_cli.errors.NewsroomError`; they are turned into
one line on stderr here and nowhere else.
"""

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from newsroom_cli import __version__
from newsroom_cli.cli.console import ColorMode
from newsroom_cli.cli.examples import epilog, epilog_of
from newsroom_cli.errors import ExitCode, NewsroomError

if TYPE_CHECKING:
    from collections.abc import Sequence

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
        self._told_no_config = False

    def _load(self) -> "Config":
        if self._config is None:
            from newsroom_cli.config import load_config

            self._config = load_config(Path.cwd(), self.config_file)
        return self._config

    @property
    def config(self) -> "Config":
        """The configuration, loaded on first use; outside a project the built-in defaults.

        Commands given explicit files work on loose files; that no configuration was found
        is said once on stderr.
        """
        config = self._load()
        if config.path is None and not self._told_no_config:
            self._told_no_config = True
            typer.echo(
                f"newsroom: {_no_project(Path.cwd())}; using the built-in defaults", err=True
            )
        return config

    @property
    def project(self) -> "Config":
        """The project's configuration; a command that works on the project needs one."""
        config = self._load()
        if config.path is None:
            raise NewsroomError(_no_project(Path.cwd()), hint="run newsroom init, or -C DIR")
        return config

    def config_for(self, paths: list[Path] | None) -> "Config":
        """The project's configuration without ``paths``; with them, loose files will do."""
        return self.config if paths else self.project

    def console(self, *, stderr: bool = False, width: int | None = None) -> "Console":
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


def _no_project(folder: Path) -> str:
    from newsroom_cli.config import CONFIG_NAME

    return f"no {CONFIG_NAME} in {folder} or any folder above it"


def state(ctx: typer.Context) -> State:
    """The :class:`State` of the running command."""
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State(start_dir=Path.cwd())
        ctx.find_root().obj = obj
    return obj


def check_paths(st: State, paths: list[Path] | None) -> None:
    """Refuse a named file or folder that does not exist (``-`` is standard input)."""
    for path in paths or []:
        if str(path) != "-" and not os.path.lexists(path):
            raise NewsroomError(f"{st.display_path(path)}: no such file or folder")


def echo_error(message: str, hint: str | None = None) -> None:
    """Print one error line on stderr."""
    line = f"newsroom: error: {message}"
    if hint:
        line += f" ({hint})"
    typer.echo(line.replace("\n", " "), err=True)


def echo_core_error(exc: NewsroomError) -> None:
    """Print a core error as one line, in the running command's words (its options)."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    echo_error(*_worded(exc, ctx.info_name if ctx is not None else None))


class SubcommandGroup(TyperGroup):
    """A command's own subcommands (``hook install``): a toolkit error leaving one is marked
    with the words that name it, so that the message is worded with its options."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NewsroomError as exc:
            if ctx.invoked_subcommand and not hasattr(exc, "command_words"):
                exc.command_words = f"{ctx.info_name} {ctx.invoked_subcommand}"  # type: ignore[attr-defined]
            raise


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

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            raise NewsroomError(
                f"unknown command {name!r}",
                hint=did_you_mean(name, list(COMMANDS)) or "see newsroom --help",
            )
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: "Sequence[str] | None" = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the CLI; every mistake is one line on stderr and an exit code, never Click's
        usage block."""
        if os.environ.get("_NEWSROOM_COMPLETE"):
            # The shell asks for candidates, in the protocol of Typer's scripts.
            from typer._completion_classes import completion_init

            completion_init()
        try:
            code = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except typer.TyperException as exc:
            code = _show_usage_error(exc, sys.argv[1:] if args is None else list(args))
        except NewsroomError as exc:
            # Raised while the global options were parsed (before a command runs).
            if _debug_requested(args):
                raise
            echo_error(exc.message, exc.hint)
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            # Ctrl-C at a prompt or while the options were read: a newline, as a shell does.
            typer.echo("", err=True)
            code = ExitCode.INTERRUPTED
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        cwd = os.getcwd()
        try:
            return super().invoke(ctx)
        except NewsroomError as exc:
            if _debug(ctx):
                raise
            words = getattr(exc, "command_words", None) or ctx.invoked_subcommand
            echo_error(*_worded(exc, words))
            ctx.exit(exc.exit_code)
        except (KeyboardInterrupt, typer.Abort):
            if _debug(ctx):
                raise
            # Ctrl-C: the shell shows ^C; a newline keeps its prompt on a line of its own.
            typer.echo("", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(0)
        except (typer.Exit, SystemExit):
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


def did_you_mean(word: str, choices: list[str]) -> str | None:
    """A hint naming the choices closest to ``word``, or ``None`` when none is close."""
    from newsroom_cli.errors import closest

    found = closest(word, choices)
    if not found:
        return None
    return "did you mean " + " or ".join(found) + "?"


def _show_usage_error(exc: typer.TyperException, args: list[str]) -> int:
    """Print a Click usage error as one line; the exit code to leave with."""
    from typer._click import exceptions as click_errors

    if isinstance(exc, click_errors.NoArgsIsHelpError):
        exc.show()
        return ExitCode.USAGE
    message, hint = _usage_message(exc, args)
    echo_error(message, hint)
    return int(getattr(exc, "exit_code", ExitCode.USAGE)) or ExitCode.USAGE


def _usage_message(exc: typer.TyperException, args: list[str]) -> tuple[str, str | None]:
    from typer._click import exceptions as click_errors

    ctx = getattr(exc, "ctx", None)
    path = _command_path(ctx, args)
    command = f"{path}: " if path else ""
    help_hint = f"see newsroom {path} --help" if path else "see newsroom --help"
    if isinstance(exc, click_errors.NoSuchOption):
        options = sorted({o for p in _params(ctx, args) for o in p.opts if o.startswith("--")})
        hint = did_you_mean(exc.option_name, options)
        return f"{command}no such option {exc.option_name}", hint or help_hint
    if isinstance(exc, click_errors.BadOptionUsage):
        param = next((p for p in _params(ctx, args) if exc.option_name in p.opts), None)
        if exc.message.endswith(("requires an argument.", "arguments.")):
            metavar = _metavar(param, ctx)
            hint = f"{exc.option_name} {metavar}" if metavar else help_hint
            return f"{exc.option_name} needs a value", hint
        return f"{exc.option_name}: {_sentence(exc.message)}", help_hint
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        what = _param_name(param, ctx) if param is not None else "a value"
        kind = "option" if param is not None and param.param_type_name == "option" else "argument"
        return f"{command}missing {kind} {what}", help_hint
    if isinstance(exc, click_errors.BadParameter):
        param = exc.param
        name = _param_name(param, ctx) if param is not None else None
        refused = _refused_choice(exc.message, param)
        if refused is not None:
            from newsroom_cli.choices import expected

            value, choices = refused
            return f"{name} {value!r}: expected {expected(choices)}", did_you_mean(
                value, list(choices)
            )
        if exc.param_hint is not None:
            hints = exc.param_hint
            name = hints if isinstance(hints, str) else " / ".join(hints)
        text = _plain_reason(exc.message)
        if param is not None and param.param_type_name == "argument":
            return f"{command}{text}", None
        return (f"{name}: {text}" if name else f"{command}{text}"), None
    if isinstance(exc, click_errors.UsageError):
        unknown = exc.message.startswith("No such command")
        if unknown and ctx is not None:
            import re

            match = re.search(r"'([^']*)'", exc.message)
            word = match.group(1) if match else ""
            names = list(ctx.command.list_commands(ctx))
            hint = did_you_mean(word, names) or help_hint
            return f"{command}unknown command {word!r}", hint
        return _sentence(exc.message), help_hint
    return _sentence(exc.format_message()), None


def _worded(exc: NewsroomError, command: str | None) -> tuple[str, str | None]:
    """A core error in the command line's words: the option a value came from, and the
    option that gets past a refusal, where ``command`` (``validate``, ``hook install``) has
    it. The core's errors carry their fields and never name an option."""
    from newsroom_cli.errors import BadValue, Conflict
    from newsroom_cli.window import EmptyWindow

    name, _, sub = (command or "").partition(" ")
    built = load_command(name) if name else None
    if sub and built is not None:
        built = getattr(built, "commands", {}).get(sub)
    options = {o for p in getattr(built, "params", []) for o in getattr(p, "opts", [])}

    def flag(field: str) -> str:
        return "--" + field.replace("_", "-")

    message, hint = exc.message, exc.hint
    if isinstance(exc, BadValue) and flag(exc.field) in options:
        shown = flag(exc.field) if exc.value is None else f"{flag(exc.field)} {exc.value!r}"
        message = f"{shown}: {exc.problem}"
    elif isinstance(exc, Conflict) and {flag(exc.field), *map(flag, exc.others)} <= options:
        message = f"{flag(exc.field)} cannot be combined with " + " or ".join(map(flag, exc.others))
    elif isinstance(exc, EmptyWindow) and {"--since", "--until"} <= options:
        message = f"the window is empty: --since {exc.start} is not before --until {exc.end}"
        hint = "--until is excluded: --since 2026-11-16 --until 2026-11-23 is one week"
    elif getattr(exc, "given", None) and exc.bypass == "fresh" and "--fresh" in options:
        # The round-up's manifest fixes what was given as options (ManifestFixes).
        given = ", ".join(flag(field) for field in exc.given)  # type: ignore[attr-defined]
        hint = (
            f"edit the manifest instead of {given}, or add --fresh to build from the week's "
            "articles"
        )
    elif exc.bypass in _BYPASS_HINTS and flag(exc.bypass) in options:
        wording = _BYPASS_HINTS[exc.bypass]
        hint = f"{hint}, or {wording}" if hint else wording
    return message, hint


# What to say when the option that sets a refusing call's ``bypass`` keyword is at hand.
_BYPASS_HINTS = {
    "force": "use --force to replace it",
    "allow_invalid": "use --allow-invalid to build anyway",
    "allow_empty": "use --allow-empty to build an empty issue anyway",
    "issue": "give --issue",
    "now": "give --now to set it to now",
    "resend": "use --resend to send it again, or --test for a test send",
    "slug": "give one with --slug",
    "timeout": "allow longer with --timeout",
}


def _refused_choice(message: str, param: Any) -> tuple[str, tuple[str, ...]] | None:
    """The value given and the choices, when the parser refused a value outside a choice
    option's enum (the message is the parser's own: ``'jsn' is not one of 'text', ...``)."""
    import ast
    import re

    choices = getattr(getattr(param, "type", None), "choices", None)
    found = re.fullmatch(r"(.*) is not one of .*\.", message, re.DOTALL)
    if not choices or found is None:
        return None
    try:
        value = ast.literal_eval(found.group(1))
    except (ValueError, SyntaxError):
        return None
    return str(value), tuple(str(choice) for choice in choices)


def _command_path(ctx: Any, args: list[str]) -> str:
    """The command that was run, without the program's name (``hook install``)."""
    if ctx is not None:
        path = str(getattr(ctx, "command_path", ""))
        return path.split(" ", 1)[1] if " " in path else ""
    name = next((arg for arg in args if arg in COMMANDS), None)
    return name or ""


def _params(ctx: Any, args: list[str]) -> list[Any]:
    """The parameters of the command that failed (found from ``args`` without a context)."""
    command = ctx.command if ctx is not None else None
    if command is None:
        name = next((arg for arg in args if arg in COMMANDS), None)
        command = load_command(name) if name else None
    if command is None:
        return []
    return [p for p in command.params if getattr(p, "opts", None)]


def _metavar(param: Any, ctx: Any) -> str:
    if param is None:
        return ""
    metavar = getattr(param, "metavar", None)
    if metavar:
        return str(metavar)
    try:
        return str(param.make_metavar(ctx))
    except TypeError:
        return str(param.make_metavar())


def _param_name(param: Any, ctx: Any) -> str:
    longs = [o for o in param.opts if o.startswith("--")]
    if longs:
        return str(longs[0])
    if param.opts and param.opts[0].startswith("-"):
        return str(param.opts[0])
    name = str(getattr(param, "metavar", None) or param.human_readable_name)
    return name.strip("[].").upper()


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _plain_reason(message: str) -> str:
    """Click's reason for refusing a value, in the toolkit's words."""
    import re

    folder = re.fullmatch(r"(?:File|Path|Directory) '(.*)' is a directory\.", message)
    if folder:
        return f"{folder.group(1)} is a folder; give a file"
    is_file = re.fullmatch(r"(?:File|Path|Directory) '(.*)' is a file\.", message)
    if is_file:
        return f"{is_file.group(1)} is a file; give a folder"
    missing = re.fullmatch(r"(?:File|Path|Directory) '(.*)' does not exist\.", message)
    if missing:
        return f"{missing.group(1)}: no such file or folder"
    bounds = re.fullmatch(r"(.*) is not in the range (.*)\.", message)
    if bounds:
        value, described = bounds.groups()
        ends = re.fullmatch(r"(-?\d+)<=x<=(-?\d+)", described)
        if ends:
            return f"expected a number from {ends.group(1)} to {ends.group(2)}, got {value}"
        least = re.fullmatch(r"x>=(-?\d+)", described)
        if least:
            return f"expected a number of at least {least.group(1)}, got {value}"
        return f"{value} is out of range ({described})"
    return _sentence(message)


def _debug_requested(args: Any) -> bool:
    given = sys.argv[1:] if args is None else list(args)
    return "--debug" in given or bool(os.environ.get("NEWSROOM_DEBUG"))


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
    epilog=epilog(""),
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


def _completion(ctx: typer.Context, param: Any, value: bool) -> None:
    """--install-completion and --show-completion, with Typer's scripts (loaded only here)."""
    if not value or ctx.resilient_parsing:
        return
    from typer._completion_classes import completion_init
    from typer.completion import install_callback, show_callback

    completion_init()
    if param.name == "install_completion":
        install_callback(ctx, param, value)
    else:
        show_callback(ctx, param, value)


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
        ColorMode,
        typer.Option("--color", metavar="WHEN", help="Colour output: auto, always or never."),
    ] = ColorMode.AUTO,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_completion,
            is_eager=True,
            expose_value=False,
            help="Install tab completion for this shell (bash, zsh, fish, PowerShell).",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_completion,
            is_eager=True,
            expose_value=False,
            help="Print the completion script for this shell, to install it by hand.",
        ),
    ] = False,
) -> None:
    """Global options, shared by every command."""
    _resume_gc()
    start = Path.cwd()
    config_file = None
    if config is not None:
        config_file = config if config.is_absolute() else start / config
    if directory is not None:
        try:
            os.chdir(directory)
        except FileNotFoundError:
            raise NewsroomError(f"-C {directory}: no such folder") from None
        except OSError as exc:
            raise NewsroomError(f"-C {directory}: cannot enter it ({exc.strerror})") from None
    ctx.obj = State(start_dir=start, config_file=config_file, color=color, debug=debug)


# Commands load on first use: starting the CLI imports only the module of the command that
# runs (a git hook calls `validate` on every commit). Short help is kept here so that
# `newsroom --help` lists every command without importing any of them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("init", "init_command", "Write a commented starter newsroom.toml."),
    "new": ("new", "new_command", "Create a new article from a template."),
    "publish": ("publish", "publish_command", "Mark articles published (status, date, path)."),
    "unpublish": ("unpublish", "unpublish_command", "Take articles back to draft."),
    "rename": ("rename", "rename_command", "Give an article a new headline, slug and file name."),
    "validate": ("validate", "validate_command", "Check articles against the schema and rules."),
    "fix": ("fix", "fix_command", "Apply safe fixes to front matter."),
    "teaser": ("teaser", "teaser_command", "Print or store teasers that fit each channel."),
    "roundup": ("roundup", "roundup_command", "Assemble the weekly round-up newsletter."),
    "archive": ("archive", "archive_command", "Publish the round-ups as web pages and feeds."),
    "send": ("send", "send_command", "Send a round-up issue over SMTP, once."),
    "preview": ("preview", "preview_command", "Show an article or round-up in the terminal."),
    "list": ("list", "list_command", "List articles with their status and problems."),
    "schema": ("schema", "schema_command", "Show the field schema, or export a JSON Schema."),
    "hook": ("hook", "hook_app", "Install or remove the git pre-commit hook."),
    "lsp": ("lsp", "lsp_command", "Run the language server for editors (stdio)."),
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
        # A command module may keep its own examples; else the table of cli/examples.py.
        examples = getattr(module, "EXAMPLES", None)
        text = epilog_of(examples) if examples else epilog(name)
        single.command(name, help=module.__doc__, epilog=text)(target)
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
        typer.echo("", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    finally:
        _resume_gc()
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError, OSError):
            _silence_stdout()
