"""Generate benchmark corpora: synthetic articles, or N copies of a real archive.

Synthetic articles follow the default field schema of docs/configuration.md and
the default path pattern ``{section}/{YYYY}/{MM}/{slug}.md`` under ``content/``,
with a ``newsroom.toml`` at the corpus root. Output depends only on the seed and
the article count, so two runs with the same arguments produce identical files.

Usage::

    python -m benchmarks.corpus /tmp/corpus-10k --articles 10000
    python -m benchmarks.corpus /tmp/dg-x10 --copies 10 --archive ../shared/corpus/digitalgov-news
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# A corpus directory holds this file describing how it was made, so the runner
# can reuse a corpus instead of regenerating it.
MANIFEST_NAME = ".benchmark-corpus.json"
GENERATOR_VERSION = 3

SECTIONS = ("news", "analysis", "opinion", "features")
SECTION_WEIGHTS = (55, 20, 12, 13)
STATUSES = ("published", "ready", "review", "draft")
STATUS_WEIGHTS = (90, 4, 3, 3)
TIMEZONE = "America/New_York"
FIRST_DAY = datetime(2015, 1, 1)
LAST_DAY = datetime(2026, 10, 31)
MIN_BODY_WORDS = 300
MAX_BODY_WORDS = 1500
MAX_TITLE_SLUG = 72

AUTHORS = (
    ("ana-lima", "Ana Lima"),
    ("ben-okafor", "Ben Okafor"),
    ("carla-mendes", "Carla Mendes"),
    ("david-cho", "David Cho"),
    ("elena-petrova", "Elena Petrova"),
    ("farah-haddad", "Farah Haddad"),
    ("george-mills", "George Mills"),
    ("hana-sato", "Hana Satō"),
    ("ivan-kowalski", "Ivan Kowalski"),
    ("jose-alvarez", "José Álvarez"),
    ("kate-brennan", "Kate Brennan"),
    ("liam-oconnor", "Liam O'Connor"),
    ("maya-singh", "Maya Singh"),
    ("noah-fischer", "Noah Fischer"),
    ("olivia-grant", "Olivia Grant"),
    ("pablo-ruiz", "Pablo Ruiz"),
    ("quinn-harper", "Quinn Harper"),
    ("rosa-bianchi", "Rosa Bianchi"),
    ("samuel-adeyemi", "Samuel Adeyemi"),
    ("tara-nguyen", "Tara Nguyen"),
    ("analysis-desk", "Analysis Desk"),
    ("metro-desk", "Metro Desk"),
)

TAGS = (
    "elections", "transport", "housing", "schools", "city-hall", "courts", "police",
    "budget", "climate", "health", "business", "labor", "waterfront", "parks",
    "arts", "music", "food", "sports", "science", "technology", "immigration",
    "taxes", "zoning", "energy", "weather", "history", "media", "religion",
    "public-safety", "infrastructure",
)  # fmt: skip

COLUMNS = ("Harbor Notes", "The Long View", "Civic Desk", "Weekend Reads", "Ask the Editor")

PLACES = (
    "HARBOR CITY", "PORT ELLIS", "NORTH BAY", "WESTFIELD", "SALT MARSH",
    "RIVERTON", "BRIGHTON LANDING", "CEDAR FALLS",
)  # fmt: skip

HEADLINE_NOUNS = (
    "council", "budget", "ferry", "school board", "transit plan", "harbor", "housing plan",
    "mayor", "library", "bridge", "tax levy", "rail line", "court", "hospital", "port",
    "stadium", "museum", "union", "water system", "park district", "county", "festival",
    "fire department", "zoning board", "election", "market", "seawall", "bike lane",
    "planning board", "state senate", "city attorney", "health department", "airport",
    "housing authority", "teachers union", "ferry operator", "sheriff", "utility board",
    "transit agency", "arts council", "chamber of commerce", "tenant group",
)  # fmt: skip
HEADLINE_VERBS = (
    "approves", "rejects", "delays", "weighs", "expands", "cuts", "backs", "questions",
    "reopens", "plans", "faces", "unveils", "revives", "pauses", "funds", "tests",
    "blocks", "scales back", "proposes", "wins", "loses", "settles", "extends", "drops",
)  # fmt: skip
HEADLINE_OBJECTS = (
    "new contract", "late-night service", "rent limits", "a second vote", "repair costs",
    "a public hearing", "summer hours", "a longer season", "staff raises", "flood barriers",
    "free lunches", "a smaller plan", "a new director", "the old pier", "electric buses",
    "an audit", "a toll increase", "weekend closures", "a land swap", "a pilot program",
    "a bond measure", "its budget", "a water rate hike", "new bus routes", "school start times",
    "a curfew", "a hiring freeze", "a food truck rule", "a housing lottery", "speed cameras",
    "a lawsuit", "a ballot question", "the night market", "new lifeguards", "a rent freeze",
)  # fmt: skip
HEADLINE_TAILS = (
    "", "", "", " after long debate", " amid protests", " for next year", " despite warnings",
    " as costs rise", " in close vote", " after storm", " on split vote", " downtown",
    " for the summer", " after audit", " under pressure", " at last", " again",
    " on the waterfront", " in the north end", " after complaints",
)  # fmt: skip

WORDS = (  # noqa: SIM905  (a paragraph of words is easier to read and edit)
    "the city said officials residents council members plan would could might new old "
    "year week month budget money costs tax fund service services route routes line "
    "harbor port ferry bridge road street neighborhood district county state federal "
    "school schools students teachers parents board meeting hearing vote votes voted "
    "public private report reports data study analysis found shows expected estimated "
    "million thousand percent about more less than nearly almost since before after "
    "during while because although however meanwhile instead also still already "
    "said says told asked according spokesperson director manager chair member "
    "housing rent rents tenants landlords units apartments buildings construction "
    "transit buses trains riders service delays schedule station stations stop "
    "climate flood water storm seawall coast shoreline marsh rising levels "
    "business businesses owners workers jobs wages union contract agreement talks "
    "police court judge case ruling appeal lawsuit record records request "
    "community group groups organizers volunteers event events festival season "
    "first second third last next several many few some most each every "
    "project projects proposal proposals program programs pilot initiative effort "
    "local regional national long short early late recent current former future "
    "increase decrease change changes approve approved reject rejected delay delayed "
    "review reviewed consider considered support supported oppose opposed raise raised "
    "and or but with without for from into over under between across through toward "
    "in on at by of to as is was were are be been being has have had will"
).split()

LINK_TARGETS = (
    "https://harborledger.example/{y}/{m}/{slug}",
    "https://www.example.gov/reports/{slug}.pdf",
    "https://data.example.org/datasets/{slug}",
    "https://archive.example.net/{y}/{slug}",
)


@dataclass(frozen=True)
class Sentence:
    """One pre-built sentence and its word count."""

    text: str
    words: int


def _sentence(rng: random.Random, min_words: int = 6, max_words: int = 28) -> Sentence:
    count = rng.randint(min_words, max_words)
    words = rng.choices(WORDS, k=count)
    if count > 10 and rng.random() < 0.5:
        words[rng.randint(3, count - 3)] += ","
    if rng.random() < 0.12:
        # A quoted line with attribution, the way news copy reads.
        text = f'"{" ".join(words).capitalize()}," {rng.choice(AUTHORS)[1]} said.'
        return Sentence(text, count + 3)
    end = "." if rng.random() < 0.93 else rng.choice("?!")
    number = rng.random()
    if number < 0.15:
        words.insert(rng.randint(1, len(words) - 1), f"{rng.randint(2, 980)}")
    elif number < 0.22:
        words.insert(
            rng.randint(1, len(words) - 1), f"${rng.randint(1, 90)}.{rng.randint(1, 9)} million"
        )
    return Sentence(" ".join(words).capitalize() + end, len(words))


class BodyWriter:
    """Assemble article bodies from a seeded pool of sentences (fast at 100,000 articles)."""

    def __init__(self, rng: random.Random, pool_size: int = 6000) -> None:
        self.rng = rng
        self.pool = [_sentence(rng) for _ in range(pool_size)]

    def _linked(self, sentence: Sentence, year: int, slug: str) -> str:
        words = sentence.text.split(" ")
        if len(words) < 6:
            return sentence.text
        start = self.rng.randint(1, len(words) - 4)
        span = self.rng.randint(1, 3)
        anchor = " ".join(words[start : start + span]).strip(',.?!"')
        if not anchor:
            return sentence.text
        target = self.rng.choice(LINK_TARGETS).format(
            y=year - self.rng.randint(0, 3), m=f"{self.rng.randint(1, 12):02d}", slug=slug
        )
        rest = " ".join(words[start + span :])
        linked = f"[{anchor}]({target})"
        trailing = words[start + span - 1][len(words[start + span - 1].rstrip(',.?!"')) :]
        head = " ".join(words[:start])
        return f"{head} {linked}{trailing} {rest}".rstrip()

    def paragraph(self, year: int, slug: str) -> tuple[str, int]:
        sentences = self.rng.choices(self.pool, k=self.rng.randint(2, 6))
        parts: list[str] = []
        for sentence in sentences:
            if self.rng.random() < 0.08:
                parts.append(self._linked(sentence, year, slug))
            else:
                parts.append(sentence.text)
        return " ".join(parts), sum(s.words for s in sentences)

    def body(self, year: int, slug: str, section: str) -> str:
        rng = self.rng
        target = rng.randint(MIN_BODY_WORDS, MAX_BODY_WORDS)
        first, _ = self.paragraph(year, slug)
        if section == "news" and rng.random() < 0.4:
            # A dateline that teaser generation is expected to strip.
            first = f"{rng.choice(PLACES)} — {first}"
        blocks = [first]
        words = _word_count(first)
        since_heading = 1
        while words < target:
            roll = rng.random()
            if since_heading >= 3 and roll < 0.25:
                heading = rng.choice(self.pool).text.rstrip(".?!").split(" ")[: rng.randint(2, 6)]
                block = "## " + " ".join(heading).rstrip(",").capitalize()
                since_heading = 0
            elif roll < 0.33:
                items = rng.choices(self.pool, k=rng.randint(3, 6))
                marker = "-" if rng.random() < 0.7 else "1."
                block = "\n".join(
                    f"{marker} {item.text.split(',')[0].rstrip('.?!')}" for item in items
                )
            elif roll < 0.37:
                block = f"> {rng.choice(self.pool).text}"
            else:
                block, _ = self.paragraph(year, slug)
            count = _word_count(block)
            if words + count > MAX_BODY_WORDS and words >= MIN_BODY_WORDS:
                break
            blocks.append(block)
            words += count
            since_heading += 1
        return "\n\n".join(blocks) + "\n"


def _word_count(text: str) -> int:
    return len(text.split())


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _quoted(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


class ArticleFactory:
    """Make synthetic articles one by one from a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.bodies = BodyWriter(self.rng)
        self.zone = ZoneInfo(TIMEZONE)
        self.slugs: set[str] = set()
        self.titles: set[str] = set()
        self.span_seconds = int((LAST_DAY - FIRST_DAY).total_seconds())

    def _title(self) -> str:
        rng = self.rng
        for _ in range(50):
            noun = rng.choice(HEADLINE_NOUNS)
            verb = rng.choice(HEADLINE_VERBS)
            title = f"{noun.capitalize()} {verb} {rng.choice(HEADLINE_OBJECTS)}"
            title += rng.choice(HEADLINE_TAILS)
            if rng.random() < 0.5:
                title = f"{rng.choice(PLACES).title()} {title[0].lower()}{title[1:]}"
            # Slugs come from titles and validate allows at most 80 characters.
            if title not in self.titles and len(_slugify(title)) <= MAX_TITLE_SLUG:
                break
        else:
            # Headlines are unique in a real archive (validate warns on repeats).
            title = f"{title}, {len(self.titles)}"
        self.titles.add(title)
        return title

    def _unique_slug(self, title: str) -> str:
        base = _slugify(title)
        slug = base
        counter = 2
        while slug in self.slugs:
            slug = f"{base}-{counter}"
            counter += 1
        self.slugs.add(slug)
        return slug

    def article(self) -> tuple[str, str]:
        """Return (relative path, file text) for the next article."""
        rng = self.rng
        section = rng.choices(SECTIONS, SECTION_WEIGHTS)[0]
        local = FIRST_DAY + timedelta(seconds=rng.randrange(self.span_seconds))
        local = local.replace(second=0, microsecond=0)
        date = local.replace(tzinfo=self.zone)
        title = self._title()
        slug = self._unique_slug(title)
        dek_sentence = rng.choice(self.bodies.pool).text
        while len(dek_sentence) < 60:
            dek_sentence += " " + rng.choice(self.bodies.pool).text
        dek = (
            dek_sentence[:220].rsplit(" ", 1)[0].rstrip(",")
            if len(dek_sentence) > 220
            else dek_sentence
        )
        authors = rng.sample(AUTHORS, k=1 if rng.random() < 0.8 else 2)
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        tags = rng.sample(TAGS, k=rng.choice((0, 1, 2, 2, 3, 3, 4)))

        lines = ["---", f"title: {_quoted(title)}", f"dek: {_quoted(dek)}", f"slug: {slug}"]
        lines.append(f"section: {section}")
        if section == "opinion" and rng.random() < 0.5:
            lines.append(f"column: {_quoted(rng.choice(COLUMNS))}")
        lines.append("authors:")
        lines.extend(f"  - {key}" for key, _ in authors)
        lines.append(f"date: {date.isoformat()}")
        if rng.random() < 0.15:
            updated = date + timedelta(hours=rng.randint(1, 96))
            lines.append(f"updated: {updated.isoformat()}")
        lines.append(f"status: {status}")
        if tags:
            lines.append("tags:")
            lines.extend(f"  - {tag}" for tag in tags)
        if rng.random() < 0.4:
            lines.append("image:")
            lines.append(f"  src: /images/{date:%Y/%m}/{slug}.jpg")
            lines.append(f"  alt: {_quoted(rng.choice(self.bodies.pool).text[:90].rstrip(',. '))}")
            lines.append(f"  credit: {_quoted(rng.choice(AUTHORS)[1] + ' / The Harbor Ledger')}")
            if rng.random() < 0.5:
                lines.append(f"  caption: {_quoted(rng.choice(self.bodies.pool).text)}")
        if rng.random() < 0.05:
            lines.append("featured: true")
        lines.append("---")
        text = "\n".join(lines) + "\n\n" + self.bodies.body(date.year, slug, section)
        path = f"{section}/{date:%Y}/{date:%m}/{slug}.md"
        return path, text


