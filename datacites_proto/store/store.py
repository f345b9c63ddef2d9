"""The store of citizens' feedback and usage events, shared by every session of the app."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, delete, func, select
from sqlalchemy.exc import DBAPIError

from datacites_proto.store import models
from datacites_proto.store.assessments import AssessmentStore
from datacites_proto.store.connection import create_store_engine, shown
from datacites_proto.store.errors import FeedbackRejected, StoreError
from datacites_proto.store.limits import (
    KEY_TTL,
    StoreLimits,
    check_and_record,
    client_key,
    count_refusal,
    env_secret,
    lock_service,
)
from datacites_proto.store.migrations import migrate

log = logging.getLogger("datacites_proto.store")


# Feedback sent from the first instant (included) to the second (excluded), UTC; None: open.
Window = tuple[dt.datetime | None, dt.datetime | None] | None


def _within(table: Any, window: Window) -> list[Any]:
    """The conditions keeping the rows created within `window`."""
    if window is None:
        return []
    since, until = window
    conditions = []
    if since is not None:
        conditions.append(table.c.created_at >= since)
    if until is not None:
        conditions.append(table.c.created_at < until)
    return conditions


def utc_now() -> dt.datetime:
    """Now, in UTC, without a time zone (how the store keeps times)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _bounded(text: str | None, limit: int, code: str) -> str | None:
    if text is None:
        return None
    text = str(text).strip()
    if len(text) > limit:
        raise FeedbackRejected(code, limit=limit, length=len(text))
    return text or None


def _answer(value: Any) -> Any:
    if isinstance(value, str):
        return _bounded(value, models.MAX_COMMENT, "feedback_answer_too_long")
    if value is None or isinstance(value, (int, float, bool)):
        return value
    raise FeedbackRejected("feedback_bad_answer")


@dataclass(frozen=True)
class PurgeResult:
    """How many rows a purge deleted."""

    feedback: int
    events: int


@dataclass(frozen=True)
class Summary:
    """What the team page shows: counts computed by the database."""

    count: int
    average: float | None
    ratings_by_day: list[tuple[str, int, int]]  # (day, rating, count)
    ratings: dict[int, int]  # rating → count
    page_views: list[tuple[str, int]]  # (page, views), most viewed first
    filter_uses: list[tuple[str, int]]  # (filter id, changes), most used first
    sessions: int


