"""Helpers for the validate tests: a newsroom with a roster, a vocabulary, one good article."""

from __future__ import annotations

from pathlib import Path

from newsroom_cli.config import Config, load_config
from newsroom_cli.rules import Problem, validate_paths

CONFIG = """\
[publication]
name = "Test Ledger"
base_url = "https://ledger.example"
timezone = "America/New_York"

[[authors]]
key = "daniel-reyes"
name = "Daniel Reyes"
aliases = ["Dan Reyes"]

[[authors]]
key = "mara-okafor"
name = "Mara Okafor"

[tags]
vocabulary = ["ferries", "transport", "budget"]

[fields.column]
min_length = 3
"""

# Line numbers matter: the tests point at them.
GOOD = """\
---
title: "Council freezes ferry fares through next summer"
dek: "A 7-2 vote keeps the one-way fare to Gull Island at $3.25 until September."
slug: council-freezes-ferry-fares
section: news
authors:
  - daniel-reyes
date: 2026-11-10T21:15:00-05:00
status: published
tags:
  - ferries
image:
  src: ferry.jpg
  alt: "A white ferry leaves the terminal at dawn."
  credit: James Corrigan
---

HARBOR CITY — The City Council voted 7-2 on Tuesday night to keep the fare.
"""

GOOD_NAME = "content/news/2026/11/council-freezes-ferry-fares.md"


def write(root: Path, text: str | bytes, name: str = GOOD_NAME) -> Path:
    """Write an article under the project and return its path."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def config_of(root: Path) -> Config:
    """The project's configuration."""
    return load_config(root)


def problems(root: Path, text: str | bytes, name: str = GOOD_NAME) -> list[Problem]:
    """Every problem validate finds in one article written to ``name``."""
    path = write(root, text, name)
    return validate_paths(config_of(root), [path], use_cache=False).problems
