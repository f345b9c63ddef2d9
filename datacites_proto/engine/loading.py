"""Datasets to tables: only when their files changed, all or nothing, every problem at once.

`load_dataset` asks the source for its fingerprint (file sizes and dates, the settings
that change parsing, the declared columns); when the metadata table already holds that
fingerprint and the table exists, nothing is read. Otherwise the source's `load` fills a
staging table (`<table>__loading`), and only when it succeeded is the staging table
swapped in, with the metadata, in one transaction: a failing reload raises `DataError`
and leaves the previous table as it was.

The `load_*_file` functions are what sources call from their `load` (the downloaders
too, on their cached copy): a reader (`engine.readers`) exposes the rows, then
`materialise` checks and converts them (`engine.constraints`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.blueprint.project_paths import PathRefused
from datacites_proto.engine import readers
from datacites_proto.engine.constraints import check_rows, plan_columns
from datacites_proto.engine.conversion import family, ident
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.store import LocalStore, record_load, table_exists
from datacites_proto.errors import Problem
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.files import existing_files

# Bump when loading rules change: every cached table is then rebuilt once.
LOADER_VERSION = "1"
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


# ---------------------------------------------------------------- fingerprints


def declared_fingerprint(dataset: Dataset) -> dict[str, Any]:
    """What of the blueprint changes the table: declared columns and key."""
    return {
        "columns": {n: s.model_dump(mode="json") for n, s in dataset.columns.items()},
        "key": dataset.key_columns,
    }


def file_fingerprint(ctx: LoadContext, pattern: str, **settings: Any) -> str:
    """A hash of the size and modification time of every file matching `pattern` (a path or
    glob relative to the blueprint), of parsing `settings` and of the declared columns."""
    files = existing_files(ctx.base_dir, pattern, ctx.project_dir)
    return paths_fingerprint(ctx, files, pattern=pattern, **settings)


def paths_fingerprint(ctx: LoadContext, files: list[Path], **settings: Any) -> str:
    """Like `file_fingerprint`, for files already found (a downloaded copy, say)."""
    stats = []
    for path in files:
        try:
            st = path.stat()
            stats.append([ctx.display(path), st.st_size, st.st_mtime_ns])
        except OSError:
            stats.append([ctx.display(path), None, None])
    document = {
        "loader": LOADER_VERSION,
        "files": stats or "missing",
        "settings": settings,
        **declared_fingerprint(ctx.dataset),
    }
    text = json.dumps(document, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- format loaders


def materialise(ctx: LoadContext, raw: readers.RawTable, table: str) -> None:
    """Check the raw rows and, when every check passed, create `table` with typed columns."""
    typed = f"__typed_{table}"
    try:
        plans, problems = plan_columns(raw, ctx.dataset, ctx.dataset_id)
        problems = raw.problems + problems
        with readers.unreadable(ctx, raw.file):  # e.g. a Parquet file damaged past its footer
            problems += check_rows(ctx.con, raw, plans, ctx.dataset, ctx.dataset_id, typed)
        raw.cleanup()  # everything is in `typed` now: free the raw cells before copying
        if problems:
            raise readers.fail(problems, ctx)
        columns = ", ".join(f"{p.t} AS {ident(p.name)}" for p in plans)
        order = "" if raw.ordered else " ORDER BY __loc"
        ctx.con.execute(
            f"CREATE OR REPLACE TABLE {ident(table)} AS SELECT {columns} FROM {ident(typed)}{order}"
        )
    finally:
        ctx.con.execute(f"DROP TABLE IF EXISTS {ident(typed)}")
        raw.cleanup()


def load_csv_file(
    ctx: LoadContext,
    table: str,
    path: Path,
    *,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
) -> None:
    """Load a CSV file (French conventions detected; explicit settings win)."""
    materialise(
        ctx, readers.read_csv(ctx, path, sep=sep, decimal=decimal, encoding=encoding), table
    )


def load_parquet_files(
    ctx: LoadContext, table: str, pattern: str, files: list[Path] | None = None
) -> None:
    """Load one Parquet file or every file of a glob (relative to the blueprint)."""
    materialise(ctx, readers.read_parquet(ctx, pattern, files), table)


def load_geojson_file(ctx: LoadContext, table: str, path: Path) -> None:
    """Load a GeoJSON FeatureCollection: properties, then `geometry` as GeoJSON text."""
    materialise(ctx, readers.read_geojson(ctx, path), table)


def load_excel_file(
    ctx: LoadContext, table: str, path: Path, sheet: str | int | None = None
) -> None:
    """Load one sheet of an .xlsx workbook."""
    materialise(ctx, readers.read_excel(ctx, path, sheet), table)


def load_file(ctx: LoadContext, table: str, path: Path, file_format: str, **options: Any) -> None:
    """Load a local file of a known format ("csv", "parquet", "geojson", "excel")."""
    if file_format == "csv":
        load_csv_file(ctx, table, path, **options)
    elif file_format == "parquet":
        load_parquet_files(ctx, table, str(path), [path])
    elif file_format == "geojson":
        load_geojson_file(ctx, table, path)
    elif file_format == "excel":
        load_excel_file(ctx, table, path, options.get("sheet"))
    else:
        raise ValueError(f"cannot load the format {file_format!r}")


def single_file(ctx: LoadContext, pattern: str) -> Path:
    """The one file a path (or a glob matching one file) names; DataError otherwise."""
    files = existing_files(ctx.base_dir, pattern, ctx.project_dir)
    if len(files) == 1:
        return files[0]
    shown = ctx.display(ctx.base_dir / pattern)
    if files:
        params = {"pattern": pattern, "count": len(files), "path": shown}
        problem = Problem("data_many_files", params, file=shown)
    else:
        problem = Problem("file_missing", {"path": shown}, file=shown)
    raise readers.fail([problem], ctx)


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
    store: LocalStore,
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
    store: LocalStore,
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
        cur.execute(f"DROP TABLE IF EXISTS {ident(staging)}")  # left by a crash
        try:
            source.load(ctx, staging)
        except BaseException:
            cur.execute(f"DROP TABLE IF EXISTS {ident(staging)}")
            raise
        if not table_exists(cur, staging):
            raise RuntimeError(f"{type(source).__name__}.load() did not create its table")
        columns = _columns_of(cur, staging)
        (rows,) = cur.execute(f"SELECT count(*) FROM {ident(staging)}").fetchone()
        cur.execute("BEGIN TRANSACTION")
        try:
            cur.execute(f"DROP TABLE IF EXISTS {ident(table)}")
            cur.execute(f"ALTER TABLE {ident(staging)} RENAME TO {ident(table)}")
            record_load(cur, dataset_id, table, fingerprint, columns, rows)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            cur.execute(f"DROP TABLE IF EXISTS {ident(staging)}")
            raise
        return LoadedTable(dataset_id, table, columns, rows, fingerprint)
    finally:
        cur.close()


__all__ = [
    "DataError",
    "LoadedTable",
    "cache_path",
    "file_fingerprint",
    "load_csv_file",
    "load_dataset",
    "load_excel_file",
    "load_file",
    "load_geojson_file",
    "load_parquet_files",
    "materialise",
    "paths_fingerprint",
    "single_file",
    "table_name",
]
