"""Benchmark `newsroom lsp`: diagnostics latency after edits, start-up, and memory.

A small JSON-RPC client of its own (no test framework in the way) starts the server as an
editor does, on a synthetic archive from ``benchmarks/corpus.py``:

- start to first diagnostics: from launching the process to the first
  ``publishDiagnostics`` of an opened article (the archive index builds in the background);
- latency: 500 scripted edits of a typical article (one keystroke each, in the body and in
  the front matter, some making and some clearing a problem), each timed from sending
  ``didChange`` to receiving the diagnostics of that version; edits come at a typing pace
  (one every 60 ms, longer than the server's debounce), so each is checked on arrival;
- memory: the server's resident set (RSS, and its peak) with the archive indexed, after
  the edits.

Usage::

    python -m benchmarks.lsp                      # 10,000 articles, report on stdout
    python -m benchmarks.lsp --results benchmarks/RESULTS.md   # replace its section

``benchmarks/run.py`` calls :func:`section` on its small corpus and adds the result.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    from benchmarks import corpus
except ImportError:  # run as a script: python benchmarks/lsp.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import corpus

REPO = Path(__file__).resolve().parent.parent
HEADING = "## Language server (`newsroom lsp`)"
EDIT_PAUSE = 0.06  # seconds between edits: a fast typist
TARGETS = {"median": 0.010, "p99": 0.050, "first": 1.0, "memory_mb": 150.0}


class Client:
    """A minimal LSP client over the server's standard input and output."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            body = stream.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict[str, Any]) -> float:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stream = self.process.stdin
        assert stream is not None
        sent = time.perf_counter()
        stream.write(b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
        stream.flush()
        return sent

    def notify(self, method: str, params: Any) -> float:
        return self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        number = self.next_id
        self.send({"id": number, "method": method, "params": params})
        _, message = self.wait(lambda m: m.get("id") == number and "method" not in m)
        return message.get("result")

    def wait(
        self, wanted: Callable[[dict[str, Any]], bool], timeout: float = 120.0
    ) -> tuple[float, dict[str, Any]]:
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("the server did not answer in time")
            arrived, message = self.messages.get(timeout=left)
            if message.get("method") == "workspace/configuration" and "id" in message:
                self.send({"id": message["id"], "result": [None] * len(message["params"]["items"])})
            if wanted(message):
                return arrived, message

    def stop(self) -> int:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            return self.process.wait(timeout=30)
        except (OSError, TimeoutError, ValueError):
            self.process.kill()
            return self.process.wait()


def _diagnostics(uri: str, version: int | None = None) -> Callable[[dict[str, Any]], bool]:
    def wanted(message: dict[str, Any]) -> bool:
        if message.get("method") != "textDocument/publishDiagnostics":
            return False
        params = message["params"]
        return bool(params["uri"] == uri and (version is None or params.get("version") == version))

    return wanted


def _log(text: str) -> Callable[[dict[str, Any]], bool]:
    def wanted(message: dict[str, Any]) -> bool:
        return message.get("method") == "window/logMessage" and text in message["params"]["message"]

    return wanted


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (0 without /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _memory_kb(pid: int) -> tuple[int, int]:
    """(resident set, its peak) of a process in kB, from /proc (0 where unavailable)."""
    rss = peak = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    except OSError:
        pass
    return rss, peak


def typical_article(content: Path) -> Path:
    """The article of median size (deterministic: the corpus is)."""
    files = sorted(content.rglob("*.md"))
    sized = sorted(files, key=lambda p: (p.stat().st_size, p.as_posix()))
    return sized[len(sized) // 2]


def _initialize(client: Client, root: Path) -> None:
    client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
        },
    )
    client.notify("initialized", {})


def _open(client: Client, path: Path, text: str) -> float:
    return client.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": path.as_uri(),
                "languageId": "markdown",
                "version": 1,
                "text": text,
            }
        },
    )


