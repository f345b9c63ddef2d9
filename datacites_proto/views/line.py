"""`line` view: an indicator over time or along a column."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import tag
from datacites_proto.views.base import BreakdownView


class LineView(BreakdownView):
    """Line chart of an indicator over time or along a column."""

    doc_fr: ClassVar[str] = "Courbe d'un indicateur dans le temps ou selon une colonne."

    type: Literal["line"] = tag("line")
