"""The contract of a map layer: a registered component drawn by the `map` view."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from datacites_proto.blueprint.base import Component, field
from datacites_proto.blueprint.project_paths import PathRefused, project_file
from datacites_proto.blueprint.refs import Ref

if TYPE_CHECKING:
    from datacites_proto.app.context import RenderContext
    from datacites_proto.views.maps.drawing import LayerDraw


def layer_file(ctx: RenderContext, text: str) -> Path:
    """A layer's own file (GeoJSON), resolved and kept inside the project at draw time too."""
    from datacites_proto.engine.geo import GeoJsonFileError

    blueprint = ctx.blueprint
    try:
        return project_file(text, blueprint.base_dir, blueprint.project_dir)
    except PathRefused as refused:
        raise GeoJsonFileError(refused.code, **refused.params) from None


class Layer(Component):
    """Base class of every map layer type; subclass it and set `type: Literal["<tag>"]`."""

    kind: ClassVar[str] = "layers"
    # Layers that draw the rows of a dataset need its `geometry`.
    needs_geometry: ClassVar[bool] = False

    id: str | None = field(
        None,
        pattern=r"^[a-z][a-z0-9_-]*$",
        fr="Identifiant de la couche (pour la légende et la sélection) ; déduit si absent.",
        en="Id of the layer (for the legend and selection); derived when absent.",
    )
    label: str | None = field(
        None, fr="Nom de la couche dans la légende.", en="Name of the layer in the legend."
    )
    opacity: float = field(0.8, ge=0, le=1, fr="Opacité, de 0 à 1.", en="Opacity, from 0 to 1.")

    def references(self) -> list[Ref]:
        """Datasets, indicators and columns this layer uses, for validation and governance."""
        return []

    def deck_layer(self, ctx: RenderContext, layer_id: str) -> LayerDraw:
        """The pydeck layer(s), legend, notes and data table of this layer for the page."""
        from datacites_proto.views.maps.drawing import LayerDraw

        return LayerDraw([], notes=[ctx.t("app_view_not_drawable", type=self.type)])
