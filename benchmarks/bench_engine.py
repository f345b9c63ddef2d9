"""Benchmark the indicator engine against hand-written pandas and raw DuckDB SQL.

For a footfall-shaped dataset (national "comptage des mobilités" schema: hourly counts
per channel, channels, sites) stored as Parquet, at 1 M and 10 M rows, it times a fixed
set of indicator queries three ways, each in its own process (so peak memory is the
process's own):

- engine: `Service.compute()` over the blueprint (cold: first query in a new process,
  the embedded database already built; warm: median of repeated runs);
- pandas: what a Streamlit user writes by hand — read the Parquet files, merge, filter,
  group by (the file is read for every query, as in a script without caching);
- duckdb: hand-written SQL on the same embedded database, warm.

It prints every figure and the ratios against the baselines measured in the same run:

    python benchmarks/bench_engine.py                 # 1 M and 10 M rows
    python benchmarks/bench_engine.py --sizes 1000000 # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from footfall_data import generate_parquet

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
PERIOD = ["2026-09-01", "2026-09-30"]

QUERIES: dict[str, dict] = {
    "total": {"by": None, "filtered": False},
    "total, one month": {"by": None, "filtered": True},
    "by day": {"by": "day(start_datetime)", "filtered": False},
    "by day, one month": {"by": "day(start_datetime)", "filtered": True},
    "by site": {"by": "sites.site_name", "filtered": False},
    "by site, one month": {"by": "sites.site_name", "filtered": True},
    "hour x weekday": {
        "by": ["hour_of_day(start_datetime)", "weekday(start_datetime)"],
        "filtered": False,
    },
    "hour x weekday, one month": {
        "by": ["hour_of_day(start_datetime)", "weekday(start_datetime)"],
        "filtered": True,
    },
}

BLUEPRINT = """\
datacites: 1
service: {id: bench-engine, title: Banc d'essai du moteur}
datasets:
  sites:
    source: {type: csv, path: sites.csv}
    key: site_id
  channels:
    source: {type: csv, path: channels.csv}
    key: channel_id
  measures:
    source: {type: parquet, path: measures.parquet}
relations:
  - measures.channel_id -> channels.channel_id
  - channels.site_id -> sites.site_id
indicators:
  passages: {label: Passages, dataset: measures, measure: sum(count), where: "mobility_type = 'PEDESTRIAN'"}
filters:
  periode: {type: date_range, column: measures.start_datetime}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: passages}]
