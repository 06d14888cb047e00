"""A hang is a failure here: every hardening test runs under an alarm.

Hypothesis deadlines only judge an example after it returns; a command blocked for ever (on
a named pipe, say) would stall CI instead of failing. SIGALRM interrupts the blocked call
and fails the test with the stack of where it waited.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from types import FrameType

import pytest

SECONDS = 240  # the slowest test (the real archive's round-ups) takes about 40 s


class Hang(Exception):
    """The test ran past its time limit."""


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {SECONDS} s: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
