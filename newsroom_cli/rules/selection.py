"""Which rules apply where, and at what severity, from newsroom.toml and the file itself."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from newsroom_cli.config import Config
from newsroom_cli.rules.registry import BY_CODE, expand, expand_all

IGNORE_KEY = "newsroom-ignore"

Grader = Callable[[str], "str | None"]


class Selection:
    """Severity of each code for each file: ``[rules]`` settings plus ``newsroom-ignore``."""

    def __init__(self, config: Config) -> None:
        rules = config.rules
        source = config.source
        self.root = config.root
        self.ignored = expand_all(rules.ignore, source=source, key="rules.ignore")
        self.grades: dict[str, str] = {}
        for selector, grade in rules.severity.items():
            for code in expand_all([selector], source=source, key=f"rules.severity.{selector}"):
                self.grades[code] = grade
        self.per_path = [
            (glob, expand_all(list(codes), source=source, key=f"rules.per_path.{glob}"))
            for glob, codes in rules.per_path.items()
        ]

    def path_ignores(self, path: Path | str | None) -> frozenset[str]:
        """Codes switched off for ``path`` by ``[rules] ignore`` and ``[rules.per_path]``."""
        codes = set(self.ignored)
        if path is not None and self.per_path:
            relative = _relative(Path(path), self.root)
            for glob, ignored in self.per_path:
                if _matches(relative, glob):
                    codes.update(ignored)
        return frozenset(codes)

    def grader(self, path: Path | str | None, file_ignores: Iterable[str] = ()) -> Grader:
        """A function from code to severity for one file; ``None`` means switched off."""
        off = self.path_ignores(path) | set(file_ignores)
        grades = self.grades

        def grade(code: str) -> str | None:
            if code in off:
                return None
            found = grades.get(code)
            if found is None:
                rule = BY_CODE.get(code)
                return rule.severity if rule else "error"
            return None if found == "off" else found

        return grade


def file_ignores(front_matter: dict[str, Any]) -> list[str]:
    """Codes a file switches off for itself with ``newsroom-ignore: [CODE, ...]``."""
    value = front_matter.get(IGNORE_KEY)
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    if not isinstance(value, list):
        return []
    codes: list[str] = []
    for item in value:
        if isinstance(item, str):
            codes.extend(expand(item))
    return codes


def _relative(path: Path, root: Path) -> str:
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _matches(relative: str, glob: str) -> bool:
    if fnmatch.fnmatchcase(relative, glob):
        return True
    return glob.startswith("**/") and fnmatch.fnmatchcase(relative, glob[3:])
