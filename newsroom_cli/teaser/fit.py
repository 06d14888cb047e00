"""Measuring text the way each channel does, and cutting it to a budget like a copy editor.

A teaser is the longest run of whole sentences that fits. Only when the first sentence
alone is too long is it cut: at a clause boundary when that keeps most of the budget, else
at a word boundary; dangling words and punctuation go, an open quote is closed, and an
ellipsis is added, counted in the target's own measure. A target that fills its budget
(meta, og) continues into the next sentence when whole sentences leave more than a third
of the budget empty, cut the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from newsroom_cli.config import TargetConfig
    from newsroom_cli.teaser.sentences import SentenceSplitter

__all__ = [
    "ELLIPSIS",
    "Fitted",
    "available",
    "fit_sentences",
    "fit_text",
    "fits",
    "join_sentences",
    "measure",
]

ELLIPSIS = "…"
# A clause cut is preferred over a word cut when it keeps at least this share of the budget.
CLAUSE_SHARE = 0.6
# A target that fills its budget (a search snippet) gives up fewer characters for a clause.
FILL_CLAUSE_SHARE = 0.85
# A filling target continues into the next sentence when whole ones fill less than this.
FILL_SHARE = 2 / 3
# X's twitter-text: a URL counts 23 whatever its length.
X_URL_LENGTH = 23

_GRAPHEME = regex.compile(r"\X")
_EMOJI = regex.compile(
    r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}\u20e3]"
)
# Code points X counts as 1 (twitter-text v3 ranges); everything else counts 2.
_X_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
# Text without these counts 1 per code point for X (© and ® may be emoji, so they are here).
_X_HEAVY = regex.compile(
    r"[^\u0000-\u00a8\u00aa-\u00ad\u00af-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]"
)
# Text without these has one grapheme per code point (UAX #29: nothing extends or joins).
_JOINING = regex.compile(
    r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}\p{GCB=Regional_Indicator}"
    r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}\r]"
)
_URL = re.compile(r"https?://[^\s<>\"“”‘’]+[^\s<>\"“”‘’.,;:!?)\]}'’”]", re.IGNORECASE)
# Domains that X links without a scheme ("USA.gov"); counted as URLs for X only.
_BARE_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|gov|edu|mil|int|info|biz|io|co|us|uk|ca|de|fr|eu|me|tv|ly|app|dev|ai|news)"
    r"(?:/[^\s<>\"“”‘’]*[^\s<>\"“”‘’.,;:!?)\]}'’”])?(?![\w-])",
    re.IGNORECASE,
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")
_NUMBER = re.compile(r"^[(\[“\"‘']?[$€£¥]?[\d.,:/%-]*\d[\d.,:/%-]*[)\]”\"’']?[.,;:]?$")
# Words that belong to the number before them: never cut between "$4.2" and "billion".
_NUMBER_UNITS = _word_set(
    "million billion trillion thousand hundred percent per cent a.m. p.m. am pm % "
    "kilometers miles meters feet pounds tons degrees cents dollars euros yen points "
    "percentage"
)
# Words that cannot end a teaser: they promise something that the cut took away.
_DANGLING = _word_set(
    "a an the and or but nor so yet of to in on at by for with from into onto upon as than "
    "that which who whom whose where when while if because although though about after "
    "before between over under through during against without within among amid via per "
    "is are was were be been being has have had do does did will would shall should can "
    "could may might must not no his her its their our my your this these those said says "
    "told according including such very more most less least also both either neither "
    "mr. mrs. ms. dr. gen. sen. rep. gov. lt. col. sgt. capt. maj. adm. rev. prof. st. "
    "no. jan. feb. mar. apr. aug. sept. sep. oct. nov. dec. $ € £ & + -"
)
_TRAILING_PUNCTUATION = " ,;:—–-/(&[{<«“‘·•|\\"
_CLOSERS = {"“": "”", "(": ")", "[": "]", "«": "»", '"': '"'}


@dataclass(frozen=True)
class Fitted:
    """A fitted teaser: its text and length in the target's measure.

    ``cut`` says the first sentence was cut (the text ends with an ellipsis); ``omitted`` says
    sentences of the source were left out.
    """

    text: str
    length: int
    cut: bool = False
    omitted: bool = False

    @property
    def truncated(self) -> bool:
        """Whether anything of the source was left out."""
        return self.cut or self.omitted


def _url_spans(text: str, unit: str) -> list[tuple[int, int]]:
    spans = [match.span() for match in _URL.finditer(text)]
    if unit == "x" and "." in text:
        spans.extend(
            match.span()
            for match in _BARE_DOMAIN.finditer(text)
            if not any(start <= match.start() < end for start, end in spans)
        )
    return sorted(spans)


def _x_weight(text: str) -> int:
    if not _X_HEAVY.search(text):
        return len(text)
    total = 0
    for grapheme in _GRAPHEME.findall(text):
        if _EMOJI.search(grapheme):
            total += 2
            continue
        for char in grapheme:
            point = ord(char)
            total += 1 if any(low <= point <= high for low, high in _X_LIGHT) else 2
    return total


def _plain_measure(text: str, unit: str) -> int:
    if unit == "x":
        return _x_weight(text)
    if unit == "graphemes":
        return len(_GRAPHEME.findall(text)) if _JOINING.search(text) else len(text)
    return len(text)


def measure(text: str, unit: str = "chars", *, url_length: int | None = None) -> int:
    """Length of ``text`` in ``unit``: ``chars`` (code points), ``graphemes`` or ``x``.

    ``x`` is X's weighted count (URL 23, emoji 2, CJK and most non-Latin 2, Latin 1); with
    ``url_length`` every http(s) URL counts that many, as Mastodon counts them.
    """
    link_length = X_URL_LENGTH if unit == "x" else url_length
    if link_length is None or ("://" not in text and (unit != "x" or "." not in text)):
        return _plain_measure(text, unit)
    total = 0
    position = 0
    for start, end in _url_spans(text, unit):
        total += _plain_measure(text[position:start], unit)
        url = text[start:end]
        if unit == "x" and "://" not in url:
            # X may or may not link a bare domain: count whichever is larger.
            total += max(link_length, _plain_measure(url, unit))
        else:
            total += link_length
        position = end
    return total + _plain_measure(text[position:], unit)


def available(target: TargetConfig) -> int:
    """The budget left for the teaser's text once the target's reserve (a link) is taken."""
    return max(0, target.limit - target.reserve)


def fits(text: str, target: TargetConfig) -> bool:
    """Whether ``text`` is within the target's budget (and its byte cap, if any)."""
    if target.max_bytes is not None and len(text.encode("utf-8")) > target.max_bytes:
        return False
    return measure(text, target.unit, url_length=target.url_length) <= available(target)


