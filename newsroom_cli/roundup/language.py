"""The round-up in the publication's language: the templates' words and CLDR formats.

Every word a round-up template adds ("By", "Keep reading", "Unsubscribe") comes from a
message catalogue, ``templates/roundup/messages/<language>.toml``; dates, numbers and
lists are formatted by Babel with the Unicode CLDR data of ``publication.language``. A
project overrides any message with a catalogue of the same name in its own templates
folder or with ``[roundup.messages]`` in ``newsroom.toml``; a message missing in a
language falls back to its base language (``fr`` for ``fr-CA``), then to English.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom_cli.errors import NewsroomError

if TYPE_CHECKING:
    from babel import Locale

    from newsroom_cli.config import Config

FALLBACK = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def language_chain(language: str) -> list[str]:
    """The catalogues to look in, most specific first: ``fr-CA`` → fr-CA, fr, en."""
    tag = language.strip().replace("_", "-") or FALLBACK
    chain = [tag]
    base = tag.split("-", 1)[0]
    if base != tag:
        chain.append(base)
    if FALLBACK not in chain:
        chain.append(FALLBACK)
    return chain


@cache
def _locale(language: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    for tag in language_chain(language):
        try:
            return Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            continue
    return Locale.parse(FALLBACK)


def _read_catalogue(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsroomError(f"{path}: cannot read the message catalogue ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise NewsroomError(f"{path}: not valid TOML: {exc}") from None
    return data


def load_messages(config: Config, language: str | None = None) -> dict[str, Any]:
    """The messages for ``language`` (default ``publication.language``): built-in
    catalogues, then the project's, then ``[roundup.messages]``; a later one wins."""
    from newsroom_cli.scaffold import template_search_path

    folders = [folder / "roundup" / "messages" for folder in template_search_path(config)]
    merged: dict[str, Any] = {}
    # Least specific first, built-in before the project's, so the most specific wins.
    for tag in reversed(language_chain(language or config.publication.language)):
        for folder in reversed(folders):
            path = folder / f"{tag}.toml"
            if path.is_file():
                merged.update(_read_catalogue(path))
    if not language or language == config.publication.language:
        merged.update(config.roundup.messages)  # written in the publication's language
    return merged


class Words:
    """The templates' words and formats in one language."""

    def __init__(self, language: str, messages: Mapping[str, Any]) -> None:
        self.language = language
        self.messages = dict(messages)
        self.locale = _locale(language)

    @property
    def direction(self) -> str:
        """``rtl`` for right-to-left scripts (Arabic, Hebrew, Persian...), else ``ltr``."""
        return "rtl" if self.locale.text_direction == "rtl" else "ltr"

    def __call__(self, key: str, count: int | None = None, **values: Any) -> str:
        """The message ``key`` with ``{placeholders}`` filled; ``count`` picks the plural
        form (CLDR categories: zero, one, two, few, many, other) and fills ``{count}``."""
        raw = self.messages.get(key)
        if raw is None:
            raise NewsroomError(
                f"no message {key!r} in the round-up catalogue for {self.language!r}",
                hint=f"add {key} to templates/roundup/messages/{self.language}.toml",
            )
        if isinstance(raw, Mapping):
            form = self.locale.plural_form(count if count is not None else 1)
            raw = raw.get(form, raw.get("other", ""))
        if count is not None:
            values["count"] = self.number(count)
        text = str(raw)
        return _PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), text)

    def number(self, value: int) -> str:
        """A whole number in the language's digits and grouping."""
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.locale))

    def day(self, value: dt.datetime) -> str:
        """A weekday and date: ``Sunday, November 22``, ``dimanche 22 novembre``."""
        from babel.dates import format_date, match_skeleton

        # CLDR's pattern for weekday, month and day, with both names written out in full
        # (Babel's skeleton matching keeps abbreviated widths, and older CLDR data has
        # only the abbreviated pattern for some languages).
        skeletons = self.locale.datetime_skeletons
        key = match_skeleton("MMMMEd", skeletons)
        pattern = str(skeletons[key]) if key else "EEEE, MMMM d"
        pattern = re.sub(r"(?<!E)E{1,3}(?!E)", "EEEE", pattern)
        pattern = re.sub(r"(?<!M)M{3}(?!M)", "MMMM", pattern)
        return str(format_date(value, pattern, locale=self.locale))

    def date_range(self, first: dt.date, last: dt.date) -> str:
        """A compact range of days: ``Nov 16 – 22, 2026``, ``16–22 nov. 2026``."""
        from babel.dates import format_date, format_interval

        if first == last:
            return str(format_date(first, "medium", locale=self.locale))
        return str(format_interval(first, last, "yMMMd", locale=self.locale))

    def names(self, names: Sequence[str]) -> str:
        """``A, B and C`` as the language joins a list."""
        from babel.lists import format_list

        return str(format_list(list(names), locale=self.locale))

    def byline(self, names: Sequence[str]) -> str:
        """``By A and B`` in the language; '' without names."""
        return self("byline", names=self.names(names)) if names else ""


def language_name(language: str) -> str:
    """The language's own name for itself, capitalised as a link label: ``fr`` → Français."""
    name = str(_locale(language).get_display_name() or language)
    return name[:1].upper() + name[1:]


def words_for(config: Config, language: str | None = None) -> Words:
    """The words of ``language`` (an issue's), by default the publication's language."""
    return Words(language or config.publication.language, load_messages(config, language))
