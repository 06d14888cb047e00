"""The loader on hostile input: always an article with problems, never an exception or a hang."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from hostile import any_input, examples, front_matter_documents, loads_cleanly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom_cli import article as loader
from newsroom_cli.article import ArticleReadError, load_article, parse_article

FAST = settings(
    max_examples=examples(150), deadline=2000, suppress_health_check=[HealthCheck.too_slow]
)


def codes(data: bytes) -> list[str]:
    return [p.code for p in parse_article(data).problems]


@FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    loads_cleanly(data)


@FAST
@given(st.text(max_size=500))
def test_arbitrary_unicode(text: str) -> None:
    loads_cleanly(text.encode("utf-8", "surrogatepass"))
    loads_cleanly(("---\n" + text + "\n---\nbody\n").encode("utf-8", "surrogatepass"))
    loads_cleanly(("+++\n" + text + "\n+++\n").encode("utf-8", "surrogatepass"))
    loads_cleanly(("{" + text).encode("utf-8", "surrogatepass"))


@FAST
@given(front_matter_documents())
def test_structured_but_wrong_front_matter(data: bytes) -> None:
    loads_cleanly(data)


@FAST
@given(any_input)
def test_nothing_of_the_text_is_lost(data: bytes) -> None:
    article = parse_article(data)
    assert article.raw == data
    if article.text or article.readable:
        decoded = data.decode("utf-8")
        assert ("\ufeff" if article.bom else "") + article.text == decoded
        assert article.text.endswith(article.body)


@settings(max_examples=examples(60), deadline=2000)
@given(st.text(max_size=300))
def test_text_and_bytes_read_alike(text: str) -> None:
    from_text = parse_article(text)
    from_bytes = parse_article(text.encode("utf-8", "surrogatepass"))
    if from_bytes.readable:
        assert from_text.front_matter == from_bytes.front_matter or _has_nan(from_text)
        assert from_text.body == from_bytes.body


def _has_nan(article: loader.Article) -> bool:
    return "nan" in repr(article.front_matter)


# Regressions: each of these raised or crashed the interpreter before the loader caught it.


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"---\nx: !!bool maybe\n---\n", loader.SYNTAX_ERROR),
        (b'{"a": ' + b"9" * 5000 + b"}\n", loader.SYNTAX_ERROR),
        (b"+++\na = " + b"9" * 5000 + b"\n+++\n", loader.SYNTAX_ERROR),
        (b"+++\na = " + b"[" * 5000 + b"]" * 5000 + b"\n+++\n", loader.TOO_COMPLEX),
    ],
    ids=["yaml-bad-bool-tag", "json-huge-int", "toml-huge-int", "toml-deep"],
)
def test_constructor_errors_become_problems(data: bytes, code: str) -> None:
    article = parse_article(data)
    assert not article.readable
    assert code in [p.code for p in article.problems]


@pytest.mark.parametrize("levels", [5_000, 100_000, 400_000])
@pytest.mark.parametrize("opener", [b"[", b"{a: "])
def test_deep_nesting_is_refused_quickly(levels: int, opener: bytes) -> None:
    # 100,000 levels used to overflow the C stack in the YAML composer: a segfault.
    closer = b"]" if opener == b"[" else b"}"
    data = b"---\nnested: " + opener * levels + b"1" * (opener != b"[") + closer * levels
    started = time.perf_counter()
    article = parse_article(data + b"\n---\nbody\n")
    # A guard against work that grows with the depth (it took minutes), not a speed figure:
    # the refusal takes milliseconds, so the bound holds on the most loaded machine.
    assert time.perf_counter() - started < 30
    assert codes_of(article) == [loader.TOO_COMPLEX]


def test_deep_block_indentation_is_refused() -> None:
    block = b"".join(b" " * i + b"a:\n" for i in range(2000))
    assert loader.TOO_COMPLEX in codes(b"---\n" + block + b"---\n")


def codes_of(article: loader.Article) -> list[str]:
    return [p.code for p in article.problems]


def test_alias_bomb_is_refused_not_expanded() -> None:
    import resource

    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    data = ("---\n" + "\n".join(lines) + "\n---\n").encode()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    article = parse_article(data)
    assert time.perf_counter() - started < 30  # expanding the bomb would take far longer
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 50_000
    assert codes_of(article) == [loader.TOO_COMPLEX]
    assert article.front_matter == {}


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "wire.md"
    os.mkfifo(pipe)
    outcome: list[object] = []

    def read() -> None:
        try:
            load_article(pipe)
        except ArticleReadError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():
        # Unblock the stuck reader so the test run can end.
        with open(pipe, "wb"):
            pass
        pytest.fail("reading a named pipe blocked")
    assert outcome and "not a regular file" in str(outcome[0])


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "endless.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(ArticleReadError, match="not a regular file"):
        load_article(link)