"""

RAW_SQL = {
    "by day": "CAST(date_trunc('day', m.start_datetime) AS DATE)",
    "by site": "s.site_name",
    "hour x weekday": "CAST(hour(m.start_datetime) AS INTEGER), CAST(isodow(m.start_datetime) AS INTEGER)",
}


def dataset_dir(rows: int) -> Path:
    """Generate (once) the Parquet dataset of `rows` rows and its blueprint."""
    folder = DATA / f"rows_{rows}"
    if not (folder / "measures.parquet").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate_parquet(rows, folder)
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    return folder


def peak_mb() -> float:
    """This process's peak resident memory, in MB.

    VmHWM belongs to the process image; getrusage's ru_maxrss is not used because Linux
    carries it over from the parent through fork and exec.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(first run, median of the next `repeat` runs), in seconds."""
    start = time.perf_counter()
    fn()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        warm.append(time.perf_counter() - start)
    return cold, statistics.median(warm)


def worker_engine(folder: Path, repeat: int) -> dict:
    from datacites_proto.engine.service import Service

    service = Service.from_blueprint(folder / "blueprint.yaml")
    out = {}
    for name, q in QUERIES.items():
        filters = {"periode": PERIOD} if q["filtered"] else None
        out[name] = timed(
            lambda q=q, f=filters: service.compute("passages", by=q["by"], filters=f), repeat
        )
    return out


def worker_pandas(folder: Path, repeat: int) -> dict:
    import pandas as pd

    def run(q: dict) -> object:
        measures = pd.read_parquet(folder / "measures.parquet")
        channels = pd.read_csv(folder / "channels.csv", sep=";")
        sites = pd.read_csv(folder / "sites.csv", sep=";")
        frame = measures.merge(channels, on="channel_id", how="left").merge(
            sites, on="site_id", how="left"
        )
        frame = frame[frame["mobility_type"] == "PEDESTRIAN"]
        if q["filtered"]:
            frame = frame[
                (frame["start_datetime"] >= PERIOD[0]) & (frame["start_datetime"] < "2026-10-01")
            ]
        by = q["by"]
        if by is None:
            return frame["count"].sum()
        if by == "day(start_datetime)":
            return frame.groupby(frame["start_datetime"].dt.normalize())["count"].sum()
        if by == "sites.site_name":
            return frame.groupby("site_name")["count"].sum()
        stamps = frame["start_datetime"]
        return frame.groupby([stamps.dt.hour, stamps.dt.day_of_week + 1])["count"].sum()

    return {name: timed(lambda q=q: run(q), repeat) for name, q in QUERIES.items()}


def worker_duckdb(folder: Path, repeat: int) -> dict:
    import duckdb

    from datacites_proto.engine.loading import cache_path

    # The engine built this database; hand-written SQL runs on the very same tables.
    con = duckdb.connect(str(cache_path(folder, "bench-engine")), read_only=True)
    tables = dict(con.execute("SELECT table_name, table_name FROM duckdb_tables()").fetchall())
    m, c, s = (
        next(t for t in tables if t.endswith(name)) for name in ("measures", "channels", "sites")
    )

    def sql(q: dict) -> str:
        group = RAW_SQL.get(next((k for k in RAW_SQL if k in _base(q)), ""), "")
        where = "c.mobility_type = 'PEDESTRIAN'"
        if q["filtered"]:
            where += " AND m.start_datetime >= TIMESTAMP '2026-09-01' AND m.start_datetime < TIMESTAMP '2026-10-01'"
        select = f"{group}, " if group else ""
        tail = f" GROUP BY {group} ORDER BY {group}" if group else ""
        return (
            f'SELECT {select}sum(m."count") FROM "{m}" m LEFT JOIN "{c}" c ON m.channel_id = c.channel_id '
            f'LEFT JOIN "{s}" s ON c.site_id = s.site_id WHERE {where}{tail}'
        )

    return {
        name: timed(lambda q=q: con.execute(sql(q)).fetchall(), repeat)
        for name, q in QUERIES.items()
    }


def _base(q: dict) -> str:
    by = q["by"]
    return {None: "total", "day(start_datetime)": "by day", "sites.site_name": "by site"}.get(
        by if isinstance(by, str) or by is None else "", "hour x weekday"
    )


def worker_load(folder: Path, repeat: int) -> dict:
    """Load the datasets into a new embedded database (timed: a one-off cost)."""
    from datacites_proto.engine.loading import cache_path
    from datacites_proto.engine.service import Service

    cache_path(folder, "bench-engine").unlink(missing_ok=True)
    start = time.perf_counter()
    with Service.from_blueprint(folder / "blueprint.yaml") as service:
        for dataset in ("measures", "channels", "sites"):
            service.table(dataset)
    return {"load": (time.perf_counter() - start, 0.0)}


WORKERS = {"engine": worker_engine, "pandas": worker_pandas, "duckdb": worker_duckdb}
ALL_WORKERS = {**WORKERS, "load": worker_load}


def run_worker(kind: str, folder: Path, repeat: int) -> dict:
    """Run one way of querying in a fresh process and return its timings and peak memory."""
    proc = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            kind,
            "--folder",
            str(folder),
            "--repeat",
            str(repeat),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--worker", choices=ALL_WORKERS)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.worker:
        timings = ALL_WORKERS[args.worker](args.folder, args.repeat)
        print(json.dumps({"timings": timings, "peak_mb": peak_mb()}))
        return
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for rows in args.sizes:
        folder = dataset_dir(rows)
        load = run_worker("load", folder, 0)["timings"]["load"][0]
        # pandas re-reads the whole file each time: fewer repeats keep the run short.
        repeats = {"engine": args.repeat, "duckdb": args.repeat, "pandas": max(1, args.repeat // 2)}
        results = {kind: run_worker(kind, folder, repeats[kind]) for kind in WORKERS}
        report(rows, load, results)


def report(rows: int, load: float, results: dict) -> None:
    engine, pandas, duck = (results[k]["timings"] for k in ("engine", "pandas", "duckdb"))
    print(f"\n=== {rows:,} rows — one-off load into the embedded database: {load:.2f} s")
    header = f"{'query':28} {'engine cold':>11} {'engine warm':>11} {'pandas':>9} {'raw duckdb':>10} {'pandas/engine':>13} {'engine/duckdb':>13}"
    print(header)
    worst_speedup, worst_overhead = float("inf"), 0.0
    for name in QUERIES:
        e_cold, e_warm = engine[name]
        p_warm = pandas[name][1]
        d_warm = duck[name][1]
        speedup = p_warm / e_warm
        overhead = e_warm / d_warm
        worst_speedup, worst_overhead = min(worst_speedup, speedup), max(worst_overhead, overhead)
        print(
            f"{name:28} {e_cold * 1000:9.1f}ms {e_warm * 1000:9.1f}ms {p_warm * 1000:7.0f}ms {d_warm * 1000:8.1f}ms {speedup:12.1f}x {overhead:12.2f}x"
        )
    e_mem, p_mem, d_mem = (results[k]["peak_mb"] for k in ("engine", "pandas", "duckdb"))
    print(
        f"peak memory: engine {e_mem:.0f} MB, pandas {p_mem:.0f} MB, raw duckdb {d_mem:.0f} MB "
        f"(engine/pandas = {e_mem / p_mem:.2f})"
    )
    print(
        f"worst case: engine {worst_speedup:.1f}x faster than pandas (target >= 5), "
        f"{worst_overhead:.2f}x raw DuckDB (target <= 1.5)"
    )


if __name__ == "__main__":
    main()
