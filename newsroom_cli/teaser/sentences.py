"""Sentence splitting for news copy: pysbd underneath, a layer of newsroom rules on top.

pysbd gets most sentences right but trips on wire-service style: `Sen. X, D-Mass., said`,
`at 8 a.m. Monday`, `in the U.S. The president`. The rules below repair those splits.
The splitter sits behind the small `SentenceSplitter` protocol so it can be replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Protocol

__all__ = [
    "NewsSentenceSplitter",
    "SentenceSplitter",
    "apply_news_rules",
    "default_splitter",
    "iter_sentences",
]


class SentenceSplitter(Protocol):
    """Anything that splits one paragraph of plain text into sentences."""

    def split(self, paragraph: str) -> list[str]:
        """The sentences of one paragraph, in order, without surrounding whitespace."""
        ...


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations that stand before a name and so never end a sentence.
_TITLES = _words(
    "Mr. Mrs. Ms. Messrs. Mmes. Dr. Drs. Prof. Gen. Gens. Sen. Sens. Rep. Reps. Gov. Govs. "
    "Lt. Col. Sgt. Capt. Cpt. Maj. Adm. Cmdr. Cdr. Brig. Cpl. Pvt. Spc. Rev. Msgr. Hon. Pres. "
    "Supt. Det. Insp. Atty. Sec. Amb. Fr. Sr. Sra. Mt. Ft. Gov.-elect Lt.-Gov. Pfc. Ens. Rt."
)
# Abbreviations that need what follows them (compared in lower case).
_NEEDS_MORE = _words("vs. v. cf. e.g. i.e. approx. ca. incl. esp. viz. gov.-elect")
# Abbreviations that stand before a number.
_NUMBERED = _words(
    "No. Nos. Vol. Vols. Art. Fig. Figs. Ch. pp. p. para. Sec. "
    "Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec."
)
# Street words: part of a name unless a new sentence plainly starts after them.
_STREETS = _words("St. Ave. Blvd. Rd. Hwy. Pl. Sq. Ln. Ct. Mt. Ft. Pt.")
# Words that can follow "8 a.m." inside the same sentence.
_TIME_FOLLOWERS = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon. Tue. Tues. Wed. Thu. Thurs. "
    "Fri. Sat. Sun. January February March April May June July August September October "
    "November December Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec. ET EST EDT CT CST CDT "
    "MT MST MDT PT PST PDT AKST HST GMT UTC BST CET CEST Eastern Central Mountain Pacific "
    "local"
)
# Words that open sentences in news copy and rarely follow an abbreviation inside one.
_STARTERS = _words(
    "The A An He She It They We I You This That These Those There Their His Her Its Our My "
    "Your But And Or So Yet In On At For With After Before When While If As Although Though "
    "Because Since Still Meanwhile However Now Then Also Some Many Most Officials What Why How "
    "Who Where Each Every Both Such Others Last Next Earlier Later Today Yesterday Instead "
    "Despite During Under Over From By To Once Until Unless Here Among Neither Nor Not Only "
    "Even Just All Few Several One Two Three Four Five Six Seven Eight Nine Ten Police Authorities "
    "Critics Analysts Experts Residents Witnesses Investigators Prosecutors"
)
_OPENING_QUOTES = "\"“‘'«("
_CONTINUATION_START = re.compile(r"^(?:[a-z,;:)\]}%–—-]|[”’]\s*[a-z,;:])")
_LAST_WORD = re.compile(r"(\S+)$")
_FIRST_WORD = re.compile(r"^[\"“‘'«(]?([^\s\"”’'»),;:.!?]+\.?)")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
# A place where a sentence may end although pysbd did not split: "...in the U.S. The ..."
_HIDDEN_END = re.compile(r"(\S+[.…])([”’\"']?)\s+(?=[\"“‘']?([A-Z][a-z]*)\b)")


def _first_word(text: str) -> str:
    match = _FIRST_WORD.match(text)
    return match.group(1) if match else ""


def _last_word(text: str) -> str:
    match = _LAST_WORD.search(text)
    return match.group(1).lstrip(_OPENING_QUOTES) if match else ""


def _continues(previous: str, following: str) -> bool:
    """Whether `following` is the rest of the sentence that `previous` began."""
    if _CONTINUATION_START.match(following):
        return True
    last = _last_word(previous)
    first = _first_word(following)
    bare_first = first.rstrip(".")
    if last in _TITLES:
        return True
    if last in _NUMBERED:
        return bool(first[:1].isdigit())
    if last.lower() in _NEEDS_MORE:
        return True
    if last in ("a.m.", "p.m.", "A.M.", "P.M."):
        return first in _TIME_FOLLOWERS or bare_first in _TIME_FOLLOWERS
    if last in _STREETS:
        return bare_first not in _STARTERS
    if _INITIAL.match(last) and len(last) == 2:
        # "George W. Bush", "J. Smith"; not "vitamin C. The ..."
        return first[:1].isupper() and bare_first not in _STARTERS
    return False


def _hidden_ends(sentence: str) -> list[str]:
    """Split a sentence where an abbreviation also ended it: "in the U.S. The president ..."."""
    pieces: list[str] = []
    start = 0
    for match in _HIDDEN_END.finditer(sentence):
        word = match.group(1).lstrip(_OPENING_QUOTES)
        if match.group(3) not in _STARTERS or word in _TITLES or word.lower() in _NEEDS_MORE:
            continue
        if word.endswith("..") and not word.endswith("..."):
            continue
        # A decimal or a URL ends with a digit or slash, never with ".", so any "word." here
        # is an abbreviation, an initial or a word pysbd chose not to split after.
        if word in ("a.m.", "p.m.") and match.group(3) in _TIME_FOLLOWERS:
            continue
        piece = sentence[start : match.end(2)].strip()
        if piece:
            pieces.append(piece)
        start = match.end()
    rest = sentence[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _join(previous: str, following: str) -> str:
    """Rejoin two pieces of one sentence (pysbd keeps the spaces; other splitters may not)."""
    if previous[-1:].isspace() or following[:1].isspace() or following[:1] in ",;:)]}%.!?”’-":
        return previous + following
    return f"{previous} {following}"


def _inside_word(previous: str, following: str) -> bool:
    """A split inside a run of characters: ``.gov``, ``.NET``, ``example.com`` (spans only)."""
    return (
        bool(previous[-1:].strip())
        and bool(following[:1].strip())
        and (previous[-1:] in "./@:-_" or previous[-1:].isalnum())
    )


def apply_news_rules(segments: Iterable[str], *, contiguous: bool = False) -> list[str]:
    """Repair a base splitter's output for news copy: join false splits, split hidden ends.

    With ``contiguous`` the segments are consecutive spans of one text, spaces included: a
    split with no space at it is inside a word (``Every .gov``) and is always undone, and
    joined pieces are concatenated so the sentences stay exact spans of the text.
    """
    merged: list[str] = []
    for segment in segments:
        if not segment.strip():
            if contiguous and merged:
                merged[-1] += segment
            continue
        if merged and (
            (contiguous and _inside_word(merged[-1], segment))
            or _continues(merged[-1].strip(), segment.strip())
        ):
            merged[-1] = merged[-1] + segment if contiguous else _join(merged[-1], segment)
        else:
            merged.append(segment)
    sentences: list[str] = []
    for sentence in merged:
        sentences.extend(_hidden_ends(sentence.strip()))
    return sentences


@lru_cache(maxsize=4)
def _segmenter(language: str) -> Any:
    import pysbd

    segmenter = pysbd.Segmenter(language=language, clean=False)
    module = segmenter.language_module
    replacer = _abbreviation_replacer(getattr(module, "AbbreviationReplacer", None))
    if replacer is not None:
        segmenter.language_module = type(
            module.__name__, (module,), {"AbbreviationReplacer": replacer}
        )
    return segmenter


def _abbreviation_replacer(base: Any) -> Any:
    """pysbd's abbreviation pass for ``base`` with its regular expressions compiled once.

    pysbd builds a pattern per abbreviation and per way it is written in the text, and runs
    one substitution over the whole text for every occurrence: a paragraph has more
    patterns than the ``re`` module caches, and "a" or "no" occur in most words' starts.
    The subclass keeps pysbd's patterns (bugs included) and behaviour: it compiles each
    pattern once, runs each substitution once per spelling, as a second run of the same
    substitution changes nothing (it turns a "." into "∯" and needs a "." to match), and
    finds where an abbreviation of letters and digits starts a word through an index of the
    words' starts. None when ``base`` is not the pysbd 0.3 replacer whose methods this one
    mirrors.
    """
    import pysbd
    from pysbd import abbreviation_replacer as original

    if (
        base is None
        or not pysbd.__version__.startswith("0.3.")
        or not issubclass(base, original.AbbreviationReplacer)
        or base.search_for_abbreviations_in_string
        is not original.AbbreviationReplacer.search_for_abbreviations_in_string
        or base.scan_for_replacements is not original.AbbreviationReplacer.scan_for_replacements
        or base.replace_period_of_abbr is not original.AbbreviationReplacer.replace_period_of_abbr
    ):
        return None

    class CompiledAbbreviationReplacer(base):  # type: ignore[misc]
        def search_for_abbreviations_in_string(self, text: str) -> str:
            lowered = text.lower()
            # Text whose letters and digits are ASCII, without braces (the second pattern
            # never matches there): the words' starts are indexed once, and an abbreviation
            # of letters and digits is looked up in the index instead of searched for. The
            # substitutions turn "." into "∯", one character for one, so the index stays
            # true while the text changes.
            index = _WordStarts(text) if "{" not in text and _indexable(text) else None
            for abbr in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                if index is not None and stripped.isascii() and stripped.isalnum():
                    for spelling in index.spellings(stripped):
                        text = self.scan_for_replacements(text, spelling, 0, [])
                    continue
                occurrences, following = _abbreviation_patterns(stripped)
                matches = occurrences.findall(text)
                if not matches:
                    continue
                next_chars = following.findall(text)
                done: set[tuple[str, bool]] = set()
                for position, match in enumerate(matches):
                    char = next_chars[position] if position < len(next_chars) else ""
                    key = (match.strip(), str(char).isupper())
                    if key not in done:
                        done.add(key)
                        text = self.scan_for_replacements(text, match, position, next_chars)
            return text

        def scan_for_replacements(self, txt: str, am: str, ind: int, char_array: list[str]) -> str:
            char = char_array[ind] if ind < len(char_array) else ""
            word = am.strip().lower()
            if str(char).isupper() and word not in self.lang.Abbreviation.PREPOSITIVE_ABBREVIATIONS:
                return txt
            if word in self.lang.Abbreviation.PREPOSITIVE_ABBREVIATIONS:
                kind = "prepositive"
            elif word in self.lang.Abbreviation.NUMBER_ABBREVIATIONS:
                kind = "number"
            else:
                kind = "period"
            return _replacement_pattern(kind, am.strip()).sub("∯", " " + txt)[1:]

    return CompiledAbbreviationReplacer


def _indexable(text: str) -> bool:
    """Whether every letter and digit of ``text`` is ASCII and lower case keeps its length:
    then a case-blind search for ASCII letters matches what the lower-cased text holds
    (``ſ`` or the Kelvin sign would match ``s`` or ``k`` in a search, not in the text)."""
    if text.isascii():
        return True
    return all(char.isascii() or not char.isalnum() for char in text) and len(text.lower()) == len(
        text
    )


class _WordStarts:
    """Where the words of a text start (see ``_indexable``), by their first one and two
    letters in lower case."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = text.lower()
        self.by_prefix: dict[str, list[int]] = {}
        for position, char in enumerate(text):
            if not char.isspace() and (position == 0 or text[position - 1].isspace()):
                for size in (1, 2):
                    key = self.lowered[position : position + size]
                    self.by_prefix.setdefault(key, []).append(position)

    def spellings(self, abbreviation: str) -> list[str]:
        """How the text writes ``abbreviation`` (letters and digits) at a word's start: what
        pysbd's case-insensitive search finds, less its leading space, each spelling once."""
        wanted = abbreviation.lower()
        positions = self.by_prefix.get(wanted[:2], ())
        found = (
            self.text[at : at + len(wanted)]
            for at in positions
            if self.lowered.startswith(wanted, at)
        )
        return list(dict.fromkeys(found))


