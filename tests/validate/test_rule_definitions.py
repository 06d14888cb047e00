"""Rules are defined with keywords, each with its documentation right above its check."""

from __future__ import annotations

import ast
import inspect

import pytest

from newsroom_cli.rules import newsroom
from newsroom_cli.rules.base import Rule
from newsroom_cli.rules.registry import RULES


def test_a_rule_is_defined_with_keywords_only() -> None:
    fields = ("NR999", "x", "error", "newsroom", "What.", "Why.", "bad", "good")
    with pytest.raises(TypeError):
        Rule(*fields)  # type: ignore[misc]
    rule = Rule(
        code="NR999",
        name="x",
        severity="error",
        family="newsroom",
        summary="What.",
        explanation="Why.",
        bad="bad",
        good="good",
    )
    assert rule.code == "NR999"


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert rule.summary and rule.explanation and rule.bad and rule.good, rule.code


def test_each_newsroom_rule_sits_right_above_the_check_that_reports_it() -> None:
    tree = ast.parse(inspect.getsource(newsroom))
    body = tree.body
    checked = 0
    for index, node in enumerate(body):
        if not (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "Rule"
        ):
            continue
        code = next(k.value for k in node.value.keywords if k.arg == "code")
        assert isinstance(code, ast.Name)
        check = next(n for n in body[index + 1 :] if isinstance(n, ast.FunctionDef))
        names = {n.id for n in ast.walk(check) if isinstance(n, ast.Name)}
        helpers = [
            n for n in body if isinstance(n, ast.FunctionDef | ast.ClassDef) and n.name in names
        ]
        for helper in helpers:
            names |= {n.id for n in ast.walk(helper) if isinstance(n, ast.Name)}
        assert code.id in names, (code.id, check.name)
        checked += 1
    assert checked == len(newsroom.RULES)
