"""Show the field schema: a table, JSON, or a JSON Schema for editors.

--format json-schema prints a JSON Schema (draft 2020-12) of the front matter; save it and
point your editor's YAML tooling at it (see docs/configuration.md).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsroom_cli.cli.app import state
from newsroom_cli.cli.options import SchemaFormat, format_option

if TYPE_CHECKING:
    from newsroom_cli.config import Config
    from newsroom_cli.schema import Field


def schema_command(
    ctx: typer.Context,
    format_: Annotated[
        SchemaFormat,
        format_option("table, json, or json-schema (draft 2020-12).", short=True),
    ] = SchemaFormat.TABLE,
) -> None:
    st = state(ctx)
    config = st.config
    if format_ is SchemaFormat.JSON_SCHEMA:
        from newsroom_cli.schema_export import to_json_schema

        typer.echo(json.dumps(to_json_schema(config.schema, config), indent=2, ensure_ascii=False))
        return
    if format_ is SchemaFormat.JSON:
        fields = [_field_json(item, config) for item in config.schema]
        payload = {"version": 1, "config": config.source, "fields": fields}
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    source = st.display_path(config.path) if config.path else config.source
    _print_table(st.console(), config, source)


def _allowed(item: Field, config: Config) -> list[str]:
    return list(item.allowed_values([section.key for section in config.sections]))


def _field_json(item: Field, config: Config) -> dict[str, Any]:
    return {
        "name": item.name,
        "type": item.type,
        "required": item.required,
        "recommended": item.recommended,
        "aliases": list(item.aliases),
        "min_length": item.min_length,
        "max_length": item.max_length,
        "pattern": item.pattern,
        "allowed": _allowed(item, config),
        "keys": list(item.keys),
        "default": item.default,
        "presence": item.presence,
        "description": item.description,
    }


def _constraints(item: Field, config: Config) -> str:
    parts = []
    if item.min_length is not None and item.max_length is not None:
        parts.append(f"{item.min_length}-{item.max_length} chars")
    elif item.min_length is not None:
        parts.append(f"at least {item.min_length} chars")
    elif item.max_length is not None:
        parts.append(f"at most {item.max_length} chars")
    if item.pattern:
        parts.append(f"matches {item.pattern}")
    allowed = _allowed(item, config)
    if allowed:
        parts.append("one of: " + ", ".join(allowed))
    if item.keys:
        parts.append("keys: " + ", ".join(item.keys))
    return "; ".join(parts)


def _print_table(console: Any, config: Config, source: str) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("field", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("required", min_width=8)
    table.add_column("aliases", ratio=2)
    table.add_column("limits, allowed values", ratio=3, overflow="fold")
    table.add_column("description", ratio=3)
    for item in config.schema:
        required = "yes" if item.required else ("recommended" if item.recommended else "no")
        if item.presence is not None:
            required += f" ({item.presence:.0%})"
        cells = (
            item.name,
            item.type,
            required,
            ", ".join(item.aliases),
            _constraints(item, config),
            item.description,
        )
        # Text cells: a pattern such as [a-z0-9] is not Rich markup.
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)
    notes = [f"Fields from {source}."]
    if config.authors:
        notes.append(f"Authors roster: {len(config.authors)} entries.")
    if config.tags is not None:
        notes.append(f"Tag vocabulary: {len(config.tags)} tags.")
    notes.append("Other keys are allowed; validate warns about them.")
    console.print(Text(" ".join(notes)))
