"""Benchmark the indicator engine against hand-written pandas and raw DuckDB SQL.

For a footfall-shaped dataset (national "comptage des mobilités" schema: hourly counts
per channel, channels, sites) whose measures are a Parquet file, at 1 M and 10 M rows, it
times a fixed set of indicator queries three ways, each in its own process (so peak
memory is the process's own):

- engine: `Service` over the blueprint, on a new embedded database: the *first answer*
  (open the blueprint, check and register the files, answer by site), the database's
  size on disk, then each query's first run and the median of repeated runs;
- pandas: what a Streamlit user writes by hand. *First*: read the Parquet file and the
  two CSV files, merge, group by site. *Warm*: the merged frame kept in memory (the
  `st.cache_data` pattern), each query filtering and grouping it;
- duckdb: hand-written SQL on the same Parquet file (a view over `read_parquet`) and the
  two CSV files (tables), warm.

It prints every figure and the ratios against the baselines measured in the same run:

    python benchmarks/bench_engine.py                 # 1 M and 10 M rows
    python benchmarks/bench_engine.py --sizes 1000000 # quicker
    python benchmarks/bench_engine.py --sizes 100000000 --only engine  # peak memory at 100 M

Above 10 M rows the Parquet file is made from the 10 M-row one, repeated further back in
time by DuckDB (the example's generator holds every row in memory).
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

from footfall_data import generate_parquet, repeat_back_in_time

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
    views:
      - {type: kpi, indicator: passages}
      - {type: bar, indicator: passages, by: sites.site_name}
      - {type: line, indicator: passages, by: day(start_datetime)}
      - {type: heatmap, indicator: passages, x: hour_of_day(start_datetime), y: weekday(start_datetime)}
"""
# The same service without rollups: every query reads the detail (the gain of rollups).
DETAIL_BLUEPRINT = BLUEPRINT.replace("id: bench-engine,", "id: bench-engine-detail,").replace(
    "    source: {type: parquet, path: measures.parquet}",
    "    source: {type: parquet, path: measures.parquet}\n    rollup_threshold: never",
)

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
        if rows > 10_000_000:
            repeat_back_in_time(dataset_dir(10_000_000), rows, folder)
        else:
            generate_parquet(rows, folder)
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (folder / "detail.yaml").write_text(DETAIL_BLUEPRINT, encoding="utf-8")
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


def worker_engine(folder: Path, repeat: int, blueprint: str = "blueprint.yaml") -> dict:
    """First answer on a new embedded database, its size, then every query cold and warm."""
    from datacites_proto.engine.loading import cache_path
    from datacites_proto.engine.service import Service

    service_id = "bench-engine" if blueprint == "blueprint.yaml" else "bench-engine-detail"
    database = cache_path(folder, service_id)
    database.unlink(missing_ok=True)
    start = time.perf_counter()
    service = Service.from_blueprint(folder / blueprint)
    service.compute("passages", by="sites.site_name")
    first = time.perf_counter() - start
    service.local_db.con.execute("CHECKPOINT")
    out: dict = {"first answer": (first, 0.0), "disk": (database.stat().st_size, 0.0)}
    for name, q in QUERIES.items():
        filters = {"periode": PERIOD} if q["filtered"] else None
        out[name] = timed(
            lambda q=q, f=filters: service.compute("passages", by=q["by"], filters=f), repeat
        )
    return out


def _pandas_frame(folder: Path):  # type: ignore[no-untyped-def]
    import pandas as pd

    measures = pd.read_parquet(folder / "measures.parquet")
    channels = pd.read_csv(folder / "channels.csv", sep=";")
    sites = pd.read_csv(folder / "sites.csv", sep=";")
    frame = measures.merge(channels, on="channel_id", how="left").merge(
        sites, on="site_id", how="left"
    )
    return frame[frame["mobility_type"] == "PEDESTRIAN"]


def _pandas_query(frame, q: dict) -> object:  # type: ignore[no-untyped-def]
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


def worker_pandas(folder: Path, repeat: int) -> dict:
    """Read, merge and group by site once (first), then each query on the kept frame."""
    import pandas  # noqa: F401  (imported before the clock starts, as the engine is)

    start = time.perf_counter()
    frame = _pandas_frame(folder)
    _pandas_query(frame, {"by": "sites.site_name", "filtered": False})
    out: dict = {"first answer": (time.perf_counter() - start, 0.0)}
    for name, q in QUERIES.items():
        out[name] = timed(lambda q=q: _pandas_query(frame, q), repeat)
    return out


