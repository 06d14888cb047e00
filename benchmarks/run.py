"""Measure newsroom's speed and memory against references taken in the same run.

    python -m benchmarks.run                 # full suite: 10,000 and 100,000 articles
    python -m benchmarks.run --quick         # a fast check of the suite itself
    python -m benchmarks.run --teaser-quality  # only the teaser quality section of RESULTS.md
    python -m benchmarks.run --commit HEAD --baseline main  # before / after, same sessions

Every figure of the speed targets is a ratio against a reference measured side
by side (median of several runs after a warm-up), so the table means the same
on a slow or a fast machine. Commands that do not exist yet are reported as
"not available" instead of failing the run. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script (python benchmarks/run.py): make `benchmarks` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import lsp as lsp_benchmark
from benchmarks import teaser_quality
from benchmarks.harness import (
    DEFAULT_ARCHIVE,
    DEFAULT_WORKDIR,
    REPO,
    Suite,
    clear_exports,
    export_commit,
    resolve_newsroom,
)
from benchmarks.report import (
    collect_context,
    importtime_summary,
    load_average,
    profiles_for_misses,
    render,
)
from benchmarks.targets import build_rows, measure, prepare_corpora


def teaser_quality_section(corpus_root: Path | None) -> str:
    """The teaser quality section (benchmarks/teaser_quality.py) of the report."""
    if corpus_root is None or not corpus_root.is_dir():
        return "## Teaser quality\n\nNot measured: the real archives are absent.\n"
    results, cases = teaser_quality.run(corpus_root)
    return teaser_quality.render(results, cases)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sizes", default=None, help="corpus sizes, small,large (default 10000,100000)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1,000 and 10,000 articles, 3 runs: checks the suite, not the targets",
    )
    parser.add_argument("--runs", type=int, default=None, help="timed runs per figure (default 5)")
    parser.add_argument(
        "--warmup", type=int, default=1, help="warm-up runs before timing (default 1)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help=f"where corpora go (default {DEFAULT_WORKDIR})",
    )
    parser.add_argument(
        "--archive", type=Path, default=DEFAULT_ARCHIVE, help="real archive for teaser and validate"
    )
    parser.add_argument(
        "--commit",
        metavar="REV",
        help="measure this commit (exported from git) instead of the installed working tree",
    )
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help="also measure this commit (exported from git) beside the measured build, in the "
        "same sessions, and report before / after",
    )
    parser.add_argument(
        "--newsroom", help="command that runs newsroom (default: the console script next to python)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the report (default benchmarks/RESULTS.md; stdout with --quick)",
    )
    parser.add_argument(
        "--no-hyperfine",
        action="store_true",
        help="time with subprocess even when hyperfine is installed",
    )
    parser.add_argument(
        "--no-hugo", action="store_true", help="skip the Hugo reference even when hugo is installed"
    )
    parser.add_argument(
        "--hugo-large",
        action="store_true",
        help="also time hugo on the large corpus (slow, informational)",
    )
    parser.add_argument(
        "--teaser-quality",
        action="store_true",
        help="only score teasers against human summaries (benchmarks/teaser_quality.py) and "
        "replace that section of the report",
    )
    options = parser.parse_args(argv)
    options.argv = argv
    corpus_root = options.archive.parent if options.archive else None
    if options.teaser_quality:
        output = options.output or REPO / "benchmarks" / "RESULTS.md"
        existing = output.read_text(encoding="utf-8") if output.exists() else ""
        output.write_text(
            teaser_quality.replace_section(existing, teaser_quality_section(corpus_root)),
            encoding="utf-8",
        )
        print(f"wrote {output}", file=sys.stderr)
        return 0

    sizes = [
        int(size)
        for size in (options.sizes or ("1000,10000" if options.quick else "10000,100000")).split(
            ","
        )
    ]
    runs = options.runs or (3 if options.quick else 5)
    hyperfine = None if options.no_hyperfine else shutil.which("hyperfine")
    hugo = None if options.no_hugo else shutil.which("hugo")
    python = sys.executable
    suite = Suite(
        python=python,
        newsroom=resolve_newsroom(options.newsroom, python),
        runs=runs,
        warmup=options.warmup,
        workdir=options.workdir.resolve(),
        use_hyperfine=hyperfine is not None,
    )
    suite.workdir.mkdir(parents=True, exist_ok=True)
    measured_commit = None
    baseline_commit = None
    clear_exports(suite.workdir)
    if options.commit:
        suite.source, suite.newsroom, measured_commit = export_commit(
            options.commit, suite.workdir, python
        )
    if options.baseline:
        _, suite.baseline, baseline_commit = export_commit(
            options.baseline, suite.workdir, python, script_name="newsroom-baseline"
        )
    load_before = load_average()
    archive = options.archive if options.archive and options.archive.is_dir() else None
    corpora = prepare_corpora(suite.workdir, sizes, archive)
    facts = measure(suite, corpora, hugo, options.hugo_large)
    rows = build_rows(suite, corpora, facts)
    baseline_rows = build_rows(suite, corpora, facts, build="@base") if suite.baseline else None
    context = collect_context(suite, options, hugo, hyperfine)
    if measured_commit:
        context["git"] = f"{measured_commit} (exported with `git archive`, nothing uncommitted)"
    if baseline_commit:
        context["baseline"] = baseline_commit
        context["baseline_rev"] = options.baseline
    context["load_before"] = load_before
    context["importtime"] = importtime_summary(
        python, ["-c", "import newsroom_cli.cli.app"], suite.workdir, suite.env()
    )
    context["profiles"] = profiles_for_misses(suite, rows, corpora)
    context["load_after"] = load_average()
    report = render(suite, corpora, facts, rows, context, baseline_rows)
    # The language server's figures (benchmarks/lsp.py), on the small synthetic corpus.
    print("language server", file=sys.stderr, flush=True)
    report += "\n" + lsp_benchmark.section(suite.newsroom, corpora.small)
    # How close teasers come to human summaries (benchmarks/teaser_quality.py).
    print("teaser quality", file=sys.stderr, flush=True)
    report = teaser_quality.replace_section(report, teaser_quality_section(corpus_root))

    output = options.output or (None if options.quick else REPO / "benchmarks" / "RESULTS.md")
    if output is None:
        sys.stdout.write(report)
    else:
        output.write_text(report, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
