"""`hexagons` layer: rows aggregated on the server into H3 hexagons."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.maps.base import Layer


class HexagonsLayer(Layer):
    """Hexagons coloured by an indicator (or the number of rows) computed per cell."""

    doc_fr: ClassVar[str] = (
        "Hexagones colorés selon un indicateur (ou le nombre de lignes) calculé par case."
    )

    type: Literal["hexagons"] = tag("hexagons")
    needs_geometry: ClassVar[bool] = True
    dataset: Slug = field(fr="Jeu de données agrégé.", en="Dataset aggregated.")
    indicator: Slug | None = field(
        None,
        fr="Indicateur calculé par hexagone ; le nombre de lignes si absent.",
        en="Indicator computed per hexagon; the number of rows when absent.",
    )
    resolution: int = field(
        8,
        ge=4,
        le=12,
        fr="Finesse H3 : 7 ≈ 1,4 km de côté, 8 ≈ 530 m, 9 ≈ 200 m.",
        en="H3 resolution: 7 ≈ 1.4 km edge, 8 ≈ 530 m, 9 ≈ 200 m.",
    )

    def references(self) -> list[Ref]:
        refs = [Ref("dataset", self.dataset, ("dataset",), usage="aggregate")]
        if self.indicator:
            refs.append(Ref("indicator", self.indicator, ("indicator",)))
        return refs
