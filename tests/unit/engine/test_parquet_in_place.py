"""Parquet queried in place: a checked view over the file, the same rows and messages as a copy.

Each case loads the same file twice: in place, and through the copying path (the one
CSV and Excel take, forced here by making `query_in_place` decline), and compares.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.engine.duckdb_cache import DuckDbCache, relation_kind
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.loading import load_dataset
from datacites_proto.sources.reading import in_place


def dataset(columns: dict[str, Any] | None = None, key: Any = None) -> Dataset:
    spec: dict[str, Any] = {
        "source": {"type": "parquet", "path": "m.parquet"},
        "columns": columns or {},
    }
    if key is not None:
        spec["key"] = key
    return Dataset.model_validate(spec)


def load(store: DuckDbCache, base: Path, ds: Dataset, *, copy: bool = False) -> list[tuple]:
    """Load `m.parquet` of `base` and return the table's rows and its kind."""
    if copy:
        original = in_place.query_in_place
        in_place.query_in_place = lambda *args: False  # type: ignore[assignment]
    try:
        loaded = load_dataset(store, "m", ds, base_dir=base, cache_dir=base / ".cache", force=True)
    finally:
        if copy:
            in_place.query_in_place = original  # type: ignore[assignment]
    return store.con.execute(f'SELECT * FROM "{loaded.table}"').fetchall()


def kind(store: DuckDbCache) -> str | None:
    return relation_kind(store.con, "ds_m")


def same_rows(a: list[tuple], b: list[tuple]) -> bool:
    def norm(v: Any) -> Any:
        return "NaN" if isinstance(v, float) and math.isnan(v) else v

    return [tuple(map(norm, r)) for r in a] == [tuple(map(norm, r)) for r in b]


TYPED = pa.table(
    {
        "small": pa.array([1, 2, None, 4], pa.int32()),
        "big": pa.array([10, 20, 30, 40], pa.int64()),
        "ratio": pa.array([0.5, float("nan"), None, 2.25], pa.float64()),
        "single": pa.array([1.5, 2.5, 3.5, 4.5], pa.float32()),
        "label": pa.array(["  a ", "NA", None, "d"]),
        "flag": pa.array([True, False, None, True]),
        "day": pa.array([dt.date(2026, 1, d) for d in (1, 2, 3, 4)]),
        "at": pa.array([dt.datetime(2026, 1, 1, h) for h in range(4)], pa.timestamp("ns")),
        "at_utc": pa.array(
            [dt.datetime(2026, 7, 1, h, tzinfo=dt.UTC) for h in range(4)],
            pa.timestamp("us", tz="UTC"),
        ),
    }
)


@pytest.mark.parametrize(
    "columns",
    [
        {},  # every type detected
        {
            "small": {"type": "number"},
            "big": {"type": "integer", "min": 0},
            "ratio": {"type": "number"},
            "label": {"type": "string"},
            "day": {"type": "datetime"},
            "at": {"type": "datetime", "required": True},
        },
    ],
    ids=["detected", "declared"],
)
def test_typed_file_is_a_view_with_the_rows_a_copy_holds(tmp_path: Path, columns) -> None:
    pq.write_table(TYPED, tmp_path / "m.parquet")
    ds = dataset(columns)
    with DuckDbCache(None) as viewed, DuckDbCache(None) as copied:
        rows = load(viewed, tmp_path, ds)
        assert kind(viewed) == "VIEW"
        expected = load(copied, tmp_path, ds, copy=True)
        assert kind(copied) == "TABLE"
        assert same_rows(rows, expected)
        # The cells the text rules call missing are NULL, as in a copy: « NA », NaN.
        columns_of = [d[0] for d in viewed.con.execute('SELECT * FROM "ds_m"').description]
        label = [r[columns_of.index("label")] for r in rows]
        ratio = [r[columns_of.index("ratio")] for r in rows]
        assert label == ["  a ", None, None, "d"] and ratio == [0.5, None, None, 2.25]
        # The France wall-clock time of a UTC instant, as in a copy.
        assert rows[0][columns_of.index("at_utc")] == dt.datetime(2026, 7, 1, 2)


def test_clean_columns_are_read_as_they_are(tmp_path: Path) -> None:
    """No per-row rewriting of a column without missing cells: the view selects it plainly."""
    pq.write_table(TYPED, tmp_path / "m.parquet")
    with DuckDbCache(None) as store:
        load(store, tmp_path, dataset())
        (sql,) = store.con.execute(
            "SELECT sql FROM duckdb_views() WHERE view_name = 'ds_m'"
        ).fetchone()
    # ratio has a NaN and label a « NA »: only they are rewritten (single has no NaN).
    assert sql.count("isnan") == 1 and sql.count("regexp_full_match") == 1


