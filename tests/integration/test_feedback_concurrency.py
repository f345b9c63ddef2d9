"""1,000 feedback submissions from 50 threads: none lost, none duplicated, in SQLite and
in the real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from datacites_proto.store import Store

THREADS = 50
PER_THREAD = 20  # 50 x 20 = 1,000


def submit_concurrently(store: Store, service_id: str) -> list[int]:
    """Each thread sends its own numbered comments; returns the ids the store gave back."""

    def worker(thread: int) -> list[int]:
        return [
            store.add_feedback(
                service_id,
                page="votre-avis",
                rating=1 + (thread + i) % 5,
                comment=f"t{thread}-n{i}",
                filters={"thread": thread},
                answers={"n": i},
            )
            for i in range(PER_THREAD)
        ]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return [i for ids in pool.map(worker, range(THREADS)) for i in ids]


def check_all_there(store: Store, service_id: str, ids: list[int]) -> None:
    rows = store.feedback_rows(service_id)
    expected = {f"t{t}-n{i}" for t in range(THREADS) for i in range(PER_THREAD)}
    assert len(ids) == len(set(ids)) == THREADS * PER_THREAD
    assert len(rows) == THREADS * PER_THREAD
    assert {r["id"] for r in rows} == set(ids)
    assert {r["comment"] for r in rows} == expected  # every payload once, none lost
    assert all(r["answers"]["n"] == int(r["comment"].split("-n")[1]) for r in rows)
    assert store.summary(service_id).count == THREADS * PER_THREAD


def test_sqlite_file_under_50_writer_threads(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'store.sqlite'}")
    try:
        ids = submit_concurrently(store, "concurrence")
        check_all_there(store, "concurrence", ids)
    finally:
        store.close()


def test_many_processes_opening_a_new_sqlite_store_at_once(tmp_path: Path) -> None:
    # Each Store is its own engine, as separate processes would have: migrations must not race.
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"

    def open_and_write(n: int) -> int:
        store = Store.open(url)
        try:
            return store.add_feedback("ouverture", page="p", rating=3, comment=str(n))
        finally:
            store.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(open_and_write, range(8)))
    store = Store.open(url)
    assert len(set(ids)) == 8
    assert {r["comment"] for r in store.feedback_rows("ouverture")} == {str(n) for n in range(8)}
    store.close()


@pytest.mark.postgres
def test_postgresql_under_50_writer_threads(pg_url: str) -> None:
    service_id = f"concurrence-{uuid.uuid4().hex[:12]}"  # our rows only, removed afterwards
    store = Store.open(pg_url)
    try:
        ids = submit_concurrently(store, service_id)
        check_all_there(store, service_id, ids)
    finally:
        store.purge(0, service_id=service_id, now=dt.datetime(2999, 1, 1))
        store.close()
