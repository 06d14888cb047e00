"""Finding and checking newsroom.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom_cli.config import find_config, load_config, read_config, starter_config
from newsroom_cli.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_by_walking_up(tmp_path: Path) -> None:
    config = write(tmp_path / "newsroom.toml", '[publication]\nname = "Up"\n')
    deep = tmp_path / "content" / "news" / "2026"
    deep.mkdir(parents=True)
    assert find_config(deep) == config
    loaded = load_config(deep)
    assert loaded.publication.name == "Up"
    assert loaded.root == tmp_path.resolve()
    assert loaded.content_dir == tmp_path.resolve() / "content"


def test_pyproject_table_is_the_fallback(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.newsroom.publication]\nname = "Py"\n')
    assert load_config(tmp_path).publication.name == "Py"


def test_newsroom_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.newsroom.publication]\nname = "Py"\n')
    write(tmp_path / "sub" / "newsroom.toml", '[publication]\nname = "Toml"\n')
    assert load_config(tmp_path / "sub").publication.name == "Toml"


def test_defaults_without_any_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.path is None
    assert [s.key for s in config.sections] == ["news", "analysis", "opinion", "features"]
    assert config.schema["title"].required


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[publication]\ntimezone = "Mars/Olympus"\n', "publication.timezone: unknown time zone"),
        (
            '[publication]\nbase_url = "javascript:alert(1)"\n',
            "publication.base_url: expected an http",
        ),
        ("[publication]\nname = 3\n", "publication.name: expected a string, got 3"),
        ('[paths]\npattern = "../{slug}.md"\n', "paths.pattern: must be a relative path"),
        ('[paths]\npattern = "{section}/{title}.md"\n', "unknown placeholder {title}"),
        ('[paths]\npattern = "{section}.md"\n', "must contain {slug}"),
        ('[fields.title]\nmax_length = "long"\n', "fields.title.max_length: expected int"),
        ('[fields.title]\ntype = "colour"\n', "unknown type 'colour'"),
        ('[rules.severity]\nNR101 = "fatal"\n', "rules.severity.NR101: expected error, warning"),
        ('[teaser.targets.meta]\nunit = "words"\n', "teaser.targets.meta.unit"),
        ('[roundup]\nfrom = "a\\r\\nBcc: x@example.com"\n', "roundup.from: must be on one line"),
        ('[[sections]]\nkey = "a"\n[[sections]]\nkey = "a"\n', "section keys must be unique"),
        ("[mystery]\n", "mystery: unknown table"),
        ("title = [\n", "not valid TOML"),
    ],
)
def test_config_errors_name_file_key_and_expectation(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path / "newsroom.toml", text)
    with pytest.raises(ConfigError) as info:
        read_config(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.exit_code == 2


def test_explicit_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path, tmp_path / "nope.toml")


def test_fields_extend_the_schema(tmp_path: Path) -> None:
    path = write(
        tmp_path / "newsroom.toml",
        '[fields.kicker]\ntype = "string"\nmax_length = 40\n'
        '[fields.dek]\naliases = ["standfirst"]\n',
    )
    schema = read_config(path).schema
    assert schema["kicker"].max_length == 40
    assert schema.canonical("standfirst") == "dek"
    assert schema.canonical("summary") is None
    assert schema["dek"].type == "text"


def test_starter_config_round_trips(tmp_path: Path) -> None:
    text = starter_config('The "Quoted" Times', "https://times.example", "Europe/Berlin")
    config = read_config(write(tmp_path / "newsroom.toml", text))
    assert config.publication.name == 'The "Quoted" Times'
    assert config.publication.timezone == "Europe/Berlin"
    with pytest.raises(ConfigError, match="timezone"):
        starter_config("x", "https://x.example", "Nowhere/Land")


def test_the_starter_configuration_is_the_shipped_template() -> None:
    from newsroom_cli.config import STARTER_NAME, builtin_templates_dir

    template = (builtin_templates_dir() / STARTER_NAME).read_text(encoding="utf-8")
    text = starter_config("The Ledger", "https://ledger.example", "Europe/Berlin")
    assert "$" in template
    assert text == (
        template.replace("$name", '"The Ledger"')
        .replace("$url", '"https://ledger.example"')
        .replace("$timezone", '"Europe/Berlin"')
    )


def test_the_documented_example_is_read_table_by_table(tmp_path: Path) -> None:
    import re
    import tomllib

    from newsroom_cli.config import _TABLES, config_from_mapping

    docs = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", docs, re.DOTALL)
    assert example is not None
    data = tomllib.loads(example[1])
    # The readers follow the page's order; [conventions] is described in docs/adopting.md.
    assert list(data) == [table for table in _TABLES if table != "conventions"]
    config = config_from_mapping(data, root=tmp_path)
    assert config.publication.timezone == "America/New_York"
    assert config.authors[0].aliases == ("The Analysis Desk",)
    assert config.tags == ("elections", "transport", "housing")
    assert config.rules.per_path == {"content/archive/**": ("NR301", "NR312")}
    assert config.teaser.targets["meta"].fill is True
    assert config.roundup.first_issue == "2026-W01"
    assert config.roundup.send.security == "starttls"
    assert config.roundup.messages == {"keep_reading": "Read the story"}