@dataclass
class Results:
    """What one benchmark run measured (seconds and kB)."""

    articles: int
    article: str
    first: list[float] = field(default_factory=list)
    first_cpu: list[float] = field(default_factory=list)
    index_ready: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    rss_kb: int = 0
    peak_kb: int = 0
    edits_with_problems: int = 0

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _edits(text: str) -> list[tuple[int, int, int, int, str, str]]:
    """500 keystrokes: (line, start, end line, end, new text, what) in a typical article."""
    lines = text.split("\n")
    section = next(i for i, line in enumerate(lines) if line.startswith("section: "))
    title = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    body = next(i for i in range(len(lines) - 1, 0, -1) if len(lines[i]) > 20)
    script: list[tuple[int, int, int, int, str, str]] = []
    typed = 0
    while len(script) < 500:
        step = len(script) % 10
        if step < 6:  # a word typed at the end of a body line
            column = len(lines[body]) + typed
            script.append((body, column, body, column, "x", "body"))
            typed += 1
        elif step == 6:  # the section misspelt: a problem appears
            script.append((section, 9, section, 10, "m", "section"))
        elif step == 7:  # and corrected
            script.append((section, 9, section, 10, lines[section][9], "section"))
        elif step == 8:  # a character added to the headline
            end = len(lines[title]) - 1
            script.append((title, end, title, end, "s", "title"))
        else:  # and removed
            end = len(lines[title]) - 1
            script.append((title, end, title, end + 1, "", "title"))
    return script


def _apply(text: str, line: int, column: int, end_line: int, end: int, new: str) -> str:
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[:line]) + column
    stop = sum(len(x) + 1 for x in lines[:end_line]) + end
    return text[:start] + new + text[stop:]


def measure(newsroom: Sequence[str], root: Path, *, edits: int = 500, starts: int = 3) -> Results:
    """Run the server on the corpus at ``root`` and take every figure."""
    content = root / "content"
    article = typical_article(content)
    text = article.read_text(encoding="utf-8")
    uri = article.as_uri()
    results = Results(articles=sum(1 for _ in content.rglob("*.md")), article=article.name)
    argv = [*newsroom, "lsp"]
    env = {**os.environ}
    for run in range(starts):
        client = Client(argv, root, env)
        _initialize(client, root)
        _open(client, article, text)
        arrived, _ = client.wait(_diagnostics(uri, 1))
        results.first.append(arrived - client.started)
        results.first_cpu.append(_cpu_seconds(client.process.pid))
        arrived, _ = client.wait(_log("archive index ready"))
        results.index_ready.append(arrived - client.started)
        if run < starts - 1:
            client.stop()
    # The last server stays up, its archive indexed: the edits, then its memory.
    version = 1
    current = text
    for line, column, end_line, end, new, _ in _edits(text)[:edits]:
        version += 1
        current = _apply(current, line, column, end_line, end, new)
        time.sleep(EDIT_PAUSE)
        # The server asks for whole texts (full synchronisation), as an editor then sends.
        sent = client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": current}],
            },
        )
        arrived, message = client.wait(_diagnostics(uri, version))
        results.latencies.append(arrived - sent)
        if message["params"]["diagnostics"]:
            results.edits_with_problems += 1
    results.rss_kb, results.peak_kb = _memory_kb(client.process.pid)
    client.stop()
    return results


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def render(results: Results, context: str = "") -> str:
    """The report's section: figures against targets, then how they were taken."""
    median = statistics.median(results.latencies)
    p99 = results.quantile(0.99)
    first = statistics.median(results.first)
    memory = results.rss_kb / 1024
    peak = results.peak_kb / 1024

    def met(ok: bool) -> str:
        return "yes" if ok else "**no**"

    out = [HEADING, ""]
    if context:
        out += [context, ""]
    out += [
        "| figure | measured | target | met? |",
        "|---|---|---|---|",
        f"| diagnostics after an edit, median of {len(results.latencies)} edits "
        f"| {_ms(median)} | < 10 ms | {met(median < TARGETS['median'])} |",
        f"| diagnostics after an edit, 99th percentile | {_ms(p99)} | < 50 ms "
        f"| {met(p99 < TARGETS['p99'])} |",
        f"| server start to first diagnostics, {results.articles:,} articles "
        f"(median of {len(results.first)}) | {_ms(first)} | < 1 s "
        f"| {met(first < TARGETS['first'])} |",
        f"| the same, CPU time of the server process (median) "
        f"| {_ms(statistics.median(results.first_cpu))} | | |",
        f"| server memory with the archive indexed (RSS after the edits) | {memory:.0f} MB "
        f"| < 150 MB | {met(memory < TARGETS['memory_mb'])} |",
        "",
        f"- Typical article: `{results.article}` (the median size of the corpus); "
        f"{results.edits_with_problems} of the edits left a problem to report.",
        f"- Latency: min {_ms(min(results.latencies))}, 90th percentile "
        f"{_ms(results.quantile(0.9))}, max {_ms(max(results.latencies))}; one edit every "
        f"{EDIT_PAUSE * 1000:.0f} ms, each timed from sending `didChange` to receiving its "
        "`publishDiagnostics` (version checked), the whole text sent with each change (the "
        "server asks for full synchronisation), cross-file rules against the indexed archive "
        "included.",
        "- Start to first diagnostics, each run: "
        + ", ".join(_ms(s) for s in results.first)
        + "; archive index ready after "
        + ", ".join(_ms(s) for s in results.index_ready)
        + " (in the background: the first diagnostics do not wait for it). Wall-clock "
        "figures include the waits of a shared machine (see the load average); the CPU time "
        "is what the server itself spent, most of it importing pygls' message types "
        "(`lsprotocol.types`, see `python -X importtime -m newsroom_cli lsp`).",
        f"- Peak resident set of the server process over the whole run: {peak:.0f} MB.",
    ]
    return "\n".join(out) + "\n"


