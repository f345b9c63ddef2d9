"""`histogram` view: the distribution of a numeric column, binned in the database."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import View

if TYPE_CHECKING:
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

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        from datacites_proto.views import charts

        label = ctx.column_label(self.dataset, self.column)
        title = self.title or ctx.t(
            "histogram_title", of_column=charts.of_phrase(charts.lower_first(label), ctx.lang)
        )
        charts.show_heading(title, self.description)
        hist = ctx.histogram(self.dataset, self.column, self.bins)
        if hist.empty:
            st.info(ctx.t("app_no_data"))
            return
        hidden_text = ctx.t("app_hidden_value")
        data = charts.histogram_frame(hist, ctx.fmt, ctx.lang, hidden_text)
        alt_text = self.description or charts.histogram_alt(
            data, label, ctx.lang, ctx.fmt, hidden_text
        )
        charts.draw_chart(
            charts.histogram_spec(data, hist.width, label, ctx.lang),
            data,
            key=ctx.key(index, "chart"),
            alt=alt_text,
        )
        hidden = data.loc[data["hidden"], "interval"].tolist()
        note = charts.hidden_note(hidden, hist.threshold, ctx.lang)
        if note:
            st.caption(note)
        for text in charts.protection_notes(ctx, hist.protection):
            st.caption(text)
        table = data[["interval", "n_text"]].rename(
            columns={"interval": label, "n_text": ctx.t("histogram_count")}
        )
        charts.show_data_table(ctx, index, table, title)
