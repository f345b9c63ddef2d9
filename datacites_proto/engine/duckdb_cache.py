"""The service's embedded DuckDB database: one file under the project, or memory.

The file is a cache (`.datacites/cache/<service>.duckdb`): it can be deleted at any
time. When it cannot be opened (another process holds its lock, the folder is read
only), the store falls back to an in-memory database and says so in `fallback_reason`.

A small metadata table, `_datacites_loads`, remembers for each dataset the table that
holds it, the fingerprint of the files it was loaded from, its columns and row count.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from datacites_proto.sources.reading.conversion import ident

META_TABLE = "_datacites_loads"


@dataclass(frozen=True)
class StoredLoad:
    """What the metadata table says about a dataset's table."""

    dataset: str
    table: str
    fingerprint: str
    columns: dict[str, str]
    rows: int
    loaded_at: dt.datetime


class DuckDbCache:
    """One DuckDB database and its single connection; threads use `con.cursor()`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fallback_reason: str | None = None
        self._engine: Any = None
        self._lock = threading.Lock()
        self.loading_lock = threading.RLock()  # one load at a time: they share staging names
        self._con = self._open(path)

    def _open(self, path: Path | None) -> duckdb.DuckDBPyConnection:
        if path is not None:
            con = None
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                con = duckdb.connect(str(path))
                _create_meta(con)
                return con
            except (duckdb.Error, OSError) as exc:
                # Locked by another process, read-only folder, not a database: use memory.
                self.fallback_reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                if con is not None:
                    con.close()
        con = duckdb.connect(":memory:")
        _create_meta(con)
        return con

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self._con

    @property
    def in_memory(self) -> bool:
        """True when nothing is kept between runs (asked for, or after a fallback)."""
        return self.path is None or self.fallback_reason is not None

    @property
    def fell_back(self) -> bool:
        """True when the database file could not be opened and memory is used instead."""
        return self.fallback_reason is not None

    def sqlalchemy_engine(self) -> Any:
        """A SQLAlchemy engine over the same database (duckdb-engine; each pooled connection a cursor)."""
        with self._lock:
            if self._engine is None:
                import duckdb_engine
                import sqlalchemy

                self._engine = sqlalchemy.create_engine(
                    "duckdb://",
                    creator=lambda: duckdb_engine.ConnectionWrapper(self._con.cursor()),
                )
            return self._engine

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
        self._con.close()

    def __enter__(self) -> DuckDbCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Metadata -----------------------------------------------------------------------

    def stored(self, dataset: str) -> StoredLoad | None:
        """The last successful load of `dataset`, if its table still exists."""
        cur = self._con.cursor()
        try:
            row = cur.execute(
                f"SELECT dataset, table_name, fingerprint, columns, row_count, loaded_at"
                f" FROM {META_TABLE} WHERE dataset = ? ORDER BY loaded_at DESC LIMIT 1",
                [dataset],
            ).fetchone()
            if row is None or not table_exists(cur, row[1]):
                return None
        finally:
            cur.close()
        columns = dict(json.loads(row[3]))
        return StoredLoad(row[0], row[1], row[2], columns, row[4], row[5])

    def loads(self) -> list[StoredLoad]:
        """Every dataset of the metadata table, by name."""
        cur = self._con.cursor()
        try:
            names = cur.execute(f"SELECT DISTINCT dataset FROM {META_TABLE} ORDER BY dataset")
            found = [name for (name,) in names.fetchall()]
        finally:
            cur.close()
        return [s for name in found if (s := self.stored(name)) is not None]


def _create_meta(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {META_TABLE} ("
        "dataset VARCHAR NOT NULL, table_name VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL,"
        " columns VARCHAR NOT NULL, row_count BIGINT NOT NULL, loaded_at TIMESTAMP NOT NULL)"
    )


def relation_kind(cur: Any, name: str) -> str | None:
    """ "TABLE" or "VIEW" when `name` is a table or view of the database (not temporary)."""
    found = cur.execute(
        "SELECT 'TABLE' FROM duckdb_tables() WHERE table_name = ? AND NOT temporary"
        " AND schema_name = current_schema()"
        " UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE view_name = ? AND NOT temporary"
        " AND NOT internal AND schema_name = current_schema()",
        [name, name],
    ).fetchone()
    return found[0] if found else None


def table_exists(cur: Any, table: str) -> bool:
    """True when a dataset's relation exists: a table, or a view over files read in place."""
    return relation_kind(cur, table) is not None


def drop_relation(cur: Any, name: str) -> None:
    """Drop the table or view `name` if there is one."""
    kind = relation_kind(cur, name)
    if kind is not None:
        cur.execute(f"DROP {kind} {ident(name)}")


def record_load(
    cur: Any, dataset: str, table: str, fingerprint: str, columns: dict[str, str], rows: int
) -> None:
    """Remember a load (inside the caller's transaction)."""
    cur.execute(f"DELETE FROM {META_TABLE} WHERE dataset = ?", [dataset])
    cur.execute(
        f"INSERT INTO {META_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
        [dataset, table, fingerprint, json.dumps(list(columns.items())), rows, _now()],
    )


def forget_load(cur: Any, dataset: str) -> None:
    """Forget a dataset's load: it is read again from its files on next use."""
    cur.execute(f"DELETE FROM {META_TABLE} WHERE dataset = ?", [dataset])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
