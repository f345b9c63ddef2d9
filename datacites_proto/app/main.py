"""The body of the Streamlit app: one blueprint, its pages, filters, views and footer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from datacites_proto.app import (
    auth,
    caching,
    dev_reload,
    embedding,
    loading_status,
    stamps,
    usage,
)
from datacites_proto.app.context import CURRENT, RenderContext
from datacites_proto.app.contrast import readable_text
from datacites_proto.app.page_filters import FilterPanel, page_filter_ids
from datacites_proto.app.panels import attribution, problems_panel
from datacites_proto.app.rendering import render_page
from datacites_proto.app.streamlit_words import hide_english_only_texts
from datacites_proto.blueprint.icons import APP_ICON, page_icon
from datacites_proto.blueprint.loader import LoadResult
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.pages import Page
from datacites_proto.engine.service import Service
from datacites_proto.errors import Problem
from datacites_proto.i18n import resolve_lang, translate


def _page_function(index: int) -> Callable[[], None]:
    def page() -> None:
        render_page(CURRENT.get())

    # st.Page tells callables apart by name; each page of the blueprint gets its own.
    page.__name__ = f"datacites_page_{index}"
    return page


def visible_pages(blueprint: Blueprint, audience: str) -> list[tuple[int, Page]]:
    """The pages a visitor may see: team pages are neither listed nor reachable in public."""
    return [
        (i, p) for i, p in enumerate(blueprint.pages) if p.access == "public" or audience == "team"
    ]


@dataclass
class OpenedService:
    """A blueprint as the app opens it: loaded, its data checked, its Service made."""

    path: Path
    stamp: str  # the blueprint's version (its files' stamp)
    loaded: LoadResult
    lang: str
    data_stamp: str = ""
    data_problems: list[Problem] = field(default_factory=list)
    service: Service | None = None  # None while the blueprint or its data have problems

    @property
    def key(self) -> str:
        """The blueprint's path and version: part of every cache key."""
        return f"{self.path}:{self.stamp}"


def open_service(blueprint_path: str | Path) -> OpenedService:
    """Load the blueprint, check its data and make its Service, each cached per version."""
    path = Path(blueprint_path).resolve()
    stamp = stamps.blueprint_stamp(path)
    loaded = caching.load(str(path), stamp)
    opened = OpenedService(path, stamp, loaded, resolve_lang(None, loaded.lang))
    blueprint = loaded.blueprint
    if not loaded.ok or blueprint is None:
        return opened
    opened.data_stamp = stamps.data_stamp(blueprint)
    opened.data_problems = loading_status.data_problems(
        str(path), stamp, opened.data_stamp, opened.lang
    )
    if not opened.data_problems:
        opened.service = caching.service(str(path), stamp)
    return opened


def page_context(
    opened: OpenedService, index: int, audience: str, embedded: bool = False
) -> RenderContext:
    """Page `index`'s filter panel drawn in the sidebar, and its RenderContext.

    `embedded` (app/embedding.py): no control is drawn; the values come from the URL alone.
    """
    blueprint = opened.loaded.blueprint
    assert blueprint is not None and opened.service is not None
    page = blueprint.pages[index]
    panel = FilterPanel(
        blueprint, opened.service, opened.key, opened.data_stamp, opened.lang, audience
    )
    filter_ids = page_filter_ids(blueprint, page)
    values = panel.values_from_link(filter_ids) if embedded else panel.draw(filter_ids)
    return RenderContext(
        blueprint,
        opened.service,
        opened.key,
        opened.data_stamp,
        opened.lang,
        values,
        page,
        index,
        audience=audience,
    )


HOME_PREFIX = "_"  # the first page's own name in Streamlit, where its slug is an alias


def navigation_pages(pages: list[tuple[int, Page]]) -> list[Any]:
    """The st.Pages of the visible pages: the first at the root URL, each other at its slug.

    The first page's slug (`/accueil`) reaches it too, through a hidden page, instead of
    Streamlit's « Page not found » (a default page answers at the root only).
    """
    entries = [
        st.Page(
            _page_function(i),
            title=p.title,
            icon=page_icon(p.icon),
            url_path=p.url_slug if n else HOME_PREFIX + p.url_slug,
            default=n == 0,
        )
        for n, (i, p) in enumerate(pages)
    ]
    first, home = pages[0]
    entries.append(
        st.Page(
            _page_function(first),
            title=home.title,
            icon=page_icon(home.icon),
            url_path=home.url_slug,
            visibility="hidden",
        )
    )
    return entries