def newsroom_toml(name: str) -> str:
    """Return the corpus's configuration: defaults plus an author roster and tag vocabulary."""
    lines = [
        "# Benchmark corpus made by benchmarks/corpus.py; safe to delete.",
        "[publication]",
        f"name = {_quoted(name)}",
        'base_url = "https://harborledger.example"',
        f'timezone = "{TIMEZONE}"',
        "",
        "[paths]",
        'content = "content"',
        "",
    ]
    for key, display in AUTHORS:
        lines += ["[[authors]]", f'key = "{key}"', f"name = {_quoted(display)}", ""]
    lines += ["[tags]", "vocabulary = [" + ", ".join(f'"{tag}"' for tag in TAGS) + "]", ""]
    return "\n".join(lines)


def _prepare(root: Path, force: bool) -> None:
    if root.exists() and any(root.iterdir()):
        if not force and not (root / MANIFEST_NAME).exists():
            raise SystemExit(f"{root} is not empty and not a benchmark corpus; pass --force")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)


def _write_all(content: Path, files: Iterator[tuple[str, str | bytes]]) -> int:
    made: set[str] = set()
    count = 0
    for relative, text in files:
        parent = relative.rpartition("/")[0]
        if parent not in made:
            (content / parent).mkdir(parents=True, exist_ok=True)
            made.add(parent)
        data = text.encode("utf-8") if isinstance(text, str) else text
        with open(content / relative, "wb") as handle:
            handle.write(data)
        count += 1
    return count


