"""What the benchmarks measure: the corpora, each figure and its reference, and the rows of
targets with their verdicts."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import corpus
from benchmarks.harness import (
    HAS_SMAPS_ROLLUP,
    REPO,
    VALIDATE_KEYS,
    Row,
    Suite,
    Timing,
    format_seconds,
    make_hugo_site,
)

# --- the suite ----------------------------------------------------------------


@dataclass
class Corpora:
    small: Path
    large: Path | None
    archive: Path | None
    small_size: int
    large_size: int | None


def synthetic_corpus(workdir: Path, size: int) -> Path:
    """The synthetic corpus of ``size`` articles under ``workdir``, reused when it matches."""
    root = workdir / f"corpus-{size}"
    started = time.perf_counter()
    corpus.ensure_synthetic(root, size)
    elapsed = time.perf_counter() - started
    print(f"corpus {root} ready in {elapsed:.1f} s", file=sys.stderr, flush=True)
    return root


def prepare_corpora(workdir: Path, sizes: Sequence[int], archive: Path | None) -> Corpora:
    small_size = sizes[0]
    large_size = sizes[1] if len(sizes) > 1 else None
    small = synthetic_corpus(workdir, small_size)
    large = synthetic_corpus(workdir, large_size) if large_size else None
    archive_root = None
    if archive is not None and archive.is_dir():
        archive_root = workdir / "archive"
        corpus.replicate(archive_root, archive, 1, force=True)
    return Corpora(small, large, archive_root, small_size, large_size)


def busiest_week(content: Path) -> str | None:
    """The ISO week (``YYYY-Www``) with the most published articles, the latest on a tie."""
    counts: dict[str, int] = {}
    date_line = re.compile(r"^date: (\S+)$", re.M)
    for path in content.rglob("*.md"):
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        found = date_line.search(head)
        if not found or "\nstatus: published\n" not in head:
            continue
        try:
            year, week, _ = dt.datetime.fromisoformat(found.group(1)).isocalendar()
        except ValueError:
            continue
        key = f"{year}-W{week:02d}"
        counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda key: (counts[key], key)) if counts else None


def short_named_copies(archive_root: Path) -> list[str]:
    """Copy the archive's articles to ``t/0001.md``... and return those relative paths.

    The archive's own paths, joined on one command line, are longer than the 128 KiB the
    kernel allows for one argument (hyperfine passes the command as one); short names keep
    the teaser run to a single process, timed like every other.
    """
    target = archive_root / "t"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    sources = sorted(
        path
        for path in (archive_root / "content").rglob("*.md")
        if not path.name.startswith("_index")
    )
    names = []
    for number, source in enumerate(sources, start=1):
        name = f"t/{number:04d}.md"
        shutil.copyfile(source, archive_root / name)
        names.append(name)
    return names


def clear_caches(root: Path) -> None:
    """Remove newsroom's result cache from a corpus so a cold run is cold."""
    for name in (".newsroom-cache", ".newsroom_cache", ".cache"):
        target = root / name
        if target.is_dir():
            shutil.rmtree(target)


