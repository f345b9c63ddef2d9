"""Reload the open page when the blueprint or its data change (under `datacites run` only).

The app already recomputes the stamps of the blueprint and of its data at every rerun and
rebuilds what they key (app/stamps.py, app/caching.py); what a browser lacks is a rerun
when nothing was clicked. A small fragment that reruns on a timer compares the stamps with
those of the last full run and, when they differ, reruns the whole app. `datacites run`
sets DATACITES_DEV_RELOAD=1; a built service (`datacites build`) never does.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from datacites_proto.app import stamps
from datacites_proto.blueprint.model import Blueprint

ENV = "DATACITES_DEV_RELOAD"
INTERVAL_SECONDS = 1.5
# The stamps the last full run was built from, for tests and for a look in the session.
SEEN_KEY = "_datacites_dev_reload_seen"

Stamps = tuple[str, str]


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


def current_stamps(path: Path, blueprint: Blueprint | None) -> Stamps:
    """The blueprint's and its data's fingerprints now (no data stamp without a blueprint).

    The data files are those of the blueprint of the last full run: a blueprint that names
    other files changes the blueprint stamp first.
    """
    data = stamps.data_stamp(blueprint) if blueprint is not None else ""
    return stamps.blueprint_stamp(path), data


def needs_reload(path: Path, blueprint: Blueprint | None, seen: Stamps) -> bool:
    """True when a file the page was built from has changed since."""
    return current_stamps(path, blueprint) != seen


def watch(path: Path, blueprint_stamp: str, blueprint: Blueprint | None) -> None:
    """Called once per full run, with the stamp the run loaded the blueprint with."""
    if not enabled():
        return
    data = stamps.data_stamp(blueprint) if blueprint is not None else ""
    seen = (blueprint_stamp, data)
    st.session_state[SEEN_KEY] = seen
    _watcher(str(path), blueprint, seen)


# A fragment's arguments are kept for its timed reruns: each compares with the same
# `seen` until a full run registers the fragment again with new stamps.
@st.fragment(run_every=INTERVAL_SECONDS)
def _watcher(path: str, blueprint: Blueprint | None, seen: Stamps) -> None:
    if needs_reload(Path(path), blueprint, seen):
        st.rerun(scope="app")
