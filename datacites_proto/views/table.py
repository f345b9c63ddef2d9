"""`table` view: rows of a dataset, sortable, limited, downloadable when governance allows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

import pandas as pd

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import View, column_refs

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.views.context import RenderContext


class TableView(View):
    """A table of rows."""

    doc_fr: ClassVar[str] = "Un tableau de lignes."

    type: Literal["table"] = tag("table")
    dataset: Slug = field(fr="Jeu de données montré.", en="Dataset shown.")
    columns: list[str] | None = field(
        None,
        min_length=1,
        fr="Colonnes montrées, dans l'ordre ; toutes si absent.",
        en="Columns shown, in order; all of them when absent.",
    )
    sort: str | None = field(
        None,
        fr="Colonne de tri ; préfixez par « - » pour un tri décroissant (« -count »).",
        en="Sort column; prefix with '-' for descending ('-count').",
    )
    limit: int = field(
        1000,
        ge=1,
        le=100_000,
        fr="Nombre maximal de lignes montrées.",
        en="Largest number of rows shown.",
    )
    download: bool = field(
        False,
        fr="Proposer le téléchargement CSV des lignes filtrées.",
        en="Offer a CSV download of the filtered rows.",
    )
    print_limit: int = field(
        100,
        ge=1,
        le=10_000,
        fr=(
            "Nombre maximal de lignes imprimées dans le rapport (datacites report, « Télécharger "
            "en PDF ») : les premières lignes de l'écran, en-têtes répétés à chaque page ; le "
            "document dit combien l'écran en montre."
        ),
        en=(
            "Largest number of rows printed in the report (datacites report, 'Download as "
            "PDF'): the screen's first rows, headers repeated on every page; the document says "
            "how many the screen shows."
        ),
    )

    def references(self) -> list[Ref]:
        refs = [Ref("dataset", self.dataset, ("dataset",), usage="raw")]
        if self.columns is not None:
            refs += column_refs(self.columns, ("columns",), dataset=self.dataset, usage="raw")
        if self.sort:
            refs.append(
                Ref("column", self.sort.lstrip("-"), ("sort",), dataset=self.dataset, usage="raw")
            )
        return refs

    def shows_rows(self) -> Ref | None:
        # Without `columns`, every column is shown: governance checks the personal ones.
        return (
            Ref("dataset", self.dataset, ("dataset",), usage="raw")
            if self.columns is None
            else None
        )

    def downloads_rows(self, blueprint: Blueprint) -> list[Ref]:
        return [Ref("dataset", self.dataset, ("download",), usage="raw")] if self.download else []

    def shown(self, ctx: RenderContext) -> ShownRows:
        """The rows as governance lets this audience see them, typed and labelled: what
        the screen lists and the report prints (QueryError when they are refused)."""
        from datacites_proto.views import charts

        # One row more than shown tells whether the list is cut.
        rows = ctx.rows(self.dataset, self.columns, sort=self.sort, limit=self.limit + 1)
        cut = len(rows) > self.limit
        rows = rows.head(self.limit)
        owners: set[str] = {self.dataset}
        types: dict[str, str | None] = {}
        labels: dict[str, str] = {}
        formats: dict[str, str] = {}
        for column in rows.columns:
            owner, name = ctx.service.compiler.resolve(self.dataset, column)
            owners.add(owner)
            types[column] = ctx.service.table(owner).columns.get(name)
            labels[column] = ctx.column_label(self.dataset, column)
            declared = ctx.blueprint.datasets[owner].columns.get(name)
            if declared is not None and declared.format is not None:
                formats[column] = declared.format
        rows = charts.typed_rows(rows, types)
        count = ctx.fmt.number(len(rows))
        if cut:
            caption = ctx.t("table_rows_cut", count=count, limit=ctx.fmt.number(self.limit))
        else:
            caption = ctx.t("table_rows", count=count)
        return ShownRows(rows, types, labels, formats, owners, caption)

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        from datacites_proto.engine.query_errors import QueryError
        from datacites_proto.views import charts

        spec = ctx.blueprint.datasets[self.dataset]
        title = self.title or spec.title or self.dataset
        charts.show_heading(title, self.description)
        try:
            shown = self.shown(ctx)
        except QueryError as exc:  # governance refused the rows: say why, show nothing
            st.warning(exc.message(ctx.lang), icon=":material/lock:")
            return
        rows, types, owners = shown.rows, shown.types, shown.owners
        if rows.empty:
            st.info(ctx.t("app_no_data"))
            return
        st.dataframe(
            charts.shown_rows(rows, types),
            hide_index=True,
            width="stretch",
            column_config=charts.column_config(shown.labels, types, shown.formats),
            key=ctx.key(index, "table"),
            alt=title,
        )
        st.caption(shown.caption)
        open_to_all = all(ctx.blueprint.datasets[d].governance.access == "open" for d in owners)
        if not self.download or not (open_to_all or ctx.audience == "team"):
            return
        file_name = f"{self.dataset}.csv"
        if open_to_all:
            st.download_button(
                ctx.t("table_download"),
                data=charts.csv_bytes(rows, ctx.lang),
                file_name=file_name,
                mime="text/csv",
                key=ctx.key(index, "download"),
                icon=":material/download:",
            )
            return
        # Team-only rows never become a /media/ file (served to anyone with its URL): a
        # one-time link that only this signed-in browser can fetch, made afresh each run.
        lang = ctx.lang
        url = ctx.private_download(
            ctx.key(index, "download"), lambda: charts.csv_bytes(rows, lang), file_name, "text/csv"
        )
        if url is None:
            st.caption(ctx.t("private_download_unavailable"))
            return
        st.link_button(
            ctx.t("table_download"),
            url,
            key=ctx.key(index, "download"),
            on_click="rerun",  # the link is used up: the rerun makes the next one
            icon=":material/download:",
        )

    def document(self, ctx: RenderContext, index: int) -> str:
        """The same rows as the screen, formatted in the service's language."""
        from datacites_proto.engine.query_errors import QueryError
        from datacites_proto.views import printing

        spec = ctx.blueprint.datasets[self.dataset]
        title = self.title or spec.title or self.dataset
        try:
            shown = self.shown(ctx)
        except QueryError as exc:
            return printing.section(title, printing.paragraphs([exc.message(ctx.lang)]))
        if shown.rows.empty:
            return printing.section(
                title, printing.paragraphs([ctx.t("app_no_data")]), self.description
            )
        texts = shown.texts(ctx)
        notes = [shown.caption]
        if len(texts) > self.print_limit:  # pages of rows: the start, and say so
            notes.append(
                ctx.t(
                    "report_table_cut",
                    shown=ctx.fmt.number(self.print_limit),
                    total=ctx.fmt.number(len(texts)),
                )
            )
            texts = texts.head(self.print_limit)
        body = printing.table(texts) + printing.paragraphs(notes)
        return printing.section(title, body, self.description, kind="view rows")


@dataclass
class ShownRows:
    """A table view's rows for one audience, with their types, labels and formats."""

    rows: pd.DataFrame
    types: dict[str, str | None]
    labels: dict[str, str]
    formats: dict[str, str]
    owners: set[str]
    caption: str  # « 12 lignes », « 1 000 premières lignes sur plus »

    def texts(self, ctx: RenderContext) -> pd.DataFrame:
        """Every cell as the service's language writes it, under the columns' labels."""
        from datacites_proto.views.maps.drawing import format_column

        out = {}
        for column in self.rows.columns:
            kind = self.formats.get(column)
            if self.types.get(column) == "integer" and kind is None:
                kind = "integer"
            out[self.labels[column]] = format_column(ctx.fmt, self.rows[column], kind)
        return pd.DataFrame(out)
