"""The first load of the data, shown to the visitor who waits for it.

Loading (and pre-aggregating) a large dataset takes seconds, once per version of the
files, for every visitor at once (`caching.data_problems`). The visitor who triggers it
sees a status box saying what is being done and how much is left, instead of a blank
page; the box goes away when the data is ready. Later visitors and reruns see nothing.

The load runs in a worker thread that records its steps (`Tracker`), while the script's
thread draws them: Streamlit elements cannot be drawn from inside a cached function
(they would be replayed from the cache).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from datacites_proto import progress
from datacites_proto.app import caching
from datacites_proto.errors import Problem
from datacites_proto.i18n import translate
from datacites_proto.i18n.progress_words import step_amount, step_words
from datacites_proto.progress import Step

_READY: set[tuple[str, str, str]] = set()  # data versions already loaded in this process
_READY_LOCK = threading.Lock()
SHOWN_AFTER = 0.3  # seconds: a load quicker than this shows no box
REDRAW_EVERY = 0.25  # seconds


@dataclass(frozen=True)
class Seen:
    """A step as last seen: what it is and how far it went."""

    key: int
    code: str
    params: dict[str, Any]
    done: float
    total: float | None
    unit: str
    running: bool


class Tracker:
    """A `progress.Listener` that only records steps (any thread), for `StatusView`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._steps: dict[int, Seen] = {}

    def _note(self, step: Step, running: bool) -> None:
        seen = Seen(
            id(step), step.code, dict(step.params), step.done, step.total, step.unit, running
        )
        with self._lock:
            self._steps[id(step)] = seen

    def started(self, step: Step) -> None:
        self._note(step, True)

    def advanced(self, step: Step) -> None:
        self._note(step, True)

    def finished(self, step: Step) -> None:
        self._note(step, False)

    def snapshot(self) -> list[Seen]:
        with self._lock:
            return list(self._steps.values())


class StatusView:
    """Steps drawn in a Streamlit status box: a bar when the amount of work is known, a
    caption otherwise; the box's title is the step running last."""

    def __init__(self, box: Any, lang: str) -> None:
        self.box = box
        self.lang = lang
        self.drawn: dict[int, Any] = {}

    def describe(self, seen: Seen) -> str:
        return step_words(seen.code, seen.params, self.lang)

    def text(self, seen: Seen) -> str:
        """The step in words and how much of it is done: « … — 12,5 / 25 Mo »."""
        words = self.describe(seen)
        if seen.total:
            return f"{words} — {step_amount(seen.done, seen.total, seen.unit, self.lang)}"
        return words

    def show(self, steps: list[Seen]) -> None:
        running = [s for s in steps if s.running]
        if running:
            self.box.update(label=self.describe(running[-1]))
        for seen in steps:
            share = min(seen.done / seen.total, 1.0) if seen.total else None
            element = self.drawn.get(seen.key)
            if element is None:
                with self.box:
                    if share is None:
                        element = st.caption(self.text(seen))
                    else:
                        element = st.progress(share, text=self.text(seen))
                self.drawn[seen.key] = element
            elif share is not None:
                element.progress(share, text=self.text(seen))


def data_problems(path: str, stamp: str, data_stamp: str, lang: str) -> list[Problem]:
    """`caching.data_problems`, shown in a status box while it runs for the first time."""
    key = (path, stamp, data_stamp)
    if key in _READY:
        return caching.data_problems(path, stamp, data_stamp)
    tracker = Tracker()
    outcome: dict[str, Any] = {}

    def load() -> None:
        with progress.listening(tracker):
            try:
                outcome["problems"] = caching.data_problems(path, stamp, data_stamp)
            except BaseException as exc:  # raised again in the script's thread
                outcome["error"] = exc

    worker = threading.Thread(target=load, name="datacites-first-load", daemon=True)
    worker.start()
    worker.join(SHOWN_AFTER)
    shown = worker.is_alive() and get_script_run_ctx() is not None
    if shown:
        view = StatusView(st.status(translate("progress_app_loading", lang)), lang)
        while worker.is_alive():
            view.show(tracker.snapshot())
            worker.join(REDRAW_EVERY)
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    with _READY_LOCK:
        _READY.add(key)
    if shown:
        st.rerun()  # the page, drawn from the top without the box
    found: list[Problem] = outcome["problems"]
    return found
