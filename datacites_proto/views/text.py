"""`text` view: Markdown written by the team (never raw HTML)."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import field, tag
from datacites_proto.views.base import View


class TextView(View):
    """A paragraph of Markdown."""

    doc_fr: ClassVar[str] = "Un paragraphe en Markdown."

    type: Literal["text"] = tag("text")
    markdown: str = field(
        fr="Texte en Markdown ; le HTML n'est pas interprété.",
        en="Markdown text; HTML is not rendered.",
    )
