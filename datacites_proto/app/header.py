"""The page header in the main area: the service, the page's title, the active filters in words.

On a phone the sidebar is folded away: the header is what tells a visitor where they are
and which period the figures cover (the current one, not only the one compared with).
"""

from __future__ import annotations

import streamlit as st

from datacites_proto.app.context import RenderContext

# The words are the report's too (views/page_words.py); day_text and period_text are named
# here for the modules and tests that read them from the header.
from datacites_proto.views.page_words import day_text, filter_summary, period_text

__all__ = ["HEADER_KEY", "day_text", "filter_summary", "page_header", "period_text"]

HEADER_KEY = "page-header"  # its container's key: `.st-key-page-header` in the browser


def page_header(ctx: RenderContext) -> None:
    """The service's name, the page's title (the page's one h1) and its filters in words."""
    with st.container(key=HEADER_KEY):
        st.caption(ctx.blueprint.service.title)
        st.title(ctx.page.title, anchor=False)
        summary = filter_summary(ctx)
        if summary:
            # Plain text: an icon's ligature name (`filter_alt`) would be read out by screen
            # readers and copied with the text.
            st.markdown(_escaped(summary))


def _escaped(text: str) -> str:
    """Filter values are the data's: Markdown in them is shown as written, not interpreted."""
    for char in "\\`*_[]<>#|~$":
        text = text.replace(char, "\\" + char)
    return text
