"""Teasers for articles: pick the source text, convert it to plain text, fit it to a target.

Each target has an ordered list of sources; the first that yields text wins. A source is a
kind of editor's text (``teaser``, ``description``, ``dek``: the front-matter keys of each
kind are configured in ``[teaser.fields]``), a front-matter key (``teasers.meta``), or the
body: ``more`` (the text before ``<!--more-->``), ``lead`` (the first prose paragraphs).
The title is the last resort when nothing else yields text.

The defaults follow a publication page: the newsletter card shows the editor's teaser, else
the text before ``<!--more-->``, else the lead; search and link previews an editor's
description, then the dek, then the lead; social posts their own text, the dek, the lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom_cli.teaser.fit import Fitted, available, fit_sentences, fit_text, join_sentences
from newsroom_cli.teaser.plaintext import (
    iter_lead,
    lead_paragraphs,
    text_before_more,
    to_plain_text,
)

if TYPE_CHECKING:
    from newsroom_cli.article import Article
    from newsroom_cli.config import TargetConfig, TeaserConfig
    from newsroom_cli.teaser.sentences import SentenceSplitter

__all__ = [
    "Teaser",
    "default_sources",
    "make_teaser",
    "override_key",
    "source_text",
    "sources_of",
    "stored_text",
    "target_key",
    "with_limit",
]

# Targets whose channel counts a link at a fixed length: a bare URL may stay in their text.
_SOCIAL = ("x", "bluesky", "mastodon")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Teaser:
    """One teaser for one target.

    ``limit`` is the budget for the text (the target's limit less its reserve), in ``unit``;
    ``source`` is the entry of the target's ``sources`` that won (``teasers.meta``,
    ``description``, ``dek``, ``more``, ``lead``, ``title``) and ``key`` the front-matter key
    the text came from, if any; ``truncated`` says the source text did not fit whole (for
    the lead: the text was cut inside a sentence); ``cut`` says the text ends with an
    ellipsis where the source went on.
    """

    path: Path | None
    target: str
    text: str
    length: int
    limit: int
    unit: str
    source: str
    truncated: bool
    key: str | None = None
    cut: bool = False

    def as_dict(self, path: str | None = None) -> dict[str, Any]:
        """The teaser as a JSON-ready mapping; ``path`` replaces the stored path if given."""
        return {
            "path": path if path is not None else (str(self.path) if self.path else "-"),
            "target": self.target,
            "text": self.text,
            "length": self.length,
            "limit": self.limit,
            "unit": self.unit,
            "source": self.source,
            "key": self.key,
            "truncated": self.truncated,
        }


def override_key(key_template: str, target: str) -> str:
    """The front-matter key a ``teaser.key`` template names for ``target``."""
    return key_template.replace("{target}", target)


def target_key(settings: TeaserConfig, target: TargetConfig) -> str:
    """Where ``--write`` stores ``target``'s teaser (see ``TeaserConfig.key_for``)."""
    return settings.key_for(target)


def default_sources(target: TargetConfig, own_key: str) -> tuple[str, ...]:
    """The sources of a target with no ``sources`` list of its own."""
    if target.name == "newsletter":
        return tuple(dict.fromkeys((own_key, "teaser", "more", "lead")))
    if target.name in ("meta", "og"):
        return (own_key, "description", "dek", "more", "lead")
    if target.name in _SOCIAL:
        return (own_key, "dek", "lead")
    return (own_key, "dek", "more", "lead")


def sources_of(settings: TeaserConfig, target: TargetConfig) -> tuple[str, ...]:
    """The target's sources, in order, with ``{target}`` filled in."""
    own = target_key(settings, target)
    listed = target.sources or default_sources(target, own)
    return tuple(dict.fromkeys(override_key(name, target.name) for name in listed))


def with_limit(target: TargetConfig, limit: int) -> TargetConfig:
    """The target with its budget replaced by ``limit`` (the whole budget: no reserve)."""
    return target._replace(limit=limit, reserve=0)


def _lookup(front_matter: Mapping[str, Any], dotted: str) -> Any:
    value: Any = front_matter
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def stored_text(article: Article, key: str) -> str:
    """The text stored under a dotted front-matter key, or "" when there is none."""
    value = _lookup(article.front_matter, key)
    return value if isinstance(value, str) else ""


def _kind_keys(settings: TeaserConfig, kind: str, article: Article) -> list[str]:
    """The front-matter keys that hold a kind of editor's text, in order."""
    from newsroom_cli.config import TEASER_FIELDS

    fields = settings.fields or TEASER_FIELDS
    keys = list(fields.get(kind, ()))
    if kind == "dek":
        # The schema's own spelling of the dek (renamed or aliased in [fields.dek]) counts too,
        # unless another kind claims the key (`summary` is the teaser in Hugo).
        claimed = {key for other, listed in fields.items() if other != "dek" for key in listed}
        field = article.schema.get("dek")
        if field is not None:
            keys += [k for k in (field.name, *field.aliases) if k not in claimed]
    return list(dict.fromkeys(keys))


