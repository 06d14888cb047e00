"""The report of the benchmarks: RESULTS.md's tables, notes, context and the profiles added
where a target is missed."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import pstats
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import (
    HAS_SMAPS_ROLLUP,
    REPO,
    RUN_TIMEOUT,
    SAMPLE_INTERVAL,
    Row,
    Suite,
    format_seconds,
    package_version,
    python_argv,
    tool_version,
)
from benchmarks.targets import WORK_SIZE, Corpora

REFERENCE_LABELS = {
    "python_pass": "`python -c pass`",
    "import_typer": '`python -c "import typer"`',
    "loop_small": "plain `frontmatter.load()` loop over {small} articles",
    "hugo_small": "`hugo list all` on {small} articles",
    "hugo_large": "`hugo list all` on {large} articles",
    "hugo_archive": "`hugo list all` on the real archive",
}
OTHER_LABELS = {
    "list_cold": "`newsroom list --no-cache` on {small} articles",
    "validate_large": "`newsroom validate --no-cache` on {large} articles",
    "validate_archive": "`newsroom validate` on the real archive",
}
FIGURE_KEYS = {
    "validate_one",
    "version",
    "help",
    "validate_cold",
    "validate_warm",
    "list",
    "roundup",
    "teaser",
}


def render(
    suite: Suite,
    corpora: Corpora,
    facts: dict[str, str],
    rows: list[Row],
    context: dict[str, str],
    baseline_rows: list[Row] | None = None,
) -> str:
    sizes = {"small": f"{corpora.small_size:,}", "large": f"{corpora.large_size or 0:,}"}
    out = ["# Benchmark results", ""]
    out.append(
        f"Produced by `{context['command']}` on {context['date']} (see benchmarks/README.md)."
    )
    out.append("")
    out.append(
        f"- Machine: {context['cpus']} CPUs ({context['cpu_model']}), {context['platform']}; "
        f"load average {context['load_before']} at the start, {context['load_after']} at the end"
    )
    out.append(f"- Python {context['python_version']} (`{suite.python}`)")
    out.append(f"- newsroom: {context['newsroom_version']}, git {context['git']}")
    if "baseline" in context:
        out.append(
            f"- Baseline (`--baseline {context['baseline_rev']}`): git {context['baseline']} "
            "(exported with `git archive`), timed in the same sessions"
        )
    out.append(f"- Libraries: {context['libraries']}")
    out.append(f"- Tools: {context['tools']}")
    out.append(
        f"- Method: median of {suite.runs} runs after {suite.warmup} warm-up run(s), "
        "whole processes, "
        f"timed by {context['timer']}; bytecode cached as in an installed package "
        "(`PYTHONPYCACHEPREFIX` in the work folder); "
        f"peak memory: {context['memory_tool']}, median of 3 (1 at "
        f"{sizes['large']}); synthetic corpora of {sizes['small']}"
        + (f" and {sizes['large']}" if corpora.large_size else "")
        + " articles from `benchmarks/corpus.py` (seed 2026); the real archive is "
        + (f"`{context['archive']}`." if corpora.archive else "absent.")
    )
    out += ["", "## Targets", ""]
    out.append("| figure | measured | reference | ratio | target | met? |")
    out.append("|---|---|---|---|---|---|")
    for row in rows:
        cells = (row.figure, row.measured, row.reference, row.ratio, row.target, row.met)
        out.append("| " + " | ".join(cells) + " |")
    met = sum(1 for row in rows if row.met == "yes")
    unavailable = sum(1 for row in rows if row.met == "not available")
    out += [
        "",
        f"{met} of {len(rows)} targets met; {unavailable} not available; "
        f"{len(rows) - met - unavailable} missed.",
    ]

    if baseline_rows is not None:
        out += ["", *before_after(suite, rows, baseline_rows, context, sizes)]

    out += ["", *work_section(suite)]

    out += [
        "",
        "## References and other measurements",
        "",
        "| what | median | runs |",
        "|---|---|---|",
    ]
    for key, label in {**REFERENCE_LABELS, **OTHER_LABELS}.items():
        label = label.format(**sizes)
        if key in suite.timings:
            timing = suite.timings[key]
            runs = ", ".join(format_seconds(value) for value in timing.runs)
            out.append(f"| {label} | {format_seconds(timing.median)} | {runs} |")
        elif key in suite.missing:
            out.append(f"| {label} | not available: {suite.missing[key]} | |")
    paired_keys = {key.partition("~")[0] for key in suite.timings if "~" in key}
    for key in sorted((FIGURE_KEYS | paired_keys) & suite.timings.keys()):
        timing = suite.timings[key]
        runs = ", ".join(format_seconds(value) for value in timing.runs)
        out.append(f"| `{key}` | {format_seconds(timing.median)} | {runs} |")
        for paired_key, paired in suite.timings.items():
            if paired_key.startswith(f"{key}~"):
                runs = ", ".join(format_seconds(value) for value in paired.runs)
                reference = paired_key.partition("~")[2]
                out.append(
                    f"| its reference `{reference}`, timed in the same session | "
                    f"{format_seconds(paired.median)} | {runs} |"
                )
    if "validate_cold" in suite.timings and "loop_small" in suite.timings:
        ratio = suite.timings["validate_cold"].median / suite.timings["loop_small"].median
        out += [
            "",
            f"Cold `validate` of {sizes['small']} articles takes {ratio:.2f}× "
            "the plain `frontmatter.load()` loop.",
        ]

    hugo_archive = suite.timings.get("validate_archive~hugo_archive") or suite.timings.get(
        "hugo_archive"
    )
    if "validate_archive" in suite.timings and hugo_archive is not None:
        ratio = suite.timings["validate_archive"].median / hugo_archive.median
        out += ["", f"`validate` of the real archive takes {ratio:.2f}× `hugo list all` on it."]

    out += ["", "## Commands as run", ""]
    out.append(
        "Exit code 1 means problems were found (a complete run); the last line of stderr is shown."
    )
    out += ["", "| key | command (in folder) | exit | last stderr line |", "|---|---|---|---|"]
    for key, (argv, cwd) in suite.commands.items():
        probe = suite.probes[key]
        shown = shlex.join(argv)
        if len(shown) > 160:
            shown = shown[:150] + f" … ({len(argv)} arguments)"
        tail = probe.stderr_tail.replace("|", "\\|")
        out.append(f"| {key} | `{shown}` (in `{cwd}`) | {probe.exit_code} | {tail} |")

    out += ["", '## Start-up: `python -X importtime -c "import newsroom_cli.cli.app"`', ""]
    out += ["```", context["importtime"], "```"]
    if context.get("profiles"):
        out += ["", "## Profiles of missed targets", "", context["profiles"]]
    return "\n".join(out) + "\n"


def before_after(
    suite: Suite,
    rows: list[Row],
    baseline_rows: list[Row],
    context: dict[str, str],
    sizes: dict[str, str],
) -> list[str]:
    """The "Before / after" section: every figure of both builds, from the same sessions."""
    before_label = f"`{context.get('baseline_rev', 'baseline')}`"
    out = [
        "## Before / after",
        "",
        f"Before: {context.get('baseline', 'the baseline')}; after: the build measured above. "
        "Each newsroom command ran for both builds in one hyperfine session (the baseline "
        "first, after the reference when there is one), so both face the same load; a "
        "ratio divides by the reference from that session. Peak memory is measured for the "
        "build measured only.",
        "",
        f"| figure | before ({before_label}) | after | change in time | target | met before? "
        "| met after? |",
        "|---|---|---|---|---|---|---|",
    ]
    before_rows = {row.key: row for row in baseline_rows}
    shown: set[str] = set()
    for row in rows:
        if row.key in MEMORY_KEYS or row.key not in before_rows:
            continue
        before = before_rows[row.key]
        shown.add(row.key)
        cells = (
            row.figure,
            _with_ratio(before),
            _with_ratio(row),
            _change(suite, row.key),
            row.target,
            before.met,
            row.met,
        )
        out.append("| " + " | ".join(cells) + " |")
    for key in sorted(suite.timings):
        figure = key.partition("~")[0]
        if "~" in key or not figure.endswith("@base"):
            continue
        plain = figure.removesuffix("@base")
        if plain in shown:
            continue
        label = OTHER_LABELS.get(plain, f"`{plain}`").format(**sizes)
        before_text = format_seconds(suite.timings[key].median)
        after = suite.timings.get(plain)
        after_text = format_seconds(after.median) if after else "not available"
        out.append(f"| {label} | {before_text} | {after_text} | {_change(suite, plain)} | | | |")
    return out


WORK_LABELS = {
    "work_validate_cold": "`newsroom validate --no-cache` (cold)",
    "work_validate_warm": "`newsroom validate`, second run (warm)",
    "work_list_cold": "`newsroom list --no-cache`",
    "work_list_warm": "`newsroom list`, second run (its cache warm)",
    "work_roundup": "`newsroom roundup --week` of the busiest week",
}


def work_section(suite: Suite) -> list[str]:
    """The "Work, counted" section: instructions per run, before and after."""
    out = [
        "## Work, counted",
        "",
        f"Instructions executed by each command and its worker processes on "
        f"{WORK_SIZE:,} synthetic articles, counted by callgrind (valgrind). A count is the "
        "same on every run of one build, whatever the load, so it shows a change of a few "
        "per cent that the wall times above, on a shared machine, cannot; it does not weigh "
        "waiting, caches or the cores used.",
        "",
    ]
    if not any(key in suite.work or key in suite.missing for key in WORK_LABELS):
        return []
    baseline = any(f"{key}@base" in suite.work for key in WORK_LABELS)
    if baseline:
        out += ["| figure | before | after | change |", "|---|---|---|---|"]
    else:
        out += ["| figure | instructions |", "|---|---|"]
    for key, label in WORK_LABELS.items():
        after = suite.work.get(key)
        after_text = (
            f"{after / 1e6:,.0f} million"
            if after is not None
            else f"not available: {suite.missing.get(key, 'not measured')}"
        )
        if not baseline:
            out.append(f"| {label} | {after_text} |")
            continue
        before = suite.work.get(f"{key}@base")
        before_text = f"{before / 1e6:,.0f} million" if before is not None else "not available"
        change = (
            f"{(after / before - 1) * 100:+.1f} %"
            if before is not None and after is not None
            else "—"
        )
        out.append(f"| {label} | {before_text} | {after_text} | {change} |")
    return out


def _with_ratio(row: Row) -> str:
    return row.measured if row.ratio == "—" else f"{row.measured} ({row.ratio})"


def _change(suite: Suite, key: str) -> str:
    """After against before, in time: ``-12.0 %`` is faster."""
    before = suite.timings.get(f"{key}@base")
    after = suite.timings.get(key)
    if before is None or after is None:
        return "—"
    return f"{(after.median / before.median - 1) * 100:+.1f} %"


STARTUP_KEYS = ("validate_one", "version", "help")
MEMORY_KEYS = ("validate_memory", "validate_large_memory")


def memory_note(suite: Suite, corpora: Corpora) -> list[str]:
    """How peak memory grows with the number of articles, from the two corpus sizes."""
    small = suite.memory.get("validate_memory")
    large = suite.memory.get("validate_large_memory")
    lines = []
    if small is not None and large is not None and corpora.large_size:
        per_article = (large - small) * 1024 / (corpora.large_size - corpora.small_size)
        fixed = small - per_article * corpora.small_size / 1024
        lines.append(
            f"Peak memory of `validate` (all processes) is {small:.0f} MB at "
            f"{corpora.small_size:,} articles and {large:.0f} MB at {corpora.large_size:,}: "
            f"about {per_article:.1f} KB more per article on top of about {fixed:.0f} MB. "
            "Something proportional to the archive is held for the whole run (per-file "
            "results, cache entries or file lists) instead of being streamed."
        )
    single = suite.largest_process.get("validate_large_memory")
    if single is not None and large is not None:
        lines.append(
            f"The largest single process holds {single:.0f} MB of the {large:.0f} MB, so "
            + (
                "most of it is in the main process."
                if single > large / 2
                else "the workers hold most of it."
            )
        )
    return lines


def profiles_for_misses(suite: Suite, rows: list[Row], corpora: Corpora) -> str:
    """Import-time or cProfile output for every missed target, to say where the time goes."""
    sections: list[str] = []
    done: set[str] = set()
    run_argv = python_argv(suite.newsroom, suite.python)
    for row in rows:
        key = row.key
        if not row.met.startswith("no") or key in done:
            continue
        if key in MEMORY_KEYS:
            done.update(MEMORY_KEYS)
            note = memory_note(suite, corpora)
            if note:
                sections += ["### peak memory of `validate`", "", *note, ""]
            continue
        if key not in suite.commands:
            continue
        done.add(key)
        argv, cwd = suite.commands[key]
        command = [*run_argv, *argv[len(suite.newsroom) :]]
        print(f"  profiling {key}", file=sys.stderr, flush=True)
        intro: list[str] = []
        if key in STARTUP_KEYS:
            imports = importtime_summary(suite.python, command, cwd, suite.env())
            found = re.match(r"total import time (\d+) ms", imports)
            whole = suite.timings.get(key)
            typer_run = suite.timings.get(f"{key}~import_typer") or suite.timings.get(
                "import_typer"
            )
            if found and whole is not None and typer_run is not None:
                allowed = 1.5 * typer_run.median
                intro = [
                    f"Whole process {format_seconds(whole.median)} against "
                    f'`python -c "import typer"` {format_seconds(typer_run.median)}: the target '
                    f"allows {format_seconds(allowed)}, so about "
                    f"{format_seconds(max(whole.median - allowed, 0))} has to go. `-X importtime`, "
                    f"which slows every import down itself, counts {found.group(1)} ms of "
                    "imports in this command; read its figures as shares, not as wall time.",
                    "",
                ]
            profile = cprofile_summary(suite.python, command, cwd, suite.env(), top=12)
            text = imports + "\n\ncProfile of the same command, by own time:\n\n" + profile
            title = f"### `{key}`: `python -X importtime` and cProfile"
        else:
            taskset = shutil.which("taskset")
            if taskset:
                # One CPU means no worker pool, so the work happens where cProfile looks.
                text = cprofile_summary(
                    suite.python, command, cwd, suite.env(), prefix=[taskset, "-c", "0"]
                )
                explanation = (
                    "Profiled pinned to one CPU (`taskset -c 0`), so that the work runs in "
                    "the main process, where cProfile sees it, instead of in worker processes."
                )
            else:
                text = cprofile_summary(suite.python, command, cwd, suite.env())
                explanation = (
                    "cProfile sees the main process only: time spent in worker processes "
                    "shows as waiting on a lock or a pipe."
                )
            title = f"### `{key}`: cProfile"
            intro = [explanation, ""]
        sections += [title, "", *intro, "```", text, "```", ""]
    return "\n".join(sections).rstrip()


def collect_context(
    suite: Suite, options: argparse.Namespace, hugo: str | None, hyperfine: str | None
) -> dict[str, str]:
    cpu_model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        yaml_module = __import__("yaml")
        libyaml = (
            "with libyaml" if getattr(yaml_module, "__with_libyaml__", False) else "pure Python"
        )
    except ImportError:
        libyaml = ""
    libraries = (
        ", ".join(
            f"{name} {package_version(name)}"
            for name in ("typer", "click", "rich", "pydantic", "python-frontmatter")
        )
        + f", PyYAML {package_version('PyYAML')} ({libyaml})"
    )
    git = tool_version(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"])
    status = ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"]
    dirty = subprocess.run(status, capture_output=True, check=False).stdout.strip()
    return {
        "command": "python -m benchmarks.run"
        + ("" if not options.argv else " " + shlex.join(options.argv)),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "cpu_model": cpu_model,
        "platform": platform.platform(terse=True),
        "python_version": platform.python_version(),
        "newsroom_version": tool_version([*suite.newsroom, "--version"], suite.env()),
        "git": git + (" (with uncommitted changes)" if dirty else ""),
        "libraries": libraries,
        "tools": f"{tool_version(['hugo', 'version']) if hugo else 'hugo not installed'}; "
        f"{tool_version(['hyperfine', '--version']) if hyperfine else 'hyperfine not installed'}",
        "timer": "hyperfine (`-N`, no shell)"
        if suite.use_hyperfine
        else "the runner's own subprocess timing",
        "memory_tool": memory_tool(),
        "archive": str(options.archive),
    }


def memory_tool() -> str:
    single = "`/usr/bin/time -v`" if Path("/usr/bin/time").exists() else "`getrusage`"
    if HAS_SMAPS_ROLLUP:
        return (
            f"PSS summed over the process tree, sampled every {SAMPLE_INTERVAL * 1000:g} ms "
            f"(the largest single process from {single})"
        )
    return f"{single} (the largest single process of the tree)"


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


# --- import-time profile ------------------------------------------------------


@dataclass
class ImportNode:
    """One line of ``python -X importtime``, with the imports it triggered."""

    name: str
    self_us: int
    cumulative_us: int
    children: list[ImportNode]


def parse_importtime(stderr: str) -> list[ImportNode]:
    """The import tree from ``-X importtime`` output (children are listed before their parent)."""
    pending: dict[int, list[ImportNode]] = {}
    for line in stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not found:
            continue
        depth = len(found.group(3)) // 2
        node = ImportNode(
            found.group(4), int(found.group(1)), int(found.group(2)), pending.pop(depth + 1, [])
        )
        pending.setdefault(depth, []).append(node)
    return pending.get(0, [])


def importtime_summary(
    python: str, code_or_argv: list[str], cwd: Path, env: dict[str, str], top: int = 12
) -> str:
    """The imports that dominate start-up, as a tree, from ``python -X importtime``."""
    done = subprocess.run(
        [python, "-X", "importtime", *code_or_argv], cwd=cwd, capture_output=True, timeout=300,
        env=env, check=False,
    )  # fmt: skip
    stderr = done.stderr.decode("utf-8", "replace")
    roots = parse_importtime(stderr)
    if not roots:
        return "(no import-time data: " + stderr.strip()[-200:] + ")"
    flat: list[ImportNode] = []
    stack = list(roots)
    while stack:
        node = stack.pop()
        flat.append(node)
        stack.extend(node.children)
    total = sum(node.self_us for node in flat)
    lines = [
        f"total import time {total / 1000:.0f} ms (cumulative ms, imports of 2 ms or more)",
        "",
    ]

    def show(node: ImportNode, depth: int) -> None:
        lines.append(f"{node.cumulative_us / 1000:7.1f}  {'  ' * depth}{node.name}")
        if depth < 3:
            for child in sorted(node.children, key=lambda n: -n.cumulative_us):
                if child.cumulative_us >= 2000:
                    show(child, depth + 1)

    for root in sorted(roots, key=lambda n: -n.cumulative_us):
        if root.cumulative_us >= 2000:
            show(root, 0)
    by_package: dict[str, int] = {}
    for node in flat:
        package = node.name.split(".")[0]
        by_package[package] = by_package.get(package, 0) + node.self_us
    lines += ["", "self time by top-level package:"]
    ranked = sorted(by_package.items(), key=lambda item: -item[1])[:top]
    lines += [f"{us / 1000:7.1f}  {package}" for package, us in ranked]
    return "\n".join(lines)


def _stats_table(text: str) -> str:
    start = text.find("   ncalls")
    return text[start:].rstrip() if start >= 0 else text.strip()


def cprofile_summary(
    python: str,
    argv: list[str],
    cwd: Path,
    env: dict[str, str],
    top: int = 18,
    prefix: Sequence[str] = (),
) -> str:
    """Where a command spends its time, from cProfile: by own time, and newsroom's functions."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "profile.out"
        done = subprocess.run(
            [*prefix, python, "-m", "cProfile", "-o", str(output), *argv], cwd=cwd,
            capture_output=True,
            timeout=RUN_TIMEOUT, env=env, check=False,
        )  # fmt: skip
        if not output.exists():
            return "(no profile: " + done.stderr.decode("utf-8", "replace").strip()[-200:] + ")"
        own = io.StringIO()
        stats = pstats.Stats(str(output), stream=own)
        total = f"{stats.total_calls} function calls in {stats.total_tt:.3f} s"  # type: ignore[attr-defined]
        stats.sort_stats("cumulative")
        ours = io.StringIO()
        stats.stream = ours  # type: ignore[attr-defined]
        stats.print_stats(r"newsroom_cli[/\\]", top)
        stats.stream = own  # type: ignore[attr-defined]
        stats.strip_dirs().sort_stats("tottime").print_stats(top)
    # Paths up to the package folder say nothing (and differ between checkouts).
    ours_table = re.sub(r"\S*[/\\]newsroom_cli[/\\]", "", _stats_table(ours.getvalue()))
    return "\n".join(
        [
            total, "", "by own time:", "", _stats_table(own.getvalue()), "",
            "newsroom's own functions, by cumulative time:", "",
            ours_table,
        ]
    )  # fmt: skip
