"""The rules of ``newsroom validate``: definitions, the runner and the report.

The public, stable API::

    from newsroom_cli.rules import Problem, Report, check_article, validate_paths

    problems = check_article(config, article)          # one loaded article, no cross-file rules
    report = validate_paths(config, [Path("content")])  # files; cross-file rules; cached

Rule definitions (code, name, severity, family, explanation, examples) are in ``RULES``.
"""

from __future__ import annotations

from newsroom_cli.rules.base import Problem, Report, Rule
from newsroom_cli.rules.registry import RULES, get_rule
from newsroom_cli.rules.runner import check_article, validate_paths

__all__ = ["RULES", "Problem", "Report", "Rule", "check_article", "get_rule", "validate_paths"]
