"""Maturity self-assessments: a team's answers (draft, then submitted editions) and peers' results.

A draft answer is saved the moment it changes (an upsert), so a rerun or a closed tab loses
nothing. Submitting copies the draft into the year's edition, which stays as submitted until
the team reopens it and submits again (one submitted edition per questionnaire, collectivité
and year). Peers' editions are imported whole; the anonymity rule is applied at display.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    and_,
    delete,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from datacites_proto.store.errors import StoreError

MAX_ID = 100  # characters of a questionnaire or affirmation id
MAX_CODE = 20  # an INSEE (5) or SIREN (9) code, with room
MAX_NAME = 200
MAX_EVIDENCE = 4000  # characters of an evidence note
MAX_LEVEL = 20  # the store only bounds levels; the questionnaire's scale is checked above it
STATUSES = ("draft", "submitted")

Answer = tuple[int | None, str | None]  # (level or None for « je ne sais pas », evidence note)

metadata = MetaData()

# Times are naive datetimes in UTC, as in the rest of the store.
answers = Table(
    "datacites_assessment_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("service_id", String(MAX_ID), nullable=False),
    Column("questionnaire", String(MAX_ID), nullable=False),
    Column("collectivite", String(MAX_CODE), nullable=False),
    Column("year", Integer, nullable=False),
    Column("status", String(10), nullable=False),
    Column("affirmation", String(MAX_ID), nullable=False),
    Column("level", SmallInteger, nullable=True),
    Column("evidence", Text, nullable=True),
    Column("updated_at", DateTime(timezone=False), nullable=False),
)

editions = Table(
    "datacites_assessment_editions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("service_id", String(MAX_ID), nullable=False),
    Column("questionnaire", String(MAX_ID), nullable=False),
    Column("collectivite", String(MAX_CODE), nullable=False),
    Column("year", Integer, nullable=False),
    Column("submitted_at", DateTime(timezone=False), nullable=False),
    Column("version", Integer, nullable=False),
)

peers = Table(
    "datacites_assessment_peers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("questionnaire", String(MAX_ID), nullable=False),
    Column("collectivite", String(MAX_CODE), nullable=False),
    Column("name", String(MAX_NAME), nullable=False),
    Column("status", String(20), nullable=False),
    Column("population", Integer, nullable=False),
    Column("year", Integer, nullable=False),
    Column("levels", JSON, nullable=False),
    Column("imported_at", DateTime(timezone=False), nullable=False),
)


@dataclass(frozen=True)
class Edition:
    """A submitted edition: its year, when it was submitted, and its answers."""

    year: int
    submitted_at: dt.datetime
    answers: dict[str, Answer]
    version: int = 1  # how many times this year's edition was submitted


@dataclass(frozen=True)
class PeerEdition:
    """Another collectivité's edition, as imported (the theme levels only, never answers)."""

    collectivite: str
    name: str
    status: str
    population: int
    year: int
    questionnaire: str
    levels: dict[str, float] = field(default_factory=dict)


