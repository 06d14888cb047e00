"""PyYAML's printable-character check keeps its meaning when newsroom imports it quickly."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import yaml

from newsroom_cli.pyyaml import NON_PRINTABLE, NON_PRINTABLE_CHARS


def _reader_pattern() -> str:
    """The pattern yaml/reader.py compiles, read from the installed PyYAML's source."""
    source = Path(yaml.__file__).with_name("reader.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "NON_PRINTABLE" for t in node.targets)
            and isinstance(node.value, ast.Call)
        ):
            argument = node.value.args[0]
            assert isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            return argument.value
    raise AssertionError("yaml/reader.py no longer defines NON_PRINTABLE")


def test_the_seeded_pattern_is_the_one_pyyaml_compiles() -> None:
    assert _reader_pattern() == NON_PRINTABLE


def test_both_patterns_match_the_same_code_points() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    original = re.compile(NON_PRINTABLE)
    seeded = re.compile(NON_PRINTABLE_CHARS)
    assert [m.start() for m in seeded.finditer(everything)] == [
        m.start() for m in original.finditer(everything)
    ]


def test_importing_through_newsroom_gives_the_reader_the_seeded_pattern() -> None:
    code = (
        "import newsroom_cli.pyyaml, yaml.reader, sys; "
        "sys.stdout.write(yaml.reader.Reader.NON_PRINTABLE.pattern.encode('unicode_escape')"
        ".decode())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.encode().decode("unicode_escape") == NON_PRINTABLE_CHARS


def test_the_pure_python_reader_still_refuses_control_characters() -> None:
    code = (
        "from newsroom_cli.pyyaml import yaml\n"
        "try:\n"
        "    yaml.load('a: \\x07', Loader=yaml.SafeLoader)\n"
        "except yaml.reader.ReaderError as exc:\n"
        "    print(exc.character == 7, exc.position)\n"
        "print(yaml.load('a: \\u00e9\\U0001f600', Loader=yaml.SafeLoader))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["True 3", "{'a': 'é😀'}"]
