"""The rules of ``newsroom validate``: definitions, the runner and the report.

The public, stable API::

    from newsroom_cli.rules import check_article, check_text, validate

    report = validate(config)                   # the content dir, as `newsroom validate`
    report = validate(config, staged=True)      # what is staged in git, as the hook judges it
    problems = check_article(config, article)   # one loaded article, no cross-file rules
    problems, _ = check_text(config, text, path)  # an editor's unsaved text

Rule definitions (code, name, severity, family, explanation, examples) are in ``RULES``.
The names load on first use, so that a run answered from the cache never imports the
rules or the article loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsroom_cli.rules.base import Problem, Report, Rule

if TYPE_CHECKING:
    from newsroom_cli.rules.registry import RULES, get_rule
    from newsroom_cli.rules.runner import check_article, check_text, validate_paths
    from newsroom_cli.rules.validation import validate

__all__ = [
    "RULES",
    "Problem",
    "Report",
    "Rule",
    "check_article",
    "check_text",
    "get_rule",
    "validate",
    "validate_paths",
]

_LAZY = {
    "RULES": "newsroom_cli.rules.registry",
    "get_rule": "newsroom_cli.rules.registry",
    "check_article": "newsroom_cli.rules.runner",
    "validate_paths": "newsroom_cli.rules.runner",
    "check_text": "newsroom_cli.rules.runner",
    "validate": "newsroom_cli.rules.validation",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