def test_a_column_that_needs_converting_sends_the_file_to_a_copy(tmp_path: Path) -> None:
    pq.write_table(pa.table({"day": ["01/02/2026", "03/02/2026"]}), tmp_path / "m.parquet")
    with DuckDbCache(None) as store:
        rows = load(store, tmp_path, dataset({"day": {"type": "date"}}))
        assert kind(store) == "TABLE"
    assert rows == [(dt.date(2026, 2, 1),), (dt.date(2026, 2, 3),)]


CASES = {
    "required": (
        {"name": ["a", "NA", None]},
        {"name": {"type": "string", "required": True}},
        None,
    ),
    "range": ({"n": [1, 50, -3, 99]}, {"n": {"type": "integer", "min": 0, "max": 60}}, None),
    "enum": ({"s": ["x", "y", "z"]}, {"s": {"type": "string", "enum": ["x", "y"]}}, None),
    "unique": ({"u": [1, 2, 2, 3, 1]}, {"u": {"type": "integer", "unique": True}}, None),
    "key": ({"k": ["a", "b", "a", None], "v": [1, 2, 3, 4]}, {}, "k"),
    "two-column key": ({"a": [1, 1, 2, 1], "b": ["x", "y", "x", "x"]}, {}, ["a", "b"]),
    "missing column": ({"a": [1]}, {"b": {"type": "integer"}}, None),
}


@pytest.mark.parametrize("case", CASES)
def test_checks_find_what_a_copy_finds_with_the_same_located_messages(
    tmp_path: Path, case: str
) -> None:
    data, columns, key = CASES[case]
    pq.write_table(pa.table(data), tmp_path / "m.parquet")
    ds = dataset(columns, key)
    found = {}
    for copy in (False, True):
        with DuckDbCache(None) as store:
            with pytest.raises(DataError) as raised:
                load(store, tmp_path, ds, copy=copy)
            assert kind(store) is None  # nothing left behind
        found[copy] = [(p.code, p.file, p.line, p.message("fr")) for p in raised.value.problems]
    assert found[False] == found[True]
    assert found[False] and all(f[1] == "m.parquet" for f in found[False])


def test_a_file_that_changes_is_read_again_and_a_failing_one_is_not_served(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.parquet"
    ds = dataset({"n": {"type": "integer", "min": 0}})
    pq.write_table(pa.table({"n": [1, 2]}), path)
    with DuckDbCache(tmp_path / "cache.duckdb") as store:
        first = load_dataset(store, "m", ds, base_dir=tmp_path, cache_dir=tmp_path / ".cache")
        pq.write_table(pa.table({"n": [5, 6, 7]}), path)
        os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
        second = load_dataset(store, "m", ds, base_dir=tmp_path, cache_dir=tmp_path / ".cache")
        assert second.fingerprint != first.fingerprint and second.rows == 3
        assert store.con.execute('SELECT sum(n) FROM "ds_m"').fetchone() == (18,)
        pq.write_table(pa.table({"n": [-1]}), path)
        os.utime(path, ns=(path.stat().st_mtime_ns + 2 * 10**9,) * 2)
        with pytest.raises(DataError):
            load_dataset(store, "m", ds, base_dir=tmp_path, cache_dir=tmp_path / ".cache")
        # A copy could keep its old rows; a view would show the failing file's: it is gone.
        assert kind(store) is None and store.stored("m") is None


def test_nothing_is_copied_and_a_moved_project_reads_its_own_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    n = 300_000
    table = pa.table(
        {"i": pa.array(range(n), pa.int64()), "s": [f"site {i % 97}" for i in range(n)]}
    )
    pq.write_table(table, project / "m.parquet")
    ds = dataset()
    database = project / ".datacites" / "cache.duckdb"
    with DuckDbCache(database) as store:
        load_dataset(store, "m", ds, base_dir=project, cache_dir=project / ".cache")
        store.con.execute("CHECKPOINT")
    # The database holds a view and a metadata row: far less than the file it reads.
    assert database.stat().st_size < (project / "m.parquet").stat().st_size
    moved = tmp_path / "moved"
    shutil.move(project, moved)
    pq.write_table(pa.table({"i": [1], "s": ["x"]}), tmp_path / "elsewhere.parquet")
    with DuckDbCache(moved / ".datacites" / "cache.duckdb") as store:
        loaded = load_dataset(store, "m", ds, base_dir=moved, cache_dir=moved / ".cache")
        assert loaded.rows == n
        assert store.con.execute('SELECT count(*) FROM "ds_m"').fetchone() == (n,)
