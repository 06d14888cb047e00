"""The harness of the benchmarks: timed runs, memory sampling, tools and versions, the
command measured (installed or an exported commit) and the Hugo reference site."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

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
    # A second build timed beside ``newsroom`` in the same sessions (``--baseline REV``).
    baseline: list[str] | None = None
    timings: dict[str, Timing] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)
    largest_process: dict[str, float] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    probes: dict[str, Probe] = field(default_factory=dict)
    commands: dict[str, tuple[list[str], Path]] = field(default_factory=dict)
    helps: dict[str, str] = field(default_factory=dict)
    # Instructions executed by a command and its workers (``KEY``, ``KEY@base``).
    work: dict[str, int] = field(default_factory=dict)

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
        machine whose load changes. With a baseline build, a newsroom command is timed for
        both builds in that session (the baseline first) and the baseline's figure is kept
        as ``KEY@base`` (its reference as ``KEY@base~REFERENCE``).
        """
        probe = self.probe(key, argv, cwd, accept)
        if probe is None:
            return None
        paired = reference is not None and reference in self.timings
        # (timing key, argv) in the order the session runs them; this figure last.
        session: list[tuple[str, list[str]]] = []
        expected = probe.seconds
        if paired and reference:
            reference_argv, reference_cwd = self.commands[reference]
            session.append(
                (f"{key}~{reference}", self._runnable_from(reference_argv, reference_cwd, cwd))
            )
            expected += self.timings[reference].median
            # A reference that is itself a newsroom figure is compared build with build.
            base_reference = self.baseline_argv(reference_argv)
            if base_reference is not None and f"{reference}@base" in self.timings:
                session.append(
                    (
                        f"{key}@base~{reference}",
                        self._runnable_from(base_reference, reference_cwd, cwd, self.baseline),
                    )
                )
        base_argv = self.baseline_argv(argv)
        if base_argv is not None:
            base_probe = self.probe(f"{key}@base", base_argv, cwd, accept)
            if base_probe is not None:
                session.append((f"{key}@base", base_argv))
                expected += base_probe.seconds
        session.append((key, argv))
        commands = [command for _, command in session]
        shown = shlex.join(argv)
        shown = shown if len(shown) < 200 else shown[:190] + f" … ({len(argv)} arguments)"
        others = [name for name, _ in session[:-1]]
        with_others = f" (with {', '.join(others)})" if others else ""
        print(f"  timing {key}{with_others}: {shown}", file=sys.stderr, flush=True)
        budget = max(120.0, expected * (self.runs + self.warmup) * 4)
        timings = self._hyperfine(commands, cwd, budget) if self.use_hyperfine else None
        if timings is None:
            timings = self._own_timing(commands, cwd)
        for (name, _), timing in zip(session, timings, strict=True):
            self.timings[name] = timing
        names = [name for name, _ in session]
        if paired and f"{key}@base" in names and f"{key}@base~{reference}" not in names:
            # The reference is not newsroom: the one run of it in this session serves both.
            self.timings[f"{key}@base~{reference}"] = self.timings[f"{key}~{reference}"]
        medians = ", ".join(
            f"{name} {format_seconds(timing.median)}"
            for (name, _), timing in zip(session, timings, strict=True)
        )
        print(f"    median {medians} ({timings[-1].tool})", file=sys.stderr, flush=True)
        return timings[-1]

    def count_work(
        self, key: str, argv: list[str], cwd: Path, before: list[str] | None = None
    ) -> int | None:
        """Instructions executed by ``argv`` and every process it starts, counted by
        callgrind (valgrind), for the build measured and the baseline (``KEY@base``).

        The count is the same on every run of the same build, whatever the machine's load,
        so it shows a change of a few per cent that wall time on a shared machine cannot.
        ``before`` runs first, uncounted, for each build (to fill its own caches).
        """
        if shutil.which("valgrind") is None:
            self.missing[key] = "valgrind is not installed"
            return None
        builds = [(key, argv, before)]
        base_argv = self.baseline_argv(argv)
        if base_argv is not None:
            base_before = self.baseline_argv(before) if before is not None else None
            builds.insert(0, (f"{key}@base", base_argv, base_before))
        counted = None
        for name, command, setup in builds:
            print(f"  counting {name}: {shlex.join(command)}", file=sys.stderr, flush=True)
            if setup is not None:
                subprocess.run(
                    setup, cwd=cwd, env=self.env(), stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, timeout=RUN_TIMEOUT, check=False,
                )  # fmt: skip
            counted = callgrind_instructions(command, cwd, self.env())
            if counted is None:
                self.missing[name] = "callgrind counted nothing"
                continue
            self.work[name] = counted
            print(f"    {counted / 1e6:,.0f} million instructions", file=sys.stderr, flush=True)
        return counted

    def runs_newsroom(self, key: str) -> bool:
        """Whether the command timed as ``key`` is a run of the build measured."""
        argv = self.commands.get(key, ([], Path()))[0]
        return argv[: len(self.newsroom)] == self.newsroom

    def baseline_argv(self, argv: list[str]) -> list[str] | None:
        """``argv`` run by the baseline build, or ``None`` (no baseline, or not newsroom)."""
        size = len(self.newsroom)
        if self.baseline is None or argv[:size] != self.newsroom:
            return None
        return [*self.baseline, *argv[size:]]

    def _runnable_from(
        self, argv: list[str], home: Path, cwd: Path, build: list[str] | None = None
    ) -> list[str]:
        """``argv`` (meant to run in ``home``) made to run in ``cwd``: newsroom gets ``-C``.

        ``build`` is the newsroom command ``argv`` starts with (default: the one measured).
        """
        build = self.newsroom if build is None else build
        size = len(build)
        if home == cwd or argv[:size] != build:
            return argv
        return [*build, "-C", str(home), *argv[size:]]

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
        # With a baseline, each timed run follows an untimed one of the same command: the
        # other build's run has thrown away the caches this one left (they depend on code).
        times: list[list[float]] = [[] for _ in commands]
        for index in range(self.warmup + self.runs):
            for position, argv in enumerate(commands):
                if self.baseline is not None and index >= self.warmup:
                    subprocess.run(
                        argv, cwd=cwd, env=self.env(), stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL, timeout=RUN_TIMEOUT, check=False,
                    )  # fmt: skip
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