class PeerLike(Protocol):
    """What the importer hands the store (engine's PeerEdition has the same fields)."""

    # Read-only properties, so that a frozen dataclass satisfies the protocol.
    @property
    def collectivite(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def population(self) -> int: ...
    @property
    def year(self) -> int: ...
    @property
    def questionnaire(self) -> str: ...
    @property
    def levels(self) -> dict[str, float]: ...


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _text(value: str, limit: int, what: str) -> str:
    value = str(value).strip()
    if not value or len(value) > limit:
        raise StoreError("assessment_bad_key", what=what, value=value[:60], limit=limit)
    return value


def _level(level: int | None) -> int | None:
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
        raise StoreError("assessment_bad_level", level=level)
    return level


def _evidence(note: str | None) -> str | None:
    if note is None:
        return None
    note = str(note).strip()
    if len(note) > MAX_EVIDENCE:
        raise StoreError("assessment_evidence_too_long", limit=MAX_EVIDENCE, length=len(note))
    return note or None


def _upsert(conn: Connection, table: Table, row: dict[str, Any], keys: Sequence[str]) -> None:
    """Insert `row`, or update the row with the same `keys` (one statement, no race)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**row)
    updates = {name: statement.excluded[name] for name in row if name not in keys}
    conn.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=updates))


class AssessmentStore:
    """The assessment part of the `Store` (mixed into it: it needs only `self.engine`)."""

    engine: Engine

    def _edition_key(self, questionnaire: str, collectivite: str, year: int) -> Any:
        table = answers
        return and_(
            table.c.questionnaire == _text(questionnaire, MAX_ID, "questionnaire"),
            table.c.collectivite == _text(collectivite, MAX_CODE, "collectivite"),
            table.c.year == int(year),
        )

    def _rows(self, conn: Connection, key: Any, status: str) -> dict[str, Answer]:
        query = select(answers.c.affirmation, answers.c.level, answers.c.evidence).where(
            key, answers.c.status == status
        )
        return {
            str(aff): (int(level) if level is not None else None, evidence)
            for aff, level, evidence in conn.execute(query)
        }

    # ------------------------------------------------------------------ the team's answers

    def save_assessment_answer(
        self,
        questionnaire: str,
        collectivite: str,
        year: int,
        affirmation_id: str,
        level: int | None,
        evidence: str | None,
        *,
        service_id: str = "",
        at: dt.datetime | None = None,
    ) -> dt.datetime:
        """Save one draft answer at once (upsert); returns when it was saved (UTC)."""
        at = at or _now()
        row = {
            "questionnaire": _text(questionnaire, MAX_ID, "questionnaire"),
            "collectivite": _text(collectivite, MAX_CODE, "collectivite"),
            "year": int(year),
            "status": "draft",
            "affirmation": _text(affirmation_id, MAX_ID, "affirmation"),
            "level": _level(level),
            "evidence": _evidence(evidence),
            "service_id": str(service_id)[:MAX_ID],
            "updated_at": at,
        }
        keys = ("questionnaire", "collectivite", "year", "status", "affirmation")
        with self.engine.begin() as conn:
            _upsert(conn, answers, row, keys)
        return at

    def assessment_draft(
        self, questionnaire: str, collectivite: str, year: int
    ) -> dict[str, Answer]:
        """The draft's answers: affirmation id → (level, evidence); empty when no draft."""
        key = self._edition_key(questionnaire, collectivite, year)
        with self.engine.connect() as conn:
            return self._rows(conn, key, "draft")

    def assessment_draft_saved_at(
        self, questionnaire: str, collectivite: str, year: int
    ) -> dt.datetime | None:
        """When the draft was last saved (UTC), or None without a draft."""
        key = self._edition_key(questionnaire, collectivite, year)
        query = select(func.max(answers.c.updated_at)).where(key, answers.c.status == "draft")
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def submit_assessment(
        self,
        questionnaire: str,
        collectivite: str,
        year: int,
        *,
        service_id: str = "",
        at: dt.datetime | None = None,
    ) -> Edition:
        """Make the draft the year's submitted edition (replacing a former one); the draft goes."""
        at = at or _now()
        key = self._edition_key(questionnaire, collectivite, year)
        with self.engine.begin() as conn:
            draft = self._rows(conn, key, "draft")
            if not any(level is not None for level, _ in draft.values()):
                raise StoreError("assessment_nothing_to_submit", year=year)
            conn.execute(delete(answers).where(key, answers.c.status == "submitted"))
            conn.execute(
                answers.update()
                .where(key, answers.c.status == "draft")
                .values(status="submitted", updated_at=at)
            )
            ed = editions
            where = and_(
                ed.c.questionnaire == questionnaire.strip(),
                ed.c.collectivite == collectivite.strip(),
                ed.c.year == int(year),
            )
            number = (conn.execute(select(ed.c.version).where(where)).scalar() or 0) + 1
            row: dict[str, Any] = {
                "service_id": str(service_id)[:MAX_ID],
                "questionnaire": questionnaire.strip(),
                "collectivite": collectivite.strip(),
                "year": int(year),
                "submitted_at": at,
                "version": number,
            }
            _upsert(conn, ed, row, ("questionnaire", "collectivite", "year"))
        return Edition(year=int(year), submitted_at=at, answers=draft, version=number)

    def reopen_assessment(
        self, questionnaire: str, collectivite: str, year: int, *, at: dt.datetime | None = None
    ) -> dict[str, Answer]:
        """Start a new version of a submitted edition: a draft copied from it (kept if one exists).

        The submitted edition stays as it is until the new version is submitted."""
        key = self._edition_key(questionnaire, collectivite, year)
        with self.engine.begin() as conn:
            draft = self._rows(conn, key, "draft")
            if draft:
                return draft
            submitted = self._rows(conn, key, "submitted")
            if not submitted:
                raise StoreError("assessment_not_submitted", year=year)
            base = {
                "questionnaire": questionnaire.strip(),
                "collectivite": collectivite.strip(),
                "year": int(year),
                "status": "draft",
                "updated_at": at or _now(),
            }
            service = conn.execute(
                select(answers.c.service_id).where(key, answers.c.status == "submitted").limit(1)
            ).scalar()
            conn.execute(
                answers.insert(),
                [
                    {
                        **base,
                        "service_id": service or "",
                        "affirmation": aff,
                        "level": level,
                        "evidence": note,
                    }
                    for aff, (level, note) in submitted.items()
                ],
            )
        return submitted

    def discard_assessment_draft(self, questionnaire: str, collectivite: str, year: int) -> int:
        """Delete the draft (the submitted edition, if any, is kept); returns how many answers."""
        key = self._edition_key(questionnaire, collectivite, year)
        with self.engine.begin() as conn:
            return conn.execute(delete(answers).where(key, answers.c.status == "draft")).rowcount

    def assessment_editions(self, questionnaire: str, collectivite: str) -> list[Edition]:
        """The submitted editions, oldest year first."""
        ed = editions
        query = (
            select(ed.c.year, ed.c.submitted_at, ed.c.version)
            .where(
                ed.c.questionnaire == questionnaire.strip(),
                ed.c.collectivite == collectivite.strip(),
            )
            .order_by(ed.c.year)
        )
        found = []
        with self.engine.connect() as conn:
            for year, submitted_at, version in conn.execute(query).all():
                key = self._edition_key(questionnaire, collectivite, year)
                found.append(
                    Edition(
                        year=int(year),
                        submitted_at=submitted_at,
                        answers=self._rows(conn, key, "submitted"),
                        version=int(version),
                    )
                )
        return found

    # ------------------------------------------------------------------ peers

    def import_assessment_peers(
        self, editions: Iterable[PeerLike], *, at: dt.datetime | None = None
    ) -> int:
        """Store other collectivités' editions in one transaction (a re-import replaces them)."""
        at = at or _now()
        rows = [
            {
                "questionnaire": _text(e.questionnaire, MAX_ID, "questionnaire"),
                "collectivite": _text(e.collectivite, MAX_CODE, "collectivite"),
                "year": int(e.year),
                "name": _text(e.name, MAX_NAME, "name"),
                "status": _text(e.status, 20, "status"),
                "population": int(e.population),
                "levels": {str(k): float(v) for k, v in e.levels.items()},
                "imported_at": at,
            }
            for e in editions
        ]
        keys = [(r["questionnaire"], r["collectivite"], r["year"]) for r in rows]
        if len(set(keys)) != len(keys):
            raise StoreError("assessment_peer_duplicate")
        with self.engine.begin() as conn:
            for row in rows:
                _upsert(conn, peers, row, ("questionnaire", "collectivite", "year"))
        return len(rows)

    def assessment_peers(self, questionnaire: str, year: int | None = None) -> list[PeerEdition]:
        """The imported editions of a questionnaire (of one year, when given)."""
        query = select(peers).where(peers.c.questionnaire == questionnaire.strip())
        if year is not None:
            query = query.where(peers.c.year == int(year))
        query = query.order_by(peers.c.year, peers.c.collectivite)
        with self.engine.connect() as conn:
            return [
                PeerEdition(
                    collectivite=row.collectivite,
                    name=row.name,
                    status=row.status,
                    population=int(row.population),
                    year=int(row.year),
                    questionnaire=row.questionnaire,
                    levels={str(k): float(v) for k, v in (row.levels or {}).items()},
                )
                for row in conn.execute(query)
            ]
