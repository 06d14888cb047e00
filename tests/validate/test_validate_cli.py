"""`newsroom validate` through the CLI: formats, exit codes, selection, cache, examples."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner
from validate_support import CONFIG, GOOD, GOOD_NAME, write

from newsroom_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BAD_STATUS = GOOD.replace("status: published", "status: pubished")
NO_DEK = GOOD.replace(
    'dek: "A 7-2 vote keeps the one-way fare to Gull Island at $3.25 until September."\n', ""
)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_format_and_summary(newsroom: Path, runner: CliRunner) -> None:
    write(newsroom, BAD_STATUS)
    code, out, err = run(runner, "validate")
    assert code == 1, out + err
    assert out == (
        f"{GOOD_NAME}:9:9: NR203 error status: 'pubished' is not allowed; "
        "did you mean 'published'? (one of: draft, review, ready, published)\n"
    )
    assert err.strip() == "1 file checked: 1 error and 0 warnings in 1 file"


def test_clean_run_exits_zero(newsroom: Path, runner: CliRunner) -> None:
    write(newsroom, GOOD)
    code, out, err = run(runner, "validate")
    assert code == 0, out + err
    assert out == ""
    assert "no problems" in err


def test_json_format_is_exactly_the_contract(newsroom: Path, runner: CliRunner) -> None:
    write(newsroom, BAD_STATUS)
    code, out, _ = run(runner, "validate", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["version", "files", "problems", "summary"]
    assert data["version"] == 1 and data["files"] == 1
    assert data["summary"] == {"errors": 1, "warnings": 0}
    assert data["problems"] == [
        {
            "path": GOOD_NAME,
            "line": 9,
            "column": 9,
            "end_line": 9,
            "end_column": 17,
            "code": "NR203",
            "severity": "error",
            "field": "status",
            "message": "status: 'pubished' is not allowed; did you mean 'published'?",
            "hint": "one of: draft, review, ready, published",
        }
    ]


def test_github_format_escapes(newsroom: Path, runner: CliRunner) -> None:
    write(newsroom, BAD_STATUS, "content/news/a,b:c%.md")
    code, out, _ = run(runner, "validate", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert any(
        line.startswith(
            "::error file=content/news/a%2Cb%3Ac%25.md,line=9,col=9,"
            "endLine=9,endColumn=17,title=NR203::status: "
        )
        for line in lines
    )
    assert any(line.startswith("::warning ") and "title=NR313" in line for line in lines)
    assert all(line.startswith("::") for line in lines)


def test_fail_on_warning_and_quiet(newsroom: Path, runner: CliRunner) -> None:
    write(newsroom, NO_DEK)
    code, out, err = run(runner, "validate")
    assert code == 0, out + err
    assert " NR312 warning " in out
    code, out, err = run(runner, "validate", "--fail-on", "warning", "--quiet")
    assert code == 1
    assert " NR312 warning " in out
    assert err == ""


def test_usage_errors_exit_two(newsroom: Path, runner: CliRunner) -> None:
    assert run(runner, "validate", "--format", "xml")[0] == 2
    assert run(runner, "validate", "--fail-on", "info")[0] == 2
    (newsroom / "newsroom.toml").write_text(CONFIG + '\n[rules]\nignore = ["NR999"]\n')
    code, _, err = run(runner, "validate")
    assert code == 2
    assert "rules.ignore" in err and "NR999" in err


def test_every_problem_in_every_file_sorted(newsroom: Path, runner: CliRunner) -> None:
    write(newsroom, BAD_STATUS.replace("section: news", "section: News"), "content/b.md")
    write(newsroom, "no front matter\n", "content/a.md")
    code, out, _ = run(runner, "validate", "-q")
    assert code == 1
    places = [line.split(": ")[0] for line in out.splitlines()]
    assert places[0] == "content/a.md:1:1"
    assert [p for p in places if p.startswith("content/b.md")] == [
        "content/b.md:4:7",
        "content/b.md:5:10",
        "content/b.md:9:9",
    ]


def test_paths_relative_to_where_the_user_started(
    newsroom: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(newsroom, BAD_STATUS)
    monkeypatch.chdir(newsroom / "content" / "news")
    code, out, _ = run(runner, "validate", "2026")
    assert code == 1
    assert out.startswith("2026/11/council-freezes-ferry-fares.md:9:9: NR203")
    monkeypatch.chdir(newsroom.parent)
    code, out, _ = run(runner, "-C", newsroom.name, "validate")
    assert out.startswith(f"{newsroom.name}/{GOOD_NAME}:9:9:")


def test_config_ignore_severity_and_per_path(newsroom: Path, runner: CliRunner) -> None:
    write(newsroom, NO_DEK)
    write(
        newsroom,
        NO_DEK.replace("slug: council", "slug: archive-council").replace(
            "Council freezes", "Archive: council freezes"
        ),
        "content/archive/archive-council-freezes-ferry-fares.md",
    )
    base = CONFIG + "\n[rules]\n"
    config = newsroom / "newsroom.toml"
    config.write_text(base + 'ignore = ["missing-recommended-field"]\n')
    assert run(runner, "validate")[1] == ""
    config.write_text(base + '[rules.severity]\nNR312 = "error"\n')
    code, out, _ = run(runner, "validate")
    assert code == 1 and out.count(" NR312 error ") == 2
    config.write_text(base + '[rules.severity]\nNR3 = "off"\n')
    assert run(runner, "validate")[1] == ""
    config.write_text(base + '[rules.per_path]\n"content/archive/**" = ["NR312"]\n')
    code, out, _ = run(runner, "validate")
    assert code == 0
    assert out.splitlines() == [
        f"{GOOD_NAME}:15:1: NR312 warning no dek (the standfirst under "
        "the headline) (add a `dek:` line)"
    ]


def test_newsroom_ignore_in_front_matter(newsroom: Path, runner: CliRunner) -> None:
    text = BAD_STATUS.replace("section: news", "section: news\nnewsroom-ignore: [NR203]")
    write(newsroom, text)
    code, out, err = run(runner, "validate")
    assert code == 0, out + err
    assert out == ""
    write(newsroom, text.replace("[NR203]", "value-not-allowed"))
    assert run(runner, "validate")[0] == 0


def _many(root: Path, count: int = 20) -> list[Path]:
    paths = []
    for number in range(count):
        slug = f"story-number-{number}"
        text = GOOD.replace("council-freezes-ferry-fares", slug).replace(
            "Council freezes ferry fares", f"Council freezes ferry fares, part {number},"
        )
        paths.append(write(root, text, f"content/news/2026/11/{slug}.md"))
    past = time.time() - 3600
    for path in paths:
        os.utime(path, (past, past))
    return paths


def test_cache_is_used_and_invalidated(newsroom: Path, runner: CliRunner) -> None:
    paths = _many(newsroom)
    assert run(runner, "validate")[0] == 0
    cache = newsroom / ".newsroom-cache" / "validate-v1.json"
    assert cache.is_file()
    assert (newsroom / ".newsroom-cache" / ".gitignore").read_text().strip().endswith("*")
    entries = json.loads(cache.read_text())["entries"]
    assert len(entries) == 20
    # A cached result is served: prove it by planting a finding only the cache knows.
    key = os.path.abspath(paths[0])
    entries[key][2][0].append([2, 8, 2, 9, "NR307", "warning", "title", "planted", None])
    data = json.loads(cache.read_text())
    data["entries"] = entries
    cache.write_text(json.dumps(data))
    assert "planted" in run(runner, "validate")[1]
    assert "planted" not in run(runner, "validate", "--no-cache")[1]
    # Editing the file (new size and mtime) gives a new result.
    paths[0].write_text(paths[0].read_text().replace("status: published", "status: pubished"))
    code, out, _ = run(runner, "validate")
    assert code == 1 and "planted" not in out and " NR203 " in out
    # Changing the configuration throws the cache away.
    data = json.loads(cache.read_text())
    for entry in data["entries"].values():
        entry[2][0].append([2, 8, 2, 9, "NR307", "warning", "title", "planted", None])
    cache.write_text(json.dumps(data))
    assert "planted" in run(runner, "validate")[1]
    (newsroom / "newsroom.toml").write_text(CONFIG + "\n# a comment changes the content\n")
    assert "planted" not in run(runner, "validate")[1]


def test_an_unchanged_archive_is_answered_without_the_loader_or_hashing(newsroom: Path) -> None:
    paths = _many(newsroom)
    paths[0].write_text(paths[0].read_text().replace("status: published", "status: pubished"))
    os.utime(paths[0], (time.time() - 3600, time.time() - 3600))
    script = (
        "import sys\n"
        "from newsroom_cli.cli.app import main\n"
        "try:\n    main(['validate'])\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print('LOADED' if 'newsroom_cli.article' in sys.modules else 'SKIPPED', code,\n"
        "      'hashlib' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=newsroom,
            capture_output=True,
            text=True,
            check=False,
        )
        for _ in range(2)
    ]
    assert runs[0].stdout.splitlines()[-1].startswith("LOADED 1 "), runs[0].stderr
    assert runs[1].stdout.splitlines()[-1] == "SKIPPED 1 False", runs[1].stderr
    assert runs[0].stdout.splitlines()[:-1] == runs[1].stdout.splitlines()[:-1]
    assert " NR203 " in runs[1].stdout


def test_cache_recomputes_cross_file_rules(newsroom: Path, runner: CliRunner) -> None:
    paths = _many(newsroom)
    assert run(runner, "validate")[0] == 0
    copy = newsroom / "content" / "news" / "2026" / "12" / "story-number-3.md"
    copy.parent.mkdir(parents=True)
    shutil.copy(paths[3], copy)
    code, out, _ = run(runner, "validate")
    assert code == 1
    assert out.count(" NR401 ") == 2 and out.count(" NR402 ") == 2
    copy.unlink()
    assert run(runner, "validate") == (0, "", "20 files checked: no problems\n")


def test_examples_validate_clean(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run(runner, "-C", "examples", "validate", "--no-cache", "--fail-on", "warning")
    assert code == 0, out + err
    assert out == ""
    assert "16 files checked: no problems" in err


EXAMPLE = "content/news/2026/11/council-freezes-ferry-fares.md"
BREAKS = [
    # description, old text, new text, code, the line the problem must be on
    (
        "duplicate key",
        "section: news\n",
        "section: news\nsection: opinion\n",
        "NR104",
        "section: opinion",
    ),
    ("missing section", "section: news\n", "", "NR201", "---\n\nHARBOR"),
    ("wrong section", "section: news", "section: sports", "NR203", "section: sports"),
    ("unknown field", "section: news", "section: news\nsectoin: news", "NR207", "sectoin:"),
    ("yaml surprise", "section: news", "section: news\ncolumn: off", "NR208", "column: off"),
    (
        "no offset",
        "date: 2026-11-10T21:15:00-05:00",
        "date: 2026-11-10 21:15",
        "NR301",
        "date: 2026-11-10 21:15",
    ),
    (
        "bad date",
        "date: 2026-11-10T21:15:00-05:00",
        "date: 2026-11-31",
        "NR302",
        "date: 2026-11-31",
    ),
    (
        "updated before",
        "status: published",
        "updated: 2026-11-01\nstatus: published",
        "NR303",
        "updated:",
    ),
    (
        "scheduled",
        "date: 2026-11-10T21:15:00-05:00",
        "date: 2999-11-10T21:15:00-05:00",
        "NR304",
        "date: 2999",
    ),
    ("no alt", "  alt: ", "  description: ", "NR305", "image:"),
    ("unknown author", "  - daniel-reyes", "  - dan", "NR309", "  - dan"),
    ("tag", "  - ferries", "  - ferry", "NR310", "  - ferry"),
    ("slug", "slug: council-freezes-ferry-fares", "slug: fares", "NR313", "slug: fares"),
    ("empty body", "\nHARBOR CITY", "\n", "NR314", "status: published"),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "marker"), [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS]
)
def test_breaking_an_example_article(
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    code: str,
    marker: str,
) -> None:
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy, ignore=shutil.ignore_patterns(".newsroom-cache"))
    article = copy / EXAMPLE
    text = article.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if code == "NR314":
        text = text[: text.index("---\n\n", 4) + 4]  # the front matter alone
    article.write_text(text, encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    monkeypatch.chdir(tmp_path)
    _, out, err = run(runner, "-C", "examples", "validate", "--no-cache")
    found = [row for row in out.splitlines() if f" {code} " in row]
    assert found, out + err
    assert found[0].startswith(f"examples/{EXAMPLE}:{line}:"), found[0]
