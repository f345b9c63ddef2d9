"""Render a page's views, each isolated: a view that fails says so, and the others show."""

from __future__ import annotations

import logging

import streamlit as st

from datacites_proto.app.context import RenderContext
from datacites_proto.app.header import page_header
from datacites_proto.app.panels import details_shown, problems_panel
from datacites_proto.app.report_button import report_button
from datacites_proto.blueprint.pages import PlacedView
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.errors import DataCitesError
from datacites_proto.views import agreement_notes

log = logging.getLogger("datacites_proto.app")


def render_page(ctx: RenderContext) -> None:
    page = ctx.page
    ctx.ask_page_questions()  # at once, before the views draw one after the other
    page_header(ctx)
    report_button(ctx)  # « Télécharger en PDF »: made when clicked, for the current filters
    if page.description:
        st.markdown(page.description)
    for row in page.layout():
        if len(row) == 1:
            render_placed(ctx, row[0])
            continue
        # Side by side on a wide screen; Streamlit stacks columns on a narrow one (< 640 px).
        columns = st.columns([placed.width for placed in row], gap="medium")
        for column, placed in zip(columns, row, strict=True):
            with column:
                render_placed(ctx, placed)


def render_placed(ctx: RenderContext, placed: PlacedView) -> None:
    """One view in its own keyed container (`.st-key-p0-v1-view`), isolated from the others."""
    with st.container(key=ctx.key(placed.index, "view")):
        render_view(ctx, placed.view, placed.index)


def render_view(ctx: RenderContext, view: object, index: int) -> None:
    """One view; its errors become a message in the page, never a traceback."""
    try:
        agreement_notes.before(ctx, view)  # the team's warning of an ended agreement
        view.render(ctx, index)  # type: ignore[attr-defined]
        agreement_notes.after(ctx, view)
    except DataError as exc:
        problems_panel(
            exc.problems,
            ctx.lang,
            title_code="app_data_problem_title",
            base=ctx.blueprint.base_dir,
            audience=ctx.audience,
        )
    except QueryError as exc:  # what the visitor asked cannot be shown (small groups…)
        st.warning(exc.message(ctx.lang), icon=":material/warning:")
    except DataCitesError as exc:  # a source, a download: may name server paths or URLs
        log.warning("view %s of page %s: %s", index, ctx.page.url_slug, exc)
        if details_shown(ctx.audience):
            text = str(exc).replace(str(ctx.blueprint.base_dir) + "/", "")
            st.warning(text, icon=":material/warning:")
        else:
            st.warning(ctx.t("app_view_failed"), icon=":material/warning:")
    except Exception:  # a bug of ours: logged for the team, a sentence for the citizen
        log.exception("view %s of page %s failed", index, ctx.page.url_slug)
        st.warning(ctx.t("app_view_failed"), icon=":material/warning:")
