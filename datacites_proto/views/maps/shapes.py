"""`shapes` layer: outlines and areas drawn as they are (a GeoJSON file or a geometry column)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

import pandas as pd
from pydantic import model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import DataPath, Slug, field, tag
from datacites_proto.blueprint.indicators import Color
from datacites_proto.blueprint.refs import Ref
from datacites_proto.engine import geo
from datacites_proto.errors import Loc
from datacites_proto.views.maps import drawing as dr
from datacites_proto.views.maps.base import Layer, layer_file

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.views.context import RenderContext
    from datacites_proto.views.maps.static import Projection


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

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        dataset = ctx.blueprint.datasets.get(self.dataset or "")
        if dataset is not None and (dataset.geometry is None or dataset.geometry.column is None):
            ctx.error(
                "shapes_need_geometry_column", (*loc, "dataset"), params={"dataset": self.dataset}
            )

    def references(self) -> list[Ref]:
        if self.dataset is None:
            return []
        refs = [Ref("dataset", self.dataset, ("dataset",), usage="raw")]
        refs += [
            Ref("column", t, ("tooltip", i), dataset=self.dataset, usage="raw")
            for i, t in enumerate(self.tooltip)
        ]
        return refs

    def static_marks(self, draw: dr.LayerDraw, project: Projection) -> str | None:
        """The screen's deck.gl objects, in their colours, as SVG."""
        from datacites_proto.views.maps.static import deck_marks

        return deck_marks(draw.deck, project)

    def deck_layer(self, ctx: RenderContext, layer_id: str) -> dr.LayerDraw:
        """A GeoJsonLayer of the file's features or of the dataset's geometry column."""
        notes: list[str] = []
        if self.geojson is not None:
            areas = geo.read_geojson(layer_file(ctx, self.geojson))
            features = areas["features"]
            geometries = [f["geometry"] for f in features]
            values = {
                t: [dr.format_value(ctx.fmt, f["properties"].get(t)) for f in features]
                for t in self.tooltip
            }
            labels = {t: t for t in self.tooltip}
            bounds = areas["bounds"]
            if areas["skipped"]:
                notes.append(
                    ctx.t("app_map_areas_skipped", count=areas["skipped"], path=self.geojson)
                )
            title = self.label or self.id or Path(self.geojson).stem
        else:
            assert self.dataset is not None
            query = geo.GeoQuery(ctx.service, self.dataset, ctx.filters)
            rows = query.shapes(self.tooltip, audience=ctx.audience)
            geometries = rows.geometries
            values = {t: dr.format_column(ctx.fmt, rows.frame[t]) for t in self.tooltip}
            labels = {t: ctx.column_label(self.dataset, t) for t in self.tooltip}
            bounds = geo.geometry_bounds(geometries)
            if rows.skipped:
                notes.append(
                    ctx.t(
                        "app_map_skipped",
                        count=ctx.fmt.number(rows.skipped),
                        dataset=dr.dataset_title(ctx, self.dataset),
                    )
                )
            if rows.rows > geo.MAX_FEATURES:
                notes.append(
                    ctx.t(
                        "app_map_truncated",
                        shown=ctx.fmt.number(geo.MAX_FEATURES),
                        total=ctx.fmt.number(rows.rows),
                    )
                )
            title = self.label or dr.dataset_title(ctx, self.dataset)
        lines = dr.tooltip_lines(ctx.lang, [(labels[t], values[t]) for t in self.tooltip])
        data = shapes_data(geometries, lines)
        spec = shapes_spec(layer_id, data, dr.rgb(self.color), self.opacity, pickable=bool(lines))
        table = pd.DataFrame({labels[t]: values[t] for t in self.tooltip}) if self.tooltip else None
        total = 0
        if table is not None:
            table, total = dr.cut_table(table)
        return dr.LayerDraw(
            [spec],
            bounds=bounds,
            table=table,
            table_title=title,
            table_rows=total,
            notes=notes,
            alt=ctx.t("app_map_alt_shapes", count=ctx.fmt.number(len(geometries)), title=title),
            features=len(geometries),
        )


def shapes_data(geometries: list[dict[str, Any]], tooltips: list[str]) -> dict[str, Any]:
    """A FeatureCollection carrying only each shape's tooltip text."""
    features = []
    for i, geometry in enumerate(geometries):
        properties = {"tooltip": tooltips[i]} if tooltips else {}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def shapes_spec(
    layer_id: str, data: dict[str, Any], colour: list[int], opacity: float, *, pickable: bool
) -> dict[str, Any]:
    """Outlines in the colour, areas in a light wash of it, points as small dots."""
    return dr.deck_spec(
        "GeoJsonLayer",
        layer_id,
        data,
        stroked=True,
        filled=True,
        get_fill_color=[*colour, 60],
        get_line_color=[*colour, 255],
        line_width_min_pixels=2,
        point_radius_min_pixels=4,
        get_point_radius=10,
        pickable=pickable,
        auto_highlight=pickable,
        opacity=opacity,
    )
