"""`heatmap` layer: the density of a dataset's rows, aggregated on the server."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.maps.base import Layer


class HeatmapLayer(Layer):
    """A density surface of the rows, optionally weighted by a numeric column."""

    doc_fr: ClassVar[str] = "Densité des lignes, éventuellement pondérée par une colonne numérique."

    type: Literal["heatmap"] = tag("heatmap")
    needs_geometry: ClassVar[bool] = True
    dataset: Slug = field(fr="Jeu de données représenté.", en="Dataset drawn.")
    weight: str | None = field(
        None,
        fr="Colonne numérique qui pondère chaque ligne.",
        en="Numeric column weighting each row.",
    )

    def references(self) -> list[Ref]:
        refs = [Ref("dataset", self.dataset, ("dataset",), usage="aggregate")]
        if self.weight:
            refs.append(Ref("column", self.weight, ("weight",), dataset=self.dataset, numeric=True))
        return refs
