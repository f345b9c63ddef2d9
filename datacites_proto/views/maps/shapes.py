"""`shapes` layer: outlines and areas drawn as they are (a GeoJSON file or a geometry column)."""

from __future__ import annotations

from typing import ClassVar, Literal, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import DataPath, Slug, field, tag
from datacites_proto.blueprint.indicators import Color
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.maps.base import Layer


class ShapesLayer(Layer):
    """Shapes such as a town-centre perimeter, a pedestrian zone or cycle lanes."""

    doc_fr: ClassVar[str] = (
        "Formes dessinées telles quelles : périmètre de centre-ville, "
        "zone piétonne, pistes cyclables."
    )

    type: Literal["shapes"] = tag("shapes")
    geojson: DataPath | None = field(
        None, fr="Fichier GeoJSON à dessiner.", en="GeoJSON file to draw."
    )
    dataset: Slug | None = field(
        None,
        fr="Ou : jeu de données dont la colonne de géométrie est dessinée.",
        en="Or: dataset whose geometry column is drawn.",
    )
    color: Color = field("blue", fr="Couleur des formes.", en="Colour of the shapes.")
    tooltip: list[str] = field(
        [],
        fr="Propriétés ou colonnes montrées au survol.",
        en="Properties or columns shown on hover.",
    )

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if (self.geojson is None) == (self.dataset is None):
            raise PydanticCustomError("shapes_one_source", "geojson or dataset", {})
        return self

    def references(self) -> list[Ref]:
        if self.dataset is None:
            return []
        refs = [Ref("dataset", self.dataset, ("dataset",), usage="raw")]
        refs += [
            Ref("column", t, ("tooltip", i), dataset=self.dataset, usage="raw")
            for i, t in enumerate(self.tooltip)
        ]
        return refs
