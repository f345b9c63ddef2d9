"""A page embedded in another site: `<iframe src="https://…/lieux?embed=true&lieu=Gare">`.

Streamlit hides `embed` and `embed_options` from `st.query_params` and tells the script
through `st.context.is_embedded`. Embedded, a page shows itself only: no sidebar (no
filter controls, no service title, no navigation, no sign-in), its filters read from the
URL through the same checks as a shared link (`FilterPanel.values_from_link`: a value
that does not fit is clamped or ignored, with the usual notice), said in words by the
page header, and a small link « Ouvrir le service complet » to the same page with the
same filters, in a new tab, where the sidebar is. Team pages follow the same rules as
anywhere: an unsigned visitor never sees them (and a cross-site frame carries no
sign-in). How to embed, and how to let the town's site frame the service:
docs/fr/integrer-dans-un-site.md.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote, urlencode, urlsplit

import streamlit as st

from datacites_proto.i18n import translate

LINK_KEY = "embed-full-service"  # its container's key: `.st-key-embed-full-service`


def embedded() -> bool:
    """Whether the page was opened with `?embed=true` (in an iframe of another site)."""
    try:
        return st.context.is_embedded is True
    except Exception:  # outside a session (bare script run): not embedded
        return False


def navigation_position(is_embedded: bool) -> Literal["hidden", "sidebar"]:
    """Where `st.navigation` puts its menu: nowhere when embedded (the page only)."""
    return "hidden" if is_embedded else "sidebar"


def full_service_url(base: str | None, params: list[tuple[str, str]]) -> str:
    """The page at `base` (its address without the query) with `params`, without embed.

    `base` is the page's address as the browser gave it (`st.context.url`); without it,
    a relative link (`?lieu=Gare`) that the browser resolves against the frame's page.
    Only the filters' own parameters come through: Streamlit never lists `embed` and
    `embed_options` in `st.query_params`, and they are dropped here too.
    """
    kept = [(k, v) for k, v in params if k.lower() not in ("embed", "embed_options")]
    query = urlencode(kept)
    if not base:
        return f"?{query}"
    if not urlsplit(base).path:  # Streamlit drops the root's slash: `https://ville.fr`
        base += "/"
    # The path as the browser sent it, made safe for a Markdown link: only what URLs allow.
    safe = quote(base, safe=":/%@._~-!$&'*+,;=")
    return f"{safe}?{query}" if query else safe


def current_params() -> list[tuple[str, str]]:
    """The page's query parameters as they are now (after the filters' corrections)."""
    return [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]


def full_service_link(lang: str) -> str:
    """Draw the small link to the whole service (same page, same filters, a new tab)."""
    url = full_service_url(st.context.url, current_params())
    text = translate("embed_open_full_service", lang)
    title = translate("embed_open_full_service_title", lang)
    with st.container(key=LINK_KEY):
        # Markdown links open in a new tab in Streamlit (target="_blank", rel="noopener").
        st.caption(f'[{text}]({url} "{title}")')
    return url


def reserved_notice(lang: str) -> None:
    """A team page opened embedded: the invitation to sign in where the sidebar is."""
    st.info(translate("embed_team_page_reserved", lang), icon=":material/lock:")
