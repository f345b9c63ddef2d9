"""Text that everyone can read: Streamlit's own greys brought up to WCAG AA contrast.

Streamlit draws captions (`st.caption`: view descriptions, KPI notes, sources) at 60 %
opacity of the text colour: #828180 on white, a 3.9:1 contrast where WCAG AA asks for
4.5:1 (measured by the axe-core audit, tests/e2e/test_accessibility_browser.py). The
opacity also fades what a caption holds, such as a KPI's coloured band badge. Here the
caption is drawn opaque and only its text is mixed with the background (75 % of the text
colour: #636261 on white, 6:1; 5.4:1 on the sidebar's grey), so that it stays a caption
in a dark theme too and the badges keep their own contrast. One CSS rule on Streamlit's
stable `data-testid`: in the served page's <head> (app/document_language.py), and added by
each run too, by a style-only `st.html` (which takes no room), where the page is not ours.
"""

from __future__ import annotations

import streamlit as st

# `html body` outweighs Streamlit's own class rule, whatever the order of the two styles
# (Streamlit adds its rules to <head> after the page's own <style> there).
READABLE_CSS = """<style>
html body [data-testid="stCaptionContainer"] {
  opacity: 1;
  color: color-mix(in srgb, currentColor 75%, transparent);
}
</style>"""


def readable_text() -> None:
    """Add the rule above to the page."""
    st.html(READABLE_CSS)
