"""Configuration values are checked on load: a wrong one is one clear line and exit 2.

The configuration is trusted (it is the newsroom's own), but a typo in it must never reach
a link, a header or a teaser budget silently, nor crash a command.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import assert_clean_exit
from typer.testing import CliRunner

from newsroom_cli.cli.app import app
from newsroom_cli.config import load_config
from newsroom_cli.errors import ConfigError

BAD_CONFIGS = {
    "name-not-a-string": ("[publication]\nname = 5\n", "publication.name"),
    "base-url-javascript": ('[publication]\nbase_url = "javascript:alert(1)"\n', "base_url"),
    "base-url-ftp": ('[publication]\nbase_url = "ftp://files.example"\n', "base_url"),
    "base-url-no-host": ('[publication]\nbase_url = "https://"\n', "base_url"),
    "base-url-relative": ('[publication]\nbase_url = "/news"\n', "base_url"),
    "base-url-line-break": (
        '[publication]\nbase_url = "https://ledger.example\\r\\nBcc: x@example.com"\n',
        "base_url",
    ),
    "base-url-space": ('[publication]\nbase_url = "https://ledger.example/a b"\n', "base_url"),
    "base-url-tab": ('[publication]\nbase_url = "https://ledger\\t.example"\n', "base_url"),
    "zone-unknown": ('[publication]\ntimezone = "Mars/Olympus_Mons"\n', "timezone"),
    "zone-path": ('[publication]\ntimezone = "../../etc/passwd"\n', "timezone"),
    "zone-absolute": ('[publication]\ntimezone = "/usr/share/zoneinfo/UTC"\n', "timezone"),
    "zone-nul": ('[publication]\ntimezone = "UTC\\u0000"\n', "timezone"),
    "zone-empty": ('[publication]\ntimezone = ""\n', "timezone"),
    "zone-number": ("[publication]\ntimezone = 5\n", "timezone"),
    "unknown-table": ("[publications]\nname = 'x'\n", "publications"),
    "unknown-key": ("[publication]\nnmae = 'x'\n", "publication.nmae"),
    "sections-not-tables": ('sections = ["news"]\n', "sections"),
    "section-without-key": ('[[sections]]\nlabel = "News"\n', "sections[0].key"),
    "duplicate-sections": ('[[sections]]\nkey = "a"\n[[sections]]\nkey = "a"\n', "sections"),
    "author-without-key": ('[[authors]]\nname = "Jane"\n', "authors[0].key"),
    "tags-not-strings": ("[tags]\nvocabulary = [1, 2]\n", "tags.vocabulary"),
    "severity-grade": ('[rules.severity]\nNR301 = "fatal"\n', "rules.severity.NR301"),
    "limit-zero": ("[teaser.targets.meta]\nlimit = 0\n", "teaser.targets.meta.limit"),
    "limit-string": ('[teaser.targets.meta]\nlimit = "155"\n', "teaser.targets.meta.limit"),
    "limit-bool": ("[teaser.targets.meta]\nlimit = true\n", "teaser.targets.meta.limit"),
    "unit-unknown": ('[teaser.targets.meta]\nunit = "words"\n', "teaser.targets.meta.unit"),
    "reserve-over-limit": (
        "[teaser.targets.x]\nlimit = 10\nreserve = 10\n",
        "teaser.targets.x.limit",
    ),
    "sentences-zero": ("[teaser.targets.meta]\nsentences = 0\n", "teaser.targets.meta.sentences"),
    "sentences-negative": (
        "[teaser.targets.meta]\nsentences = -1\n",
        "teaser.targets.meta.sentences",
    ),
    "max-bytes-zero": (
        "[teaser.targets.bluesky]\nmax_bytes = 0\n",
        "teaser.targets.bluesky.max_bytes",
    ),
    "url-length-negative": (
        "[teaser.targets.mastodon]\nurl_length = -50\n",
        "teaser.targets.mastodon.url_length",
    ),
    "new-target-without-limit": ("[teaser.targets.sms]\nunit = 'chars'\n", "teaser.targets.sms"),
    "teaser-key-empty": ('[teaser]\nkey = ""\n', "teaser.key"),
    "teaser-key-dots": ('[teaser]\nkey = "teasers..meta"\n', "teaser.key"),
    "per-section-zero": ("[roundup]\nper_section = 0\n", "roundup.per_section"),
    "roundup-unknown-section": ('[roundup]\nsections = ["sport"]\n', "roundup.sections"),
    "from-line-break": ('[roundup]\nfrom = "a <a@b.example>\\r\\nBcc: x"\n', "roundup.from"),
    "unsubscribe-line-break": (
        '[roundup]\nlist_unsubscribe = "<mailto:a@b.example>\\nBcc: x"\n',
        "roundup.list_unsubscribe",
    ),
    "pattern-parent": ('[paths]\npattern = "../{slug}.md"\n', "paths.pattern"),
    "pattern-absolute": ('[paths]\npattern = "/tmp/{slug}.md"\n', "paths.pattern"),
    "pattern-no-slug": ('[paths]\npattern = "{section}/index.md"\n', "paths.pattern"),
    "pattern-unknown-field": ('[paths]\npattern = "{secret}/{slug}.md"\n', "paths.pattern"),
    "pattern-attribute": ('[paths]\npattern = "{slug.__class__}/{slug}.md"\n', "paths.pattern"),
    "not-toml": ("[publication\nname = 'x'\n", "not valid TOML"),
    "duplicate-key": ("[publication]\nname = 'a'\nname = 'b'\n", "not valid TOML"),
    "huge-number": ("[roundup]\nper_section = " + "9" * 5000 + "\n", "not valid TOML"),
    "deep-nesting": ("[roundup]\nutm = " + "[" * 5000 + "]" * 5000 + "\n", "not valid TOML"),
}


def write_config(root: Path, text: str | bytes) -> None:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (root / "newsroom.toml").write_bytes(data)
    (root / "content").mkdir(exist_ok=True)


@pytest.mark.parametrize(("text", "where"), BAD_CONFIGS.values(), ids=BAD_CONFIGS.keys())
def test_wrong_values_are_refused_on_load(tmp_path: Path, text: str, where: str) -> None:
    write_config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert where in str(caught.value)
    assert str(tmp_path / "newsroom.toml") in str(caught.value)


@pytest.mark.parametrize(("text", "where"), BAD_CONFIGS.values(), ids=BAD_CONFIGS.keys())
def test_wrong_values_are_one_line_and_exit_2(tmp_path: Path, text: str, where: str) -> None:
    write_config(tmp_path, text)
    result = CliRunner().invoke(app, ["-C", str(tmp_path), "validate"])
    assert_clean_exit(result, allowed=(2,))
    assert where in result.stderr


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe[\x00p\x00", b"[publication]\nname = '\xe9'\n", b"\x00" * 64],
    ids=["utf-16", "latin-1", "binary"],
)
def test_config_that_is_not_utf8(tmp_path: Path, data: bytes) -> None:
    write_config(tmp_path, data)
    result = CliRunner().invoke(app, ["-C", str(tmp_path), "validate"])
    assert_clean_exit(result, allowed=(2,))
    assert "newsroom.toml" in result.stderr


def test_config_with_a_bom_is_read(tmp_path: Path) -> None:
    write_config(tmp_path, b'\xef\xbb\xbf[publication]\nname = "Test Ledger"\n')
    assert load_config(tmp_path).publication.name == "Test Ledger"


def test_config_that_is_a_folder_or_missing(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "newsroom.toml").mkdir()
    for args in (["validate"], ["--config", str(tmp_path / "nope.toml"), "validate"]):
        result = CliRunner().invoke(app, ["-C", str(tmp_path), *args])
        assert_clean_exit(result, allowed=(0, 1, 2))


def test_pyproject_with_broken_toml_is_skipped_not_fatal(tmp_path: Path) -> None:
    # A pyproject.toml is only a fallback: one that cannot be read is not ours to report.
    (tmp_path / "pyproject.toml").write_text("[tool.x]\na = " + "[" * 5000, encoding="utf-8")
    (tmp_path / "content").mkdir()
    result = CliRunner().invoke(app, ["-C", str(tmp_path), "validate"])
    assert_clean_exit(result)
