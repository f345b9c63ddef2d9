"""`sql` sources: tables and queries that stay in their own database, opened read-only."""

from __future__ import annotations

import datetime as dt
import decimal
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, cast

import pandas as pd
import sqlalchemy as sa

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.blueprint.project_paths import PathRefused, project_file
from datacites_proto.engine.catalog import DatasetTable, table_for
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.sources.base import ENV_VAR_RE, RemoteSource

SAMPLE_ROWS = 200


def expand_env(url: str) -> str:
    """`${VAR}` replaced by the environment's value; a missing variable is an error."""

    def value(match: Any) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise QueryError("env_var_missing", name=name)
        return os.environ[name]

    return ENV_VAR_RE.sub(value, url)


def _file_url(url: sa.URL, base_dir: Path, project_dir: Path | None = None) -> sa.URL:
    """SQLite and DuckDB file paths are relative to the blueprint's folder; with
    `project_dir` (a path written in the blueprint) the file must stay in the project."""
    database = url.database
    if not database or database == ":memory:":
        return url
    if project_dir is not None:
        try:
            path = project_file(database, base_dir, project_dir)
        except PathRefused as refused:
            raise QueryError(refused.code, **refused.params) from None
        return url.set(database=str(path))
    if not Path(database).is_absolute():
        return url.set(database=str((base_dir / database).resolve()))
    return url


class RemoteDatabases:
    """One read-only SQLAlchemy engine per database URL, shared by the datasets that use it."""

    def __init__(self, base_dir: Path, project_dir: Path | None = None) -> None:
        self.base_dir = base_dir
        self.project_dir = project_dir or base_dir
        self._engines: dict[str, sa.Engine] = {}
        self._lock = threading.Lock()

    def engine(self, raw_url: str) -> sa.Engine:
        url = sa.make_url(expand_env(raw_url))
        backend = url.get_backend_name()
        if backend in ("sqlite", "duckdb"):
            # A path written in the blueprint is a project file; one that comes from the
            # environment (`${DB_PATH}`) is the operator's choice.
            written = None if ENV_VAR_RE.search(raw_url) else self.project_dir
            url = _file_url(url, self.base_dir, written)
        key = url.render_as_string(hide_password=False)
        with self._lock:
            if key not in self._engines:
                self._engines[key] = _read_only_engine(url)
            return self._engines[key]

    def dispose(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()


def _read_only_engine(url: sa.URL) -> sa.Engine:
    backend = url.get_backend_name()
    if backend == "sqlite" and url.database not in (None, "", ":memory:"):
        # SQLite opens files read-only only through a URI.
        path = url.database

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

        return sa.create_engine("sqlite://", creator=connect)
    if backend == "duckdb":
        return sa.create_engine(url, connect_args={"read_only": True})
    if backend == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True).execution_options(postgresql_readonly=True)
    return sa.create_engine(url, pool_pre_ping=True)


def _column_type(series: pd.Series) -> str | None:
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    sample = series.dropna()
    if sample.empty:
        return None
    first = sample.iloc[0]
    if isinstance(first, dt.datetime):
        return "datetime"
    if isinstance(first, dt.date):
        return "date"
    if isinstance(first, (int, decimal.Decimal, float)) and not isinstance(first, bool):
        return "number" if isinstance(first, (float, decimal.Decimal)) else "integer"
    if isinstance(first, bool):
        return "boolean"
    return "string"


def remote_table(ds_id: str, dataset: Dataset, databases: RemoteDatabases) -> DatasetTable:
    """The selectable of a remote dataset, with columns from its declaration and a sample."""
    # No type test: a source whose `remote` flag is set keeps the RemoteSource contract.
    source = cast(RemoteSource, dataset.source).target()
    engine = databases.engine(source.url)
    if source.table is not None:
        schema, _, name = source.table.rpartition(".")
        base: Any = sa.table(name, schema=schema or None)
        sample = sa.select(sa.text("*")).select_from(base).limit(SAMPLE_ROWS)
    else:
        # The team's own read-only SELECT (checked at validation), used as a subquery.
        base = sa.text(source.query).columns().subquery("q")
        sample = sa.select(sa.text("*")).select_from(base).limit(SAMPLE_ROWS)
    try:
        with engine.connect() as conn:
            frame = pd.DataFrame(conn.execute(sample).mappings().all())
            if frame.empty:
                names = list(conn.execute(sample).keys())
                frame = pd.DataFrame(columns=names)
    except sa.exc.SQLAlchemyError as exc:
        raise QueryError(
            "sql_source_failed", dataset=ds_id, detail=str(exc.orig or exc).splitlines()[0]
        ) from None
    columns: dict[str, str | None] = {name: _column_type(frame[name]) for name in frame.columns}
    for name, spec in dataset.columns.items():
        columns[name] = spec.type
    if source.table is not None:
        schema, _, name = source.table.rpartition(".")
        selectable: Any = table_for(name, columns, schema=schema or None)
    else:
        text = sa.text(source.query).columns(*(sa.column(c) for c in columns))  # type: ignore[arg-type]
        selectable = text.subquery(ds_id)
    return DatasetTable(ds_id, selectable, columns, engine, backend=engine.url.render_as_string())
