"""The benchmark runner's --baseline: both builds in one session, rows before and after
(the timings here are made up: no test ever measures one)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import harness, report, targets
from benchmarks.harness import REPO, Suite, Timing

NEWSROOM = ["/bench/bin/newsroom"]
BASELINE = ["/bench/bin/newsroom-baseline"]


def _suite(tmp_path: Path) -> Suite:
    return Suite(
        python=sys.executable,
        newsroom=NEWSROOM,
        runs=3,
        warmup=1,
        workdir=tmp_path,
        use_hyperfine=True,
        baseline=BASELINE,
    )


def test_each_newsroom_figure_is_timed_for_both_builds_in_one_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = _suite(tmp_path)
    sessions: list[list[list[str]]] = []

    def probe(key: str, argv: list[str], cwd: Path, accept: object = None) -> harness.Probe:
        suite.commands[key] = (argv, cwd)
        return harness.Probe(0, 0.1, "", 0)

    def hyperfine(commands: list[list[str]], cwd: Path, budget: float) -> list[Timing]:
        sessions.append(commands)
        return [Timing(0.1 * (n + 1), [0.1 * (n + 1)], "hyperfine") for n in range(len(commands))]

    monkeypatch.setattr(suite, "probe", probe)
    monkeypatch.setattr(suite, "_hyperfine", hyperfine)
    suite.time("hugo_small", ["hugo", "list", "all"], tmp_path)
    suite.time("validate_cold", [*NEWSROOM, "validate", "--no-cache", "content"], tmp_path,
               reference="hugo_small")  # fmt: skip
    suite.time("validate_large", [*NEWSROOM, "validate", "content"], tmp_path,
               reference="validate_cold")  # fmt: skip
    assert sessions[0] == [["hugo", "list", "all"]]
    # The reference, the baseline, then the build measured.
    assert sessions[1] == [
        ["hugo", "list", "all"],
        [*BASELINE, "validate", "--no-cache", "content"],
        [*NEWSROOM, "validate", "--no-cache", "content"],
    ]
    # A newsroom reference is taken for each build.
    assert [command[0] for command in sessions[2]] == [*NEWSROOM, *BASELINE, *BASELINE, *NEWSROOM]
    t = suite.timings
    assert t["validate_cold@base"].median == pytest.approx(0.2)
    assert t["validate_cold"].median == pytest.approx(0.3)
    assert t["validate_cold@base~hugo_small"] is t["validate_cold~hugo_small"]
    assert t["validate_large@base~validate_cold"].median == pytest.approx(0.2)
    assert targets.timings_of(suite, "@base")["validate_cold"] is t["validate_cold@base"]
    assert "validate_cold@base" not in targets.timings_of(suite)


def test_the_report_puts_both_builds_side_by_side(tmp_path: Path) -> None:
    suite = _suite(tmp_path)
    suite.commands = {
        "import_typer": ([sys.executable, "-c", "import typer"], tmp_path),
        "validate_one": ([*NEWSROOM, "validate", "a.md"], tmp_path),
        "list_cold": ([*NEWSROOM, "list", "--no-cache"], tmp_path),
    }
    for key, seconds in {
        "import_typer": 0.1,
        "validate_one~import_typer": 0.1,
        "validate_one@base~import_typer": 0.1,
        "validate_one@base": 0.16,
        "validate_one": 0.14,
        "list_cold@base": 2.0,
        "list_cold": 1.5,
    }.items():
        suite.timings[key] = Timing(seconds, [seconds], "hyperfine")
    corpora = targets.Corpora(tmp_path, None, None, 10_000, None)
    after = targets.build_rows(suite, corpora, {})
    before = targets.build_rows(suite, corpora, {}, build="@base")
    one = {row.key: row for row in after}["validate_one"]
    assert (one.ratio, one.met) == ("1.40×", "yes")
    assert {row.key: row for row in before}["validate_one"].met.startswith("no: 1.07×")
    context = {"baseline": "abc1234 Old code", "baseline_rev": "main"}
    lines = report.before_after(suite, after, before, context, {"small": "10,000", "large": "0"})
    table = "\n".join(lines)
    assert (
        "| `newsroom validate` of one file | 160 ms (1.60×) | 140 ms (1.40×) | -12.5 % |" in table
    )
    assert "| `newsroom list --no-cache` on 10,000 articles | 2.00 s | 1.50 s | -25.0 % |" in table
    assert "before (`main`)" in table


def test_an_exported_commit_runs_its_own_code(tmp_path: Path) -> None:
    if subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True
    ).returncode:
        pytest.skip("not a git checkout")
    source, command, described = harness.export_commit(
        "HEAD", tmp_path, sys.executable, script_name="newsroom-baseline"
    )
    assert command == [str(tmp_path / "bin" / "newsroom-baseline")]
    code = "import newsroom_cli, sys; print(newsroom_cli.__file__)"
    script = Path(command[0]).read_text(encoding="utf-8")
    assert f"sys.path.insert(0, {str(source)!r})" in script
    found = subprocess.run(
        [sys.executable, "-c", script.split("from ", 1)[0].split("\n", 1)[1] + code],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(found).is_relative_to(source)
    assert described.split(" ", 1)[0] in source.name


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_work_is_counted_for_both_builds_each_after_its_own_setup_run(tmp_path: Path) -> None:
    # Two "builds" that are one real program.
    marks = tmp_path / "marks"
    program = (
        "import sys\n"
        "if sys.argv[1] == 'setup':\n"
        f"    open({str(marks)!r}, 'a').write(sys.argv[2] + ' ')\n"
        "else:\n"
        "    sum(range(int(sys.argv[3])))\n"
    )
    script = tmp_path / "build.py"
    script.write_text(program)
    suite = Suite(
        python=sys.executable,
        newsroom=[sys.executable, str(script)],
        runs=1,
        warmup=0,
        workdir=tmp_path,
        use_hyperfine=False,
        baseline=[sys.executable, str(script)],
    )
    # ``before`` runs uncounted, once for each build, before that build's count.
    counted = suite.count_work(
        "work_validate_warm",
        [*suite.newsroom, "run", "build", "1000"],
        tmp_path,
        before=[*suite.newsroom, "setup", "first"],
    )
    assert marks.read_text() == "first first "  # once for each build, before its count
    assert counted is not None and counted == suite.work["work_validate_warm"]
    # Same program, same arguments for both builds here: the same count, to the instruction
    # or nearly (the interpreter's start-up varies by a few hundred).
    base = suite.work["work_validate_warm@base"]
    assert abs(base - counted) / counted < 0.01
    lines = "\n".join(report.work_section(suite))
    assert "| figure | before | after | change |" in lines
    assert "not available: not measured" in lines  # the figures not counted say so


def test_a_larger_program_counts_more(tmp_path: Path) -> None:
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is not installed")
    small = harness.callgrind_instructions(
        [sys.executable, "-c", "sum(range(1000))"], tmp_path, dict(os.environ)
    )
    large = harness.callgrind_instructions(
        [sys.executable, "-c", "sum(range(3000000))"], tmp_path, dict(os.environ)
    )
    assert small is not None and large is not None and large > small > 0


def test_work_is_missing_without_valgrind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suite = _suite(tmp_path)
    monkeypatch.setattr(harness.shutil, "which", lambda name: None)
    assert suite.count_work("work_validate_cold", [*NEWSROOM, "validate"], tmp_path) is None
    assert suite.missing["work_validate_cold"] == "valgrind is not installed"
    assert "not available: valgrind is not installed" in "\n".join(report.work_section(suite))
