"""Shell completion of option values from the project's configuration.

`newsroom --install-completion` installs the script for the running shell (bash, zsh,
fish or PowerShell); the shell then asks the CLI for candidates. These functions answer
with the sections, statuses, authors, tags, weeks and rule codes of the project found
from the command line's -C and --config. A completion never fails: without a project
(or with a broken one) it offers the built-in defaults, or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsroom_cli.config import Config

Candidates = list[tuple[str, str]]


def _config(ctx: Any) -> Config | None:
    from newsroom_cli.config import load_config
    from newsroom_cli.errors import NewsroomError

    params = ctx.find_root().params if ctx is not None else {}
    folder = params.get("directory")
    cwd = Path.cwd() / folder if folder else Path.cwd()
    explicit = params.get("config")
    try:
        return load_config(cwd, Path(explicit) if explicit else None)
    except (NewsroomError, OSError, ValueError):
        return None


def _matching(candidates: Candidates, incomplete: str) -> Candidates:
    wanted = incomplete.casefold()
    return [(value, help_) for value, help_ in candidates if value.casefold().startswith(wanted)]


def sections(ctx: Any, incomplete: str) -> Candidates:
    """Section keys, with their labels."""
    config = _config(ctx)
    if config is None:
        return []
    return _matching([(s.key, s.label) for s in config.sections], incomplete)


def statuses(ctx: Any, incomplete: str) -> Candidates:
    """The workflow statuses the schema allows."""
    from newsroom_cli.schema import STATUSES

    config = _config(ctx)
    field = config.schema.get("status") if config is not None else None
    allowed = field.allowed if field is not None and field.allowed else STATUSES
    return _matching([(status, "status") for status in allowed], incomplete)


def authors(ctx: Any, incomplete: str) -> Candidates:
    """Roster keys, with the names bylines show."""
    config = _config(ctx)
    if config is None:
        return []
    return _matching([(a.key, a.name) for a in config.authors], incomplete)


def tags(ctx: Any, incomplete: str) -> Candidates:
    """The tag vocabulary."""
    config = _config(ctx)
    if config is None or not config.tags:
        return []
    return _matching([(tag, "tag") for tag in config.tags], incomplete)


def weeks(ctx: Any, incomplete: str) -> Candidates:
    """This ISO week and the seven before it, in the publication's time zone, newest first."""
    import datetime as dt

    config = _config(ctx)
    try:
        tz: dt.tzinfo = config.tz if config is not None else dt.UTC
    except ValueError:
        tz = dt.UTC
    today = dt.datetime.now(tz).date()
    candidates = []
    for back in range(8):
        day = today - dt.timedelta(weeks=back)
        year, week, _ = day.isocalendar()
        monday = dt.date.fromisocalendar(year, week, 1)
        sunday = monday + dt.timedelta(days=6)
        label = f"{monday:%b} {monday.day} to {sunday:%b} {sunday.day}"
        candidates.append((f"{year}-W{week:02d}", label))
    return _matching(candidates, incomplete)


def rule_codes(ctx: Any, incomplete: str) -> Candidates:
    """Every rule code, with its summary."""
    from newsroom_cli.rules import RULES

    return _matching([(rule.code, rule.summary) for rule in RULES], incomplete.upper())
