"""`heatmap` layer: the density of a dataset's rows, aggregated on the server."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
import pandas as pd

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.engine import geo
from datacites_proto.views.maps import drawing as dr
from datacites_proto.views.maps.base import Layer
from datacites_proto.views.maps.points import _skipped_note

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext
    from datacites_proto.views.maps.static import Projection


class HeatmapLayer(Layer):
    """A density surface of the rows, optionally weighted by a numeric column."""

    doc_fr: ClassVar[str] = "Densité des lignes, éventuellement pondérée par une colonne numérique."

    type: Literal["heatmap"] = tag("heatmap")
    needs_geometry: ClassVar[bool] = True
    # Cells follow the map's extent: never over a shared dataset on a public page (two
    # overlapping cells would reveal a small group by difference; engine/protection.py).
    cells_follow_extent: ClassVar[bool] = True
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

    def static_marks(self, draw: dr.LayerDraw, project: Projection) -> str | None:
        """The screen's deck.gl objects, in their colours, as SVG."""
        from datacites_proto.views.maps.static import deck_marks

        return deck_marks(draw.deck, project)

    def deck_layer(self, ctx: RenderContext, layer_id: str) -> dr.LayerDraw:
        """A HeatmapLayer over square cells counted (or weighed) on the server: never the
        rows themselves; cells of too few rows of a shared dataset are left out."""
        query = geo.GeoQuery(ctx.service, self.dataset, ctx.filters)
        query.check_aggregate(ctx.audience)  # before anything, even the bounds, is read
        extent = query.extent()
        notes = _skipped_note(ctx, self.dataset, extent.skipped)
        dataset = dr.dataset_title(ctx, self.dataset)
        if extent.bounds is None:
            return dr.LayerDraw(
                [], notes=notes, alt=ctx.t("app_map_alt_heat", count=0, dataset=dataset)
            )
        cells = query.grid(
            geo.grid_step(extent.bounds), weight=self.weight, extent=extent, audience=ctx.audience
        )
        frame = cells.frame
        hidden = frame["suppressed"].to_numpy(dtype=bool)
        shown = frame[~hidden]
        data = heat_data(
            shown["lon"].to_numpy(), shown["lat"].to_numpy(), shown["value"].to_numpy()
        )
        if hidden.any():
            notes.append(
                ctx.t(
                    "app_map_hidden_cells",
                    count=ctx.fmt.number(int(hidden.sum())),
                    size=cells.threshold,
                )
            )
        label = (
            ctx.column_label(self.dataset, self.weight) if self.weight else ctx.t("app_map_rows")
        )
        ranked = frame["value"].where(~frame["suppressed"], -1.0).to_numpy(dtype="float64")
        order = np.argsort(-ranked, kind="stable")[: dr.TABLE_ROWS]
        part = frame.iloc[order]
        texts = [
            ctx.t("app_hidden_value") if h else text
            for text, h in zip(
                dr.format_column(ctx.fmt, part["value"].tolist()),
                part["suppressed"].tolist(),
                strict=True,
            )
        ]
        table = pd.DataFrame(
            {
                ctx.t("app_map_lat"): dr.format_coordinates(ctx.fmt, part["lat"]),
                ctx.t("app_map_lon"): dr.format_coordinates(ctx.fmt, part["lon"]),
                label: texts,
            }
        )
        total = len(frame)
        spec = dr.deck_spec(
            "HeatmapLayer",
            layer_id,
            data,
            get_position="p",
            get_weight="w",
            radius_pixels=30,
            opacity=self.opacity,
        )
        return dr.LayerDraw(
            [spec],
            bounds=extent.bounds,
            table=table,
            table_title=self.label or dataset,
            table_rows=total,
            notes=notes,
            alt=ctx.t("app_map_alt_heat", count=ctx.fmt.number(cells.rows), dataset=dataset),
            features=len(data),
            hidden_threshold=cells.threshold if hidden.any() else 0,
        )


def heat_data(lon: np.ndarray, lat: np.ndarray, weight: np.ndarray) -> list[dict[str, Any]]:
    """Objects {p: [lon, lat], w} of a HeatmapLayer (missing weights count for nothing)."""
    weights = np.nan_to_num(np.asarray(weight, dtype="float64"), nan=0.0)
    return [
        {"p": [a, b], "w": round(w, 6)}
        for a, b, w in zip(lon.tolist(), lat.tolist(), weights.tolist(), strict=True)
    ]
