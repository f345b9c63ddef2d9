"""Where a filter change's server time goes: one rerun of the footfall page, as a timeline.

The example's page (its data generated as `bench_app.py` makes it) runs under AppTest;
after a few filter states, one more new state is drawn while every view's drawing, every
query, its compilation and every map layer's fetch are noted with their thread, start and
end. The process's CPU time for the rerun is printed beside its wall time: above one core's
worth, the page's work is spread over both; near two cores' worth, only less work helps.

    .venv/bin/python benchmarks/rerun_timeline.py                  # 5 M rows
    .venv/bin/python benchmarks/rerun_timeline.py --rows 1000000
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
Event = tuple[str, float, float, str]  # thread, start, end (seconds from the rerun's start), what


def noted(events: list[Event], start: list[float], what: Callable[..., str], func: Any) -> Any:
    """`func`, noting each call's thread, start and end in `events`."""

    def call(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            ended = time.perf_counter()
            name = threading.current_thread().name
            events.append((name, began - start[0], ended - start[0], what(*args, **kwargs)))

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_app import build_database, project_dir
    from bench_rerun import app_script, filter_states

    folder = project_dir(args.rows)
    build_database(folder)

    from streamlit.testing.v1 import AppTest

    from datacites_proto.app import rendering
    from datacites_proto.engine import service
    from datacites_proto.engine.geo import queries

    events: list[Event] = []
    start = [0.0]
    service.Service._run = noted(  # type: ignore[method-assign]
        events,
        start,
        lambda _self, query, *_: (
            "query "
            + query.indicator
            + " by "
            + (", ".join(b.text for b in query.breakdowns) or "nothing")
            + (" (rollup)" if query.rollup else " (detail)")
        ),
        service.Service._run,
    )
    service.Service._compile = noted(  # type: ignore[method-assign]
        events, start, lambda _self, indicator, *_: "compile " + indicator, service.Service._compile
    )
    queries._fetch = noted(events, start, lambda *_: "map layer fetch", queries._fetch)
    rendering.render_view = noted(
        events, start, lambda _ctx, view, *_: "VIEW " + type(view).__name__, rendering.render_view
    )

    at = AppTest.from_file(str(app_script(folder, "_rerun_timeline_app.py")), default_timeout=600)
    at.run()
    for period, place in filter_states(at, 6):  # the last one is the rerun shown
        at.selectbox(key="filter-periode").select(period)
        at.multiselect(key="filter-lieu").set_value(place)
        events.clear()
        cpu = time.process_time()
        start[0] = time.perf_counter()
        at.run()
        wall = time.perf_counter() - start[0]
        cpu = time.process_time() - cpu
    print(f"=== {args.rows:,} rows, a new filter state: {period}, {place or 'every place'}")
    print(
        f"wall {wall * 1000:.0f} ms, CPU of the process {cpu * 1000:.0f} ms ({cpu / wall:.2f} cores)"
    )
    print(f"{'thread':>22} {'start':>7} {'end':>7} {'ms':>6}")
    for name, began, ended, what in sorted(events, key=lambda event: event[1]):
        print(
            f"{name[-22:]:>22} {began * 1000:7.1f} {ended * 1000:7.1f} {(ended - began) * 1000:6.1f}  {what}"
        )


if __name__ == "__main__":
    main()
