"""Measure what a filter change costs the server: the footfall page, run with AppTest.

The example's page (`examples/coeur_de_ville`, its data generated at 1 M, 5 M or 10 M
rows, as `bench_app.py` makes it) is rendered in-process by Streamlit's AppTest, then
changed to 20 filter states that are all different (periods × places), then to the same
20 states again (a state already seen: its figures are cached, what the views draw from
them may be kept); each rerun's wall time is the server's part of a filter change (no
browser, no network). Four ways, each in its own process, in the same run:

- datacites as it runs: its views' questions asked at once (`app/prefetch.py`) and the
  charts of unchanged figures kept (`views/charts/kept.py`);
- datacites without keeping charts;
- datacites asking its questions one after the other as the views draw;
- the hand-written pandas page of `bench_app.py` (`handwritten_app.py`).

    .venv/bin/python benchmarks/bench_rerun.py                  # 5 M rows
    .venv/bin/python benchmarks/bench_rerun.py --rows 10000000
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
STATES = 20
TARGET_MS = 80
KINDS = ("datacites", "not kept", "one by one", "pandas")


def app_script(folder: Path, name: str) -> Path:
    """A script that runs the example's page as the public sees it (for AppTest)."""
    script = folder.resolve() / name
    script.write_text(
        "from datacites_proto.app.main import run\n"
        f"run({str(folder.resolve() / 'blueprint.yaml')!r}, audience='public')\n",
        encoding="utf-8",
    )
    return script


def filter_states(at: Any, count: int) -> list[tuple[str, list[str]]]:
    """`count` filter states of the footfall page, all different (periods × places), the
    page's first state left out."""
    periods = ["last_7_days", "last_30_days", "last_90_days", "last_12_months", "all"]
    places = [[]] + [[p] for p in at.multiselect(key="filter-lieu").options]
    return list(itertools.product(periods, places))[1 : count + 1]


def worker(kind: str, folder: Path) -> dict:
    from streamlit.testing.v1 import AppTest

    if kind == "pandas":
        script = HERE / "handwritten_app.py"
        sys.argv = [str(script), str(folder / "data")]
    else:
        from datacites_proto.app import prefetch
        from datacites_proto.views.charts import kept

        prefetch.ENABLED = kind != "one by one"
        kept.ENABLED = kind == "datacites"
        script = app_script(folder, "_bench_rerun_app.py")
    at = AppTest.from_file(str(script), default_timeout=600)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    if kind == "pandas":
        periods = list(range(len(at.sidebar.selectbox[0].options)))
        places = [[]] + [[p] for p in at.sidebar.multiselect[0].options]
        states = list(itertools.product(periods, places))[1 : STATES + 1]
    else:
        states = filter_states(at, STATES)
    times = []
    # New states, then the same seen again (the pandas page, seconds a rerun, only once).
    for chosen_period, chosen_place in states if kind == "pandas" else states * 2:
        if kind == "pandas":
            at.sidebar.selectbox[0].select_index(chosen_period)
            at.sidebar.multiselect[0].set_value(chosen_place)
        else:
            at.selectbox(key="filter-periode").select(chosen_period)
            at.multiselect(key="filter-lieu").set_value(chosen_place)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, [e.value for e in at.exception]
    return {"first": first, "times": times[:STATES], "seen": times[STATES:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--worker")
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.folder)))
        return
    sys.path.insert(0, str(HERE))
    from bench_app import build_database, project_dir

    folder = project_dir(args.rows)
    build_database(folder)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"=== {args.rows:,} rows, {STATES} filter states all different, AppTest (server only)")
    results = {}
    for kind in KINDS:
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", kind, "--folder", str(folder)],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        if proc.returncode != 0:  # the pandas page copies its frame at every rerun
            print(f"{kind:12} failed (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
            continue
        results[kind] = json.loads(proc.stdout.strip().splitlines()[-1])
    base = statistics.median(results["pandas"]["times"]) if "pandas" in results else None
    for kind, found in results.items():
        median = statistics.median(found["times"])
        worst = max(found["times"])
        ratio = f"   pandas/this {base / median:5.2f}x" if base else ""
        seen = (
            f"   seen state: median {statistics.median(found['seen']) * 1000:5.0f} ms"
            if found["seen"]
            else ""
        )
        print(
            f"{kind:12} first run {found['first']:6.2f} s   new state: median"
            f" {median * 1000:5.0f} ms, worst {worst * 1000:5.0f} ms{ratio}{seen}"
        )
    ours = statistics.median(results["datacites"]["times"]) * 1000
    alone = statistics.median(results["one by one"]["times"]) * 1000
    seen = statistics.median(results["datacites"]["seen"]) * 1000
    unkept = statistics.median(results["not kept"]["seen"]) * 1000
    print(f"questions at once: {alone / ours:.2f}x faster than one by one (new states)")
    print(f"charts kept: {unkept / seen:.2f}x faster than laid out again (seen states)")
    print(f"target: a filter change under {TARGET_MS} ms of server time: {ours:.0f} ms")


if __name__ == "__main__":
    main()