def measure(suite: Suite, corpora: Corpora, hugo: str | None, hugo_large: bool) -> dict[str, str]:
    """Take every reference and figure; return facts for the report."""
    py = suite.python
    small = corpora.small
    facts: dict[str, str] = {}

    print("references", file=sys.stderr, flush=True)
    suite.time("python_pass", [py, "-c", "pass"], REPO)
    suite.time("import_typer", [py, "-c", "import typer"], REPO)
    loop = str(REPO / "benchmarks" / "frontmatter_loop.py")
    suite.time("loop_small", [py, loop, "content"], small)
    if hugo:
        site = make_hugo_site(suite.workdir / f"hugo-{corpora.small_size}", small / "content")
        suite.time("hugo_small", [hugo, "list", "all", "--source", str(site)], site)
        suite.peak_memory("hugo_small_memory", [hugo, "list", "all", "--source", str(site)], site)
        if corpora.archive is not None:
            site = make_hugo_site(suite.workdir / "hugo-archive", corpora.archive / "content")
            suite.time("hugo_archive", [hugo, "list", "all", "--source", str(site)], site)
        if hugo_large and corpora.large is not None:
            site = make_hugo_site(
                suite.workdir / f"hugo-{corpora.large_size}", corpora.large / "content"
            )
            suite.time("hugo_large", [hugo, "list", "all", "--source", str(site)], site)
    else:
        suite.missing["hugo_small"] = "hugo is not installed"

    print("newsroom", file=sys.stderr, flush=True)
    nr = suite.newsroom
    if suite.help_text("", small) is None:
        reason = f"`{shlex.join(nr)} --help` does not run"
        for key in ("help", "version"):
            suite.missing[key] = reason
    else:
        suite.time("version", [*nr, "--version"], small, reference="import_typer")
        suite.time("help", [*nr, "--help"], small, reference="import_typer")

    validate = suite.help_text("validate", small)
    if validate is None:
        for key in VALIDATE_KEYS:
            suite.missing[key] = "`validate` is not in this build"
    else:
        no_cache = ["--no-cache"] if "--no-cache" in validate else []
        one_file = sorted((small / "content" / "news").rglob("*.md"))[0].relative_to(small)
        suite.time(
            "validate_one", [*nr, "validate", str(one_file)], small, reference="import_typer"
        )
        clear_caches(small)
        suite.time(
            "validate_cold", [*nr, "validate", *no_cache, "content"], small, reference="hugo_small"
        )
        if no_cache:
            suite.time("validate_warm", [*nr, "validate", "content"], small, reference="hugo_small")
        else:
            suite.missing["validate_warm"] = "`validate` has no --no-cache (no result cache yet)"
        suite.peak_memory("validate_memory", [*nr, "validate", *no_cache, "content"], small)
        if corpora.large is not None:
            large = corpora.large
            clear_caches(large)
            # Timed in one session with the small corpus, so growth is not a change of load.
            suite.time(
                "validate_large",
                [*nr, "validate", *no_cache, "content"],
                large,
                reference="validate_cold",
            )
            suite.peak_memory(
                "validate_large_memory", [*nr, "validate", *no_cache, "content"], large, runs=1
            )
        if corpora.archive is not None:
            suite.time(
                "validate_archive",
                [*nr, "validate", *no_cache, "content"],
                corpora.archive,
                reference="hugo_archive",
            )

    listing = suite.help_text("list", small)
    if listing is None:
        suite.missing["list"] = "`list` is not in this build"
    else:
        clear_caches(small)
        if "--no-cache" in listing:
            suite.time("list_cold", [*nr, "list", "--no-cache"], small)
        # The figure is what a user sees day to day: the default, with its cache warm.
        suite.time("list", [*nr, "list"], small, reference="hugo_small")

    roundup = suite.help_text("roundup", small)
    if roundup is None:
        suite.missing["roundup"] = "`roundup` is not in this build"
    elif "--week" not in roundup:
        suite.missing["roundup"] = "`roundup` has no --week option"
    else:
        week = busiest_week(small / "content") or "2026-W40"
        facts["roundup_week"] = week
        # Exit 1 here means an empty week or invalid articles: not the run being measured.
        suite.time(
            "roundup", [*nr, "roundup", "--week", week], small, accept=(0,), reference="hugo_small"
        )

    count_work(suite)

    teaser = suite.help_text("teaser", small)
    if corpora.archive is None:
        suite.missing["teaser"] = "the real archive is absent"
    elif teaser is None:
        suite.missing["teaser"] = "`teaser` is not in this build"
    else:
        files = short_named_copies(corpora.archive)
        facts["teaser_articles"] = str(len(files))
        target = ["--target", "meta"] if "--target" in teaser else []
        suite.time("teaser", [*nr, "teaser", *target, *files], corpora.archive)
    return facts


# The corpus whose runs are counted instruction by instruction (callgrind runs a program
# some fifty times slower, so a tenth of the small corpus).
WORK_SIZE = 1000


