"""A page's questions asked at once: the queries its views asked last time, run together.

Views ask their figures one after the other while they draw. On a rerun (a filter
changed), the page asks the same questions with the new filter values; the queries the
page's views asked with the page's own filters at their last rendering are run together
first, in a few threads (DuckDB and the PostgreSQL driver release the GIL while they
work), so that each view then finds its figure in the results cache. A question is only
ever computed through the same cached function as the view's own, so the figures, their
governance and their errors are the view's: a query that fails here is asked again by its
view, which shows the error as usual.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

ENABLED = True  # benchmarks/bench_rerun.py measures the page with and without
WORKERS = 4
PAGES_KEPT = 256  # (service, page, audience) whose questions are remembered

Question = tuple[str, tuple[str, ...]]  # (indicator, breakdowns)

_ASKED: OrderedDict[tuple[str, int, str], dict[Question, None]] = OrderedDict()
_LOCK = threading.Lock()


def remember(page: tuple[str, int, str], indicator: str, by: tuple[str, ...]) -> None:
    """Note that a view of `page` asked `indicator` by `by` under the page's filters."""
    with _LOCK:
        asked = _ASKED.setdefault(page, {})
        asked[(indicator, by)] = None
        _ASKED.move_to_end(page)
        while len(_ASKED) > PAGES_KEPT:
            _ASKED.popitem(last=False)


def asked(page: tuple[str, int, str]) -> list[Question]:
    """The questions `page` asked at its last renderings, in their order."""
    with _LOCK:
        return list(_ASKED.get(page, {}))


def _pool() -> ThreadPoolExecutor:
    """One pool for every session: many visitors at once add no threads, only a queue."""
    global _POOL
    with _LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(WORKERS, thread_name_prefix="datacites-questions")
        return _POOL


_POOL: ThreadPoolExecutor | None = None


def ask_together(questions: list[Question], ask: Callable[[str, tuple[str, ...]], Any]) -> int:
    """Run `ask` for each question at once; the number run (errors are left to the views)."""
    if not ENABLED or len(questions) < 2:
        return 0
    script = get_script_run_ctx()

    def one(question: Question) -> None:
        # The cache and the session belong to this visitor's script run.
        add_script_run_ctx(threading.current_thread(), script)
        # A failure is left to the view, which asks again and shows what went wrong.
        with contextlib.suppress(Exception):
            ask(*question)

    pool = _pool()
    wait([pool.submit(one, question) for question in questions])
    return len(questions)