def synthetic_articles(count: int, seed: int) -> Iterator[tuple[str, str]]:
    """Yield (relative path, text) for ``count`` synthetic articles."""
    factory = ArticleFactory(seed)
    for _ in range(count):
        yield factory.article()


def generate(root: Path, articles: int, seed: int = 2026, force: bool = False) -> Path:
    """Write ``articles`` synthetic articles under ``root/content`` and a ``newsroom.toml``."""
    _prepare(root, force)
    _write_all(root / "content", synthetic_articles(articles, seed))
    (root / "newsroom.toml").write_text(newsroom_toml("The Harbor Ledger"), encoding="utf-8")
    _write_manifest(root, {"kind": "synthetic", "articles": articles, "seed": seed})
    return root


_FRONT = re.compile(rb"\A(\s*---\r?\n)(.*?\r?\n)(---[ \t]*\r?\n|---[ \t]*\Z)", re.S)
_SLUG_LINE = re.compile(rb"^(slug:[ \t]*)(\S+?)([ \t]*\r?)$", re.M)
_DATE_LINE = re.compile(
    rb"^(date:[ \t]*)(['\"]?)(\d{4})-(\d{2})-(\d{2})"
    rb"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?([^'\"\r\n]*)(['\"]?)([ \t]*\r?)$",
    re.M,
)


