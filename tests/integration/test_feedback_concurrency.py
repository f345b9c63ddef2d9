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


def submit_with_limits(stores: list[Store], service_id: str, limits, addresses) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """One submission per address from as many threads, spread over `stores` (as processes
    would be); returns (stored, told a limit)."""
    from datacites_proto.store import FeedbackLimited

    def one(n: int) -> bool:
        try:
            stores[n % len(stores)].add_feedback(
                service_id, page="p", rating=3, address=addresses[n], limits=limits
            )
        except FeedbackLimited:
            return False
        return True

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(one, range(len(addresses))))
    return results.count(True), results.count(False)


def check_limits_hold(url: str, service_id: str) -> None:
    from datacites_proto.store import StoreLimits

    stores = [Store.open(url) for _ in range(4)]  # four engines: four replicas of the app
    try:
        one_address = StoreLimits(per_address=20, per_day=0)
        assert submit_with_limits(stores, service_id, one_address, ["203.0.113.9"] * 60) == (20, 40)
        capped = StoreLimits(per_address=0, per_day=45)  # 20 already there today
        addresses = [f"198.51.100.{n}" for n in range(60)]
        assert submit_with_limits(stores, service_id, capped, addresses) == (25, 35)
        assert stores[0].feedback_count(service_id) == 45
        # Every refusal counted once for the team, even when they raced.
        today = dt.datetime.now(dt.UTC).date()
        assert stores[0].refusals(service_id, today) == {"address": 40, "day": 35}
    finally:
        stores[0].purge(0, service_id=service_id, now=dt.datetime(2999, 1, 1))
        for store in stores:
            store.close()


def test_sqlite_limits_hold_under_concurrent_submissions(tmp_path: Path) -> None:
    check_limits_hold(f"sqlite:///{tmp_path / 'store.sqlite'}", "limites")


@pytest.mark.postgres
def test_postgresql_limits_hold_under_concurrent_submissions(pg_url: str) -> None:
    check_limits_hold(pg_url, f"limites-{uuid.uuid4().hex[:12]}")
