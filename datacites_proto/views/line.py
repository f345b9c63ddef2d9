"""`line` view: an indicator over time or along a column."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import tag
from datacites_proto.views.base import BreakdownView

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext


class LineView(BreakdownView):
    """Line chart of an indicator over time or along a column."""

    doc_fr: ClassVar[str] = "Courbe d'un indicateur dans le temps ou selon une colonne."

    type: Literal["line"] = tag("line")

    def render(self, ctx: RenderContext, index: int) -> None:
        from datacites_proto.views.charts import draw_breakdown

        draw_breakdown(self, ctx, index, "line")

    def document(self, ctx: RenderContext, index: int) -> str:
        from datacites_proto.views import printing
        from datacites_proto.views.charts import breakdown_chart

        return printing.chart_section(ctx, breakdown_chart(self, ctx, "line"))
