"""`map` view: pydeck layers over an optional basemap."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import Spec, component_slot, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views.base import View
from datacites_proto.views.maps.base import Layer

LayerField = component_slot("layers", Layer)


class Center(Spec):
    """Where the map opens."""

    doc_fr: ClassVar[str] = "Là où la carte s'ouvre."

    lon: float = field(ge=-180, le=180, fr="Longitude.", en="Longitude.")
    lat: float = field(ge=-90, le=90, fr="Latitude.", en="Latitude.")
    zoom: float = field(13, ge=0, le=22, fr="Niveau de zoom.", en="Zoom level.")


class MapView(View):
    """A map with one or more layers; every map offers its data as a table too."""

    doc_fr: ClassVar[str] = (
        "Une carte à une ou plusieurs couches ; chaque carte propose aussi ses données en tableau."
    )

    type: Literal["map"] = tag("map")
    layers: list[LayerField] = field(
        min_length=1,
        fr=(
            "Couches dessinées, de la plus basse à la plus haute (points, hexagons, "
            "heatmap, choropleth, shapes)."
        ),
        en="Layers drawn, bottom first (points, hexagons, heatmap, choropleth, shapes).",
    )
    height: int = field(500, ge=200, le=1200, fr="Hauteur en pixels.", en="Height in pixels.")
    center: Center | None = field(
        None,
        fr="Centre et zoom à l'ouverture ; ajustés aux données si absent.",
        en="Centre and zoom when opened; fitted to the data when absent.",
    )

    def references(self) -> list[Ref]:
        refs: list[Ref] = []
        for i, layer in enumerate(self.layers):
            for ref in layer.references():
                refs.append(Ref(**{**ref.__dict__, "loc": ("layers", i, *ref.loc)}))
        return refs
