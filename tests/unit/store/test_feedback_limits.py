"""Feedback limits counted in the store: per hashed address, per service and day, told clearly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from datacites_proto.store import FeedbackLimited, Store, StoreLimits, models
from datacites_proto.store.limits import SECRET_ENV

NOW = dt.datetime(2026, 12, 4, 12, 0, 0)
LIMITS = StoreLimits(per_address=3, address_window=dt.timedelta(hours=1), per_day=10)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield opened
    opened.close()


def send(store: Store, address: str, at: dt.datetime, limits: StoreLimits = LIMITS) -> int:
    return store.add_feedback("s", page="p", rating=4, at=at, address=address, limits=limits)


def test_one_address_stores_only_its_allowed_number_then_is_told(store: Store) -> None:
    for minute in range(3):
        send(store, "203.0.113.7", NOW + dt.timedelta(minutes=minute))
    with pytest.raises(FeedbackLimited) as caught:
        send(store, "203.0.113.7", NOW + dt.timedelta(minutes=10))
    # The first of the three leaves the hour window at 13:00, 50 minutes from 12:10.
    assert caught.value.minutes == 50
    assert caught.value.message("fr") == (
        "Beaucoup d'avis ont déjà été envoyés depuis votre connexion (3 en 60 minutes) :"
        " réessayez dans 50 minutes. Votre texte reste dans le formulaire."
    )
    assert caught.value.message("en") == (
        "Much feedback has already been sent from your connection (3 in 60 minutes):"
        " try again in 50 minutes. Your text stays in the form."
    )
    assert len(store.feedback_rows("s")) == 3
    assert store.refusals("s", NOW.date()) == {"address": 1}  # the team sees it
    send(store, "198.51.100.1", NOW + dt.timedelta(minutes=10))  # another address still can
    send(store, "203.0.113.7", NOW + dt.timedelta(minutes=61))  # and this one, an hour later
    assert len(store.feedback_rows("s")) == 5


def test_the_daily_cap_of_the_service_is_told_not_silent(store: Store) -> None:
    for n in range(10):
        send(store, f"192.0.2.{n}", NOW + dt.timedelta(minutes=n))
    with pytest.raises(FeedbackLimited) as caught:
        send(store, "192.0.2.200", NOW + dt.timedelta(hours=3))
    assert caught.value.code == "feedback_limit_day"
    assert "réessayez dans 21 heures" in caught.value.message("fr")
    assert "try again in 21 hours" in caught.value.message("en")
    assert len(store.feedback_rows("s")) == 10
    with pytest.raises(FeedbackLimited):
        send(store, "192.0.2.201", NOW + dt.timedelta(hours=4))
    assert store.refusals("s", NOW.date()) == {"day": 2}
    # Other services have their own cap.
    store.add_feedback("t", page="p", rating=1, address="192.0.2.200", limits=LIMITS, at=NOW)


def test_without_limits_nothing_is_counted(store: Store) -> None:
    for _ in range(5):
        store.add_feedback("s", page="p", rating=3, at=NOW)
    assert len(store.feedback_rows("s")) == 5


def test_no_raw_address_is_stored_and_keys_depend_on_the_secret(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    send(store, "203.0.113.7", NOW)
    with store.engine.connect() as conn:
        keys = conn.execute(select(models.feedback_limits)).mappings().all()
    assert len(keys) == 1
    assert "203.0.113.7" not in str(dict(keys[0]))
    assert len(keys[0]["client_key"]) == 64  # an HMAC-SHA256, hex
    assert keys[0]["client_key"] == store.client_key("s", "203.0.113.7")
    assert store.client_key("s", "203.0.113.7") != store.client_key("t", "203.0.113.7")
    monkeypatch.setenv(SECRET_ENV, "un secret du serveur")
    other = Store(store.engine)  # a process configured with its own secret hashes otherwise
    assert other.client_key("s", "203.0.113.7") != keys[0]["client_key"]


def test_hashed_keys_live_a_day_at_most(store: Store) -> None:
    send(store, "203.0.113.7", NOW)
    send(store, "203.0.113.8", NOW + dt.timedelta(days=2))  # an insert drops the stale keys
    with store.engine.connect() as conn:
        assert len(conn.execute(select(models.feedback_limits)).all()) == 1
    store.purge(365, now=NOW + dt.timedelta(days=4))  # the purge too, whatever the retention
    with store.engine.connect() as conn:
        assert conn.execute(select(models.feedback_limits)).all() == []
    assert len(store.feedback_rows("s")) == 2


def test_the_team_pages_through_all_feedback(store: Store) -> None:
    for n in range(7):
        store.add_feedback(
            "s", page="p", rating=1 + n % 5, comment=f"c{n}", at=NOW.replace(minute=n)
        )
    assert store.feedback_count("s") == 7
    pages = [store.feedback_page("s", offset, 3) for offset in (0, 3, 6)]
    assert [[r["comment"] for r in page] for page in pages] == [
        ["c6", "c5", "c4"],
        ["c3", "c2", "c1"],
        ["c0"],
    ]
    assert len(store.answers("s")) == 7


def test_refusals_are_counted_per_day_and_reason_and_purged(store: Store) -> None:
    store.add_refusal("s", "session", at=NOW - dt.timedelta(days=40))
    store.add_refusal("s", "session", at=NOW)
    store.add_refusal("s", "session", at=NOW)
    store.add_refusal("t", "session", at=NOW)
    assert store.refusals("s", (NOW - dt.timedelta(days=30)).date()) == {"session": 2}
    assert store.refusals("s", (NOW - dt.timedelta(days=60)).date()) == {"session": 3}
    with pytest.raises(ValueError):
        store.add_refusal("s", "whim")
    store.purge(30, service_id="s", now=NOW)
    assert store.refusals("s", (NOW - dt.timedelta(days=60)).date()) == {"session": 2}
