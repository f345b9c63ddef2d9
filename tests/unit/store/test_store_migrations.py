"""Migrations: a new store gets the latest schema, an old one is brought up to date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from datacites_proto.store import Store, StoreError
from datacites_proto.store.connection import create_store_engine
from datacites_proto.store.migrations import LATEST, current_version, migrate


def test_a_new_store_is_at_the_latest_version(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    with store.engine.connect() as conn:
        assert current_version(conn) == LATEST == 5
        assert {"datacites_feedback", "datacites_events", "datacites_schema_version"} <= set(
            inspect(conn).get_table_names()
        )
    store.close()


def test_an_old_store_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_store_engine(url)
    assert migrate(engine, upto=1) == 1  # a store written by the first release: feedback only
    with engine.begin() as conn:
        assert not inspect(conn).has_table("datacites_events")
        conn.execute(
            text(
                "INSERT INTO datacites_feedback (service_id, created_at, page, filters, rating,"
                " comment, answers) VALUES ('s', :at, 'p', '{}', 4, 'kept', '{}')"
            ),
            {"at": dt.datetime(2026, 1, 2, 3, 4, 5)},
        )
    engine.dispose()
    store = Store.open(url)
    with store.engine.connect() as conn:
        assert current_version(conn) == LATEST
        assert conn.execute(text("SELECT count(*) FROM datacites_schema_version")).scalar() == 1
    assert [r["comment"] for r in store.feedback_rows("s")] == ["kept"]
    store.add_event("s", "session", "page_view", "p")  # the new table works
    assert len(store.events_rows("s")) == 1
    store.close()


def test_opening_twice_does_not_migrate_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store.open(url).add_feedback("s", page="p", rating=5)
    again = Store.open(url)
    assert len(again.feedback_rows("s")) == 1
    again.close()


def test_a_store_newer_than_the_code_is_refused_clearly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store.open(url).close()
    engine = create_store_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE datacites_schema_version SET version = 99"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert "version 99" in caught.value.message("fr")
    assert "mettez à jour datacites-proto" in caught.value.message("fr")


def test_a_store_of_version_2_gets_the_limits_tables_and_a_secret(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'v2.sqlite'}"
    engine = create_store_engine(url)
    assert migrate(engine, upto=2) == 2
    engine.dispose()
    store = Store.open(url)
    with store.engine.connect() as conn:
        assert current_version(conn) == LATEST
        secret = conn.execute(text("SELECT secret FROM datacites_store_secret")).scalars().all()
    assert len(secret) == 1 and len(secret[0]) == 64  # one random secret, made once
    assert len(store.client_key("s", "203.0.113.7")) == 64
    store.close()


def test_a_store_of_version_4_gets_the_assessment_tables(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'v4.sqlite'}"
    engine = create_store_engine(url)
    assert migrate(engine, upto=4) == 4
    engine.dispose()
    store = Store.open(url)
    store.save_assessment_answer("q", "29233", 2026, "a", 2, None)
    assert store.assessment_draft("q", "29233", 2026) == {"a": (2, None)}
    store.close()