def _length(text: str, target: TargetConfig) -> int:
    return measure(text, target.unit, url_length=target.url_length)


def fit_text(text: str, target: TargetConfig, splitter: SentenceSplitter | None = None) -> Fitted:
    """Fit one piece of plain text (a dek, an override) to the target."""
    normalized = " ".join(text.split())
    if not normalized:
        return Fitted("", 0)
    if fits(normalized, target) and (
        target.max_sentences is None or target.max_sentences >= _sentence_count(normalized)
    ):
        return Fitted(normalized, _length(normalized, target))
    from newsroom_cli.teaser.sentences import default_splitter

    active = splitter or default_splitter()
    return fit_sentences(active.split(normalized), target)


def join_sentences(sentences: list[str]) -> str:
    """Sentences as one text: a space between them, none after a sentence of CJK text."""
    text = ""
    for sentence in sentences:
        if text and not _CJK.match(text[-1]):
            text += " "
        text += sentence
    return text


def _sentence_count(text: str) -> int:
    # Cheap upper bound; the splitter is only consulted when it could matter.
    return max(1, len(re.findall(r"[.!?…][”’\"')\]]*(?:\s|$)", text)))


def fit_sentences(sentences: Iterable[str], target: TargetConfig) -> Fitted:
    """The longest run of whole sentences from the start that fits, else the first one cut.

    Sentences are pulled from the iterable only as far as needed. The result is never over
    budget.
    """
    iterator: Iterator[str] = (" ".join(s.split()) for s in sentences)
    chosen: list[str] = []
    omitted = False
    following = ""
    for sentence in iterator:
        if not sentence:
            continue
        if target.max_sentences is not None and len(chosen) >= target.max_sentences:
            omitted = True
            break
        candidate = join_sentences([*chosen, sentence])
        if fits(candidate, target):
            chosen.append(sentence)
            continue
        omitted = True
        if not chosen:
            result = _cut(sentence, target)
            assert fits(result.text, target), (result.text, target)
            return result
        following = sentence
        break
    # A run that stops on a colon introduces something the teaser leaves out.
    while len(chosen) > 1 and chosen[-1].endswith(":"):
        chosen.pop()
        omitted = True
        following = ""
    text = join_sentences(chosen)
    if (
        target.fill
        and following
        and not text.endswith(":")
        and _length(text, target) < FILL_SHARE * available(target)
    ):
        joined = join_sentences([text, following])
        filled = _cut(joined, target, start=len(joined) - len(following))
        if filled.text:
            return filled
    assert fits(text, target), (text, target)
    return Fitted(text, _length(text, target), omitted=omitted)


