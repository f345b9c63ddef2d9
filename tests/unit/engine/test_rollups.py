"""Rollups answer exactly what the detail table answers, query by query.

One generated footfall-like dataset is served twice: with a rollup (threshold 1 row) and
without (`never`). Every measure × breakdown (every grain, related datasets, two at once)
× filter combination must give the same values and row counts; the query must come from
the rollup exactly when the rollup can answer it.
"""

from __future__ import annotations

import itertools
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from datacites_proto.engine.service import Service

N = 20_000
CHANNELS = [f"C{i:02d}" for i in range(12)]
SITES = ["Gare", "Halles", "Port", "Mairie"]

BLUEPRINT = """\
datacites: 1
service: {{id: rollups, title: Rollups}}
datasets:
  sites: {{source: {{type: csv, path: sites.csv}}, key: site_id}}
  channels: {{source: {{type: csv, path: channels.csv}}, key: channel_id}}
  measures:
    source: {{type: parquet, path: measures.parquet}}
    rollup_threshold: {threshold}
    governance: {{access: {access}}}
relations:
  - measures.channel_id -> channels.channel_id
  - channels.site_id -> sites.site_id
indicators:
  passages: {{label: P, dataset: measures, measure: sum(count), where: "mobility_type = 'PEDESTRIAN'"}}
  rows: {{label: R, dataset: measures, measure: count(*)}}
  filled: {{label: F, dataset: measures, measure: count(speed)}}
  kinds: {{label: K, dataset: measures, measure: count(kind)}}
  speed: {{label: S, dataset: measures, measure: mean(speed)}}
  total_speed: {{label: T, dataset: measures, measure: sum(speed)}}
  fastest: {{label: X, dataset: measures, measure: max(speed)}}
  slowest: {{label: M, dataset: measures, measure: min(count)}}
  share_a: {{label: A, dataset: measures, measure: share(kind = 'a')}}
  busy: {{label: B, dataset: measures, measure: sum(count), where: "channels.mobility_type != 'CAR' and kind is not null"}}
  after_noon: {{label: AN, dataset: measures, measure: sum(count), where: "start_datetime >= '2026-03-01 12:00:00'"}}
  median_speed: {{label: Md, dataset: measures, measure: median(speed)}}
  distinct_channels: {{label: D, dataset: measures, measure: count_distinct(channel_id)}}
  per_row: {{label: PR, formula: passages / rows}}
filters:
  periode: {{type: date_range, column: measures.start_datetime}}
  lieu: {{type: select, column: sites.site_name}}
  genre: {{type: multiselect, column: measures.kind}}
pages:
  - title: Accueil
    views:
      - {{type: kpi, indicator: passages}}
      - {{type: bar, indicator: passages, by: sites.site_name}}
      - {{type: line, indicator: passages, by: day(start_datetime)}}
      - {{type: bar, indicator: speed, by: kind}}
"""

LEAVES = [
    "passages",
    "rows",
    "filled",
    "kinds",
    "speed",
    "total_speed",
    "fastest",
    "slowest",
    "share_a",
    "busy",
]
NOT_EXACT = ["median_speed", "distinct_channels"]
READS_THE_HOUR = ["after_noon"]  # a condition on the time of day: the rollup cut it
DAY_GRAINS = ["day", "week", "month", "year", "weekday"]
HOUR_GRAINS = ["hour", "hour_of_day"]
BREAKDOWNS = [
    None,
    "sites.site_name",
    "channels.mobility_type",
    "kind",
    *(f"{g}(start_datetime)" for g in DAY_GRAINS + HOUR_GRAINS),
    ["sites.site_name", "weekday(start_datetime)"],
    ["kind", "month(start_datetime)"],
]
FILTERS = [
    {},
    {"periode": ["2026-03-01", "2026-03-31"]},
    {"lieu": "Halles"},
    {"genre": ["a", "b"]},
    {"periode": ["2026-02-10", "2026-04-02"], "lieu": "Port", "genre": ["b"]},
    {"periode": "last_30_days"},
]


def write_project(folder: Path, *, threshold: str, access: str = "open") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    minutes = rng.integers(0, 200 * 24 * 60, N)
    speed = rng.normal(30, 5, N).round(3)
    speed[rng.random(N) < 0.05] = np.nan
    kind = rng.choice(np.array(["a", "b", None], dtype=object), N)
    pd.DataFrame(
        {
            "channel_id": rng.choice(CHANNELS, N),
            "start_datetime": pd.Timestamp("2026-01-01") + pd.to_timedelta(minutes, unit="min"),
            "count": rng.integers(0, 100, N),
            "speed": speed,
            "kind": kind,
        }
    ).to_parquet(folder / "measures.parquet", index=False)
    channels = pd.DataFrame(
        {
            "channel_id": CHANNELS,
            "site_id": [f"S{i % 4}" for i in range(12)],
            "mobility_type": ["PEDESTRIAN", "BIKE", "CAR"] * 4,
        }
    )
    channels.to_csv(folder / "channels.csv", sep=";", index=False)
    sites = pd.DataFrame({"site_id": [f"S{i}" for i in range(4)], "site_name": SITES})
    sites.to_csv(folder / "sites.csv", sep=";", index=False)
    path = folder / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(threshold=threshold, access=access), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("rollups")
    with (
        Service.from_blueprint(write_project(base / "with", threshold="1")) as rolled,
        Service.from_blueprint(write_project(base / "without", threshold="never")) as detail,
    ):
        yield rolled, detail