def _front_matter_text(
    article: Article, source: str, settings: TeaserConfig
) -> tuple[str, str] | None:
    """(key, text) of the first non-empty string the source names, or None."""
    from newsroom_cli.config import TEASER_FIELDS

    fields = settings.fields or TEASER_FIELDS
    keys = _kind_keys(settings, source, article) if source in fields else [source]
    for key in keys:
        value = _lookup(article.front_matter, key)
        if isinstance(value, str) and value.strip():
            return key, value
    return None


def _keeps_urls(target: TargetConfig) -> bool:
    """Whether the channel counts a link at a fixed length, so a bare URL may stay."""
    return target.unit == "x" or target.url_length is not None


def _without_bare_urls(sentences: Iterable[str]) -> Iterator[str]:
    """Sentences of body text, less those that hold a bare URL (a link with no words)."""
    for sentence in sentences:
        if not _BARE_URL.search(sentence):
            yield sentence


def _body_sentences(
    paragraphs: Iterable[str], target: TargetConfig, splitter: SentenceSplitter | None
) -> Iterator[str]:
    from newsroom_cli.teaser.sentences import iter_sentences

    sentences = iter_sentences(paragraphs, splitter)
    return sentences if _keeps_urls(target) else _without_bare_urls(sentences)


def make_teaser(
    article: Article,
    target: TargetConfig,
    *,
    settings: TeaserConfig | None = None,
    key: str = "teaser",
    strip_datelines: bool = False,
    splitter: SentenceSplitter | None = None,
) -> Teaser:
    """The teaser of ``article`` for ``target``, from the first of its sources with text.

    ``settings`` carries the teaser configuration (sources, keys, dateline stripping); without
    it, ``key`` (``teaser`` or ``teasers.{target}``) and ``strip_datelines`` stand in.
    """
    if settings is None:
        from newsroom_cli.config import TeaserConfig

        settings = TeaserConfig({target.name: target}, key=key, strip_datelines=strip_datelines)

    def result(fitted: Fitted, source: str, truncated: bool, held_by: str | None) -> Teaser:
        return Teaser(
            path=article.path,
            target=target.name,
            text=fitted.text,
            length=fitted.length,
            limit=available(target),
            unit=target.unit,
            source=source,
            truncated=truncated,
            key=held_by,
            cut=fitted.cut,
        )

    datelines = settings.strip_datelines
    body: str | None = None
    for source in sources_of(settings, target):
        if source in ("more", "lead"):
            body = article.body_text if body is None else body
            fitted = _fit_body(body, source, target, article.title, datelines, splitter)
            if fitted.text:
                truncated = fitted.cut if source == "lead" else fitted.truncated
                return result(fitted, source, truncated, None)
            continue
        if source == "title":
            break
        found = _front_matter_text(article, source, settings)
        if found is None:
            continue
        fitted = fit_text(to_plain_text(found[1]), target, splitter)
        if fitted.text:
            return result(fitted, source, fitted.truncated, found[0])

    fitted = fit_text(to_plain_text(article.title), target, splitter)
    return result(fitted, "title", fitted.truncated, None)


def _fit_body(
    body: str,
    source: str,
    target: TargetConfig,
    title: str,
    strip_datelines: bool,
    splitter: SentenceSplitter | None,
) -> Fitted:
    if source == "more":
        more = text_before_more(body, strip_datelines=strip_datelines)
        if not more:
            return Fitted("", 0)
        if _keeps_urls(target) or not _BARE_URL.search(more):
            return fit_text(more, target, splitter)
        return fit_sentences(_body_sentences([more], target, splitter), target)
    paragraphs = iter_lead(body, strip_datelines=strip_datelines, title=title)
    return fit_sentences(_body_sentences(paragraphs, target, splitter), target)


def lead_teaser(
    body: str,
    target: TargetConfig,
    *,
    strip_datelines: bool = False,
    splitter: SentenceSplitter | None = None,
) -> Fitted:
    """Fit the lead of a Markdown body to ``target``, splitting paragraphs only as needed."""
    return _fit_body(body, "lead", target, "", strip_datelines, splitter)


def source_text(
    article: Article,
    target: TargetConfig,
    source: str,
    *,
    settings: TeaserConfig,
    splitter: SentenceSplitter | None = None,
) -> str:
    """The plain text a teaser from ``source`` is taken from, one line, as the target sees it.

    A teaser, its ellipsis removed, is always a run of this text.
    """
    if source in ("more", "lead"):
        body = article.body_text
        if source == "more":
            paragraphs = [text_before_more(body, strip_datelines=settings.strip_datelines) or ""]
        else:
            paragraphs = lead_paragraphs(
                body, strip_datelines=settings.strip_datelines, title=article.title
            )
        return join_sentences(list(_body_sentences(paragraphs, target, splitter)))
    if source == "title":
        return " ".join(to_plain_text(article.title).split())
    found = _front_matter_text(article, source, settings)
    return " ".join(to_plain_text(found[1]).split()) if found else ""
