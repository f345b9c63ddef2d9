"""The contract of a map layer: a registered component drawn by the `map` view."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from datacites_proto.blueprint.components import LayerSpec
from datacites_proto.blueprint.project_paths import PathRefused, project_file

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext
    from datacites_proto.views.maps.drawing import LayerDraw
    from datacites_proto.views.maps.static import Projection


def layer_file(ctx: RenderContext, text: str) -> Path:
    """A layer's own file (GeoJSON), resolved and kept inside the project at draw time too."""
    from datacites_proto.engine.geo import GeoJsonFileError

    blueprint = ctx.blueprint
    try:
        return project_file(text, blueprint.base_dir, blueprint.project_dir)
    except PathRefused as refused:
        raise GeoJsonFileError(refused.code, **refused.params) from None


class Layer(LayerSpec):
    """Base class of every map layer type; subclass it and set `type: Literal["<tag>"]`.

    Validation hooks (`references`, `files`, `check`, `needs_geometry`,
    `cells_follow_extent`) and the fields `id`, `label`, `opacity` come from `LayerSpec`;
    a layer adds `deck_layer`, and `static_marks` for the printed report."""

    # What the registry checks (it sits below this module and never imports it).
    component_base: ClassVar[str] = "datacites_proto.Layer"

    def deck_layer(self, ctx: RenderContext, layer_id: str) -> LayerDraw:
        """The pydeck layer(s), legend, notes and data table of this layer for the page."""
        from datacites_proto.views.maps.drawing import LayerDraw

        return LayerDraw([], notes=[ctx.t("app_view_not_drawable", type=self.type)])

    def static_marks(self, draw: LayerDraw, project: Projection) -> str | None:
        """The layer as SVG marks for the printed report, drawn from its `deck_layer` draw
        through `project` (Web Mercator fitted to the map); None: no static drawing (the
        report says so)."""
        return None
