"""Where the store lives and how to connect to it: a SQLite file by default, PostgreSQL when
DATACITES_STORE_URL says so."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from datacites_proto.store.errors import StoreError

STORE_ENV = "DATACITES_STORE_URL"
STORE_FILE = Path(".datacites") / "store.sqlite"
# A writer waits this long for another one to finish instead of failing at once.
BUSY_TIMEOUT_MS = 30_000
SUPPORTED = ("sqlite", "postgresql")
WAL_ATTEMPTS = 100


def store_url(project_dir: Path) -> str:
    """DATACITES_STORE_URL, else the project's own SQLite file `.datacites/store.sqlite`."""
    configured = os.environ.get(STORE_ENV, "").strip()
    if configured:
        return configured
    return f"sqlite:///{(project_dir / STORE_FILE).resolve()}"


def shown(url: str | URL) -> str:
    """The URL without its password, fit for a message."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "?"


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError("store_bad_url", env=STORE_ENV) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise StoreError("store_unsupported", env=STORE_ENV, backend=backend)
    if parsed.drivername == "postgresql":  # SQLAlchemy would pick psycopg2; ours is psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL (readers never block the writer); it stays so once done."""
    # Switching needs a moment alone with a new file, and SQLite does not wait for it
    # through busy_timeout when other connections are opening it at the same time.
    for _ in range(WAL_ATTEMPTS - 1):
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError:
            time.sleep(0.05)
    cursor.execute("PRAGMA journal_mode = WAL")


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        try:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("store_unreachable", url=shown(url), detail=str(exc)) from None
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # pysqlite's own transactions start late and skip DDL: we say BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL, fewer fsyncs
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        # IMMEDIATE takes the write lock at once: two writers queue on busy_timeout
        # instead of one failing when it upgrades a read lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_store_engine(url: str) -> Engine:
    """An engine for the store at `url`; a clear StoreError when it cannot be made."""
    parsed = _parse(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError):
        raise StoreError(
            "store_driver_missing", command='pip install "datacites-proto[postgres]"'
        ) from None
