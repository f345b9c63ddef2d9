"""The feedback store of a running app: opened once per process, purged once a day."""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from datacites_proto.blueprint.model import Blueprint
from datacites_proto.store import FeedbackLimited, Store, StoreLimits, store_url

log = logging.getLogger("datacites_proto.app")

# When this session stored its feedback (epoch seconds), for the per-session limit.
SENT_AT_KEY = "datacites-feedback-sent-at"

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


@dataclass(frozen=True)
class SubmitLimits:
    """The feedback view's limits: per session here, per address and per day in the store."""

    per_session: int
    session_minutes: int
    per_address: int
    address_minutes: int
    per_day: int

    def in_store(self) -> StoreLimits:
        return StoreLimits(
            per_address=self.per_address,
            address_window=dt.timedelta(minutes=self.address_minutes),
            per_day=self.per_day,
        )


def check_session(state: MutableMapping[str, Any], limits: SubmitLimits, now: float) -> None:
    """FeedbackLimited when this session already sent its allowed number in the window."""
    window = limits.session_minutes * 60
    recent = [t for t in state.get(SENT_AT_KEY, []) if now - t < window]
    state[SENT_AT_KEY] = recent
    if limits.per_session > 0 and len(recent) >= limits.per_session:
        # One more fits once the per_session-th most recent leaves the window.
        frees_at = sorted(recent)[-limits.per_session] + window
        raise FeedbackLimited(
            "feedback_limit_session",
            reason="session",
            minutes=max(1, math.ceil((frees_at - now) / 60)),
            limit=limits.per_session,
            window=limits.session_minutes,
        )


def submit_feedback(
    blueprint: Blueprint,
    limits: SubmitLimits,
    state: MutableMapping[str, Any],
    address: str,
    feedback: Mapping[str, Any],
) -> int:
    """Store one feedback within the limits (FeedbackLimited, told to the visitor, otherwise)."""
    now = time.time()
    try:
        check_session(state, limits, now)
    except FeedbackLimited:
        _count_session_refusal(blueprint)
        raise
    new_id = store_for(blueprint).add_feedback(
        blueprint.service.id, address=address, limits=limits.in_store(), **feedback
    )
    state[SENT_AT_KEY] = [*state.get(SENT_AT_KEY, []), now]
    return new_id


def _count_session_refusal(blueprint: Blueprint) -> None:
    try:
        store_for(blueprint).add_refusal(blueprint.service.id, "session")
    except Exception:  # the visitor is told anyway; only the team's count misses one
        log.exception("refusal of a feedback not counted")


def submit_from_session(
    blueprint: Blueprint, limits: SubmitLimits, feedback: Mapping[str, Any]
) -> int:
    """`submit_feedback` for the visitor of this Streamlit session, from their address."""
    from datacites_proto.app.client_address import current_client_address

    return submit_feedback(blueprint, limits, st.session_state, current_client_address(), feedback)
