"""The store's tables, as the code reads and writes them (the migrations create them)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, SmallInteger, String, Table, Text

# What a citizen may send: bounded here so that no client can store more than the form allows.
MAX_COMMENT = 2000  # characters of the comment, and of each free-text answer
MAX_PAGE = 200  # characters of a page slug
MAX_SERVICE_ID = 100
RATINGS = range(1, 6)
EVENT_KINDS = ("page_view", "filter_change")

metadata = MetaData()

schema_version = Table(
    "datacites_schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

# Times are naive datetimes in UTC, the same in SQLite and PostgreSQL.
feedback = Table(
    "datacites_feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("service_id", String(MAX_SERVICE_ID), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("page", String(MAX_PAGE), nullable=False),
    Column("filters", JSON, nullable=False),
    Column("rating", SmallInteger, nullable=False),
    Column("comment", Text, nullable=True),
    Column("answers", JSON, nullable=False),
)

# One row per stored feedback, kept only while a limit window can count it (never the raw
# address: an HMAC of it, see store/limits.py).
feedback_limits = Table(
    "datacites_feedback_limits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("service_id", String(MAX_SERVICE_ID), nullable=False),
    Column("client_key", String(64), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
)

# The store's own random secret for those HMACs, when DATACITES_FEEDBACK_SECRET is not set.
store_secret = Table(
    "datacites_store_secret",
    metadata,
    Column("secret", String(64), nullable=False),
)

# Submissions refused by a limit, counted per day (UTC, ISO date) and reason: the team sees them.
REFUSAL_REASONS = ("session", "address", "day")
feedback_refusals = Table(
    "datacites_feedback_refusals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("service_id", String(MAX_SERVICE_ID), nullable=False),
    Column("day", String(10), nullable=False),
    Column("reason", String(20), nullable=False),
    Column("count", Integer, nullable=False),
)

events = Table(
    "datacites_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("service_id", String(MAX_SERVICE_ID), nullable=False),
    Column("session_id", String(64), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("page", String(MAX_PAGE), nullable=False),
    Column("detail", JSON, nullable=False),
)
