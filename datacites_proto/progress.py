"""Progress of long work (downloads, first loads, rollups), told to whoever listens.

Code that works long opens a `step` (what it does, as a message code and its parameters,
and how much there is to do when known) and `advance`s it; the CLI listens with a rich
progress bar, the app with a status box. Nobody listening costs nothing. The listener
travels in a context variable, so the steps need no parameter threaded through the
layers, and each thread (each visitor's session) has its own.

Ctrl-C stops the work cleanly: Python raises KeyboardInterrupt, and DuckDB, interrupted
in a query, raises `RuntimeError("Query interrupted")` (or `InterruptException` when
`interrupt()` was called); `is_interruption` tells them all, so
that what catches errors to carry on (a rollup, which only saves time) lets them through.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Unit = Literal["items", "bytes", "datasets"]


@dataclass
class Step:
    """One piece of long work: what it is, how much is done and how much there is."""

    code: str  # a message code of the i18n catalogues, e.g. "progress_loading"
    params: dict[str, Any] = field(default_factory=dict)
    total: float | None = None  # None: unknown
    unit: Unit = "items"
    done: float = 0.0
    started_at: float = field(default_factory=time.monotonic)
    listener: Listener | None = None

    def advance(self, amount: float = 1.0) -> None:
        """Count `amount` more units done."""
        self.done += amount
        if self.listener is not None:
            self.listener.advanced(self)


class Listener(Protocol):
    """What a progress display implements."""

    def started(self, step: Step) -> None: ...

    def advanced(self, step: Step) -> None: ...

    def finished(self, step: Step) -> None: ...


_LISTENER: ContextVar[Listener | None] = ContextVar("datacites_progress", default=None)


@contextmanager
def listening(listener: Listener) -> Iterator[Listener]:
    """Send the steps opened inside this block (in this context) to `listener`."""
    token = _LISTENER.set(listener)
    try:
        yield listener
    finally:
        _LISTENER.reset(token)


@contextmanager
def step(
    code: str, *, total: float | None = None, unit: Unit = "items", **params: Any
) -> Iterator[Step]:
    """A piece of long work, shown while it runs."""
    listener = _LISTENER.get()
    current = Step(code, params, total, unit, listener=listener)
    if listener is not None:
        listener.started(current)
    try:
        yield current
    finally:
        if listener is not None:
            listener.finished(current)


def is_interruption(exc: BaseException) -> bool:
    """True for Ctrl-C, whether Python or DuckDB (in a query) noticed it."""
    if isinstance(exc, KeyboardInterrupt):
        return True
    if type(exc).__name__ == "InterruptException":  # duckdb's, after connection.interrupt()
        return True
    return isinstance(exc, RuntimeError) and str(exc).strip() == "Query interrupted"