def _shift_date(match: re.Match[bytes], minutes: int) -> bytes:
    prefix, quote, year, month, day, hour, minute, second, rest, close, tail = match.groups()
    moment = datetime(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
    )
    moment += timedelta(minutes=minutes)
    text = f"{moment:%Y-%m-%d %H:%M:%S}".encode()
    return prefix + quote + text + rest + close + tail


def copy_article(data: bytes, copy_index: int) -> bytes:
    """Return an archive file's bytes with a unique slug and date for copy ``copy_index``."""
    if copy_index == 0:
        return data
    front = _FRONT.match(data)
    if front is None:
        return data
    block = front.group(2)
    suffix = f"-c{copy_index}".encode()
    block = _SLUG_LINE.sub(lambda m: m.group(1) + m.group(2) + suffix + m.group(3), block, count=1)
    block = _DATE_LINE.sub(lambda m: _shift_date(m, copy_index), block, count=1)
    return data[: front.start(2)] + block + data[front.end(2) :]


def archive_copies(archive: Path, copies: int) -> Iterator[tuple[str, bytes]]:
    """Yield (relative path, bytes) for ``copies`` copies of every Markdown file of ``archive``."""
    sources = sorted(
        p for p in archive.rglob("*") if p.suffix in {".md", ".markdown"} and p.is_file()
    )
    loaded = [(p.relative_to(archive).as_posix(), p.read_bytes()) for p in sources]
    for index in range(copies):
        for relative, data in loaded:
            is_index = relative.rpartition("/")[2].startswith("_index.")
            if index == 0:
                yield relative, data
            elif not is_index:
                stem, dot, extension = relative.rpartition(".")
                yield f"{stem}-c{index}{dot}{extension}", copy_article(data, index)


