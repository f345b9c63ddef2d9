"""The assessment store on SQLite and PostgreSQL: drafts never lost, one submitted edition a year."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from datacites_proto.store import PeerEdition, Store, StoreError

Q = "maturite-numerique"
CODE = "29233"
AT = dt.datetime(2026, 3, 2, 13, 32)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh store URL: a SQLite file, or a schema of its own on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    base = request.getfixturevalue("pg_url")
    schema = f"assess_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = Store.open(url)
    yield opened
    opened.close()


def test_each_answer_is_saved_at_once_and_read_back_by_a_new_connection(url: str) -> None:
    first = Store.open(url)
    first.save_assessment_answer(Q, CODE, 2026, "strategie", 2, "  Délibération du 3 mars  ")
    first.save_assessment_answer(Q, CODE, 2026, "cyber", None, None)  # « je ne sais pas »
    first.save_assessment_answer(Q, CODE, 2026, "strategie", 3, "Délibération", at=AT)  # upsert
    first.close()
    again = Store.open(url)  # a closed tab, another process: the draft is there
    assert again.assessment_draft(Q, CODE, 2026) == {
        "strategie": (3, "Délibération"),
        "cyber": (None, None),
    }
    assert again.assessment_draft(Q, CODE, 2025) == {}
    assert again.assessment_draft(Q, "35238", 2026) == {}
    assert again.assessment_draft_saved_at(Q, CODE, 2026) > AT
    again.close()


def test_submitting_makes_the_draft_the_year_s_edition(store: Store) -> None:
    store.save_assessment_answer(Q, CODE, 2026, "strategie", 3, "Délibération")
    store.save_assessment_answer(Q, CODE, 2026, "cyber", None, "à vérifier")
    edition = store.submit_assessment(Q, CODE, 2026, at=AT)
    assert edition.version == 1
    assert store.assessment_draft(Q, CODE, 2026) == {}  # nothing left to edit unawares
    [saved] = store.assessment_editions(Q, CODE)
    assert saved.year == 2026 and saved.submitted_at == AT and saved.version == 1
    assert saved.answers == {"strategie": (3, "Délibération"), "cyber": (None, "à vérifier")}


def test_a_submitted_edition_is_kept_until_a_new_version_is_submitted(store: Store) -> None:
    store.save_assessment_answer(Q, CODE, 2026, "strategie", 2, None)
    store.submit_assessment(Q, CODE, 2026, at=AT)
    assert store.reopen_assessment(Q, CODE, 2026) == {"strategie": (2, None)}
    store.save_assessment_answer(Q, CODE, 2026, "strategie", 4, "Schéma adopté")
    # The draft changed, the submitted edition did not.
    assert store.assessment_editions(Q, CODE)[0].answers == {"strategie": (2, None)}
    assert store.reopen_assessment(Q, CODE, 2026) == {"strategie": (4, "Schéma adopté")}
    store.submit_assessment(Q, CODE, 2026, at=AT + dt.timedelta(days=1))
    [edition] = store.assessment_editions(Q, CODE)  # still one edition for the year
    assert edition.answers == {"strategie": (4, "Schéma adopté")}
    assert edition.version == 2 and edition.submitted_at == AT + dt.timedelta(days=1)


def test_discarding_a_new_version_keeps_the_submitted_edition(store: Store) -> None:
    store.save_assessment_answer(Q, CODE, 2026, "strategie", 2, None)
    store.submit_assessment(Q, CODE, 2026)
    store.reopen_assessment(Q, CODE, 2026)
    store.save_assessment_answer(Q, CODE, 2026, "strategie", 1, None)
    assert store.discard_assessment_draft(Q, CODE, 2026) == 1
    assert store.assessment_draft(Q, CODE, 2026) == {}
    assert store.assessment_editions(Q, CODE)[0].answers == {"strategie": (2, None)}


def test_editions_of_several_years_come_oldest_first(store: Store) -> None:
    for year, level in ((2026, 3), (2025, 2)):
        store.save_assessment_answer(Q, CODE, year, "strategie", level, None)
        store.submit_assessment(Q, CODE, year)
    editions = store.assessment_editions(Q, CODE)
    assert [(e.year, e.answers["strategie"][0]) for e in editions] == [(2025, 2), (2026, 3)]
    assert store.assessment_editions("maturite-donnees", CODE) == []


def test_an_empty_draft_cannot_be_submitted(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        store.submit_assessment(Q, CODE, 2026)
    assert "au moins une affirmation" in caught.value.message("fr")
    store.save_assessment_answer(Q, CODE, 2026, "strategie", None, "rien de sûr")
    with pytest.raises(StoreError):  # « je ne sais pas » everywhere is no edition either
        store.submit_assessment(Q, CODE, 2026)
    assert store.assessment_editions(Q, CODE) == []
    with pytest.raises(StoreError) as not_yet:
        store.reopen_assessment(Q, CODE, 2026 + 1)
    assert "not been submitted" in not_yet.value.message("en")


@pytest.mark.parametrize("level", [0, 21, True, 2.5, "3"])
def test_a_level_outside_the_bounds_is_refused(store: Store, level: object) -> None:
    with pytest.raises(StoreError):
        store.save_assessment_answer(Q, CODE, 2026, "strategie", level, None)  # type: ignore[arg-type]
    assert store.assessment_draft(Q, CODE, 2026) == {}


def test_an_evidence_note_is_bounded_and_kept_as_typed(store: Store) -> None:
    note = "'); DROP TABLE datacites_assessment_answers; -- <script>"
    store.save_assessment_answer(Q, CODE, 2026, "strategie", 1, note)
    assert store.assessment_draft(Q, CODE, 2026)["strategie"] == (1, note)
    with pytest.raises(StoreError) as caught:
        store.save_assessment_answer(Q, CODE, 2026, "strategie", 1, "x" * 4001)
    assert "4000" in caught.value.message("fr")


def peer(code: str, year: int = 2026, level: float = 2.5) -> PeerEdition:
    return PeerEdition(
        collectivite=code,
        name=f"Commune {code}",
        status="commune",
        population=12_000,
        year=year,
        questionnaire=Q,
        levels={"strategie": level, "cyber": 1.0},
    )


def test_peers_are_imported_whole_and_a_reimport_replaces_them(store: Store) -> None:
    assert store.import_assessment_peers([peer("35238"), peer("44109"), peer("35238", 2025)]) == 3
    assert store.import_assessment_peers([peer("35238", level=3.5)]) == 1
    found = store.assessment_peers(Q, 2026)
    assert [(p.collectivite, p.levels["strategie"]) for p in found] == [
        ("35238", 3.5),
        ("44109", 2.5),
    ]
    assert found[0] == peer("35238", level=3.5)
    assert len(store.assessment_peers(Q)) == 3
    assert store.assessment_peers("maturite-donnees") == []


def test_a_batch_with_a_duplicate_imports_nothing(store: Store) -> None:
    with pytest.raises(StoreError):
        store.import_assessment_peers([peer("35238"), peer("35238", level=1)])
    assert store.assessment_peers(Q) == []