def worker_duckdb(folder: Path, repeat: int) -> dict:
    """Hand-written SQL over the same files: the Parquet file in place, the CSVs as tables."""
    import duckdb

    con = duckdb.connect()
    parquet = str(folder / "measures.parquet")
    con.execute(f"CREATE VIEW m AS SELECT * FROM read_parquet('{parquet}')")
    for table in ("channels", "sites"):
        con.execute(
            f"CREATE TABLE {table[0]} AS SELECT * FROM read_csv('{folder / table}.csv', delim=';')"
        )

    def sql(q: dict) -> str:
        group = RAW_SQL.get(next((k for k in RAW_SQL if k in _base(q)), ""), "")
        where = "c.mobility_type = 'PEDESTRIAN'"
        if q["filtered"]:
            where += " AND m.start_datetime >= TIMESTAMP '2026-09-01' AND m.start_datetime < TIMESTAMP '2026-10-01'"
        select = f"{group}, " if group else ""
        tail = f" GROUP BY {group} ORDER BY {group}" if group else ""
        return (
            f'SELECT {select}sum(m."count") FROM m LEFT JOIN c ON m.channel_id = c.channel_id '
            f"LEFT JOIN s ON c.site_id = s.site_id WHERE {where}{tail}"
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


def worker_detail(folder: Path, repeat: int) -> dict:
    """The engine without rollups: every query reads the detail."""
    return worker_engine(folder, repeat, "detail.yaml")


WORKERS = {
    "engine": worker_engine,
    "detail": worker_detail,
    "pandas": worker_pandas,
    "duckdb": worker_duckdb,
}


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
    parser.add_argument("--only", choices=WORKERS, nargs="+", default=list(WORKERS))
    parser.add_argument("--worker", choices=WORKERS)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.worker:
        timings = WORKERS[args.worker](args.folder, args.repeat)
        print(json.dumps({"timings": timings, "peak_mb": peak_mb()}))
        return
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for rows in args.sizes:
        folder = dataset_dir(rows)
        results = {kind: run_worker(kind, folder, args.repeat) for kind in args.only}
        report(rows, folder, results)


def report(rows: int, folder: Path, results: dict) -> None:
    parquet_mb = (folder / "measures.parquet").stat().st_size / 1e6
    print(f"\n=== {rows:,} rows — measures.parquet: {parquet_mb:.0f} MB")
    mem = ", ".join(f"{k} {r['peak_mb']:.0f} MB" for k, r in results.items())
    engine = results.get("engine", {}).get("timings")
    detail = results.get("detail", {}).get("timings")
    pandas = results.get("pandas", {}).get("timings")
    duck = results.get("duckdb", {}).get("timings")
    if engine:
        disk_mb = engine["disk"][0] / 1e6
        print(
            f"first answer on a new file: {engine['first answer'][0]:.2f} s; embedded database"
            f" then: {disk_mb:.1f} MB on disk ({disk_mb / parquet_mb:.1%} of the Parquet file)"
        )
    if engine and pandas:
        e_first, p_first = engine["first answer"][0], pandas["first answer"][0]
        print(
            f"first answer: engine {e_first:.2f} s, pandas read + merge + group "
            f"{p_first:.2f} s: {e_first / p_first:.2f}x (target <= 1.5)"
        )
    if detail:
        print(f"first answer without rollups: {detail['first answer'][0]:.2f} s")
    header = f"{'query':28} {'engine cold':>11} {'engine warm':>11}"
    header += f" {'no rollups':>11} {'rollup gain':>11}" if detail else ""
    header += f" {'pandas warm':>11} {'raw duckdb':>10} {'pandas/engine':>13} {'engine/duckdb':>13}"
    print(header)
    met = True
    for name in QUERIES:
        line = f"{name:28}"
        if engine:
            line += f" {engine[name][0] * 1000:9.1f}ms {engine[name][1] * 1000:9.1f}ms"
        if engine and detail:
            gain = detail[name][1] / engine[name][1]
            line += f" {detail[name][1] * 1000:9.1f}ms {gain:10.1f}x"
        line += f" {pandas[name][1] * 1000:9.1f}ms" if pandas else f" {'':11}"
        line += f" {duck[name][1] * 1000:8.1f}ms" if duck else f" {'':10}"
        speedup = pandas[name][1] / engine[name][1] if engine and pandas else None
        overhead = engine[name][1] / duck[name][1] if engine and duck else None
        line += f" {speedup:12.1f}x" if speedup is not None else f" {'':13}"
        line += f" {overhead:12.2f}x" if overhead is not None else ""
        if speedup is not None and overhead is not None:
            ok = speedup >= 5 or overhead <= 1.3
            met = met and ok
            line += " ok" if ok else " MISSED"
        print(line)
    print(f"peak memory: {mem}")
    if engine and pandas and duck:
        print(
            "every query >= 5x faster than the warm pandas frame or <= 1.3x raw DuckDB: "
            + ("met" if met else "missed")
        )


if __name__ == "__main__":
    main()
