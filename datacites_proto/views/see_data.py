"""The « Voir les données » expander of charts and maps, filled only once it is opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

    from datacites_proto.views.context import RenderContext

KEY_SUFFIX = "see-data"


def see_data_expander(ctx: RenderContext, index: int) -> ExpanderContainer | None:
    """The view's expander, or None while it is closed.

    A closed expander's content would still be sent and drawn by the browser: on the
    footfall page its four tables cost more than half a second of every first render.
    Opening it reruns the page (from the cache) and only then makes the table.
    """
    import streamlit as st

    box = st.expander(ctx.t("app_see_data"), key=ctx.key(index, KEY_SUFFIX), on_change="rerun")
    return box if box.open else None
