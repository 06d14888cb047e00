"""Teasers for articles: pick the source text, convert it to plain text, fit it to a target.

Sources in order: the editor's override in front matter, the dek, the text before
``<!--more-->``, the lead paragraphs, and finally the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsroom_cli.teaser.fit import Fitted, available, fit_sentences, fit_text
from newsroom_cli.teaser.plaintext import lead_paragraphs, text_before_more, to_plain_text

if TYPE_CHECKING:
    from newsroom_cli.article import Article
    from newsroom_cli.config import TargetConfig
    from newsroom_cli.teaser.sentences import SentenceSplitter

__all__ = ["Source", "Teaser", "make_teaser", "override_key", "with_limit"]

Source = Literal["override", "dek", "more", "lead", "title"]


@dataclass(frozen=True)
class Teaser:
    """One teaser for one target.

    ``limit`` is the budget for the text (the target's limit less its reserve), in ``unit``;
    ``truncated`` says the source text did not fit whole (for the lead: the first sentence
    had to be cut).
    """

    path: Path | None
    target: str
    text: str
    length: int
    limit: int
    unit: str
    source: Source
    truncated: bool

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
            "truncated": self.truncated,
        }


def override_key(key_template: str, target: str) -> str:
    """The front-matter key that holds (and receives) a target's teaser."""
    return key_template.replace("{target}", target)


def with_limit(target: TargetConfig, limit: int) -> TargetConfig:
    """The target with its budget replaced by ``limit`` (the whole budget: no reserve)."""
    return target._replace(limit=limit, reserve=0)


def _lookup(front_matter: dict[str, Any], dotted: str) -> Any:
    value: Any = front_matter
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _overrides(article: Article, key_template: str, target: str) -> list[str]:
    keys = [override_key(key_template, target), "teaser"]
    texts: list[str] = []
    for key in dict.fromkeys(keys):
        value = article.get(key) if "." not in key else _lookup(article.front_matter, key)
        if isinstance(value, str) and value.strip():
            texts.append(value)
    return texts


def make_teaser(
    article: Article,
    target: TargetConfig,
    *,
    key: str = "teaser",
    strip_datelines: bool = False,
    splitter: SentenceSplitter | None = None,
) -> Teaser:
    """The teaser of ``article`` for ``target``, from the first source that yields text.

    ``key`` is where teasers are stored (``teaser`` or ``teasers.{target}``), read as the
    override; ``strip_datelines`` removes ``WASHINGTON (AP) —`` from the lead.
    """

    def result(fitted: Fitted, source: Source, truncated: bool) -> Teaser:
        return Teaser(
            path=article.path,
            target=target.name,
            text=fitted.text,
            length=fitted.length,
            limit=available(target),
            unit=target.unit,
            source=source,
            truncated=truncated,
        )

    for raw in _overrides(article, key, target.name):
        fitted = fit_text(to_plain_text(raw), target, splitter)
        if fitted.text:
            return result(fitted, "override", fitted.truncated)

    dek = article.get("dek")
    if isinstance(dek, str) and dek.strip():
        fitted = fit_text(to_plain_text(dek), target, splitter)
        if fitted.text:
            return result(fitted, "dek", fitted.truncated)

    body = article.body_text
    more = text_before_more(body, strip_datelines=strip_datelines)
    if more:
        fitted = fit_text(more, target, splitter)
        if fitted.text:
            return result(fitted, "more", fitted.truncated)

    fitted = lead_teaser(body, target, strip_datelines=strip_datelines, splitter=splitter)
    if fitted.text:
        return result(fitted, "lead", fitted.cut)

    fitted = fit_text(to_plain_text(article.title), target, splitter)
    return result(fitted, "title", fitted.truncated)


def lead_teaser(
    body: str,
    target: TargetConfig,
    *,
    strip_datelines: bool = False,
    splitter: SentenceSplitter | None = None,
) -> Fitted:
    """Fit the lead of a Markdown body to ``target``, splitting paragraphs only as needed."""
    from newsroom_cli.teaser.sentences import iter_sentences

    paragraphs = lead_paragraphs(body, strip_datelines=strip_datelines)
    return fit_sentences(iter_sentences(paragraphs, splitter), target)
