"""`histogram` view: the distribution of a numeric column, binned in the database."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import View


class HistogramView(View):
    """How many rows fall in each interval of a numeric column."""

    doc_fr: ClassVar[str] = (
        "Combien de lignes tombent dans chaque intervalle d'une colonne numérique."
    )

    type: Literal["histogram"] = tag("histogram")
    dataset: Slug = field(fr="Jeu de données.", en="Dataset.")
    column: str = field(fr="Colonne numérique à répartir.", en="Numeric column to bin.")
    bins: int = field(20, ge=2, le=200, fr="Nombre d'intervalles.", en="Number of bins.")

    def references(self) -> list[Ref]:
        return [
            Ref("dataset", self.dataset, ("dataset",)),
            Ref("column", self.column, ("column",), dataset=self.dataset, numeric=True),
        ]
