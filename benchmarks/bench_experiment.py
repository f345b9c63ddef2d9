"""Benchmark an experiment's impact estimate against hand-written pandas + statsmodels.

Three years of hourly counts from 380 sensors (9,986,400 rows, Parquet), a treated street
(10 sensors) that gains 15 % from 1 July 2025, a control of 40 sensors on three other
streets. The experiment: difference-in-differences at daily grain, adjusted for weekday,
month and public holidays. Timed in one process, after a one-off load into the embedded
database:

- engine: the computation warm — the data loaded, the daily series queried by DuckDB
  (one scan, both groups), the OLS fit and the three checks — by calling the builder
  behind `Service.experiment()` directly (`engine.experiments.result.build`), since
  `Service.experiment()` itself answers from its cache after the first call (its cached
  answer is timed too); median of repeated runs;
- pandas: what an analyst writes by hand — read the Parquet file and the sensors file,
  merge, keep both groups, group by day, the same dummies, statsmodels OLS with
  Newey–West errors (no placebo nor pre-trend); median of repeated runs.

    python benchmarks/bench_experiment.py              # about 1 minute
    python benchmarks/bench_experiment.py --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "data" / "experiment"
SENSORS, HOURS = 380, 26_280  # 3 × 365 days from 1 January 2024
TREATED = "Rue Savary"
CONTROL = ["Rue Alpha", "Rue Beta", "Rue Gamma"]
INTERVENTION = "2025-07-01"

BLUEPRINT = f"""\
datacites: 1
service: {{id: bench-experiment, title: Banc d'essai, territory: {{name: Quimperlé, insee: "29233"}}}}
datasets:
  sensors:
    source: {{type: csv, path: sensors.csv}}
    key: sensor_id
  measures:
    source: {{type: parquet, path: measures.parquet}}
relations:
  - measures.sensor_id -> sensors.sensor_id
indicators:
  passages: {{label: Passages, dataset: measures, measure: sum(count)}}
experiments:
  savary:
    title: Piétonnisation
    indicator: passages
    intervention: {INTERVENTION}
    treated: "sensors.site_name = '{TREATED}'"
    control: "sensors.site_name in ({", ".join(f"'{c}'" for c in CONTROL)})"
    adjust_for: [weekday, month, holidays]
pages:
  - title: Accueil
    views: [{{type: kpi, indicator: passages}}]
"""


def site(sensor: int) -> str:
    """Sensors 0–9 are on the treated street, 10–49 on the control streets, the rest elsewhere."""
    if sensor < 10:
        return TREATED
    if sensor < 50:
        return CONTROL[sensor % 3]
    return f"Rue {sensor:03d}"


def generate() -> Path:
    """Write (once) the sensors CSV and the hourly counts as Parquet, with DuckDB."""
    import duckdb

    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    if (FOLDER / "measures.parquet").exists():
        return FOLDER
    lines = ["sensor_id,site_name"] + [f"{s},{site(s)}" for s in range(SENSORS)]
    (FOLDER / "sensors.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    con = duckdb.connect()
    con.execute("SELECT setseed(0.13)")
    con.execute(
        f"""
        COPY (
          SELECT s.id AS sensor_id, ts AS start_datetime,
                 CAST(greatest(0, round(base * day_factor * hour_factor
                      * (CASE WHEN s.id < 10 AND ts >= TIMESTAMP '{INTERVENTION}'
                              THEN 1.15 ELSE 1 END)
                      + (random() - 0.5) * 8)) AS INTEGER) AS count
          FROM range({SENSORS}) s(id),
               (SELECT TIMESTAMP '2024-01-01' + to_hours(h) AS ts FROM range({HOURS}) t(h)),
               LATERAL (SELECT 20 + s.id % 7 AS base,
                               1 + 0.3 * (isodow(ts) >= 6)::INTEGER
                                 + 0.1 * sin(month(ts) / 12 * 2 * pi()) AS day_factor,
                               0.2 + (hour(ts) BETWEEN 8 AND 19)::INTEGER AS hour_factor)
        ) TO '{FOLDER / "measures.parquet"}' (FORMAT parquet)
        """
    )
    con.close()
    return FOLDER


def median_time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def by_hand(folder: Path) -> float:
    """The hand-written way; returns the effect (passages a day)."""
    import holidays
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm

    rows = pd.read_parquet(folder / "measures.parquet")
    sensors = pd.read_csv(folder / "sensors.csv")
    rows = rows.merge(sensors, on="sensor_id")
    rows["group"] = np.where(rows["site_name"] == TREATED, "treated", None)
    rows.loc[rows["site_name"].isin(CONTROL), "group"] = "control"
    rows = rows.dropna(subset=["group"])
    rows["day"] = rows["start_datetime"].dt.floor("D")
    daily = rows.groupby(["day", "group"])["count"].sum().unstack("group")
    y = daily["treated"] - daily["control"]
    days = daily.index
    french = holidays.country_holidays("FR", years=range(days.min().year, days.max().year + 1))
    design = pd.DataFrame(
        {
            "const": 1.0,
            "after": (days >= pd.Timestamp(INTERVENTION)).astype(float),
            "holidays": [float(d.date() in french) for d in days],
        },
        index=days,
    )
    weekday = pd.get_dummies(days.day_of_week, prefix="wd", drop_first=True, dtype=float)
    month = pd.get_dummies(days.month, prefix="m", drop_first=True, dtype=float)
    design = pd.concat([design, weekday.set_index(days), month.set_index(days)], axis=1)
    fit = sm.OLS(y, design).fit(cov_type="HAC", cov_kwds={"maxlags": 7})
    return float(fit.params["after"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from datacites_proto.engine.experiments.result import build
    from datacites_proto.engine.experiments.series import fetch
    from datacites_proto.engine.service import Service

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    start = time.perf_counter()
    folder = generate()
    print(f"data: {SENSORS * HOURS:,} rows ({time.perf_counter() - start:.1f} s to generate)")
    service = Service.from_blueprint(folder / "blueprint.yaml")
    start = time.perf_counter()
    first = service.experiment("savary")
    cold = time.perf_counter() - start
    warm = median_time(lambda: build(service, "savary"), args.repeat)
    experiment = service.blueprint.experiments["savary"]
    query = median_time(
        lambda: fetch(service.compiler, experiment, first.baseline_start, first.after_end),
        args.repeat,
    )
    cached = median_time(lambda: service.experiment("savary"), args.repeat)
    hand_effect = by_hand(folder)
    hand = median_time(lambda: by_hand(folder), max(1, args.repeat // 2))
    service.close()
    print(
        f"effect: engine {first.effect:,.0f} a day [{first.ci_low:,.0f}; {first.ci_high:,.0f}] "
        f"({first.percent:+.1%}), hand-written {hand_effect:,.0f}; "
        f"{first.periods_before} days before, {first.periods_after} after"
    )
    print(f"{'':44} {'time':>9}")
    print(f"{'engine, first call (loads the data if needed)':44} {cold:8.2f}s")
    print(f"{'engine, warm (query + fit + checks)':44} {warm * 1000:7.0f}ms")
    print(f"{'  of which the daily series query':44} {query * 1000:7.0f}ms")
    print(f"{'engine, Service.experiment() cached':44} {cached * 1e6:7.0f}µs")
    print(f"{'hand-written pandas + statsmodels':44} {hand * 1000:7.0f}ms")
    print(f"hand-written / engine warm: {hand / warm:.1f}x; engine warm under 1 s: {warm < 1}")


if __name__ == "__main__":
    main()
