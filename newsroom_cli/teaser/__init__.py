"""Teasers: plain text from Markdown, sentences, and fitting to each channel's budget."""

from newsroom_cli.teaser.generate import Teaser, make_teaser

__all__ = ["Teaser", "make_teaser"]