def replicate(
    root: Path, archive: Path, copies: int, config: Path | None = None, force: bool = False
) -> Path:
    """Write ``copies`` copies of ``archive`` under ``root/content`` with unique slugs and dates."""
    if not archive.is_dir():
        raise SystemExit(f"archive not found: {archive}")
    _prepare(root, force)
    written = _write_all(root / "content", archive_copies(archive, copies))
    if config is not None:
        shutil.copyfile(config, root / "newsroom.toml")
    else:
        (root / "newsroom.toml").write_text(
            "# Benchmark corpus made by benchmarks/corpus.py; safe to delete.\n"
            f'[publication]\nname = {_quoted(archive.name)}\n\n[paths]\ncontent = "content"\n',
            encoding="utf-8",
        )
    _write_manifest(
        root,
        {"kind": "copies", "archive": str(archive.resolve()), "copies": copies, "files": written},
    )
    return root


def _write_manifest(root: Path, fields: dict[str, object]) -> None:
    fields = {"generator": GENERATOR_VERSION, **fields}
    (root / MANIFEST_NAME).write_text(json.dumps(fields, sort_keys=True) + "\n", encoding="utf-8")


def read_manifest(root: Path) -> dict[str, object] | None:
    """Return how the corpus at ``root`` was made, or None when it is not a finished corpus."""
    try:
        data = json.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def ensure_synthetic(root: Path, articles: int, seed: int = 2026) -> Path:
    """Reuse the corpus at ``root`` when it matches, otherwise (re)generate it."""
    wanted = {
        "generator": GENERATOR_VERSION,
        "kind": "synthetic",
        "articles": articles,
        "seed": seed,
    }
    if read_manifest(root) != wanted:
        generate(root, articles, seed, force=True)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "output", type=Path, help="corpus root to create (content/ and newsroom.toml)"
    )
    parser.add_argument("--articles", type=int, help="number of synthetic articles")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--copies", type=int, help="number of copies of --archive instead")
    parser.add_argument(
        "--archive", type=Path, help="real archive to copy (a folder of Markdown files)"
    )
    parser.add_argument(
        "--config", type=Path, help="newsroom.toml to place at the root of a copied archive"
    )
    parser.add_argument("--force", action="store_true", help="replace a non-empty output folder")
    options = parser.parse_args(argv)
    started = time.perf_counter()
    if options.copies is not None:
        if options.archive is None:
            parser.error("--copies needs --archive")
        replicate(options.output, options.archive, options.copies, options.config, options.force)
    elif options.articles is not None:
        generate(options.output, options.articles, options.seed, options.force)
    else:
        parser.error("give --articles N or --copies N --archive DIR")
    manifest = read_manifest(options.output)
    print(
        f"{options.output}: {json.dumps(manifest)} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