def count_work(suite: Suite) -> None:
    """Count the instructions of cold and warm ``validate`` and ``list``, and ``roundup``, on
    :data:`WORK_SIZE` articles, for both builds: the before/after figures that the load of a
    shared machine does not move."""
    nr = suite.newsroom
    sample = synthetic_corpus(suite.workdir, WORK_SIZE)
    validate = suite.help_text("validate", sample) or ""
    if "--no-cache" not in validate:
        for key in WORK_KEYS:
            suite.missing[key] = "`validate` has no --no-cache"
        return
    print("work, counted", file=sys.stderr, flush=True)
    clear_caches(sample)
    suite.count_work("work_validate_cold", [*nr, "validate", "--no-cache", "content"], sample)
    warm = [*nr, "validate", "content"]
    suite.count_work("work_validate_warm", warm, sample, before=warm)
    suite.count_work("work_list_cold", [*nr, "list", "--no-cache"], sample)
    listing = [*nr, "list"]
    suite.count_work("work_list_warm", listing, sample, before=listing)
    week = busiest_week(sample / "content") or "2026-W40"
    suite.count_work("work_roundup", [*nr, "roundup", "--week", week], sample)


WORK_KEYS = (
    "work_validate_cold",
    "work_validate_warm",
    "work_list_cold",
    "work_list_warm",
    "work_roundup",
)


# --- the report ---------------------------------------------------------------