def section(newsroom: Sequence[str], root: Path, context: str = "") -> str:
    """Measure and render; a failure is reported in the section, not raised."""
    try:
        return render(measure(newsroom, root), context)
    except Exception as exc:  # the rest of the report still gets written
        return f"{HEADING}\n\nnot available: {type(exc).__name__}: {exc}\n"


def replace_section(results_file: Path, text: str) -> None:
    """Put ``text`` in place of the language-server section of a report (or at its end)."""
    report = results_file.read_text(encoding="utf-8") if results_file.exists() else ""
    start = report.find(HEADING)
    if start < 0:
        report = report.rstrip("\n") + "\n\n" + text
    else:
        end = report.find("\n## ", start + len(HEADING))
        report = report[:start] + text + (report[end + 1 :] if end >= 0 else "")
    results_file.write_text(report, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.lsp", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsroom-bench"))
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument(
        "--newsroom",
        default=None,
        help="command that runs newsroom (default: python -m newsroom_cli)",
    )
    parser.add_argument("--results", type=Path, help="replace this report's section")
    options = parser.parse_args(argv)
    root = options.workdir / f"corpus-{options.articles}"
    corpus.ensure_synthetic(root, options.articles)
    newsroom = (
        options.newsroom.split() if options.newsroom else [sys.executable, "-m", "newsroom_cli"]
    )
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    context = (
        f"Produced by `python -m benchmarks.lsp` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} at {commit or 'an unknown commit'}; "
        f"{os.cpu_count()} CPUs, load average {load} at the start; synthetic corpus of "
        f"{options.articles:,} articles (seed 2026)."
    )
    results = measure(newsroom, root, edits=options.edits)
    text = render(results, context)
    if options.results:
        replace_section(options.results, text)
        print(f"wrote {options.results}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
