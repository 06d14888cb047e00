"""Work spread over processes, in one place: ``validate`` and ``list`` read files this way.

Workers are forked where the system can (they inherit the parent's configuration without
pickling it) and spawned elsewhere; results come back in the order of the items. What the
parent has built so far is frozen for the collector while the pool runs, so forked workers
neither walk it nor copy the pages it sits on, and thawed afterwards, so a program that
calls this again and again keeps collecting its garbage.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# More workers than this only add start-up and memory on the machines the toolkit runs on.
MAX_WORKERS = 8


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def map_in_order(
    work: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    *,
    setup: Callable[..., None],
    state: tuple[Any, ...],
    jobs: int | None = None,
    min_items: int = 400,
) -> Iterator[Result]:
    """``work`` over chunks of ``items`` in worker processes, each result in item order.

    ``setup(*state)`` prepares a process for ``work`` (it runs here first, so that forked
    workers inherit it, and in each spawned worker). Fewer than ``min_items`` items, or
    ``jobs`` below 2, run here one item at a time.
    """
    setup(*state)
    workers = min(jobs or cpus(), MAX_WORKERS)
    if workers < 2 or len(items) < min_items:
        for item in items:
            yield from work([item])
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    size = max(50, -(-len(items) // (workers * 4)))
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(method),
            initializer=setup,
            initargs=state,
        ) as pool:
            try:
                for chunk in pool.map(work, chunks):
                    yield from chunk
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