def build_rows(suite: Suite, corpora: Corpora, facts: dict[str, str], build: str = "") -> list[Row]:
    """The targets table; ``build="@base"`` for the baseline build's figures (``--baseline``),
    each against its reference from the same session (memory is measured for one build)."""
    t = timings_of(suite, build)
    small_label = f"{corpora.small_size:,}"
    large_label = f"{corpora.large_size:,}" if corpora.large_size else None
    rows: list[Row] = []

    def missing(key: str) -> str:
        reason = suite.missing.get(key + build) or suite.missing.get(key, "not measured")
        return f"not available: {reason}"

    def ratio_row(figure: str, key: str, ref_key: str, ref_label: str, limit: float) -> None:
        reference = t.get(f"{key}~{ref_key}") or t.get(ref_key)
        ref_text = (
            f"{ref_label} {format_seconds(reference.median)}"
            if reference
            else f"{ref_label}: {missing(ref_key)}"
        )
        if key not in t:
            rows.append(
                Row(key, figure, missing(key), ref_text, "—", f"≤ {limit:g}×", "not available")
            )
            return
        measured = format_seconds(t[key].median)
        if reference is None:
            rows.append(Row(key, figure, measured, ref_text, "—", f"≤ {limit:g}×", "not available"))
            return
        ratio = t[key].median / reference.median
        rows.append(
            Row(
                key,
                figure,
                measured,
                ref_text,
                f"{ratio:.2f}×",
                f"≤ {limit:g}×",
                verdict_max(ratio, limit),
            )
        )

    typer_label = '`python -c "import typer"`'
    hugo_label = f"`hugo list all` ({small_label})"
    ratio_row("`newsroom validate` of one file", "validate_one", "import_typer", typer_label, 1.5)
    ratio_row("`newsroom --version`", "version", "import_typer", typer_label, 1.5)
    ratio_row("`newsroom --help`", "help", "import_typer", typer_label, 1.5)
    ratio_row(
        f"`newsroom validate --no-cache`, {small_label} articles (cold)",
        "validate_cold",
        "hugo_small",
        hugo_label,
        0.5,
    )
    ratio_row(
        f"`newsroom validate`, {small_label} articles, second run (warm)",
        "validate_warm",
        "hugo_small",
        hugo_label,
        0.1,
    )
    ratio_row(f"`newsroom list`, {small_label} articles", "list", "hugo_small", hugo_label, 0.5)
    ratio_row(
        f"`newsroom roundup --week {facts.get('roundup_week', 'YYYY-Www')}`, "
        f"{small_label} articles",
        "roundup",
        "hugo_small",
        hugo_label,
        0.5,
    )

    figure = "`newsroom teaser` of every article of the real archive, one target"
    if "teaser" in t:
        count = int(facts["teaser_articles"])
        rate = count / t["teaser"].median
        measured = f"{rate:,.0f} articles/s ({count:,} in {format_seconds(t['teaser'].median)})"
        met = (
            "yes"
            if rate >= 500
            else f"no: {rate / 500:.2f}× the rate needed ({500 / rate:.1f}× too slow)"
        )
        rows.append(Row("teaser", figure, measured, "—", "—", "≥ 500 articles/s", met))
    else:
        rows.append(
            Row("teaser", figure, missing("teaser"), "—", "—", "≥ 500 articles/s", "not available")
        )

    if build:
        memory: dict[str, float] = {}
    else:
        memory = suite.memory
    hugo_memory = suite.memory.get("hugo_small_memory")
    hugo_mem_text = f"`hugo list all` ({small_label}) {hugo_memory:.0f} MB" if hugo_memory else "—"
    for key, label, limit in (
        ("validate_memory", small_label, 100),
        ("validate_large_memory", large_label, 200),
    ):
        if label is None:
            continue
        figure = f"peak memory, `newsroom validate` of {label} articles"
        if key in memory:
            value = memory[key]
            measured = f"{value:.0f} MB"
            if key in suite.largest_process and HAS_SMAPS_ROLLUP:
                measured += f" (all processes; largest one {suite.largest_process[key]:.0f} MB RSS)"
            ratio = f"{value / hugo_memory:.2f}× Hugo ({small_label})" if hugo_memory else "—"
            met = (
                "yes"
                if value < limit
                else f"no: {value - limit:.0f} MB over ({value / limit:.2f}× the limit)"
            )
            rows.append(Row(key, figure, measured, hugo_mem_text, ratio, f"< {limit} MB", met))
        else:
            rows.append(
                Row(key, figure, missing(key), hugo_mem_text, "—", f"< {limit} MB", "not available")
            )

    if large_label and corpora.large_size:
        figure = (
            f"growth of `newsroom validate --no-cache` from {small_label} to {large_label} articles"
        )
        growth_limit = 1.1 * corpora.large_size / corpora.small_size
        small_run = t.get("validate_large~validate_cold") or t.get("validate_cold")
        if small_run is not None and "validate_large" in t:
            growth = t["validate_large"].median / small_run.median
            measured = format_seconds(t["validate_large"].median)
            reference = f"{small_label}: {format_seconds(small_run.median)}"
            ratio = f"{growth:.2f}×"
            met = verdict_max(growth, growth_limit)
            rows.append(
                Row(
                    "validate_large",
                    figure,
                    measured,
                    reference,
                    ratio,
                    f"≤ {growth_limit:g}×",
                    met,
                )
            )
        else:
            key = "validate_large" if "validate_large" not in t else "validate_cold"
            rows.append(
                Row(
                    "validate_large",
                    figure,
                    missing(key),
                    "—",
                    "—",
                    f"≤ {growth_limit:g}×",
                    "not available",
                )
            )
    return rows


def timings_of(suite: Suite, build: str = "") -> dict[str, Timing]:
    """The timings as one build sees them: its own figures under their plain keys (``KEY``
    for ``KEY@base``) beside the references, which both builds share."""
    if not build:
        return {key: timing for key, timing in suite.timings.items() if "@" not in key}
    view: dict[str, Timing] = {}
    for key, timing in suite.timings.items():
        figure = key.partition("~")[0]
        if figure.endswith(build):
            view[key.replace(build, "", 1)] = timing
        elif "@" not in key and not suite.runs_newsroom(figure):
            view[key] = timing
    return view


def verdict_max(value: float, limit: float) -> str:
    if value <= limit:
        return "yes"
    return f"no: {value / limit:.2f}× the limit ({(value / limit - 1) * 100:.0f} % over)"
