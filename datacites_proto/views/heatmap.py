"""`heatmap` view: an indicator over two breakdowns, e.g. hour × weekday."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import field, tag
from datacites_proto.blueprint.breakdown import By
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import IndicatorView, breakdown_ref

if TYPE_CHECKING:
    from datacites_proto.engine.service import IndicatorResult
    from datacites_proto.views.charts.chart import Chart
    from datacites_proto.views.context import RenderContext


class HeatmapView(IndicatorView):
    """A grid coloured by an indicator's value."""

    doc_fr: ClassVar[str] = "Une grille colorée selon la valeur d'un indicateur (ex. heure × jour)."

    type: Literal["heatmap"] = tag("heatmap")
    x: By = field(
        fr="Découpage en colonnes, ex. « hour(start_datetime) ».",
        en="Breakdown along x, e.g. 'hour(start_datetime)'.",
    )
    y: By = field(
        fr="Découpage en lignes, ex. « weekday(start_datetime) ».",
        en="Breakdown along y, e.g. 'weekday(start_datetime)'.",
    )

    def references(self) -> list[Ref]:
        return [
            *super().references(),
            breakdown_ref(self.x, ("x",), self.indicator),
            breakdown_ref(self.y, ("y",), self.indicator),
        ]

    def chart(self, ctx: RenderContext) -> Chart:
        """The grid as the screen draws it and the report prints it."""
        from datacites_proto.views import charts

        result = ctx.result(self.indicator, by=[self.x, self.y])
        return charts.kept_chart(self, ctx, result, lambda: self._lay_out(ctx, result))

    def _lay_out(self, ctx: RenderContext, result: IndicatorResult) -> Chart:
        from datacites_proto.views import charts

        spec = ctx.blueprint.indicators[self.indicator]
        frame = result.frame
        keys = [
            charts.breakdown_key(ctx, self.indicator, text, frame[text])
            for text in (self.x, self.y)
        ]
        title = self.title or charts.chart_title(spec.label, [k.phrase for k in keys], ctx.lang)
        if frame.empty:
            return charts.Chart(title, self.description)
        # The y breakdown is the figure's "series"; every key is a discrete axis.
        fig = charts.breakdown_figure(
            result,
            keys[0],
            keys[1],
            fmt=ctx.fmt,
            value_text=lambda v: ctx.format_indicator(self.indicator, v),
            hidden_text=ctx.t("app_hidden_value"),
            title=charts.value_title(spec.label, spec.unit),
            format=charts.value_format(spec.effective_format, spec.decimals),
            max_series=None,
            discrete=True,
        )
        phrase = charts.both_phrases(keys[0].phrase, keys[1].phrase, ctx.lang)
        alt_text = self.description or charts.breakdown_alt(
            fig, "heatmap", spec.label, phrase, ctx.lang
        )
        note = charts.hidden_note(charts.hidden_cells(fig), result.threshold, ctx.lang)
        return charts.Chart(
            title,
            self.description,
            charts.heatmap_spec(fig, ctx.lang),
            fig.data,
            alt_text,
            [note] if note else [],
            charts.figure_table(fig),
        )

    def render(self, ctx: RenderContext, index: int) -> None:
        from datacites_proto.views import charts

        charts.show_chart(ctx, index, self.chart(ctx))

    def document(self, ctx: RenderContext, index: int) -> str:
        from datacites_proto.views import printing

        return printing.chart_section(ctx, self.chart(ctx))
