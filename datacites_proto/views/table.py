"""`table` view: rows of a dataset, sortable, limited, downloadable when governance allows."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import View, column_refs


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

    def references(self) -> list[Ref]:
        refs = [Ref("dataset", self.dataset, ("dataset",), usage="raw")]
        if self.columns is not None:
            refs += column_refs(self.columns, ("columns",), dataset=self.dataset, usage="raw")
        if self.sort:
            refs.append(
                Ref("column", self.sort.lstrip("-"), ("sort",), dataset=self.dataset, usage="raw")
            )
        return refs
