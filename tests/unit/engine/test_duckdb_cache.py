"""The embedded database: fingerprints, reloads, all-or-nothing swaps, fallbacks."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.engine.duckdb_cache import META_TABLE, DuckDbCache
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.loading import cache_path, load_dataset

GOOD = "site_id;places\ns1;10\ns2;20\n"


def dataset(columns: dict[str, Any] | None = None, **source: Any) -> Dataset:
    spec = {"source": {"type": "csv", "path": "sites.csv", **source}, "key": "site_id"}
    return Dataset.model_validate({**spec, "columns": columns or {"places": "integer"}})


def load(store: DuckDbCache, project: Path, ds: Dataset | None = None, **kw: Any):
    return load_dataset(
        store, "sites", ds or dataset(), base_dir=project, cache_dir=project / ".cache", **kw
    )


def mark(store: DuckDbCache) -> None:
    """Put a row in the table by hand: it survives only when the table is not rebuilt."""
    store.con.execute("INSERT INTO ds_sites VALUES ('marker', 0)")


def marked(store: DuckDbCache) -> bool:
    return (
        store.con.execute("SELECT count(*) FROM ds_sites WHERE site_id = 'marker'").fetchone()[0]
        == 1
    )


def user_tables(store: DuckDbCache) -> list[str]:
    rows = store.con.execute(
        "SELECT table_name FROM duckdb_tables() ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "sites.csv").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.fixture
def store(project):
    with DuckDbCache(cache_path(project, "service")) as s:
        yield s


def test_cache_path():
    assert cache_path(Path("/p"), "coeur-de-ville") == Path(
        "/p/.datacites/cache/coeur-de-ville.duckdb"
    )


def test_file_store_is_created_under_the_project(project, store):
    assert store.path == project / ".datacites" / "cache" / "service.duckdb"
    assert store.path.is_file()
    assert not store.in_memory and not store.fell_back and store.fallback_reason is None


def test_same_fingerprint_skips_the_load(project, store):
    first = load(store, project)
    assert (first.table, first.rows, first.columns) == (
        "ds_sites",
        2,
        {"site_id": "string", "places": "integer"},
    )
    mark(store)
    again = load(store, project)
    assert again == first
    assert marked(store)


def test_touching_the_file_reloads(project, store):
    first = load(store, project)
    mark(store)
    stat = (project / "sites.csv").stat()
    os.utime(project / "sites.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = load(store, project)
    assert again.fingerprint != first.fingerprint
    assert not marked(store)


def test_a_new_size_reloads_even_with_the_same_date(project, store):
    load(store, project)
    mark(store)
    stat = (project / "sites.csv").stat()
    (project / "sites.csv").write_text(GOOD + "s3;30\n", encoding="utf-8")
    os.utime(project / "sites.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = load(store, project)
    assert again.rows == 3 and not marked(store)


@pytest.mark.parametrize(
    "changed",
    [
        dataset({"places": "number"}),
        dataset({"places": {"type": "integer", "max": 100}}),
        dataset(sep=";"),
        dataset(encoding="utf-8"),
        dataset(decimal=","),
        Dataset.model_validate({"source": {"type": "csv", "path": "sites.csv"}}),  # no key
    ],
)
def test_changed_declarations_or_settings_reload(project, store, changed):
    load(store, project)
    mark(store)
    load(store, project, changed)
    assert not marked(store)


def test_a_file_added_to_a_parquet_glob_reloads(project, store):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (project / "parts").mkdir()
    pq.write_table(pa.table({"site_id": ["s1"]}), project / "parts" / "a.parquet")
    parquet = Dataset.model_validate({"source": {"type": "parquet", "path": "parts/*.parquet"}})
    first = load(store, project, parquet)
    assert load(store, project, parquet) == first
    pq.write_table(pa.table({"site_id": ["s2"]}), project / "parts" / "b.parquet")
    again = load(store, project, parquet)
    assert again.fingerprint != first.fingerprint and again.rows == 2


def test_force_reloads(project, store):
    load(store, project)
    mark(store)
    load(store, project, force=True)
    assert not marked(store)


def test_fingerprint_survives_reopening_the_file(project):
    path = cache_path(project, "service")
    with DuckDbCache(path) as store:
        first = load(store, project)
        mark(store)
    with DuckDbCache(path) as store:
        stored = store.stored("sites")
        assert stored is not None and stored.fingerprint == first.fingerprint
        assert stored.columns == first.columns
        assert load(store, project) == first
        assert marked(store)
        assert [s.dataset for s in store.loads()] == ["sites"]


def test_a_dropped_table_is_reloaded(project, store):
    load(store, project)
    store.con.execute("DROP TABLE ds_sites")
    assert store.stored("sites") is None
    assert load(store, project).rows == 2


def test_a_failing_reload_leaves_the_previous_table(project, store):
    good = load(store, project)
    rows_before = store.con.execute("SELECT * FROM ds_sites ORDER BY site_id").fetchall()
    (project / "sites.csv").write_text("site_id;places\ns1;10\ns2;vingt\ns2;5\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(store, project)
    assert {p.code for p in info.value.problems} == {"data_not_integer", "data_key_duplicate"}
    assert info.value.dataset == "sites"
    assert store.con.execute("SELECT * FROM ds_sites ORDER BY site_id").fetchall() == rows_before
    assert store.stored("sites").fingerprint == good.fingerprint
    assert user_tables(store) == [META_TABLE, "ds_sites"]  # no staging or temporary table left
    # fixed: loads again
    (project / "sites.csv").write_text(GOOD + "s3;30\n", encoding="utf-8")
    assert load(store, project).rows == 3


def test_a_first_load_that_fails_creates_nothing(project, store):
    (project / "sites.csv").write_text("site_id;places\ns1;dix\n", encoding="utf-8")
    with pytest.raises(DataError):
        load(store, project)
    assert user_tables(store) == [META_TABLE]
    assert store.stored("sites") is None


def test_readers_keep_their_snapshot_during_a_reload(project, store):
    load(store, project)
    reader = store.con.cursor()
    reader.execute("BEGIN TRANSACTION")
    assert reader.execute("SELECT count(*) FROM ds_sites").fetchone() == (2,)
    (project / "sites.csv").write_text(GOOD + "s3;30\ns4;40\n", encoding="utf-8")
    assert load(store, project).rows == 4
    assert reader.execute("SELECT count(*) FROM ds_sites").fetchone() == (2,)
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM ds_sites").fetchone() == (4,)
    reader.close()


def test_sqlalchemy_engine_sees_the_same_database(project, store):
    load(store, project)
    engine = store.sqlalchemy_engine()
    assert store.sqlalchemy_engine() is engine
    table = sa.Table(
        "ds_sites",
        sa.MetaData(),
        sa.Column("site_id", sa.String),
        sa.Column("places", sa.BigInteger),
    )
    with engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.sum(table.c.places))).scalar()
        named = conn.execute(
            sa.text("SELECT places FROM ds_sites WHERE site_id = :s"), {"s": "s2"}
        ).scalar()
    assert (total, named) == (30, 20)


def test_in_memory_store(project):
    with DuckDbCache(None) as store:
        assert store.in_memory and not store.fell_back
        assert load(store, project).rows == 2


def test_path_that_is_a_directory_falls_back_to_memory(project):
    folder = project / "a_folder.duckdb"
    folder.mkdir()
    with DuckDbCache(folder) as store:
        assert store.fell_back and store.in_memory and store.fallback_reason
        assert load(store, project).rows == 2


def test_folder_that_cannot_be_created_falls_back_to_memory(project):
    (project / "not_a_folder").write_text("x")
    with DuckDbCache(project / "not_a_folder" / "cache" / "s.duckdb") as store:
        assert store.fell_back
        assert load(store, project).rows == 2


def test_file_that_is_not_a_database_falls_back_to_memory(project):
    bogus = project / "bogus.duckdb"
    bogus.write_bytes(b"this is not a DuckDB file" * 200)
    with DuckDbCache(bogus) as store:
        assert store.fell_back
    assert bogus.read_bytes().startswith(b"this is not")  # left alone


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder_falls_back_to_memory(project):
    folder = project / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with DuckDbCache(folder / "s.duckdb") as store:
            assert store.fell_back
    finally:
        folder.chmod(0o700)


def test_file_locked_by_another_process_falls_back_to_memory(project):
    path = cache_path(project, "service")
    path.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(path)!r})
            con.execute("CREATE TABLE held (x INTEGER)")
            print("ready", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with DuckDbCache(path) as store:
            assert store.fell_back
            assert "lock" in (store.fallback_reason or "").lower()
            assert load(store, project).rows == 2
    finally:
        holder.communicate("\n", timeout=30)
    with DuckDbCache(path) as store:  # free again: the file is used
        assert not store.fell_back
