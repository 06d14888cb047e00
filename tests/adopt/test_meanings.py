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
