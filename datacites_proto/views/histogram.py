"""`histogram` view: the distribution of a numeric column, binned in the database."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import View

if TYPE_CHECKING:
    from datacites_proto.views.charts.chart import Chart
    from datacites_proto.views.context import RenderContext


class HistogramView(View):
    """How many rows fall in each interval of a numeric column."""

    doc_fr: ClassVar[str] = (
        "Combien de lignes tombent dans chaque intervalle d'une colonne numérique."
    )

    type: Literal["histogram"] = tag("histogram")
    shows_groups: ClassVar[bool] = True  # one count per bin
    dataset: Slug = field(fr="Jeu de données.", en="Dataset.")
    column: str = field(fr="Colonne numérique à répartir.", en="Numeric column to bin.")
    bins: int = field(20, ge=2, le=200, fr="Nombre d'intervalles.", en="Number of bins.")

    def references(self) -> list[Ref]:
        return [
            Ref("dataset", self.dataset, ("dataset",)),
            Ref("column", self.column, ("column",), dataset=self.dataset, numeric=True),
        ]

    def chart(self, ctx: RenderContext) -> Chart:
        """The bins as the screen draws them and the report prints them."""
        from datacites_proto.views import charts

        label = ctx.column_label(self.dataset, self.column)
        title = self.title or ctx.t(
            "histogram_title", of_column=charts.of_phrase(charts.lower_first(label), ctx.lang)
        )
        hist = ctx.histogram(self.dataset, self.column, self.bins)
        if hist.empty:
            return charts.Chart(title, self.description)
        hidden_text = ctx.t("app_hidden_value")
        data = charts.histogram_frame(hist, ctx.fmt, ctx.lang, hidden_text)
        alt_text = self.description or charts.histogram_alt(
            data, label, ctx.lang, ctx.fmt, hidden_text
        )
        notes = []
        hidden = data.loc[data["hidden"], "interval"].tolist()
        note = charts.hidden_note(hidden, hist.threshold, ctx.lang)
        if note:
            notes.append(note)
        notes.extend(charts.protection_notes(ctx, hist.protection))
        table = data[["interval", "n_text"]].rename(
            columns={"interval": label, "n_text": ctx.t("histogram_count")}
        )
        return charts.Chart(
            title,
            self.description,
            charts.histogram_spec(data, hist.width, label, ctx.lang),
            data,
            alt_text,
            notes,
            table,
        )

    def render(self, ctx: RenderContext, index: int) -> None:
        from datacites_proto.views import charts

        charts.show_chart(ctx, index, self.chart(ctx))

    def document(self, ctx: RenderContext, index: int) -> str:
        from datacites_proto.views import printing

        return printing.chart_section(ctx, self.chart(ctx))
