"""`area` view: an indicator as stacked areas, e.g. one per series."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import tag
from datacites_proto.views.base import BreakdownView

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext


class AreaView(BreakdownView):
    """Stacked area chart of an indicator, e.g. by series."""

    doc_fr: ClassVar[str] = "Aires empilées d'un indicateur, par exemple une par série."

    type: Literal["area"] = tag("area")

    def render(self, ctx: RenderContext, index: int) -> None:
        from datacites_proto.views.charts import draw_breakdown

        draw_breakdown(self, ctx, index, "area")

    def document(self, ctx: RenderContext, index: int) -> str:
        from datacites_proto.views import printing
        from datacites_proto.views.charts import breakdown_chart

        return printing.chart_section(ctx, breakdown_chart(self, ctx, "area"))