class Store(AssessmentStore):
    """Feedback, events and self-assessments of one or more services, in SQLite or PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._secret: str | None = None

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to the store at `url` and bring its schema up to date."""
        engine = create_store_engine(url)
        try:
            migrate(engine)
        except DBAPIError as exc:
            engine.dispose()
            detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
            raise StoreError("store_unreachable", url=shown(url), detail=detail) from None
        return cls(engine)

    @property
    def url(self) -> str:
        """The store's URL without password."""
        return shown(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def client_key(self, service_id: str, address: str) -> str:
        """The keyed hash under which the limits count an address (never the address itself)."""
        if self._secret is None:
            secret = env_secret()
            if secret is None:
                with self.engine.connect() as conn:
                    secret = conn.execute(select(models.store_secret.c.secret)).scalar()
            if not secret:
                raise StoreError("store_no_secret", url=self.url)
            self._secret = secret
        return client_key(self._secret, service_id, address)

    # ------------------------------------------------------------------ writing

    def add_feedback(
        self,
        service_id: str,
        *,
        page: str,
        rating: int,
        comment: str | None = None,
        filters: Mapping[str, Any] | None = None,
        answers: Mapping[str, Any] | None = None,
        at: dt.datetime | None = None,
        address: str | None = None,
        limits: StoreLimits | None = None,
    ) -> int:
        """Store one feedback; checks the form's rules again (a client can be forged).

        With `limits`, the count per address (hashed) and per day is checked and updated
        in the same transaction as the insert: FeedbackLimited when one is reached.
        """
        if isinstance(rating, bool) or not isinstance(rating, int) or rating not in models.RATINGS:
            raise FeedbackRejected("feedback_bad_rating", rating=rating)
        row = {
            "service_id": service_id[: models.MAX_SERVICE_ID],
            "created_at": at or utc_now(),
            "page": page[: models.MAX_PAGE],
            "filters": dict(filters or {}),
            "rating": rating,
            "comment": _bounded(comment, models.MAX_COMMENT, "feedback_comment_too_long"),
            "answers": {str(k)[:100]: _answer(v) for k, v in (answers or {}).items()},
        }
        key = self.client_key(service_id, address) if address is not None else None
        refused = None
        with self.engine.begin() as conn:
            if limits is not None:
                refused = check_and_record(conn, row["service_id"], key, limits, row["created_at"])
            if refused is None:
                result = conn.execute(models.feedback.insert().values(**row))
        if refused is not None:  # told once the count of refusals is committed
            raise refused
        return int(result.inserted_primary_key[0])

    def add_refusal(self, service_id: str, reason: str, *, at: dt.datetime | None = None) -> None:
        """Count one submission refused by a limit checked outside the store (per session)."""
        if reason not in models.REFUSAL_REASONS:
            raise ValueError(f"unknown refusal reason {reason!r}")
        service_id = service_id[: models.MAX_SERVICE_ID]
        with self.engine.begin() as conn:
            lock_service(conn, service_id)
            count_refusal(conn, service_id, reason, at or utc_now())

    def add_event(
        self,
        service_id: str,
        session_id: str,
        kind: str,
        page: str,
        detail: Mapping[str, Any] | None = None,
        *,
        at: dt.datetime | None = None,
    ) -> None:
        """Store one anonymous usage event (`page_view` or `filter_change`)."""
        if kind not in models.EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        with self.engine.begin() as conn:
            conn.execute(
                models.events.insert().values(
                    service_id=service_id[: models.MAX_SERVICE_ID],
                    session_id=session_id[:64],
                    created_at=at or utc_now(),
                    kind=kind,
                    page=page[: models.MAX_PAGE],
                    detail=dict(detail or {}),
                )
            )

    # ------------------------------------------------------------------ reading

    def feedback_rows(self, service_id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """The service's feedback, newest first."""
        table = models.feedback
        query = (
            select(table)
            .where(table.c.service_id == service_id)
            .order_by(table.c.created_at.desc(), table.c.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def feedback_count(self, service_id: str, window: Window = None) -> int:
        """How many feedback the service has (sent within `window`, when given)."""
        table = models.feedback
        query = select(func.count()).where(
            table.c.service_id == service_id, *_within(table, window)
        )
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def feedback_page(
        self, service_id: str, offset: int, limit: int, window: Window = None
    ) -> list[dict[str, Any]]:
        """One page of the service's feedback, newest first (the team view pages through all)."""
        table = models.feedback
        query = (
            select(table)
            .where(table.c.service_id == service_id, *_within(table, window))
            .order_by(table.c.created_at.desc(), table.c.id.desc())
            .offset(max(0, offset))
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def answers(self, service_id: str, window: Window = None) -> list[dict[str, Any]]:
        """The answers of every feedback of the service (their JSON differs by engine)."""
        table = models.feedback
        query = select(table.c.answers).where(
            table.c.service_id == service_id, *_within(table, window)
        )
        with self.engine.connect() as conn:
            return [dict(a or {}) for a in conn.execute(query).scalars()]

    def refusals(self, service_id: str, since: dt.date) -> dict[str, int]:
        """Submissions refused by the limits since `since` (a UTC day), per reason."""
        table = models.feedback_refusals
        query = (
            select(table.c.reason, func.sum(table.c.count))
            .where(table.c.service_id == service_id, table.c.day >= since.isoformat())
            .group_by(table.c.reason)
        )
        with self.engine.connect() as conn:
            return {str(reason): int(n) for reason, n in conn.execute(query)}

    def events_rows(self, service_id: str) -> list[dict[str, Any]]:
        """The service's usage events, oldest first."""
        table = models.events
        query = select(table).where(table.c.service_id == service_id).order_by(table.c.id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def summary(self, service_id: str, window: Window = None) -> Summary:
        """Counts for the team page, grouped by the database (feedback sent within `window`)."""
        fb, ev = models.feedback, models.events
        mine = and_(fb.c.service_id == service_id, *_within(fb, window))
        day = func.date(fb.c.created_at)
        with self.engine.connect() as conn:
            count, average = conn.execute(
                select(func.count(), func.avg(fb.c.rating)).where(mine)
            ).one()
            by_day = conn.execute(
                select(day, fb.c.rating, func.count())
                .where(mine)
                .group_by(day, fb.c.rating)
                .order_by(day, fb.c.rating)
            ).all()
            views = conn.execute(
                select(ev.c.page, func.count().label("n"))
                .where(ev.c.service_id == service_id, ev.c.kind == "page_view")
                .group_by(ev.c.page)
                .order_by(func.count().desc(), ev.c.page)
            ).all()
            sessions = conn.execute(
                select(func.count(ev.c.session_id.distinct())).where(ev.c.service_id == service_id)
            ).scalar()
            # One event names the filters changed at once: counted here, JSON differs by engine.
            changes = conn.execute(
                select(ev.c.detail).where(
                    ev.c.service_id == service_id, ev.c.kind == "filter_change"
                )
            ).scalars()
            uses: Counter[str] = Counter()
            for detail in changes:
                uses.update(str(f) for f in (detail or {}).get("filters", {}))
        ratings: Counter[int] = Counter()
        for _, rating, n in by_day:
            ratings[int(rating)] += int(n)
        return Summary(
            count=int(count),
            average=float(average) if average is not None else None,
            ratings_by_day=[(str(d), int(r), int(n)) for d, r, n in by_day],
            ratings=dict(sorted(ratings.items())),
            page_views=[(str(p), int(n)) for p, n in views],
            filter_uses=sorted(uses.items(), key=lambda item: (-item[1], item[0])),
            sessions=int(sessions or 0),
        )

    # ------------------------------------------------------------------ retention

    def purge(
        self,
        older_than_days: int,
        *,
        service_id: str | None = None,
        now: dt.datetime | None = None,
    ) -> PurgeResult:
        """Delete feedback and events older than `older_than_days` (of one service, or all)."""
        if older_than_days < 0:
            raise ValueError("older_than_days must be >= 0")
        cutoff = (now or utc_now()) - dt.timedelta(days=older_than_days)
        counts = []
        with self.engine.begin() as conn:
            for table in (models.feedback, models.events):
                query = delete(table).where(table.c.created_at < cutoff)
                if service_id is not None:
                    query = query.where(table.c.service_id == service_id)
                counts.append(conn.execute(query).rowcount or 0)
            # Hashed client keys live a day at most, whatever the retention.
            keys = models.feedback_limits
            stale = delete(keys).where(keys.c.created_at < (now or utc_now()) - KEY_TTL)
            if service_id is not None:
                stale = stale.where(keys.c.service_id == service_id)
            conn.execute(stale)
            refusals = models.feedback_refusals
            old = delete(refusals).where(refusals.c.day < cutoff.date().isoformat())
            if service_id is not None:
                old = old.where(refusals.c.service_id == service_id)
            conn.execute(old)
        log.info("store purge older than %s days: %s", older_than_days, counts)
        return PurgeResult(feedback=counts[0], events=counts[1])
