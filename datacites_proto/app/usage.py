"""Anonymous usage measures: page views and filter changes, when the blueprint asks for them.

A visit is a random id kept in the session's state: no IP address, no browser information,
no cookie of ours. Recording never breaks a page: a failure is logged and the page shows.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import streamlit as st

from datacites_proto.app.context import RenderContext
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.i18n import translate

log = logging.getLogger("datacites_proto.app")

SESSION_KEY = "_datacites_usage_session"
LAST_KEY = "_datacites_usage_last"  # (page slug, filter values) last recorded in this session


def session_id() -> str:
    """This visit's random id (the same for every page of one browser tab)."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = uuid.uuid4().hex
    return st.session_state[SESSION_KEY]


def changed_filters(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The filters whose value differs between two runs of the same page (None: cleared)."""
    return {k: after.get(k) for k in sorted({*before, *after}) if before.get(k) != after.get(k)}


def collects(blueprint: Blueprint) -> bool:
    """Whether the service stores anything: usage measures or a feedback form."""
    return blueprint.service.measure_usage or any(
        type(v.view).stores_feedback for page in blueprint.pages for v in page.all_views()
    )


def record(ctx: RenderContext) -> None:
    """Record a page view (new page) or a filter change (same page, other values); a
    service that stores anything also gets its daily retention purge here."""
    from datacites_proto.app.feedback_store import store_for

    if not ctx.blueprint.service.measure_usage:
        if collects(ctx.blueprint):
            try:
                store_for(ctx.blueprint)  # opening it purges once a day
            except Exception:
                log.exception("feedback store of %s not opened", ctx.blueprint.service.id)
        return
    try:
        slug = ctx.page.url_slug
        values = {k: v for k, v in ctx.filters.items() if v is not None}
        last = st.session_state.get(LAST_KEY)
        if last is not None and last[0] == slug:
            if last[1] == values:
                return  # a rerun that changed nothing we measure (a form, a map hover…)
            kind, detail = "filter_change", {"filters": changed_filters(last[1], values)}
        else:
            kind, detail = "page_view", {}
        st.session_state[LAST_KEY] = (slug, values)
        store = store_for(ctx.blueprint)
        store.add_event(ctx.blueprint.service.id, session_id(), kind, slug, detail)
    except Exception:
        log.exception("usage event of page %s not recorded", ctx.page.url_slug)


def notice(blueprint: Blueprint, lang: str) -> None:
    """The footer's sentence saying that use is measured, how, and for how long."""
    if blueprint.service.measure_usage:
        st.caption(translate("usage_notice", lang, days=blueprint.service.retention_days))
