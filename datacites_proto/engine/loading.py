"""Datasets to tables: only when their files changed, all or nothing, every problem at once.

`load_dataset` asks the source for its fingerprint (file sizes and dates, the settings
that change parsing, the declared columns); when the metadata table already holds that
fingerprint and the table exists, nothing is read. Otherwise the source's `load` fills a
staging table (`<table>__loading`), and only when it succeeded is the staging table
swapped in, with the metadata, in one transaction: a failing reload raises `DataError`
and leaves the previous table as it was.

A source builds its table in `load` with the `LoadContext` helpers (`sources.base`,
`sources.reading`); this module knows only the source contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datacites_proto import progress
from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.blueprint.project_paths import PathRefused
from datacites_proto.engine.duckdb_cache import (
    DuckDbCache,
    drop_relation,
    forget_load,
    record_load,
    relation_kind,
)
from datacites_proto.errors import Problem
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.reading.conversion import family, ident
from datacites_proto.sources.reading.errors import DataError

_DATASET_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class LoadedTable:
    """A dataset's table in the embedded database."""

    dataset: str
    table: str  # DuckDB table name, e.g. "ds_measures" (quote it)
    columns: dict[str, str]  # name -> column type, in file order
    rows: int
    fingerprint: str


def cache_path(project_dir: Path, service_id: str) -> Path:
    """Where a service's database lives: `<project>/.datacites/cache/<service_id>.duckdb`."""
    return Path(project_dir) / ".datacites" / "cache" / f"{service_id}.duckdb"


def table_name(dataset_id: str) -> str:
    return f"ds_{dataset_id}"


# ---------------------------------------------------------------- datasets


_COLUMN_TYPES = {
    "VARCHAR": "string",
    "BIGINT": "integer",
    "DOUBLE": "number",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "datetime",
}


def _columns_of(cur: Any, table: str) -> dict[str, str]:
    rows = cur.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?"
        " AND database_name = current_database() AND schema_name = current_schema()"
        " ORDER BY column_index",
        [table],
    ).fetchall()
    return {name: _COLUMN_TYPES.get(kind) or family(kind) or "string" for name, kind in rows}


def load_dataset(
    store: DuckDbCache,
    dataset_id: str,
    dataset: Dataset,
    *,
    base_dir: Path,
    cache_dir: Path,
    force: bool = False,
    project_dir: Path | None = None,
) -> LoadedTable:
    """Materialise a file-backed dataset (only when its fingerprint changed); raise DataError
    with every located problem; never leave a partial table. No file outside `project_dir`
    (the blueprint's folder by default) is ever read, whatever validation said."""
    if not _DATASET_ID.fullmatch(dataset_id):
        raise ValueError(f"dataset id {dataset_id!r} is not a slug")
    source = dataset.source
    if source.remote:
        raise ValueError(f"dataset {dataset_id!r} is remote: it is queried where it is")
    table = table_name(dataset_id)
    project = Path(project_dir or base_dir)
    with store.loading_lock:
        try:
            return _load(
                store, dataset_id, dataset, table, Path(base_dir), Path(cache_dir), force, project
            )
        except PathRefused as refused:
            loc = ("datasets", dataset_id, "source")
            problem = Problem(refused.code, refused.params, file=refused.params["path"], loc=loc)
            raise DataError([problem], dataset=dataset_id) from None


def _load(
    store: DuckDbCache,
    dataset_id: str,
    dataset: Dataset,
    table: str,
    base_dir: Path,
    cache_dir: Path,
    force: bool,
    project_dir: Path,
) -> LoadedTable:
    source = dataset.source
    staging = f"{table}__loading"
    cur = store.con.cursor()
    try:
        ctx = LoadContext(dataset_id, dataset, base_dir, cache_dir, cur, project_dir)
        fingerprint = source.fingerprint(ctx)
        stored = store.stored(dataset_id)
        if not force and stored and stored.fingerprint == fingerprint and stored.table == table:
            return LoadedTable(dataset_id, table, stored.columns, stored.rows, fingerprint)
        drop_relation(cur, staging)  # left by a crash
        try:
            with progress.step("progress_loading", dataset=dataset_id):
                source.load(ctx, staging)
        except BaseException:
            drop_relation(cur, staging)
            if relation_kind(cur, table) == "VIEW":
                # A view reads the files as they are now, which just failed their checks:
                # unlike a copied table, it cannot go on serving the previous rows.
                forget_load(cur, dataset_id)
                drop_relation(cur, table)
            raise
        kind = relation_kind(cur, staging)  # a table, or a view over files read in place
        if kind is None:
            raise RuntimeError(f"{type(source).__name__}.load() did not create its table")
        columns = _columns_of(cur, staging)
        (rows,) = cur.execute(f"SELECT count(*) FROM {ident(staging)}").fetchone()
        cur.execute("BEGIN TRANSACTION")
        try:
            drop_relation(cur, table)
            cur.execute(f"ALTER {kind} {ident(staging)} RENAME TO {ident(table)}")
            record_load(cur, dataset_id, table, fingerprint, columns, rows)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            drop_relation(cur, staging)
            raise
        return LoadedTable(dataset_id, table, columns, rows, fingerprint)
    finally:
        cur.close()


__all__ = [
    "DataError",
    "LoadedTable",
    "cache_path",
    "load_dataset",
    "table_name",
]
