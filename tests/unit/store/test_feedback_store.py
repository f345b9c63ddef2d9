"""The store's tables: feedback and events written, read back, summarised and purged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from datacites_proto.store import FeedbackRejected, Store
from datacites_proto.store.models import MAX_COMMENT

NOW = dt.datetime(2026, 12, 4, 12, 0, 0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield opened
    opened.close()


def test_feedback_is_stored_with_its_page_filters_and_answers(store: Store) -> None:
    new_id = store.add_feedback(
        "coeur",
        page="votre-avis",
        rating=4,
        comment="  Très utile <script>alert(1)</script>  ",
        filters={"periode": "last_30_days", "lieux": ["Gare", "Port"]},
        answers={"utile": 5, "remarque": "rien"},
        at=NOW,
    )
    [row] = store.feedback_rows("coeur")
    assert row["id"] == new_id
    assert row["created_at"] == NOW
    assert row["page"] == "votre-avis"
    assert row["rating"] == 4
    assert row["comment"] == "Très utile <script>alert(1)</script>"  # kept as typed, trimmed
    assert row["filters"] == {"periode": "last_30_days", "lieux": ["Gare", "Port"]}
    assert row["answers"] == {"utile": 5, "remarque": "rien"}
    assert store.feedback_rows("another-service") == []


def test_empty_comment_is_no_comment(store: Store) -> None:
    store.add_feedback("s", page="p", rating=3, comment="   ")
    assert store.feedback_rows("s")[0]["comment"] is None


@pytest.mark.parametrize("rating", [0, 6, -1, 2.5, "4", True, None])
def test_a_rating_outside_1_to_5_is_refused(store: Store, rating: object) -> None:
    with pytest.raises(FeedbackRejected) as caught:
        store.add_feedback("s", page="p", rating=rating)  # type: ignore[arg-type]
    assert "1 à 5" in caught.value.message("fr")
    assert store.feedback_rows("s") == []


def test_the_comment_length_is_enforced_by_the_store(store: Store) -> None:
    store.add_feedback("s", page="p", rating=2, comment="x" * MAX_COMMENT)
    with pytest.raises(FeedbackRejected) as caught:
        store.add_feedback("s", page="p", rating=2, comment="x" * (MAX_COMMENT + 1))
    assert caught.value.message("fr") == (
        f"Le commentaire fait {MAX_COMMENT + 1} caractères : {MAX_COMMENT} au plus."
    )
    with pytest.raises(FeedbackRejected):
        store.add_feedback("s", page="p", rating=2, answers={"q": "y" * (MAX_COMMENT + 1)})
    assert len(store.feedback_rows("s")) == 1


def test_events_and_summary(store: Store) -> None:
    for day, rating in ((1, 5), (1, 5), (1, 2), (3, 4)):
        store.add_feedback("s", page="p", rating=rating, at=dt.datetime(2026, 12, day, 9))
    store.add_event("s", "a" * 32, "page_view", "accueil")
    store.add_event("s", "a" * 32, "page_view", "carte")
    store.add_event("s", "b" * 32, "page_view", "accueil")
    store.add_event("s", "b" * 32, "filter_change", "accueil", {"filters": {"periode": "all"}})
    store.add_event(
        "s", "b" * 32, "filter_change", "accueil", {"filters": {"periode": "x", "lieux": ["G"]}}
    )
    store.add_event("other", "c" * 32, "page_view", "accueil")
    summary = store.summary("s")
    assert summary.count == 4
    assert summary.average == pytest.approx(4.0)
    assert summary.ratings == {2: 1, 4: 1, 5: 2}
    assert summary.ratings_by_day == [
        ("2026-12-01", 2, 1),
        ("2026-12-01", 5, 2),
        ("2026-12-03", 4, 1),
    ]
    assert summary.page_views == [("accueil", 2), ("carte", 1)]
    assert summary.filter_uses == [("periode", 2), ("lieux", 1)]
    assert summary.sessions == 2


def test_an_unknown_event_kind_is_a_bug(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_event("s", "x", "click", "p")


def test_purge_deletes_only_rows_older_than_the_retention(store: Store) -> None:
    old, recent = NOW - dt.timedelta(days=31), NOW - dt.timedelta(days=29)
    store.add_feedback("s", page="p", rating=1, comment="old", at=old)
    store.add_feedback("s", page="p", rating=5, comment="recent", at=recent)
    store.add_feedback("t", page="p", rating=1, comment="old elsewhere", at=old)
    store.add_event("s", "x", "page_view", "p", at=old)
    store.add_event("s", "x", "page_view", "p", at=recent)
    result = store.purge(30, service_id="s", now=NOW)
    assert (result.feedback, result.events) == (1, 1)
    assert [r["comment"] for r in store.feedback_rows("s")] == ["recent"]
    assert len(store.events_rows("s")) == 1
    assert [r["comment"] for r in store.feedback_rows("t")] == ["old elsewhere"]
    everything = store.purge(30, now=NOW)  # no service: every service's old rows
    assert (everything.feedback, everything.events) == (1, 0)
    assert store.feedback_rows("t") == []


def test_sqlite_connections_use_wal_and_a_busy_timeout(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
