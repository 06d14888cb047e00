"""The real archive (Digital.gov news, 2,083 posts): every command, no crash, nothing changed.

Skipped when ``../shared/corpus/digitalgov-news`` is absent. The project is described by
``newsroom init --from`` the way a newsroom adopting the toolkit would start; every command
then runs in-process over the whole archive and must account for every file. The archive
is fingerprinted before and after: no command may change a byte of it.

Round-ups run over every week with content (506); NEWSROOM_ARCHIVE_ALL_WEEKS=1 also builds
and renders an issue for each of them instead of every fourth.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import assert_clean_exit, registered_commands, tree_digest
from typer.testing import CliRunner

from newsroom_cli.cli.app import app

ARCHIVE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "digitalgov-news"

pytestmark = pytest.mark.skipif(not ARCHIVE.is_dir(), reason="shared corpus not present")


def needs(*names: str) -> None:
    missing = [n for n in names if n not in registered_commands()]
    if missing:
        pytest.skip(f"command not available: {missing}")


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for relative, value in sorted(tree_digest(root).items()):
        digest.update(f"{relative}\0{value}\n".encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def archive() -> Iterator[Path]:
    before = fingerprint(ARCHIVE)
    yield ARCHIVE
    assert fingerprint(ARCHIVE) == before, "a command changed the archive"


@pytest.fixture(scope="module")
def project(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    needs("init")
    root = tmp_path_factory.mktemp("archive-project")
    result = invoke(root, ["init", "--from", str(archive), "--url", "https://digital.gov", "."])
    assert result.exit_code == 0, result.stderr
    config = root / "newsroom.toml"
    text = config.read_text(encoding="utf-8")
    assert "[roundup]" not in text
    config.write_text(
        # No cap per section, so that an issue shows every article it holds.
        text + '\n[roundup]\nfrom = "Digital.gov <news@digital.gov>"\nper_section = 1000\n',
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def articles(archive: Path) -> list[Path]:
    found = sorted(p for p in archive.rglob("*.md") if p.name != "_index.md")
    assert len(found) >= 2000
    return found


def invoke(root: Path, args: list[str]) -> object:
    return CliRunner().invoke(app, ["-C", str(root), *args])


def shown(path: str) -> str:
    """A path as a command printed it (relative to where it was started), resolved."""
    return os.path.realpath(Path.cwd() / path)


def test_validate_accounts_for_every_file(project: Path, articles: list[Path]) -> None:
    needs("validate")
    result = invoke(project, ["validate", "--format", "json", "--no-cache"])
    assert_clean_exit(result, allowed=(0, 1))
    report = json.loads(result.stdout)
    assert report["files"] == len(articles)
    problem_files = {shown(p["path"]) for p in report["problems"]}
    assert problem_files <= {os.path.realpath(p) for p in articles}


def test_teaser_for_every_target(project: Path, articles: list[Path]) -> None:
    needs("teaser")
    result = invoke(project, ["teaser", "--all-targets", "--format", "json", *map(str, articles)])
    assert_clean_exit(result, allowed=(0, 1))
    rows = json.loads(result.stdout)
    targets = tomllib.loads((project / "newsroom.toml").read_text(encoding="utf-8"))
    assert isinstance(rows, list)
    per_file: dict[str, int] = defaultdict(int)
    for row in rows:
        per_file[shown(row["path"])] += 1
    counts = set(per_file.values())
    assert len(per_file) == len(articles), "a file has no teaser"
    assert len(counts) == 1 and counts.pop() >= 6 + len(targets.get("teaser", {}))


def test_list_accounts_for_every_file(project: Path, articles: list[Path]) -> None:
    needs("list")
    result = invoke(project, ["list", "--format", "json", "--no-cache"])
    assert_clean_exit(result, allowed=(0,))
    rows = json.loads(result.stdout)
    assert len(rows) == len(articles)


def _sample(articles: list[Path]) -> list[Path]:
    """Every 25th article plus the ones with quirks (CRLF, BOM, duplicate keys, odd names)."""
    chosen = set(articles[::25])
    for path in articles:
        head = path.read_bytes()[:4096]
        if b"\r\n" in head or head.startswith((b"\n", b"\xef\xbb\xbf")) or not path.name.isascii():
            chosen.add(path)
    return sorted(chosen)


def test_preview_piped(project: Path, articles: list[Path]) -> None:
    needs("preview")
    for path in _sample(articles):
        for extra in ([], ["--as", "newsletter"]):
            result = invoke(project, ["preview", *extra, str(path)])
            assert_clean_exit(result, allowed=(0, 1))
            assert "\x1b[" not in result.stdout, path


def _weeks(project: Path) -> dict[str, list[str]]:
    """ISO week label -> the articles dated in it, from `list` (publication zone: UTC)."""
    result = invoke(project, ["list", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    weeks: dict[str, list[str]] = defaultdict(list)
    for row in json.loads(result.stdout):
        if not row.get("date"):
            continue
        day = dt.datetime.fromisoformat(row["date"]).astimezone(dt.UTC).date()
        year, week, _ = day.isocalendar()
        weeks[f"{year}-W{week:02d}"].append(shown(row["path"]))
    return weeks


def _built_weeks(weeks: dict[str, list[str]]) -> set[str]:
    """Weeks also built into an issue: every 4th plus the quirky ones (all with
    NEWSROOM_ARCHIVE_ALL_WEEKS=1). Selecting every week takes about 25 s; building and
    rendering every week as well doubles that on two shared cores.
    """
    ordered = sorted(weeks)
    if os.environ.get("NEWSROOM_ARCHIVE_ALL_WEEKS"):
        return set(ordered)
    chosen = set(ordered[::4])
    for week, paths in weeks.items():
        for path in paths:
            head = Path(path).read_bytes()[:4096]
            if b"\r\n" in head or head.startswith(b"\n") or not Path(path).name.isascii():
                chosen.add(week)
    return chosen


def test_roundup_over_every_week_with_content(project: Path) -> None:
    needs("roundup", "list")
    weeks = _weeks(project)
    assert len(weeks) > 400
    built = _built_weeks(weeks)
    manifests = project / "roundups"
    config = tomllib.loads((project / "newsroom.toml").read_text(encoding="utf-8"))
    section = config["sections"][0]["key"]
    for number, (week, paths) in enumerate(sorted(weeks.items())):
        # The week as selected: every article dated in it is an item or left out with a reason.
        result = invoke(
            project,
            # Posts are published unless drafts (the archive writes no status): a week's
            # round-up holds posts with validation errors, which --allow-invalid lets through.
            [
                "roundup",
                "--week",
                week,
                "--write-manifest",
                "--allow-empty",
                "--allow-invalid",
                "--force",
            ],
        )
        assert_clean_exit(result, allowed=(0, 1))
        written = tomllib.loads((manifests / f"{week}.toml").read_text(encoding="utf-8"))
        listed = [i["path"] for i in written.get("items", [])] + [
            e["path"] for e in written.get("excluded", [])
        ]
        assert sorted(os.path.realpath(project / p) for p in listed) == sorted(paths), week
        (manifests / f"{week}.toml").unlink()
        if week not in built:
            continue

        # An editor's manifest lists every article of the week (drafts and expired posts
        # too) to build a real issue from them.
        edited = project / f"{week}-edited.toml"
        items = "".join(
            f"[[items]]\npath = {json.dumps(p)}\nsection = {json.dumps(section)}\n" for p in paths
        )
        window = written["window"]
        edited.write_text(
            f'version = 1\nissue = {number + 1}\nsubject = "Week {week}"\n'
            f'[window]\nstart = "{window["start"]}"\nend = "{window["end"]}"\n'
            f'timezone = "{window["timezone"]}"\n{items}',
            encoding="utf-8",
        )
        fmt = ("json", "html", "eml", "md", "txt")[number % 5]
        issue_run = invoke(
            project, ["roundup", "--manifest", str(edited), "--format", fmt, "--allow-invalid"]
        )
        assert_clean_exit(issue_run, allowed=(0, 1))
        if fmt == "json" and issue_run.exit_code == 0:
            issue = json.loads(issue_run.stdout)
            shown = sum(len(s["items"]) for s in issue["sections"])
            assert shown == len(paths), week
