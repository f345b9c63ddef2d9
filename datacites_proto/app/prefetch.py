"""A page's questions asked at once: the queries its views asked last time, run together.

Views ask their figures one after the other while they draw. On a rerun (a filter
changed), the page asks the same questions with the new filter values; what the page's
views asked at their last rendering — indicator results, the period a KPI compares with,
rows, histograms, map layers — is started at once in a few threads, the slowest first
(DuckDB and the PostgreSQL driver release the GIL while they work), and the views draw
meanwhile: each finds its figure in the cache, or waits for the thread computing it. A
question is only ever computed through the same cached function as
the view's own, so the figures, their governance and their errors are the view's: a query
that fails here is asked again by its view, which shows the error as usual.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

ENABLED = True  # benchmarks/bench_rerun.py measures the page with and without
WORKERS = 4
PAGES_KEPT = 256  # (service, page, audience) whose questions are remembered

# What a view asked, in terms of the page's filters: its kind ("result", "comparison",
# "rows", "histogram", "layer"), then the arguments the render context's method takes.
Question = tuple[Any, ...]


@dataclass
class _Asked:
    question: Question
    seconds: float = 0.0  # what it took when last asked at once: the longest go first


_ASKED: OrderedDict[tuple[str, int, str], dict[Hashable, _Asked]] = OrderedDict()
_LOCK = threading.Lock()


def remember(page: tuple[str, int, str], question: Question, key: Hashable = None) -> None:
    """Note that a view of `page` asked `question` (`key` names it when it is unhashable)."""
    key = question if key is None else key
    with _LOCK:
        asked = _ASKED.setdefault(page, {})
        if key not in asked:
            asked[key] = _Asked(question)
        _ASKED.move_to_end(page)
        while len(_ASKED) > PAGES_KEPT:
            _ASKED.popitem(last=False)


def asked(page: tuple[str, int, str]) -> list[tuple[Hashable, Question]]:
    """The questions `page` asked at its last renderings, the longest to answer first."""
    with _LOCK:
        found = list(_ASKED.get(page, {}).items())
    # Longest first: the slowest query starts at once and the views draw meanwhile.
    found.sort(key=lambda item: -item[1].seconds)
    return [(key, item.question) for key, item in found]


def _took(page: tuple[str, int, str], key: Hashable, seconds: float) -> None:
    with _LOCK:
        item = _ASKED.get(page, {}).get(key)
        if item is not None:
            item.seconds = seconds


def _pool() -> ThreadPoolExecutor:
    """One pool for every session: many visitors at once add no threads, only a queue."""
    global _POOL
    with _LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(WORKERS, thread_name_prefix="datacites-questions")
        return _POOL


_POOL: ThreadPoolExecutor | None = None


def ask_together(
    questions: list[tuple[Hashable, Question]],
    ask: Callable[[Question], Any],
    page: tuple[str, int, str] | None = None,
) -> list[Future[None]]:
    """Start `ask` for each question at once, without waiting (errors are left to the views).

    The views draw meanwhile: a view that needs a figure still being computed waits for
    it (the cache computes each key once, whoever asks), and finds the others ready.
    """
    if not ENABLED or not questions:
        return []
    script = get_script_run_ctx()

    def one(key: Hashable, question: Question) -> None:
        # The cache and the session belong to this visitor's script run.
        add_script_run_ctx(threading.current_thread(), script)
        start = time.perf_counter()
        # A failure is left to the view, which asks again and shows what went wrong.
        with contextlib.suppress(Exception):
            ask(question)
        if page is not None:
            _took(page, key, time.perf_counter() - start)

    pool = _pool()
    return [pool.submit(one, key, question) for key, question in questions]
