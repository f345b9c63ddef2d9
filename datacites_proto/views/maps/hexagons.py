"""`hexagons` layer: rows aggregated on the server into H3 hexagons."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.engine import geo
from datacites_proto.views.maps import drawing as dr
from datacites_proto.views.maps.base import Layer
from datacites_proto.views.maps.points import _skipped_note, cells_table, hexagon_spec

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext
    from datacites_proto.views.maps.static import Projection


class HexagonsLayer(Layer):
    """Hexagons coloured by an indicator (or the number of rows) computed per cell."""

    doc_fr: ClassVar[str] = (
        "Hexagones colorés selon un indicateur (ou le nombre de lignes) calculé par case."
    )

    type: Literal["hexagons"] = tag("hexagons")
    needs_geometry: ClassVar[bool] = True
    # Cells follow the map's extent: never over a shared dataset on a public page (two
    # overlapping cells would reveal a small group by difference; engine/protection.py).
    cells_follow_extent: ClassVar[bool] = True
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

    def static_marks(self, draw: dr.LayerDraw, project: Projection) -> str | None:
        """The screen's deck.gl objects, in their colours, as SVG."""
        from datacites_proto.views.maps.static import deck_marks

        return deck_marks(draw.deck, project)

    def deck_layer(self, ctx: RenderContext, layer_id: str) -> dr.LayerDraw:
        """H3 cells computed on the server; cells of too few rows of a shared dataset hidden."""
        query = geo.GeoQuery(ctx.service, self.dataset, ctx.filters)
        query.check_aggregate(ctx.audience)  # before anything, even the bounds, is read
        extent = query.extent()
        notes = _skipped_note(ctx, self.dataset, extent.skipped)
        indicator = self.indicator
        if indicator is not None and not geo.cell_measure(ctx.blueprint, indicator, self.dataset):
            notes.append(ctx.t("app_map_not_per_cell", indicator=ctx.indicator_label(indicator)))
            indicator = None
        cells = query.hexagons(
            self.resolution, indicator=indicator, extent=extent, audience=ctx.audience
        )
        frame = cells.frame
        if indicator is not None:
            spec = ctx.blueprint.indicators[indicator]
            label, bands = spec.label, list(spec.bands)

            def fmt(v: float) -> str:
                return ctx.fmt.value(v, spec.effective_format, spec.decimals)

            texts = [ctx.format_indicator(indicator, v) for v in frame["value"].tolist()]
        else:
            label, bands, fmt = ctx.t("app_map_rows"), [], ctx.fmt.number
            texts = dr.format_column(ctx.fmt, frame["n"].tolist())
        hidden = frame["suppressed"].to_numpy(dtype=bool)
        texts = [ctx.t("app_hidden_value") if h else t for t, h in zip(texts, hidden, strict=True)]
        values = frame["value"].where(~frame["suppressed"]).to_numpy(dtype="float64")
        classes = (
            dr.band_classes(values, bands, fmt, ctx.lang)
            if bands
            else dr.quantile_classes(values, fmt, ctx.lang)
        )
        lines = dr.tooltip_lines(ctx.lang, [(label, texts)])
        data = [
            {"cell": cell, "c": classes.colour_of(int(k)), "tooltip": line}
            for cell, k, line, h in zip(
                frame["cell"].tolist(), classes.index.tolist(), lines, hidden, strict=True
            )
            if not h  # hidden cells are not drawn at all
        ]
        legend = dr.Legend(label, classes.entries())
        if hidden.any():
            notes.append(
                ctx.t(
                    "app_map_hidden_cells",
                    count=ctx.fmt.number(int(hidden.sum())),
                    size=cells.threshold,
                )
            )
        table, total = cells_table(ctx, frame, label, texts)
        dataset = dr.dataset_title(ctx, self.dataset)
        alt = ctx.t(
            "app_map_alt_cells", cells=ctx.fmt.number(len(data)), dataset=dataset, label=label
        )
        finite = values[np.isfinite(values)]
        if len(finite):
            alt += ctx.t("app_map_alt_range", low=fmt(finite.min()), high=fmt(finite.max()))
        return dr.LayerDraw(
            [hexagon_spec(layer_id, data, self.opacity)],
            bounds=extent.bounds,
            legend=legend,
            table=table,
            table_title=self.label or dataset,
            table_rows=total,
            notes=notes,
            alt=alt,
            features=len(data),
            hidden_threshold=cells.threshold if hidden.any() else 0,
        )