def reserved_pages(
    blueprint: Blueprint, audience: str, lang: str, embedded: bool = False
) -> list[Any]:
    """Hidden st.Pages at the team pages' slugs, for a visitor who may not see them.

    Opened unsigned, `/suivi` would otherwise get Streamlit's English « Page not found »
    dialog; here it answers with the invitation to sign in, in the service's language,
    and none of the page's content (embedded: sign in on the whole service).
    """
    if audience == "team":
        return []

    def reserved() -> None:
        if embedded:
            embedding.reserved_notice(lang)
        else:
            st.info(translate("team_page_reserved", lang), icon=":material/lock:")

    reserved.__name__ = "datacites_reserved_page"
    return [
        st.Page(reserved, title=p.title, url_path=p.url_slug, visibility="hidden")
        for p in blueprint.pages
        if p.access == "team"
    ]


def run(blueprint_path: str | Path, audience: str | None = None) -> None:
    """Serve the blueprint at `blueprint_path` (the whole Streamlit script).

    `audience` forces "public" or "team" (tests, `datacites test`); None lets sign-in decide.
    """
    opened = open_service(blueprint_path)
    path, lang, blueprint = opened.path, opened.lang, opened.loaded.blueprint
    title = blueprint.service.title if blueprint else "DataCités"
    st.set_page_config(page_title=title, page_icon=APP_ICON, layout="wide")
    hide_english_only_texts(lang)  # « Running... », sliders' printf numbers
    readable_text()  # captions at WCAG AA contrast
    dev_reload.watch(path, opened.stamp, blueprint)  # `datacites run` only: reload on changes
    if not opened.loaded.ok or blueprint is None:
        problems_panel(opened.loaded.problems, lang, base=path.parent, audience=audience)
        st.stop()
    if opened.data_problems:
        # A team member already signed in reads the details on a built service too.
        problems_panel(
            opened.data_problems,
            lang,
            title_code="app_data_problem_title",
            base=blueprint.base_dir,
            audience=audience or auth.session_audience(blueprint, path.parent),
        )
        st.stop()
    # In another site's iframe (`?embed=true`): the page only, nothing in the sidebar.
    embedded = embedding.embedded()
    sign_in = audience is None and auth.needs_sign_in(blueprint) and not embedded
    audience = audience or auth.session_audience(blueprint, path.parent)
    pages = visible_pages(blueprint, audience)
    if not pages:  # every page is the team's: nothing to show before signing in
        if embedded:
            embedding.reserved_notice(lang)
            embedding.full_service_link(lang)
        else:
            st.info(translate("team_no_public_page", lang))
            auth.sign_in_control(blueprint, path.parent, lang, audience)
        st.stop()
    reserved = reserved_pages(blueprint, audience, lang, embedded)
    navigation = st.navigation(
        navigation_pages(pages) + reserved, position=embedding.navigation_position(embedded)
    )
    if any(navigation.url_path == r.url_path for r in reserved):
        if sign_in:
            auth.sign_in_control(blueprint, path.parent, lang, audience)
        navigation.run()  # the invitation to sign in, nothing of the page
        if embedded:
            embedding.full_service_link(lang)
        st.caption(translate("app_prototype_notice", lang))
        return
    index = next((i for i, p in pages if p.url_slug == navigation.url_path), pages[0][0])
    if not embedded:
        with st.sidebar:
            st.markdown(f"**{blueprint.service.title}**")
            if blueprint.service.summary:
                st.caption(blueprint.service.summary)
    ctx = page_context(opened, index, audience, embedded)
    if sign_in:
        auth.sign_in_control(blueprint, path.parent, lang, audience)
    if embedded:  # after the filters: the link carries the values shown
        embedding.full_service_link(lang)
    usage.record(ctx)  # only with service.measure_usage; never breaks the page
    token = CURRENT.set(ctx)
    try:
        navigation.run()
    finally:
        CURRENT.reset(token)
    attribution(blueprint, lang, audience)
    st.caption(translate("app_prototype_notice", lang))
    usage.notice(blueprint, lang)
