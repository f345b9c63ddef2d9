"""`choropleth` layer: areas of a GeoJSON file coloured by an indicator joined on a code."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import field_validator

from datacites_proto.blueprint.base import AlsoString, DataPath, Slug, Spec, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.maps.base import Layer


class ChoroplethKey(Spec):
    """The GeoJSON property and the data column that hold the same code."""

    doc_fr: ClassVar[str] = (
        "La propriété du GeoJSON et la colonne des données qui portent le même code."
    )

    geojson: str = field(
        fr="Propriété du GeoJSON (ex. « INSEE_COM »).", en="GeoJSON property (e.g. 'INSEE_COM')."
    )
    column: str = field(
        fr="Colonne des données (ex. « code_insee »).", en="Data column (e.g. 'code_insee')."
    )


class ChoroplethLayer(Layer):
    """Areas coloured by an indicator, with a legend."""

    doc_fr: ClassVar[str] = "Zones colorées selon un indicateur, avec une légende."

    type: Literal["choropleth"] = tag("choropleth")
    geojson: DataPath = field(
        fr="Fichier GeoJSON des zones, relatif au blueprint.",
        en="GeoJSON file of the areas, relative to the blueprint.",
    )
    key: Annotated[ChoroplethKey, AlsoString()] = field(
        fr="Code commun : un nom (le même des deux côtés) ou {geojson: …, column: …}.",
        en="Shared code: one name (the same on both sides) or {geojson: …, column: …}.",
    )
    indicator: Slug = field(
        fr="Indicateur qui colore les zones.", en="Indicator colouring the areas."
    )
    tooltip: list[str] = field(
        [], fr="Propriétés du GeoJSON montrées au survol.", en="GeoJSON properties shown on hover."
    )

    @field_validator("key", mode="before")
    @classmethod
    def _same_name(cls, value: Any) -> Any:
        return {"geojson": value, "column": value} if isinstance(value, str) else value

    def references(self) -> list[Ref]:
        return [
            Ref("indicator", self.indicator, ("indicator",)),
            Ref("column", self.key.column, ("key",), indicator=self.indicator, usage="group"),
        ]