def same(a: pd.Series, b: pd.Series) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        missing_x = x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA
        missing_y = y is None or (isinstance(y, float) and math.isnan(y)) or y is pd.NA
        if missing_x or missing_y:
            if not (missing_x and missing_y):
                return False
        elif isinstance(x, float) or isinstance(y, float):
            # Sums of decimals re-added in another order: equal to the last bits.
            if not math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9):
                return False
        elif x != y:
            return False
    return True


def by_list(by: str | list[str] | None) -> list[str]:
    return [] if by is None else [by] if isinstance(by, str) else by


def covered(indicator: str, by: str | list[str] | None) -> bool:
    """What the rollup can answer: exact measures, no hour of a datetime cut to the day."""
    if indicator in NOT_EXACT + READS_THE_HOUR:
        return False
    return not any(g in text for text in by_list(by) for g in HOUR_GRAINS)


@pytest.mark.parametrize("indicator", LEAVES + NOT_EXACT + READS_THE_HOUR + ["per_row"])
def test_every_answer_is_the_detail_answer(services, indicator: str) -> None:
    rolled, detail = services
    assert rolled.rollup("measures") is not None and detail.rollup("measures") is None
    assert rolled.rollup("measures").rows < N / 2
    for by, values in itertools.product(BREAKDOWNS, FILTERS):
        got = rolled.result(indicator, by=by, filters=values)
        want = detail.result(indicator, by=by, filters=values)
        label = (indicator, by, values)
        assert list(got.frame.columns) == list(want.frame.columns), label
        for column in want.frame.columns:
            assert same(got.frame[column], want.frame[column]), (label, column)
        assert got.counts.tolist() == want.counts.tolist(), label
        if indicator != "per_row":
            query = rolled.compiler.leaf_query(indicator, by_list(by), values)
            assert query.rollup is covered(indicator, by), label


def test_the_figures_are_not_empty(services) -> None:
    """The comparison above compares real figures, not empty frames."""
    rolled, _ = services
    frame = rolled.compute("passages", by="sites.site_name", filters={"lieu": "Halles"})
    assert frame["passages"].tolist()[0] > 0
    assert len(rolled.compute("rows", by="day(start_datetime)")) > 150


def test_no_rollup_when_it_keeps_too_many_rows(tmp_path: Path) -> None:
    path = write_project(tmp_path, threshold="1")
    text = path.read_text(encoding="utf-8")
    # Breaking down by the minute-precise time keeps it whole: the rollup is not worth it.
    text = text.replace("by: day(start_datetime)", "by: speed")
    path.write_text(text, encoding="utf-8")
    with Service.from_blueprint(path, in_memory=True) as service:
        assert service.rollup("measures") is None
        assert service.compiler.leaf_query("passages", [], {}).rollup is False


def test_small_datasets_and_shared_public_figures_read_the_detail(tmp_path: Path) -> None:
    small = write_project(tmp_path / "small", threshold=str(N + 1))
    with Service.from_blueprint(small, in_memory=True) as service:
        assert service.rollup("measures") is None
    shared = write_project(tmp_path / "shared", threshold="1", access="shared")
    with Service.from_blueprint(shared, in_memory=True) as service:
        assert service.compiler.leaf_query("passages", [], {}).rollup is True  # the team
        public = service.public_compiler.leaf_query("passages", [], {})
        assert public.rollup is False  # protection reads its own table


def test_a_changed_file_gets_a_new_rollup(tmp_path: Path) -> None:
    path = write_project(tmp_path, threshold="1")
    with Service.from_blueprint(path) as service:
        before = service.compute("rows")["rows"].iloc[0]
        first = service.rollup("measures")
    frame = pd.read_parquet(tmp_path / "measures.parquet")
    pd.concat([frame, frame.head(100)]).to_parquet(tmp_path / "measures.parquet", index=False)
    stat = (tmp_path / "measures.parquet").stat()
    os.utime(tmp_path / "measures.parquet", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    with Service.from_blueprint(path) as service:
        assert service.compute("rows")["rows"].iloc[0] == before + 100
        second = service.rollup("measures")
        assert second is not None and first is not None
        assert second.table.version != first.table.version
        assert service.compiler.leaf_query("rows", [], {}).rollup is True


def test_a_rollup_is_kept_between_runs(tmp_path: Path) -> None:
    path = write_project(tmp_path, threshold="1")
    with Service.from_blueprint(path) as service:
        rows = service.compute("rows")["rows"].iloc[0]
        database = service.local_db.path
    import duckdb

    # Mark the kept rollup: a service that reuses it (rather than rebuilding) shows the mark.
    with duckdb.connect(str(database)) as con:
        con.execute("UPDATE ru_measures SET __rows = __rows + 1000 WHERE rowid = 0")
    with Service.from_blueprint(path) as service:
        assert service.compute("rows")["rows"].iloc[0] == rows + 1000
