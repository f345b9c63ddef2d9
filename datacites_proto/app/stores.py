"""The feedback store of a running app: opened once per process, purged once a day."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import streamlit as st

from datacites_proto.blueprint.model import Blueprint
from datacites_proto.store import Store, store_url

log = logging.getLogger("datacites_proto.app")

_purged: dict[tuple[str, str], dt.date] = {}  # (url, service) → the day of its last purge
_purge_lock = threading.Lock()


@st.cache_resource(max_entries=8, show_spinner=False)
def _open(url: str) -> Store:
    """The store at `url`, shared by every session (its engine is thread safe)."""
    return Store.open(url)


def store_for(blueprint: Blueprint) -> Store:
    """The store of this blueprint's project (DATACITES_STORE_URL, else its SQLite file)."""
    url = store_url(blueprint.project_dir)
    store = _open(url)
    _purge_daily(store, url, blueprint)
    return store


def _purge_daily(store: Store, url: str, blueprint: Blueprint) -> None:
    # Retention is applied without a scheduler: the first visit of the day purges.
    key = (url, blueprint.service.id)
    today = dt.datetime.now(dt.UTC).date()
    with _purge_lock:
        if _purged.get(key) == today:
            return
        _purged[key] = today
    try:
        store.purge(blueprint.service.retention_days, service_id=blueprint.service.id)
    except Exception:  # an old row kept one more day is no reason to break the page
        log.exception("purge of the feedback store %s failed", store.url)
