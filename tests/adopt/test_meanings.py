"""init --from's [conventions.meanings] decide which key the teaser reads as which text."""

from __future__ import annotations

from pathlib import Path

from newsroom_cli.config import config_from_mapping


def fields(meanings: dict[str, str], teaser_fields: dict[str, list[str]] | None = None) -> dict:
    data: dict = {"conventions": {"meanings": meanings}}
    if teaser_fields is not None:
        data["teaser"] = {"fields": teaser_fields}
    return dict(config_from_mapping(data, root=Path("/tmp")).teaser.fields)


def test_an_archive_whose_summary_is_the_standfirst() -> None:
    found = fields({"summary": "dek", "description": "meta", "excerpt": "teaser"})
    assert "summary" in found["dek"] and "summary" not in found["teaser"]
    assert "excerpt" in found["teaser"] and found["description"] == ("description",)


def test_jekyll_excerpt_is_the_teaser_and_description_the_meta() -> None:
    found = fields({"excerpt": "teaser", "description": "meta"})
    assert "excerpt" in found["teaser"] and "description" in found["description"]
    assert "excerpt" not in found["dek"]


def test_a_kind_written_out_in_teaser_fields_wins() -> None:
    found = fields({"summary": "dek"}, {"teaser": ["teaser", "summary"]})
    assert found["teaser"] == ("teaser", "summary")


HUGO = {"summary": "teaser", "description": "meta", "deck": "dek"}


def config_with(meanings: dict[str, str]) -> object:
    return config_from_mapping({"conventions": {"meanings": meanings}}, root=Path("/tmp"))


def test_the_schema_aliases_follow_the_generators_meanings() -> None:
    schema = config_with(HUGO).schema  # type: ignore[attr-defined]
    assert schema.canonical("summary") == "teaser"
    assert schema.canonical("deck") == "dek"
    assert schema.canonical("description") is None
    assert "summary" not in schema["dek"].aliases and "description" not in schema["dek"].aliases
    # No meanings: the built-in aliases stand.
    plain = config_from_mapping({}, root=Path("/tmp")).schema
    assert plain.canonical("summary") == "dek"


def test_a_meaning_written_in_the_configuration_overrides_the_generators() -> None:
    schema = config_with({"summary": "dek", "description": "meta"}).schema  # type: ignore[attr-defined]
    assert schema.canonical("summary") == "dek"
    assert schema.canonical("description") is None


def test_a_key_of_its_own_stays_a_field() -> None:
    data = {"conventions": {"meanings": HUGO}, "fields": {"deck": {"type": "string"}}}
    schema = config_from_mapping(data, root=Path("/tmp")).schema
    assert schema.canonical("deck") == "deck"


def test_validate_reads_a_hugo_summary_and_description_as_what_they_mean() -> None:
    from newsroom_cli.rules.runner import check_text
    from newsroom_cli.rules.schema import ALIAS_CONFLICT, UNKNOWN_FIELD

    config = config_with(HUGO)
    text = (
        "---\ntitle: A headline long enough to pass\nsummary: The teaser of the list page.\n"
        "description: The meta description for search engines.\ndate: 2024-03-01T10:00:00Z\n"
        "---\n\nBody.\n"
    )
    problems, _ = check_text(config, text, "post.md")  # type: ignore[arg-type]
    codes = {problem.code for problem in problems}
    names = {problem.message for problem in problems}
    assert not any("summary" in m or "description" in m for m in names), names
    assert ALIAS_CONFLICT not in codes and UNKNOWN_FIELD not in codes