def _cut_points(sentence: str) -> list[tuple[int, bool]]:
    """Where a sentence may be cut: (end of the kept prefix, is it a clause boundary)."""
    protected = [(s, e) for s, e in _url_spans(sentence, "x")]
    points: list[tuple[int, bool]] = []
    words = sentence.split(" ")
    position = 0
    for index, word in enumerate(words[:-1]):
        position += len(word)
        following = words[index + 1]
        keeps_number_whole = bool(_NUMBER.match(word)) and (
            following.lower().rstrip(".,;:") in _NUMBER_UNITS
        )
        if not keeps_number_whole and following.lower() not in ("a.m.", "p.m."):
            clause = word[-1:] in ",;:" or following in ("—", "–", "--") or word[-1:] in "—–"
            points.append((position, clause))
        position += 1  # the space
    if _CJK.search(sentence):
        points.extend(_cjk_points(sentence, protected))
        points.sort()
    return points


def _cjk_points(sentence: str, protected: list[tuple[int, int]]) -> list[tuple[int, bool]]:
    """Boundaries between graphemes next to CJK text, which is written without spaces."""
    points: list[tuple[int, bool]] = []
    position = 0
    graphemes = _GRAPHEME.findall(sentence)
    for index, grapheme in enumerate(graphemes[:-1]):
        position += len(grapheme)
        following = graphemes[index + 1]
        if grapheme.isspace() or following.isspace():
            continue
        if not (_CJK.match(grapheme) or _CJK.match(following)):
            continue
        if any(start < position < end for start, end in protected):
            continue
        if grapheme[0].isdigit() and following[0].isdigit():
            continue
        points.append((position, grapheme in "、，；：" or following in "、，；："))
    return points


def _finish(prefix: str) -> str:
    """Tidy a cut prefix: drop dangling words and punctuation, add the ellipsis, close quotes."""
    text = prefix
    while True:
        stripped = text.rstrip(_TRAILING_PUNCTUATION)
        words = stripped.split(" ")
        if words[-1].lower().strip("“‘\"'(") in _DANGLING:
            if len(words) == 1:
                return ""
            text = " ".join(words[:-1])
            continue
        text = stripped
        break
    if not text or not regex.search(r"[\p{L}\p{N}]", text):
        return ""
    return text + ELLIPSIS + _closers(text)


def _closers(text: str) -> str:
    stack: list[str] = []
    for index, char in enumerate(text):
        if char == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append('"')
        elif char in _CLOSERS:
            stack.append(_CLOSERS[char])
        elif stack and char == stack[-1]:
            stack.pop()
        elif char == "’" and stack and stack[-1] == "’":
            following = text[index + 1 : index + 2]
            if not following.isalpha():
                stack.pop()
        elif char == "‘":
            stack.append("’")
    return "".join(reversed(stack))


def _keeps_after(finished: str, sentence: str, start: int) -> bool:
    """Whether tidying left a word of the text after ``start`` (the sentence being cut)."""
    if not start:
        return True
    kept = finished[: finished.rindex(ELLIPSIS)]
    return len(kept) > start and bool(regex.search(r"[\p{L}\p{N}]", kept[start:]))


def _cut(sentence: str, target: TargetConfig, start: int = 0) -> Fitted:
    """Cut ``sentence`` to the target; with ``start``, keep at least one word after it."""
    budget = available(target)
    points = [point for point in _cut_points(sentence) if point[0] > start]
    # The longest prefix whose finished form fits: binary search on the raw prefix, then step
    # back while tidying makes it too long (a closing quote can add a character).
    low, high = 0, len(points)
    while low < high:
        middle = (low + high) // 2
        if fits(sentence[: points[middle][0]] + ELLIPSIS, target):
            low = middle + 1
        else:
            high = middle
    best: str = ""
    best_index = -1
    for index in range(low - 1, -1, -1):
        finished = _finish(sentence[: points[index][0]])
        if finished and fits(finished, target) and _keeps_after(finished, sentence, start):
            best, best_index = finished, index
            break
    if not best:
        return Fitted("", 0, cut=True, omitted=True)
    for index in range(best_index, -1, -1):
        end, clause = points[index]
        if not clause:
            continue
        finished = _finish(sentence[:end])
        if (
            not finished
            or not fits(finished, target)
            or not _keeps_after(finished, sentence, start)
        ):
            continue
        share = FILL_CLAUSE_SHARE if target.fill else CLAUSE_SHARE
        if _length(finished, target) >= share * budget:
            best = finished
        break
    return Fitted(best, _length(best, target), cut=True, omitted=True)
