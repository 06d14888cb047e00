"""One worker pool for validate and list: results in item order, pooled or not."""

from __future__ import annotations

import gc

from newsroom_cli.pool import map_in_order

_OFFSET = 0


def _setup(offset: int) -> None:
    global _OFFSET
    _OFFSET = offset


def _add(items: list[int]) -> list[int]:
    return [item + _OFFSET for item in items]


def test_pooled_results_come_in_item_order_and_match_a_serial_run() -> None:
    items = list(range(1000))
    serial = list(map_in_order(_add, items, setup=_setup, state=(5,), jobs=1))
    pooled = list(map_in_order(_add, items, setup=_setup, state=(5,), jobs=2, min_items=10))
    assert serial == pooled == [item + 5 for item in items]
    assert gc.get_freeze_count() == 0


def test_few_items_run_here() -> None:
    assert list(map_in_order(_add, [1, 2], setup=_setup, state=(1,), jobs=4)) == [2, 3]
