"""`text` view: Markdown written by the team (never raw HTML)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import field, tag
from datacites_proto.views.base import View

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext


class TextView(View):
    """A paragraph of Markdown."""

    doc_fr: ClassVar[str] = "Un paragraphe en Markdown."

    type: Literal["text"] = tag("text")
    markdown: str = field(
        fr="Texte en Markdown ; le HTML n'est pas interprété.",
        en="Markdown text; HTML is not rendered.",
    )

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        if self.title:
            st.header(self.title)
        # unsafe_allow_html stays off: HTML written in the blueprint is shown as text.
        st.markdown(self.markdown)

    def document(self, ctx: RenderContext, index: int) -> str:
        from datacites_proto.views import printing

        return printing.section(self.title, printing.markdown(self.markdown), kind="view text")
