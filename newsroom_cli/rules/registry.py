"""Every rule of every family, by code and by name."""

from __future__ import annotations

from newsroom_cli.errors import ConfigError
from newsroom_cli.rules import crossfile, newsroom, schema, structure
from newsroom_cli.rules.base import Rule

RULES: tuple[Rule, ...] = (*structure.RULES, *schema.RULES, *newsroom.RULES, *crossfile.RULES)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def get_rule(code_or_name: str) -> Rule | None:
    """The rule with this code (``NR201``) or name (``missing-required-field``)."""
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


def expand(selector: str) -> tuple[str, ...]:
    """The codes a selector names: a code, a rule name, or a code prefix (``NR3``)."""
    rule = get_rule(selector.strip())
    if rule is not None:
        return (rule.code,)
    prefix = selector.strip().upper()
    if len(prefix) >= 2 and prefix.startswith("NR"):
        return tuple(code for code in BY_CODE if code.startswith(prefix))
    return ()


def expand_all(selectors: tuple[str, ...] | list[str], *, source: str, key: str) -> set[str]:
    """Codes for configured selectors; an unknown one is a configuration error."""
    codes: set[str] = set()
    for selector in selectors:
        found = expand(selector)
        if not found:
            raise ConfigError(
                f"unknown rule {selector!r}",
                file=source,
                key=key,
                hint="see docs/rules.md for the codes",
            )
        codes.update(found)
    return codes
