"""`bar` view: an indicator compared across categories."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import field, tag
from datacites_proto.views.base import BreakdownView

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext


class BarView(BreakdownView):
    """Bars of an indicator by category, optionally sorted and limited to the top N."""

    doc_fr: ClassVar[str] = (
        "Barres d'un indicateur par catégorie, triées et limitées aux N premières si besoin."
    )

    type: Literal["bar"] = tag("bar")
    sort: Literal["asc", "desc"] | None = field(
        None,
        fr=(
            "Tri des barres par valeur : asc (croissant) ou desc (décroissant) ; ordre "
            "des catégories si absent."
        ),
        en="Sort bars by value: asc or desc; category order when absent.",
    )
    horizontal: bool | None = field(
        None,
        fr=(
            "Barres horizontales (pratique pour des libellés longs). Si absent, les barres "
            "se couchent quand les noms des catégories ne tiendraient pas côte à côte sur un "
            "téléphone."
        ),
        en=(
            "Horizontal bars (handy for long labels). When absent, bars lie down when the "
            "categories' names would not fit side by side on a phone."
        ),
    )

    def render(self, ctx: RenderContext, index: int) -> None:
        from datacites_proto.views.charts import draw_breakdown

        draw_breakdown(self, ctx, index, "bar")

    def document(self, ctx: RenderContext, index: int) -> str:
        from datacites_proto.views import printing
        from datacites_proto.views.charts import breakdown_chart

        return printing.chart_section(ctx, breakdown_chart(self, ctx, "bar"))
