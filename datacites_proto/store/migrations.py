"""The store's schema, built by an ordered list of migrations applied when it is opened.

Alembic would be one more tool and one more folder of scripts for two tables; here the
schema version is one row in `datacites_schema_version` and migration N brings a store
from version N-1 to N. Each migration declares the tables as they were at its version
(never the current models), so that an old store always upgrades the same way. Append
new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

from datacites_proto.store.errors import StoreError
from datacites_proto.store.models import schema_version

# Any constant: PostgreSQL serialises the processes that migrate the same database.
_PG_LOCK_KEY = 0x0DA7AC17


def _v1_feedback(conn: Connection) -> None:
    """Version 1: the citizens' feedback."""
    meta = MetaData()
    table = Table(
        "datacites_feedback",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("service_id", String(100), nullable=False),
        Column("created_at", DateTime(timezone=False), nullable=False),
        Column("page", String(200), nullable=False),
        Column("filters", JSON, nullable=False),
        Column("rating", SmallInteger, nullable=False),
        Column("comment", Text, nullable=True),
        Column("answers", JSON, nullable=False),
    )
    Index("ix_datacites_feedback_service_created", table.c.service_id, table.c.created_at)
    meta.create_all(conn)


def _v2_events(conn: Connection) -> None:
    """Version 2: anonymous usage events (page views, filter changes)."""
    meta = MetaData()
    table = Table(
        "datacites_events",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("service_id", String(100), nullable=False),
        Column("session_id", String(64), nullable=False),
        Column("created_at", DateTime(timezone=False), nullable=False),
        Column("kind", String(20), nullable=False),
        Column("page", String(200), nullable=False),
        Column("detail", JSON, nullable=False),
    )
    Index("ix_datacites_events_service_created", table.c.service_id, table.c.created_at)
    meta.create_all(conn)


def _v3_feedback_limits(conn: Connection) -> None:
    """Version 3: hashed client keys counted by the feedback limits, and the store's secret."""
    meta = MetaData()
    table = Table(
        "datacites_feedback_limits",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("service_id", String(100), nullable=False),
        Column("client_key", String(64), nullable=False),
        Column("created_at", DateTime(timezone=False), nullable=False),
    )
    Index(
        "ix_datacites_feedback_limits_key",
        table.c.service_id,
        table.c.client_key,
        table.c.created_at,
    )
    secret = Table("datacites_store_secret", meta, Column("secret", String(64), nullable=False))
    meta.create_all(conn)
    # Made once, under the migration's lock: every process sharing the store hashes alike.
    conn.execute(secret.insert().values(secret=secrets.token_hex(32)))


def _v4_feedback_refusals(conn: Connection) -> None:
    """Version 4: how many submissions the limits refused, per service, day and reason."""
    meta = MetaData()
    table = Table(
        "datacites_feedback_refusals",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("service_id", String(100), nullable=False),
        Column("day", String(10), nullable=False),
        Column("reason", String(20), nullable=False),
        Column("count", Integer, nullable=False),
    )
    Index(
        "ux_datacites_feedback_refusals",
        table.c.service_id,
        table.c.day,
        table.c.reason,
        unique=True,
    )
    meta.create_all(conn)


def _v5_assessments(conn: Connection) -> None:
    """Version 5: maturity self-assessments (answers, submitted editions) and peers' results."""
    meta = MetaData()
    answers = Table(
        "datacites_assessment_answers",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("service_id", String(100), nullable=False),
        Column("questionnaire", String(100), nullable=False),
        Column("collectivite", String(20), nullable=False),
        Column("year", Integer, nullable=False),
        Column("status", String(10), nullable=False),
        Column("affirmation", String(100), nullable=False),
        Column("level", SmallInteger, nullable=True),
        Column("evidence", Text, nullable=True),
        Column("updated_at", DateTime(timezone=False), nullable=False),
    )
    Index(
        "ux_datacites_assessment_answers",
        *(answers.c[name] for name in ("questionnaire", "collectivite", "year", "status")),
        answers.c.affirmation,
        unique=True,
    )
    editions = Table(
        "datacites_assessment_editions",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("service_id", String(100), nullable=False),
        Column("questionnaire", String(100), nullable=False),
        Column("collectivite", String(20), nullable=False),
        Column("year", Integer, nullable=False),
        Column("submitted_at", DateTime(timezone=False), nullable=False),
        Column("version", Integer, nullable=False),
    )
    Index(
        "ux_datacites_assessment_editions",
        editions.c.questionnaire,
        editions.c.collectivite,
        editions.c.year,
        unique=True,
    )
    peers = Table(
        "datacites_assessment_peers",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("questionnaire", String(100), nullable=False),
        Column("collectivite", String(20), nullable=False),
        Column("name", String(200), nullable=False),
        Column("status", String(20), nullable=False),
        Column("population", Integer, nullable=False),
        Column("year", Integer, nullable=False),
        Column("levels", JSON, nullable=False),
        Column("imported_at", DateTime(timezone=False), nullable=False),
    )
    Index(
        "ux_datacites_assessment_peers",
        peers.c.questionnaire,
        peers.c.collectivite,
        peers.c.year,
        unique=True,
    )
    meta.create_all(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1_feedback,
    _v2_events,
    _v3_feedback_limits,
    _v4_feedback_refusals,
    _v5_assessments,
]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """The version of the store's schema (0 for an empty database)."""
    if not inspect(conn).has_table(schema_version.name):
        return 0
    return conn.execute(select(schema_version.c.version)).scalar() or 0


def migrate(engine: Engine, upto: int = LATEST) -> int:
    """Bring the store up to version `upto` (the latest by default); returns the version."""
    with engine.begin() as conn:  # one transaction: a failed migration leaves nothing behind
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        # (SQLite: the transaction began with BEGIN IMMEDIATE, which already excludes writers.)
        version = current_version(conn)
        if version > LATEST:
            raise StoreError("store_too_new", version=version, latest=LATEST)
        if version >= upto:
            return version
        schema_version.create(conn, checkfirst=True)
        for number in range(version + 1, upto + 1):
            MIGRATIONS[number - 1](conn)
        if version == 0:
            conn.execute(schema_version.insert().values(version=upto))
        else:
            conn.execute(schema_version.update().values(version=upto))
        return upto