def callgrind_instructions(argv: list[str], cwd: Path, env: dict[str, str]) -> int | None:
    """The instructions ``argv`` and its child processes execute, by callgrind's count."""
    command = [
        "valgrind", "--tool=callgrind", "--trace-children=yes",
        "--callgrind-out-file=/dev/null", *argv,
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            timeout=RUN_TIMEOUT, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None
    # One "Collected : N" line per process.
    counts = re.findall(rb"Collected : (\d+)", done.stderr)
    return sum(int(count) for count in counts) if counts else None


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


def clear_exports(workdir: Path) -> None:
    """Remove the commits an earlier run exported (:func:`export_commit`)."""
    for earlier in workdir.glob("source-*"):
        shutil.rmtree(earlier)


def export_commit(
    revision: str, workdir: Path, python: str, script_name: str = "newsroom"
) -> tuple[Path, list[str], str]:
    """Export ``revision`` of the repository and a console script that runs it.

    Returns (source tree, newsroom command, "hash subject"). An editable install runs the
    working tree, uncommitted changes included; an exported commit is what others can repeat.
    The script puts its source tree first on ``sys.path``, so two exported commits run side
    by side in one session (``--baseline``) with one environment.
    """
    described = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%h %s", revision],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    short = described.split(" ", 1)[0]
    source = workdir / f"source-{short}"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    script = workdir / "bin" / script_name
    script.parent.mkdir(parents=True, exist_ok=True)
    # The console script pip writes, for the entry point that commit's pyproject declares.
    project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    module, _, function = project["project"]["scripts"]["newsroom"].partition(":")
    script.write_text(
        f"#!{python}\nimport sys\nsys.path.insert(0, {str(source)!r})\n"
        f"from {module} import {function}\nsys.exit({function}())\n",
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
