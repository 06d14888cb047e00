"""The writer's refusals and edge cases that `fix` relies on."""

from __future__ import annotations

import datetime as dt

import pytest

from newsroom_cli.article import parse_article
from newsroom_cli.errors import NewsroomError
from newsroom_cli.writer import plan_edit


@pytest.mark.parametrize("before", ["slug:\n", "slug:   # to do\n", "slug: ~\n", "slug: null\n"])
def test_an_empty_value_is_filled_without_joining_the_key(before: str) -> None:
    article = parse_article(f"---\ntitle: T\n{before}---\nBody\n")
    edit = plan_edit(article, {"slug": "a-slug"})
    after = parse_article(edit.new)
    assert after.front_matter == {"title": "T", "slug": "a-slug"}
    assert after.body == "Body\n"


def test_a_duplicated_key_is_refused_with_its_name() -> None:
    article = parse_article("---\ndate: 2026-01-01\ndate: 2026-01-02\n---\n")
    with pytest.raises(NewsroomError, match="'date' is written twice"):
        plan_edit(article, {"date": "2026-01-03"})


def test_toml_datetimes_are_written_with_a_t() -> None:
    article = parse_article('+++\ntitle = "T"\ndate = 2026-07-01T09:30:00\n+++\n')
    value = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    edit = plan_edit(article, {"date": value})
    assert b"date = 2026-07-01T09:30:00-04:00\n" in edit.new
