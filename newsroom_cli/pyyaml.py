"""PyYAML, imported without its slowest start-up step: ``from newsroom_cli.pyyaml import yaml``.

Importing ``yaml`` compiles ``yaml.reader.Reader.NON_PRINTABLE``, a negated character class
whose ranges span almost all of Unicode; ``re`` builds it by marking some 63,000 code
points one at a time in Python, about a third of what `newsroom validate FILE` spends
beyond Typer (callgrind: 57 million instructions of 187 million). The loader parses with
libyaml and never uses it. So the same class, written as the few code points it refuses,
which ``re`` builds in a twelfth of the time, is put in ``re``'s cache under the original
pattern before ``yaml`` is imported: ``Reader`` gets a pattern that matches exactly the same
characters (``tests/foundation/test_pyyaml.py`` checks all of Unicode). Where ``re`` keeps
no such cache (another Python), nothing is seeded and ``yaml`` compiles its own.
"""

from __future__ import annotations

import re

# PyYAML's pattern, character for character (yaml/reader.py, PyYAML 5.1 to 6.0.x).
NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
# What it matches: every code point outside those ranges.
NON_PRINTABLE_CHARS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"


def _seed() -> None:
    cache = getattr(re, "_cache", None)
    if isinstance(cache, dict):
        cache.setdefault((str, NON_PRINTABLE, 0), re.compile(NON_PRINTABLE_CHARS))


_seed()

import yaml  # noqa: E402  (after the seeding, which is the point of this module)

__all__ = ["yaml"]
