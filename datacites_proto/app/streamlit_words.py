"""Hide what Streamlit writes in English only, on a service in another language.

What Streamlit lets us configure is configured where it is drawn: no « Select all » in
multiselects (`select_all=False`), forms without « Press Enter to submit form »
(`enter_to_submit=False`), no menu or « Deploy » (`client.toolbarMode = "minimal"`). What it
does not let us configure is hidden here, by one CSS rule per element, on its `data-testid`
(Streamlit's stable test ids, which its own end-to-end tests rely on):

- `stStatusWidget`: « Running... » and « Stop » at the top right while a page reruns;
- `stSliderThumbValue` and `stSliderTickBar` of our range filters (`st-key-filter-…`): the
  values in printf format (« 7.40 », « 300.00 »); the filter writes them under the slider in
  the service's language instead (`page_filters.FilterPanel._range`).
"""

from __future__ import annotations

import streamlit as st

ENGLISH_ONLY_CSS = """<style>
[data-testid="stStatusWidget"] { visibility: hidden; }
[class*="st-key-filter-"] [data-testid="stSliderThumbValue"],
[class*="st-key-filter-"] [data-testid="stSliderTickBar"] { visibility: hidden; }
</style>"""


def hides_english(lang: str) -> bool:
    """Whether Streamlit's English-only texts are hidden for this language."""
    return lang != "en"


def hide_english_only_texts(lang: str) -> None:
    """Add the CSS above to the page (a style-only `st.html` takes no room)."""
    if hides_english(lang):
        st.html(ENGLISH_ONLY_CSS)
