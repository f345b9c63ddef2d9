"""What a view draws from figures that did not change, kept instead of worked out again.

A chart's layout (keys placed and labelled, values formatted, its Vega-Lite spec, text
alternative, notes and table) depends only on its figures, the view's settings and the
language. When the figures come with a key saying what produced them (the app's cache key,
`IndicatorResult.key`), the chart is kept under that key, the view's settings and the
language: a rerun whose filters did not change this view's figures (another view's filter,
a page already seen by another visitor) draws it without laying it out again. Kept charts
are shared by every session and never changed by the views that draw them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

KEPT_MAX = 1024  # charts kept in the process; the least recently drawn go first

_KEPT: OrderedDict[Hashable, Any] = OrderedDict()
_LOCK = threading.Lock()
ENABLED = True  # benchmarks/bench_rerun.py measures the page with and without


def kept(key: Hashable, make: Callable[[], T]) -> T:
    """What `make` returns, made once for `key` while it stays among the recently drawn."""
    if not ENABLED:
        return make()
    with _LOCK:
        if key in _KEPT:
            _KEPT.move_to_end(key)
            found: T = _KEPT[key]
            return found
    made = make()  # outside the lock: two sessions may make it at once, both get the same
    with _LOCK:
        _KEPT[key] = made
        while len(_KEPT) > KEPT_MAX:
            _KEPT.popitem(last=False)
    return made


def clear() -> None:
    """Forget every kept chart (tests)."""
    with _LOCK:
        _KEPT.clear()
