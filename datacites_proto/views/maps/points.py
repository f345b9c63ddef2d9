"""`points` layer: the rows of a dataset as dots, aggregated into hexagons when too many."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.maps.base import Layer


class PointsLayer(Layer):
    """One dot per row, sized and coloured by an indicator or a column."""

    doc_fr: ClassVar[str] = (
        "Un point par ligne, dont la taille et la couleur suivent un indicateur ou une colonne."
    )

    type: Literal["points"] = tag("points")
    needs_geometry: ClassVar[bool] = True
    dataset: Slug = field(
        fr="Jeu de données dont les lignes sont placées.", en="Dataset whose rows are placed."
    )
    size: str | None = field(
        None,
        fr=(
            "Taille des points : un indicateur (calculé par ligne via la clé) ou une "
            "colonne numérique."
        ),
        en="Dot size: an indicator (computed per row through the key) or a numeric column.",
    )
    color: str | None = field(
        None,
        fr="Couleur des points : un indicateur ou une colonne.",
        en="Dot colour: an indicator or a column.",
    )
    tooltip: list[str] = field(
        [],
        fr="Colonnes et indicateurs montrés au survol.",
        en="Columns and indicators shown on hover.",
    )
    radius: float = field(
        30, gt=0, le=5000, fr="Rayon des points, en mètres.", en="Dot radius, in metres."
    )

    def references(self) -> list[Ref]:
        refs = [Ref("dataset", self.dataset, ("dataset",), usage="raw")]
        for name, loc in ((self.size, ("size",)), (self.color, ("color",))):
            if name:
                refs.append(
                    Ref(
                        "column",
                        name,
                        loc,
                        dataset=self.dataset,
                        usage="raw",
                        numeric=loc == ("size",),
                        or_indicator=True,
                    )
                )
        refs += [
            Ref("column", t, ("tooltip", i), dataset=self.dataset, usage="raw", or_indicator=True)
            for i, t in enumerate(self.tooltip)
        ]
        return refs
