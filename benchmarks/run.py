"""Measure newsroom's speed and memory against references taken in the same run.

    python -m benchmarks.run                 # full suite: 10,000 and 100,000 articles
    python -m benchmarks.run --quick         # a fast check of the suite itself
    python -m benchmarks.run --teaser-quality  # only the teaser quality section of RESULTS.md

Every figure of the speed targets is a ratio against a reference measured side
by side (median of several runs after a warm-up), so the table means the same
on a slow or a fast machine. Commands that do not exist yet are reported as
"not available" instead of failing the run. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import pstats
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script (python benchmarks/run.py): make `benchmarks` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus, teaser_quality

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = REPO.parent / "shared" / "corpus" / "digitalgov-news"
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "newsroom-bench"
ACCEPTED_EXIT_CODES = (0, 1)  # 1 means "problems found", still a complete run
RUN_TIMEOUT = 1800.0
MAX_ARGUMENT_BYTES = 131072  # Linux's MAX_ARG_STRLEN: the longest single argument
VALIDATE_KEYS = (
    "validate_one", "validate_cold", "validate_warm", "validate_large",
    "validate_memory", "validate_large_memory", "validate_archive",
)  # fmt: skip
CHILD_ENV = {"NO_COLOR": "1", "COLUMNS": "80", "TERMINAL_WIDTH": "80", "LC_ALL": "C.UTF-8"}


@dataclass
class Timing:
    """Median wall time of a whole process over several runs."""

    median: float
    runs: list[float]
    tool: str


@dataclass
class Probe:
    """One plain run of a command: exit code, time and the last stderr line."""

    exit_code: int
    seconds: float
    stderr_tail: str
    stdout_lines: int


@dataclass
class Row:
    """One line of the targets table."""

    key: str
    figure: str
    measured: str
    reference: str
    ratio: str
    target: str
    met: str


@dataclass
class Suite:
    """State of one benchmark run: options, measurements and notes."""

    python: str
    newsroom: list[str]
    runs: int
    warmup: int
    workdir: Path
    use_hyperfine: bool
    source: Path | None = None  # a source tree to run instead of the installed package
    timings: dict[str, Timing] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)
    largest_process: dict[str, float] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    probes: dict[str, Probe] = field(default_factory=dict)
    commands: dict[str, tuple[list[str], Path]] = field(default_factory=dict)
    helps: dict[str, str] = field(default_factory=dict)

    # --- running things -------------------------------------------------

    def env(self) -> dict[str, str]:
        env = {**os.environ, **CHILD_ENV}
        # An installed package runs from cached bytecode; compiling the sources on every run
        # (PYTHONDONTWRITEBYTECODE) would add tens of milliseconds that users never pay.
        # The cache goes under the work folder, not into the checkout.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.workdir / "pycache")
        source = self.source
        if source is None and self.newsroom[1:3] == ["-m", "newsroom_cli"]:
            source = REPO  # no console script installed: run the package from this checkout
        if source is not None:
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
        return env

    def probe(
        self, key: str, argv: list[str], cwd: Path, accept: tuple[int, ...] = ACCEPTED_EXIT_CODES
    ) -> Probe | None:
        """Run once; record why the figure is missing when the command fails."""
        started = time.perf_counter()
        try:
            done = subprocess.run(
                argv, cwd=cwd, env=self.env(), capture_output=True, timeout=RUN_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            self.missing[key] = f"could not run: {error}"
            return None
        seconds = time.perf_counter() - started
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        probe = Probe(
            done.returncode, seconds, tail[-1][:160] if tail else "", done.stdout.count(b"\n")
        )
        self.probes[key] = probe
        self.commands[key] = (argv, cwd)
        if done.returncode not in accept:
            self.missing[key] = (
                f"failed (exit {done.returncode}): {probe.stderr_tail or 'no message'}"
            )
            return None
        return probe

    def time(
        self,
        key: str,
        argv: list[str],
        cwd: Path,
        accept: tuple[int, ...] = ACCEPTED_EXIT_CODES,
        reference: str | None = None,
    ) -> Timing | None:
        """Median whole-process wall time after a warm-up, with hyperfine when available.

        With ``reference`` (the key of a command timed before), that command is timed again
        in the same session, right before this one, so the ratio compares like with like on a
        machine whose load changes.
        """
        probe = self.probe(key, argv, cwd, accept)
        if probe is None:
            return None
        paired = reference is not None and reference in self.timings
        commands = [argv]
        if paired and reference:
            reference_argv, reference_cwd = self.commands[reference]
            commands.insert(0, self._runnable_from(reference_argv, reference_cwd, cwd))
        shown = shlex.join(argv)
        shown = shown if len(shown) < 200 else shown[:190] + f" … ({len(argv)} arguments)"
        with_reference = f" (with {reference})" if paired else ""
        print(f"  timing {key}{with_reference}: {shown}", file=sys.stderr, flush=True)
        expected = probe.seconds + (self.timings[reference].median if paired and reference else 0)
        budget = max(120.0, expected * (self.runs + self.warmup) * 4)
        timings = self._hyperfine(commands, cwd, budget) if self.use_hyperfine else None
        if timings is None:
            timings = self._own_timing(commands, cwd)
        self.timings[key] = timings[-1]
        if paired:
            self.timings[f"{key}~{reference}"] = timings[0]
        medians = ", reference ".join(format_seconds(t.median) for t in reversed(timings))
        print(f"    median {medians} ({timings[-1].tool})", file=sys.stderr, flush=True)
        return timings[-1]

    def _runnable_from(self, argv: list[str], home: Path, cwd: Path) -> list[str]:
        """``argv`` (meant to run in ``home``) made to run in ``cwd``: newsroom gets ``-C``."""
        size = len(self.newsroom)
        if home == cwd or argv[:size] != self.newsroom:
            return argv
        return [*self.newsroom, "-C", str(home), *argv[size:]]

    def _hyperfine(
        self, commands: list[list[str]], cwd: Path, budget: float
    ) -> list[Timing] | None:
        with tempfile.TemporaryDirectory() as scratch:
            export = Path(scratch) / "result.json"
            command = [
                "hyperfine", "-N", "-i", "--style", "none",
                "--warmup", str(self.warmup), "--runs", str(self.runs),
                "--export-json", str(export), *(shlex.join(argv) for argv in commands),
            ]  # fmt: skip
            if any(len(argument) >= MAX_ARGUMENT_BYTES for argument in command):
                return None  # the kernel refuses a longer single argument
            try:
                subprocess.run(
                    command, cwd=cwd, env=self.env(), capture_output=True, timeout=budget,
                    check=True,
                )  # fmt: skip
                results = json.loads(export.read_text())["results"]
            except (OSError, ValueError, KeyError, subprocess.SubprocessError):
                return None
        timings = []
        for result in results:
            times = [float(t) for t in result["times"]]
            timings.append(Timing(statistics.median(times), times, "hyperfine"))
        return timings

    def _own_timing(self, commands: list[list[str]], cwd: Path) -> list[Timing]:
        # Rounds alternate between the commands so that a change of load hits both alike.
        times: list[list[float]] = [[] for _ in commands]
        for index in range(self.warmup + self.runs):
            for position, argv in enumerate(commands):
                started = time.perf_counter()
                subprocess.run(
                    argv, cwd=cwd, env=self.env(), stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, timeout=RUN_TIMEOUT, check=False,
                )  # fmt: skip
                if index >= self.warmup:
                    times[position].append(time.perf_counter() - started)
        return [Timing(statistics.median(runs), runs, "subprocess") for runs in times]

    def peak_memory(self, key: str, argv: list[str], cwd: Path, runs: int = 3) -> float | None:
        """Median peak memory in MB of a command and all its worker processes."""
        if self.probe(key, argv, cwd) is None:
            return None
        print(f"  memory {key}: {shlex.join(argv)}", file=sys.stderr, flush=True)
        samples = [self._peak_memory_once(argv, cwd) for _ in range(runs)]
        tree = [sample[0] for sample in samples if sample[0] is not None]
        single = [sample[1] for sample in samples if sample[1] is not None]
        if single:
            self.largest_process[key] = statistics.median(single)
        if not tree and not single:
            self.missing[key] = "peak memory could not be read"
            return None
        self.memory[key] = statistics.median(tree or single)
        print(f"    peak {self.memory[key]:.0f} MB", file=sys.stderr, flush=True)
        return self.memory[key]

    def _peak_memory_once(self, argv: list[str], cwd: Path) -> tuple[float | None, float | None]:
        """(peak PSS summed over the process tree, peak RSS of the largest single process)."""
        tree = sampled_tree_peak(argv, cwd, self.env()) if HAS_SMAPS_ROLLUP else None
        return tree, self._largest_process_once(argv, cwd)

    def _largest_process_once(self, argv: list[str], cwd: Path) -> float | None:
        # Both sources report the largest single process of the tree, not the sum.
        if Path("/usr/bin/time").exists():
            done = subprocess.run(
                ["/usr/bin/time", "-v", *argv], cwd=cwd, env=self.env(), stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, timeout=RUN_TIMEOUT, check=False,
            )  # fmt: skip
            found = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
            if found:
                return int(found.group(1)) / 1024
        # A fresh child whose only child is the command, so RUSAGE_CHILDREN is that command alone.
        script = (
            "import resource, subprocess, sys\n"
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        )
        done = subprocess.run(
            [self.python, "-c", script, *argv], cwd=cwd, env=self.env(), capture_output=True,
            timeout=RUN_TIMEOUT, check=False,
        )  # fmt: skip
        try:
            return int(done.stdout.strip()) / 1024
        except ValueError:
            return None

    # --- what exists ------------------------------------------------------

    def help_text(self, command: str, cwd: Path) -> str | None:
        """The --help of a newsroom command, or None when the command does not exist."""
        if command not in self.helps:
            argv = [*self.newsroom, *([command] if command else []), "--help"]
            try:
                done = subprocess.run(
                    argv, cwd=cwd, env=self.env(), capture_output=True, timeout=120, check=False
                )
            except OSError:
                return None
            self.helps[command] = (
                done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""
            )
        return self.helps[command] or None


HAS_SMAPS_ROLLUP = Path("/proc/self/smaps_rollup").exists()
SAMPLE_INTERVAL = 0.005


def _process_tree(root: int) -> list[int]:
    pids = [root]
    for pid in pids:  # grows while iterating: a breadth-first walk
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    pids.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def sampled_tree_peak(argv: list[str], cwd: Path, env: dict[str, str]) -> float | None:
    """Peak memory in MB of a command and its workers: PSS summed over the tree, sampled.

    PSS shares pages that forked workers have in common between them, so the sum is what
    the command as a whole holds; sampling every few milliseconds can miss a shorter spike.
    """
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    started = time.perf_counter()
    while process.poll() is None:
        peak = max(peak, sum(_pss_kb(pid) for pid in _process_tree(process.pid)))
        if time.perf_counter() - started > RUN_TIMEOUT:
            process.kill()
        time.sleep(SAMPLE_INTERVAL)
    return peak / 1024 if peak else None


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def tool_version(argv: list[str], env: dict[str, str] | None = None) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, timeout=60, env=env, check=False)
    except OSError:
        return "not installed"
    text = (done.stdout or done.stderr).decode("utf-8", "replace").strip().splitlines()
    return text[0] if text and done.returncode == 0 else "not installed"


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def resolve_newsroom(given: str | None, python: str) -> list[str]:
    """The command that runs newsroom: --newsroom, the venv's console script, or python -m."""
    if given:
        return shlex.split(given)
    script = Path(python).parent / "newsroom"
    if script.exists():
        return [str(script)]
    found = shutil.which("newsroom")
    if found:
        return [found]
    return [python, "-m", "newsroom_cli"]