@lru_cache(maxsize=1024)
def _abbreviation_patterns(stripped: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # pysbd's own patterns: the abbreviation unescaped in the first, braces literal in the second.
    return (
        re.compile(rf"(?:^|\s|\r|\n){stripped}", re.IGNORECASE),
        re.compile(r"(?<={" + re.escape(stripped) + "} ).{1}"),
    )


@lru_cache(maxsize=4096)
def _replacement_pattern(kind: str, abbr: str) -> re.Pattern[str]:
    if kind == "prepositive":
        return re.compile(rf"(?<=\s{abbr})\.(?=(\s|:\d+))")
    if kind == "number":
        return re.compile(rf"(?<=\s{abbr})\.(?=(\s\d|\s+\())")
    return re.compile(
        rf"(?<=\s{re.escape(abbr)})\.(?=((\.|\:|-|\?|,)|(\s([a-z]|I\s|I'm|I'll|\d|\())))"
    )


class NewsSentenceSplitter:
    """The default splitter: pysbd (one paragraph at a time, clean=False) plus news rules."""

    def __init__(self, language: str = "en") -> None:
        self.language = language

    def split(self, paragraph: str) -> list[str]:
        """The sentences of one paragraph."""
        return list(_split_cached(self.language, " ".join(paragraph.split())))


@lru_cache(maxsize=1024)
def _split_cached(language: str, text: str) -> tuple[str, ...]:
    # Every target of an article asks for the same paragraphs: split each one once.
    if not text:
        return ()
    return tuple(apply_news_rules(_pysbd_segments(_segmenter(language), text), contiguous=True))


def _pysbd_segments(segmenter: Any, text: str) -> list[str]:
    """pysbd's sentences as spans of ``text``, with the spaces that follow them.

    pysbd's own non-destructive mode finds each sentence again with a fresh regular
    expression, which defeats the regex cache and dominated the run time; a plain substring
    search does the same job. pysbd may alter a sentence (``Every .gov`` comes back as
    ``Every .`` and ``gov``); then its sentences are mapped back onto ``text`` by counting
    the characters that are not spaces, so the words are always the text's own.
    """
    sentences: list[str] = segmenter.processor(text).process()
    starts: list[int] = []
    position = 0
    for sentence in sentences:
        stripped = sentence.strip()
        if not stripped:
            continue
        index = text.find(stripped, position)
        if index < 0:
            return _aligned_segments(sentences, text)
        starts.append(index)
        position = index + len(stripped)
    if not starts:
        return [text]
    starts[0] = 0
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]


