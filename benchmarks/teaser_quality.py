"""How close `newsroom teaser --target meta` comes to the summaries editors wrote by hand.

    python -m benchmarks.teaser_quality                  # report on stdout
    python -m benchmarks.run --teaser-quality            # the same, into benchmarks/RESULTS.md

For each real archive with human summaries, every article is copied to a temporary folder
with its summary key deleted, its `meta` teaser is made from the copy, and the teaser is
scored against the deleted text with ROUGE-1 and ROUGE-2 F1 (lower-cased word tokens),
next to two baselines: the body's first 155 characters cut at a word, and the body's first
sentence. The teasers are also checked: words altered, over budget, markup left in, a cut
in the middle of a word.
"""

from __future__ import annotations

import argparse
import re
import runpy
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
# Archive folder and the key that holds its human-written summary.
ARCHIVES = (
    ("digitalgov-news", "summary"),
    ("elixir-lang-blog", "excerpt"),
    ("biome-blog", "excerpt"),
)
BUDGET = 155
SUFFIXES = (".md", ".markdown", ".mdx")
# Words, except in scripts written without spaces (Han, kana), where each character is a
# token, as ROUGE is computed for Chinese and Japanese: a run of \w there is a whole clause,
# and one differing character would make the clause miss.
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK_CHARS}]|[^\W{_CJK_CHARS}]+")
_MARKUP = re.compile(r"\]\(|<[a-zA-Z/!][^>]*>|\{\{|\{%|\*\*|`|^#|\[\^|&[a-z]+;|:::")
_URL = re.compile(r"https?://", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, as ROUGE scores them (one per character of Han and kana)."""
    return _TOKEN.findall(text.lower())


def rouge_f1(candidate: str, reference: str, n: int) -> float:
    """ROUGE-N F1 of ``candidate`` against one ``reference`` (clipped n-gram overlap)."""
    cand, ref = tokens(candidate), tokens(reference)
    cand_grams = Counter(tuple(cand[i : i + n]) for i in range(len(cand) - n + 1))
    ref_grams = Counter(tuple(ref[i : i + n]) for i in range(len(ref) - n + 1))
    overlap = sum((cand_grams & ref_grams).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(cand_grams.values())
    recall = overlap / sum(ref_grams.values())
    return 2 * precision * recall / (precision + recall)


def prefix_baseline(text: str, budget: int = BUDGET) -> str:
    """The first ``budget`` characters of ``text``, cut back to the last whole word."""
    text = " ".join(text.split())
    if len(text) <= budget:
        return text
    cut = text.rfind(" ", 0, budget + 1)
    return text[:cut] if cut > 0 else text[:budget]


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` by the toolkit's own splitter."""
    from newsroom_cli.teaser.sentences import default_splitter

    text = " ".join(text.split())
    sentences = default_splitter().split(text[:2000])
    return sentences[0] if sentences else ""


def copy_without(source: Path, key: str, folder: Path) -> Path | None:
    """A copy of ``source`` in ``folder`` with the top-level ``key`` deleted, or None."""
    from newsroom_cli.article import load_article, parse_article

    article = load_article(source)
    location = article.locations.get(key)
    if not article.readable or location is None or article.format != "yaml":
        return None
    lines = article.text.splitlines(keepends=True)
    end = location.value.end_line
    if location.value.end_column == 1 and end > location.key.line:
        end -= 1  # the value ends at the start of the next line
    del lines[location.key.line - 1 : end]
    text = "".join(lines)
    copy = parse_article(text)
    expected = {k: v for k, v in article.front_matter.items() if k != key}
    if not copy.readable or copy.front_matter != expected or copy.body != article.body:
        return None
    target = folder / f"{len(list(folder.iterdir())):05d}{source.suffix}"
    target.write_text(text, encoding="utf-8")
    return target


@dataclass
class ArchiveScore:
    """Scores and checks for one archive."""

    name: str
    key: str
    articles: int = 0
    skipped: int = 0
    scores: dict[str, list[float]] = field(default_factory=dict)
    sources: Counter[str] = field(default_factory=Counter)
    altered: list[str] = field(default_factory=list)
    over_budget: list[str] = field(default_factory=list)
    markup: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    mid_word: list[str] = field(default_factory=list)
    empty: int = 0

    def add(self, name: str, value: float) -> None:
        self.scores.setdefault(name, []).append(value)

    def mean(self, name: str) -> float:
        values = self.scores.get(name, [])
        return statistics.fmean(values) if values else 0.0


_CLOSERS = "”’\"')]»"


def _bare(word: str) -> str:
    return word.strip(".,;:!?…" + _CLOSERS + "“‘(«[")


def _normal(text: str) -> str:
    return " ".join(text.split())


def ends_mid_word(teaser: str, source: str) -> bool:
    """Whether a cut teaser stops inside a word of its source."""
    from newsroom_cli.teaser.fit import ELLIPSIS

    if ELLIPSIS not in teaser:
        return False
    kept = teaser[: teaser.rindex(ELLIPSIS)]
    at = source.find(kept)
    if at < 0:
        return False
    following = source[at + len(kept) : at + len(kept) + 1]
    if _CJK.match(kept[-1:]) or _CJK.match(following):
        return False  # written without spaces: a cut between two characters is not inside a word
    return bool(kept[-1:].isalnum() and following.isalnum())


def score_archive(folder: Path, key: str, work: Path) -> ArchiveScore:
    """Score `meta` teasers of one archive against its human summaries."""
    from newsroom_cli.article import load_article
    from newsroom_cli.config import config_from_mapping
    from newsroom_cli.teaser import make_teaser
    from newsroom_cli.teaser.fit import ELLIPSIS, measure
    from newsroom_cli.teaser.generate import source_text
    from newsroom_cli.teaser.plaintext import to_plain_text

    config = config_from_mapping({}, root=work)
    settings = config.teaser
    target = settings.targets["meta"]
    result = ArchiveScore(folder.name, key)
    copies = work / folder.name
    copies.mkdir()
    for path in sorted(folder.rglob("*")):
        if path.suffix not in SUFFIXES or path.name.startswith("_index"):
            continue
        original = load_article(path)
        human = original.front_matter.get(key) if original.readable else None
        if not isinstance(human, str) or not human.strip():
            continue
        copy = copy_without(path, key, copies)
        if copy is None:
            result.skipped += 1
            continue
        article = load_article(copy)
        reference = to_plain_text(human)
        body = to_plain_text(article.body_text)
        teaser = make_teaser(article, target, settings=settings)
        result.articles += 1
        result.sources[teaser.source] += 1
        shown = str(path.relative_to(folder))
        if not teaser.text:
            result.empty += 1
        result.add("teaser-1", rouge_f1(teaser.text, reference, 1))
        result.add("teaser-2", rouge_f1(teaser.text, reference, 2))
        prefix = prefix_baseline(body)
        result.add("prefix-1", rouge_f1(prefix, reference, 1))
        result.add("prefix-2", rouge_f1(prefix, reference, 2))
        sentence = first_sentence(body)
        result.add("sentence-1", rouge_f1(sentence, reference, 1))
        result.add("sentence-2", rouge_f1(sentence, reference, 2))

        origin = _normal(source_text(article, target, teaser.source, settings=settings))
        # Every word as written in the source (an altered word such as ". gov" is not), and
        # the text before the ellipsis one run of it.
        run = teaser.text.rstrip(_CLOSERS)
        run = run[: -len(ELLIPSIS)] if run.endswith(ELLIPSIS) else teaser.text
        # (Text written without spaces, as Japanese is, is checked by the run alone.)
        words = {_bare(w) for w in run.split() if not _CJK.search(w)}
        known = {_bare(w) for w in f"{origin} {body}".split()}
        if (run and run not in origin) or words - known - {""}:
            result.altered.append(shown)
        if measure(teaser.text, target.unit) > BUDGET:
            result.over_budget.append(shown)
        if _MARKUP.search(teaser.text):
            result.markup.append(shown)
        if _URL.search(teaser.text):
            result.urls.append(shown)
        if ends_mid_word(teaser.text, origin):
            result.mid_word.append(shown)
    return result


def sentence_case_share() -> tuple[int, int]:
    """How many of the hand-written sentence cases the splitter gets right."""
    from newsroom_cli.teaser.sentences import default_splitter

    cases_file = REPO / "tests" / "teaser" / "sentence_cases.py"
    if not cases_file.exists():
        return 0, 0
    cases = runpy.run_path(str(cases_file))["CASES"]
    right = sum(
        1 for paragraph, expected in cases if default_splitter().split(paragraph) == expected
    )
    return right, len(cases)


def run(corpus: Path = CORPUS) -> tuple[list[ArchiveScore], tuple[int, int]]:
    """Score every archive present under ``corpus``."""
    results: list[ArchiveScore] = []
    with tempfile.TemporaryDirectory(prefix="newsroom-teaser-quality-") as temp:
        for name, key in ARCHIVES:
            folder = corpus / name
            if folder.is_dir():
                results.append(score_archive(folder, key, Path(temp)))
    return results, sentence_case_share()


def _examples(paths: list[str]) -> str:
    if not paths:
        return "0"
    shown = ", ".join(f"`{p}`" for p in paths[:3])
    return f"{len(paths)} ({shown}{', …' if len(paths) > 3 else ''})"


def render(results: Sequence[ArchiveScore], cases: tuple[int, int]) -> str:
    """The report section, Markdown, starting with its own heading."""
    import datetime as dt
    import subprocess

    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = ["## Teaser quality", "", f"Measured {today} at git {commit}.", ""]
    out.append(
        "`python -m benchmarks.teaser_quality` (also `python -m benchmarks.run "
        "--teaser-quality`): each article's human summary is deleted from a copy, the `meta` "
        f"teaser ({BUDGET} characters) is made from the copy and scored against it, ROUGE F1 on "
        "lower-cased word tokens (each Han or kana character a token), mean over articles. "
        "Baselines: the body's first 155 characters cut at a word; the body's first sentence."
    )
    out += [
        "",
        "| archive (key) | articles | teaser R-1 | 155 chars R-1 | first sentence R-1 "
        "| teaser R-2 | 155 chars R-2 | first sentence R-2 | beats both? |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        wins = all(
            r.mean(f"teaser-{n}") > max(r.mean(f"prefix-{n}"), r.mean(f"sentence-{n}"))
            for n in (1, 2)
        )
        out.append(
            f"| {r.name} (`{r.key}`) | {r.articles:,} | **{r.mean('teaser-1'):.3f}** | "
            f"{r.mean('prefix-1'):.3f} | {r.mean('sentence-1'):.3f} | "
            f"**{r.mean('teaser-2'):.3f}** | {r.mean('prefix-2'):.3f} | "
            f"{r.mean('sentence-2'):.3f} | {'yes' if wins else 'no'} |"
        )
    out += [
        "",
        "| archive | altered text | over budget | markup | bare URL | ends mid-word | empty "
        "| sources that won |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        sources = ", ".join(f"{name} {count}" for name, count in r.sources.most_common())
        out.append(
            f"| {r.name} | {_examples(r.altered)} | {_examples(r.over_budget)} | "
            f"{_examples(r.markup)} | {_examples(r.urls)} | {_examples(r.mid_word)} | "
            f"{r.empty} | {sources} |"
        )
    skipped = sum(r.skipped for r in results)
    if skipped:
        out += [
            "",
            f"{skipped} articles whose summary key could not be deleted cleanly were left out.",
        ]
    right, total = cases
    if total:
        out += [
            "",
            f"Hand-written sentence cases (`tests/teaser/sentence_cases.py`): {right} of {total} "
            f"split right ({100 * right / total:.1f}%).",
        ]
    return "\n".join(out) + "\n"


def replace_section(report: str, section: str) -> str:
    """``report`` with its teaser-quality section replaced by ``section`` (or appended)."""
    start = report.find("## Teaser quality")
    if start < 0:
        return report.rstrip("\n") + "\n\n" + section
    following = report.find("\n## ", start + 1)
    rest = report[following + 1 :] if following >= 0 else ""
    return report[:start] + section + ("\n" + rest if rest else "")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.teaser_quality", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of real archives")
    options = parser.parse_args(argv)
    results, cases = run(options.corpus)
    if not results:
        print(f"no archive found under {options.corpus}", file=sys.stderr)
        return 1
    sys.stdout.write(render(results, cases))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