def export_commit(revision: str, workdir: Path, python: str) -> tuple[Path, list[str], str]:
    """Export ``revision`` of the repository and a console script that runs it.

    Returns (source tree, newsroom command, "hash subject"). An editable install runs the
    working tree, uncommitted changes included; an exported commit is what others can repeat.
    """
    described = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%h %s", revision],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    short = described.split(" ", 1)[0]
    for earlier in workdir.glob("source-*"):
        shutil.rmtree(earlier)
    source = workdir / f"source-{short}"
    source.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    script = workdir / "bin" / "newsroom"
    script.parent.mkdir(parents=True, exist_ok=True)
    # The console script pip writes, for the entry point that commit's pyproject declares.
    project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    module, _, function = project["project"]["scripts"]["newsroom"].partition(":")
    script.write_text(
        f"#!{python}\nimport sys\nfrom {module} import {function}\nsys.exit({function}())\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return source, [str(script)], described


def python_argv(newsroom: list[str], python: str) -> list[str]:
    """The part of a python command line that runs newsroom (for -X importtime and cProfile)."""
    if newsroom[0] == python or Path(newsroom[0]).name.startswith("python"):
        return newsroom[1:]
    return newsroom


# --- Hugo reference -----------------------------------------------------------

SHORTCODE = re.compile(r"\{\{[<%]\s*(/?)([A-Za-z0-9_-]+)")


def make_hugo_site(site: Path, content: Path) -> Path:
    """A minimal Hugo site reading ``content``, with an empty template for every shortcode used."""
    used: set[str] = set()
    paired: set[str] = set()
    for path in content.rglob("*.md"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "{{" not in text:
            continue
        for closing, name in SHORTCODE.findall(text):
            (paired if closing else used).add(name)
    if site.exists():
        shutil.rmtree(site)
    shortcodes = site / "layouts" / "shortcodes"
    shortcodes.mkdir(parents=True)
    for name in sorted(used | paired):
        # Hugo insists that a shortcode used with a closing tag reads .Inner; the rest stay empty.
        body = "{{ if false }}{{ .Inner }}{{ end }}" if name in paired else ""
        (shortcodes / f"{name}.html").write_text(body, encoding="utf-8")
    (site / "config.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "benchmark"\n'
        f"contentDir = {json.dumps(str(content))}\n",
        encoding="utf-8",
    )
    return site


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


# --- the report ---------------------------------------------------------------


def build_rows(suite: Suite, corpora: Corpora, facts: dict[str, str]) -> list[Row]:
    t = suite.timings
    small_label = f"{corpora.small_size:,}"
    large_label = f"{corpora.large_size:,}" if corpora.large_size else None
    rows: list[Row] = []

    def missing(key: str) -> str:
        return f"not available: {suite.missing.get(key, 'not measured')}"

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

    hugo_memory = suite.memory.get("hugo_small_memory")
    hugo_mem_text = f"`hugo list all` ({small_label}) {hugo_memory:.0f} MB" if hugo_memory else "—"
    for key, label, limit in (
        ("validate_memory", small_label, 100),
        ("validate_large_memory", large_label, 200),
    ):
        if label is None:
            continue
        figure = f"peak memory, `newsroom validate` of {label} articles"
        if key in suite.memory:
            value = suite.memory[key]
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


def verdict_max(value: float, limit: float) -> str:
    if value <= limit:
        return "yes"
    return f"no: {value / limit:.2f}× the limit ({(value / limit - 1) * 100:.0f} % over)"


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
    suite: Suite, corpora: Corpora, facts: dict[str, str], rows: list[Row], context: dict[str, str]
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
    if options.commit:
        suite.source, suite.newsroom, measured_commit = export_commit(
            options.commit, suite.workdir, python
        )
    load_before = load_average()
    archive = options.archive if options.archive and options.archive.is_dir() else None
    corpora = prepare_corpora(suite.workdir, sizes, archive)
    facts = measure(suite, corpora, hugo, options.hugo_large)
    rows = build_rows(suite, corpora, facts)
    context = collect_context(suite, options, hugo, hyperfine)
    if measured_commit:
        context["git"] = f"{measured_commit} (exported with `git archive`, nothing uncommitted)"
    context["load_before"] = load_before
    context["importtime"] = importtime_summary(
        python, ["-c", "import newsroom_cli.cli.app"], suite.workdir, suite.env()
    )
    context["profiles"] = profiles_for_misses(suite, rows, corpora)
    context["load_after"] = load_average()
    report = render(suite, corpora, facts, rows, context)
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