def _aligned_segments(sentences: list[str], text: str) -> list[str]:
    """Cut ``text`` where ``sentences`` end, matching them by their non-space characters."""
    cuts: list[int] = []
    position = 0
    for sentence in sentences:
        remaining = sum(1 for char in sentence if not char.isspace())
        if not remaining:
            continue
        while position < len(text) and remaining:
            if not text[position].isspace():
                remaining -= 1
            position += 1
        cuts.append(position)
    pieces: list[str] = []
    start = 0
    for cut in cuts:
        # The spaces after a sentence belong to it, as in the substring path.
        while cut < len(text) and text[cut].isspace():
            cut += 1
        if cut > start:
            pieces.append(text[start:cut])
            start = cut
    if start < len(text):
        if pieces:
            pieces[-1] += text[start:]
        else:
            pieces.append(text[start:])
    return pieces


@lru_cache(maxsize=1)
def default_splitter() -> SentenceSplitter:
    """The shared default splitter (its pysbd segmenter is built once, on first use)."""
    return NewsSentenceSplitter()


def iter_sentences(
    paragraphs: Iterable[str], splitter: SentenceSplitter | None = None, *, window: int = 320
) -> Iterator[str]:
    """Sentences of paragraphs in order, splitting only as much text as is asked for.

    A long paragraph is split ``window`` characters at a time: the last sentence of each
    piece may be incomplete, so splitting resumes from its start with the next piece.
    """
    active = splitter or default_splitter()
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        while len(text) > window:
            cut = text.rfind(" ", 0, window)
            if cut <= 0:
                break
            sentences = active.split(text[:cut])
            if len(sentences) < 2:
                break
            yield from sentences[:-1]
            text = sentences[-1] + text[cut:]
        yield from active.split(text)
