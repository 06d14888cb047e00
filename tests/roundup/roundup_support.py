"""Helpers for round-up tests: a private copy of the example newsroom, extra articles."""

from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPECTED = Path(__file__).resolve().parents[1] / "expected" / "roundup"


def copy_examples(tmp_path: Path) -> Path:
    """A copy of examples/ (The Harbor Ledger) that a test may change."""
    target = tmp_path / "ledger"
    shutil.copytree(EXAMPLES, target)
    return target


def write_article(root: Path, relative: str, front_matter: str, body: str = "") -> Path:
    """Write an article with YAML front matter under the copy's content dir."""
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"---\n{front_matter.strip()}\n---\n\n{body or 'A body paragraph for the test.'}\n"
    path.write_text(text, encoding="utf-8")
    return path


def set_roundup_option(root: Path, line: str, value: str) -> None:
    """Replace one ``key = value`` line of the copy's ``[roundup]`` table (only that table:
    ``[roundup.send]`` has a ``to`` of its own), or add it."""
    config = root / "newsroom.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    key = line.split("=")[0].strip()
    start = lines.index("[roundup]") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("[")), len(lines))
    replaced = list(lines)
    for i in range(start, end):
        if lines[i].split("=")[0].strip() == key:
            replaced[i] = f"{key} = {value}"
    if replaced == lines and f"{key} = {value}" not in lines[start:end]:  # not there yet
        replaced.insert(start, f"{key} = {value}")
    config.write_text("\n".join(replaced) + "\n", encoding="utf-8")


LONG_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft" * 2
LONG_URL = (
    "https://harborledger.example/documents/2026/11/city-council/budget/appendix-c/"
    "capital-improvement-plan-seawall-phase-two-final-draft-revised.pdf?version=17&download=1"
)


def write_hostile_week(root: Path, count: int = 60) -> None:
    """A week of ``count`` published pieces in 2026-W47 with everything a layout or an
    escaper can trip on: words of 160 characters, long URLs in headlines and teasers,
    markup, CR/LF in titles, right-to-left text, images with and without sizes."""
    set_roundup_option(root, "per_section", "100")
    sections = ["news", "analysis", "opinion", "features"]
    for index in range(count):
        section = sections[index % len(sections)]
        kind = index % 5
        if kind == 0:
            title, dek = LONG_WORD, f"See {LONG_URL} for the whole {LONG_WORD}."
        elif kind == 1:
            title, dek = f"Read {LONG_URL}", "<script>alert(1)</script> and <b>bold</b>"
        elif kind == 2:
            title = "Line one\\r\\nBcc: someone@evil.example\\r\\nline two"
            dek = "A dek with a\\r\\nbreak and a tab\\tin it."
        elif kind == 3:
            title = "مجلس المدينة يجمّد أسعار العبّارات حتى الصيف المقبل"
            dek = "قرر المجلس بالإجماع تجميد الأسعار، وقال رئيس البلدية إن القرار مؤقت."
        else:
            title = f"An ordinary headline number {index}"
            dek = "An ordinary dek, short and plain."
        image = ""
        if index % 3 == 0:
            size = "  width: 1600\n  height: 900\n" if index % 2 else ""
            image = (
                "image:\n  src: https://harborledger.example/media/x.jpg\n"
                f"  alt: Photo {index}\n  credit: {LONG_WORD[:40]}\n{size}"
            )
        write_article(
            root,
            f"{section}/2026/11/hostile-{index:02d}.md",
            f"""
title: "{title}"
dek: "{dek}"
slug: hostile-{index:02d}
section: {section}
authors: [hannah-lee]
date: 2026-11-{16 + index % 7:02d}T{8 + index % 12:02d}:00:00-05:00
status: published
featured: {"true" if index == 7 else "false"}
{image}""",
            body=f"{dek}\n\nA second paragraph.",
        )
