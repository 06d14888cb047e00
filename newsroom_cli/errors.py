"""The one error type of the toolkit and its exit codes."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2
    # A bug in the toolkit, not the user's mistake: sysexits.h's EX_SOFTWARE, so a script
    # can tell "report this" from "fix your input".
    INTERNAL = 70
    INTERRUPTED = 130


class NewsroomError(Exception):
    """An error the user can act on: a message, an optional hint and an exit code.

    Core code raises it; the CLI prints it as one line on stderr and exits with ``exit_code``.
    ``bypass`` names the keyword argument of the refusing call that would have gone ahead
    (``force``, ``allow_invalid``...), for the CLI to offer the option that sets it.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        exit_code: int = ExitCode.USAGE,
        bypass: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = int(exit_code)
        self.bypass = bypass

    def __str__(self) -> str:
        return self.message


class ConfigError(NewsroomError):
    """The configuration file is missing, unreadable or holds a wrong value."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = ""
        if file:
            where = f"{file}: "
        if key:
            where += f"{key}: "
        super().__init__(f"{where}{message}", hint=hint, exit_code=ExitCode.USAGE)
        self.file = file
        self.key = key


class AlreadyExists(NewsroomError):
    """A write would replace a file that is already there."""

    def __init__(self, *, path: str) -> None:
        super().__init__(f"{path}: already exists", bypass="force")
        self.path = path


class BadValue(NewsroomError):
    """A value given for ``field`` (``week``, ``since``...) is wrong; ``problem`` says how.

    The message names the field as the core knows it; the command line names the option
    the value came from.
    """

    def __init__(
        self, *, field: str, problem: str, value: object = None, hint: str | None = None
    ) -> None:
        shown = field if value is None else f"{field} {value!r}"
        super().__init__(f"{shown}: {problem}", hint=hint)
        self.field = field
        self.value = value
        self.problem = problem


class Conflict(NewsroomError):
    """``field`` was given together with one of ``others``, which it excludes."""

    def __init__(self, *, field: str, others: tuple[str, ...]) -> None:
        super().__init__(f"{field} cannot be combined with {' or '.join(others)}")
        self.field = field
        self.others = others


def closest(word: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The choices that look most like ``word`` (for a did-you-mean), best first."""
    import difflib

    # Compared without case and without an option's dashes, which every option shares.
    folded = {choice.casefold().lstrip("-"): choice for choice in dict.fromkeys(choices)}
    wanted = word.casefold().lstrip("-")
    found = difflib.get_close_matches(wanted, list(folded), n=limit, cutoff=0.6)
    return [folded[match] for match in found]
