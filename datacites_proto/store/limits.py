"""Feedback limits counted in the store, so that they hold across processes and replicas.

Two limits live here: stored feedback per client address (a keyed hash of it, never the
address itself) over a window, and stored feedback per service over the last 24 hours.
The count and the insert run in one transaction that excludes other writers of the same
service (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so concurrent
submissions cannot both pass a limit that only one of them fits under.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import os
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select, text, update

from datacites_proto.store import models
from datacites_proto.store.errors import FeedbackLimited

SECRET_ENV = "DATACITES_FEEDBACK_SECRET"
DAY = dt.timedelta(days=1)
KEY_TTL = DAY  # a hashed key is deleted once no window (at most a day) can count it
# Any int4 constant: with hashtext(service_id), the advisory lock of one service's feedback.
_PG_LOCK_CLASS = 0x0DA7


def lock_service(conn: Connection, service_id: str) -> None:
    """Exclude the other writers of this service's feedback until the transaction ends."""
    _lock(conn, service_id)


@dataclass(frozen=True)
class StoreLimits:
    """The limits the store counts itself (0 means no limit)."""

    per_address: int = 20
    address_window: dt.timedelta = dt.timedelta(hours=1)
    per_day: int = 1000


def env_secret() -> str | None:
    """DATACITES_FEEDBACK_SECRET, when set (it keeps the secret out of the database)."""
    return os.environ.get(SECRET_ENV, "").strip() or None


def client_key(secret: str, service_id: str, address: str) -> str:
    """An HMAC-SHA256 of the address, keyed by the server's secret: the raw address is never kept."""
    message = f"{service_id}\n{address}".encode()
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def _minutes_until(instant: dt.datetime, now: dt.datetime) -> int:
    return max(1, math.ceil((instant - now).total_seconds() / 60))


def _lock(conn: Connection, service_id: str) -> None:
    # SQLite: the transaction began with BEGIN IMMEDIATE, which already excludes writers.
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:cls, hashtext(:service))"),
            {"cls": _PG_LOCK_CLASS, "service": service_id},
        )


def _nth_newest(conn: Connection, created_at, where, n: int) -> dt.datetime | None:  # type: ignore[no-untyped-def]
    """The time of the n-th newest row: once it leaves the window, one more fits."""
    query = select(created_at).where(*where).order_by(created_at.desc()).offset(n - 1).limit(1)
    return conn.execute(query).scalar()


def check_and_record(
    conn: Connection,
    service_id: str,
    key: str | None,
    limits: StoreLimits,
    now: dt.datetime,
) -> FeedbackLimited | None:
    """The limit reached (its refusal counted), else None and this feedback counted."""
    _lock(conn, service_id)
    try:
        _check(conn, service_id, key, limits, now)
    except FeedbackLimited as refused:
        count_refusal(conn, service_id, refused.reason, now)
        return refused
    if key is not None:
        table = models.feedback_limits
        conn.execute(table.insert().values(service_id=service_id, client_key=key, created_at=now))
        conn.execute(
            delete(table).where(
                table.c.service_id == service_id, table.c.created_at < now - KEY_TTL
            )
        )
    return None


def _check(
    conn: Connection, service_id: str, key: str | None, limits: StoreLimits, now: dt.datetime
) -> None:
    if key is not None and limits.per_address > 0:
        table = models.feedback_limits
        where = (
            table.c.service_id == service_id,
            table.c.client_key == key,
            table.c.created_at > now - limits.address_window,
        )
        oldest = _nth_newest(conn, table.c.created_at, where, limits.per_address)
        if oldest is not None:
            raise FeedbackLimited(
                "feedback_limit_address",
                reason="address",
                minutes=_minutes_until(oldest + limits.address_window, now),
                limit=limits.per_address,
                window=int(limits.address_window.total_seconds() // 60),
            )
    if limits.per_day > 0:
        table = models.feedback
        where = (table.c.service_id == service_id, table.c.created_at > now - DAY)
        oldest = _nth_newest(conn, table.c.created_at, where, limits.per_day)
        if oldest is not None:
            raise FeedbackLimited(
                "feedback_limit_day",
                reason="day",
                minutes=_minutes_until(oldest + DAY, now),
                limit=limits.per_day,
            )


def count_refusal(conn: Connection, service_id: str, reason: str, now: dt.datetime) -> None:
    """One more refusal of `reason` today (called under the service's lock: no race)."""
    table = models.feedback_refusals
    day = now.date().isoformat()
    mine = (table.c.service_id == service_id, table.c.day == day, table.c.reason == reason)
    updated = conn.execute(update(table).where(*mine).values(count=table.c.count + 1))
    if not updated.rowcount:
        conn.execute(table.insert().values(service_id=service_id, day=day, reason=reason, count=1))


def count_keys(conn: Connection) -> int:
    """How many hashed keys the store holds (for tests and the purge's report)."""
    return int(conn.execute(select(func.count()).select_from(models.feedback_limits)).scalar() or 0)
