"""`choropleth` layer: areas of a GeoJSON file coloured by an indicator joined on a code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import field_validator

from datacites_proto.blueprint.base import AlsoString, DataPath, Slug, Spec, field, tag
from datacites_proto.blueprint.checks.paths import safe_path
from datacites_proto.blueprint.refs import Ref
from datacites_proto.engine import geo
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.errors import Loc
from datacites_proto.sources.sniff import SniffError, read_geojson_columns
from datacites_proto.views.maps import drawing as dr
from datacites_proto.views.maps.base import Layer, layer_file

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.views.context import RenderContext
    from datacites_proto.views.maps.static import Projection


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

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        # The key's property must exist in the file (read only when it is there and safe).
        full = safe_path(ctx, self.geojson)
        if full is None or not full.is_file():
            return
        try:
            columns = read_geojson_columns(full)
        except SniffError as exc:
            ctx.error(exc.code, (*loc, "key"), params={**exc.params, "path": self.geojson})
            return
        names = [n for n in columns.names if n != "geometry"]
        if self.key.geojson not in names:
            ctx.unknown(
                "geojson_property_missing",
                (*loc, "key"),
                self.key.geojson,
                names,
                path=self.geojson,
            )

    def static_marks(self, draw: dr.LayerDraw, project: Projection) -> str | None:
        """The screen's deck.gl objects, in their colours, as SVG."""
        from datacites_proto.views.maps.static import deck_marks

        return deck_marks(draw.deck, project)

    def deck_layer(self, ctx: RenderContext, layer_id: str) -> dr.LayerDraw:
        """The file's areas joined to the indicator on the key (as text), in classes of a
        colour-blind-safe scale (or the indicator's bands); hidden values greyed."""
        areas = geo.read_geojson(layer_file(ctx, self.geojson))
        spec = ctx.blueprint.indicators[self.indicator]
        result = ctx.result(self.indicator, by=self.key.column)
        by = self.key.column
        found: dict[str, tuple[float, bool, Any]] = {}
        for code, value, hidden in zip(
            result.frame[by].tolist(),
            result.frame[self.indicator].tolist(),
            result.suppressed.tolist(),
            strict=True,
        ):
            found[dr.as_key(code)] = (value, bool(hidden), code)
        features = areas["features"]
        codes = [dr.as_key(f["properties"].get(self.key.geojson)) for f in features]
        rows = [found.get(code) for code in codes]
        values = np.array(
            [np.nan if r is None or r[1] else dr.as_number(r[0]) for r in rows],
            dtype="float64",
        )
        hidden = np.array([r is not None and r[1] for r in rows], dtype=bool)
        missing = np.array(
            [r is None or (not r[1] and np.isnan(dr.as_number(r[0]))) for r in rows], dtype=bool
        )

        def fmt(v: float) -> str:
            return ctx.fmt.value(v, spec.effective_format, spec.decimals)

        classes = (
            dr.band_classes(values, spec.bands, fmt, ctx.lang)
            if spec.bands
            else dr.quantile_classes(values, fmt, ctx.lang)
        )
        texts = [
            ctx.t("app_hidden_value")
            if h
            else ctx.t("app_map_no_value")
            if m
            else ctx.format_indicator(self.indicator, v)
            for v, h, m in zip(values.tolist(), hidden, missing, strict=True)
        ]
        names = self._names(features, codes)
        columns = [
            (t, [dr.format_value(ctx.fmt, f["properties"].get(t)) for f in features])
            for t in self.tooltip
        ]
        lines = dr.tooltip_lines(ctx.lang, [*columns, (spec.label, texts)])
        target = self._target(ctx)
        drawn = []
        for i, feature in enumerate(features):
            colour = (
                dr.HIDDEN_RGB
                if hidden[i]
                else dr.MISSING_RGB
                if missing[i]
                else classes.colour_of(int(classes.index[i]))
            )
            properties: dict[str, Any] = {
                self.key.geojson: feature["properties"].get(self.key.geojson),
                "c": colour,
                "tooltip": lines[i],
            }
            for t in self.tooltip:
                properties[t] = feature["properties"].get(t)
            if target is not None and rows[i] is not None:
                properties["sel"] = _plain(rows[i][2])
            drawn.append(
                {"type": "Feature", "properties": properties, "geometry": feature["geometry"]}
            )
        legend = dr.Legend(spec.label, classes.entries())
        if hidden.any():
            legend.entries.append(
                dr.LegendEntry(dr.HIDDEN_RGB, ctx.t("app_map_hidden", size=result.threshold))
            )
        if missing.any():
            legend.entries.append(dr.LegendEntry(dr.MISSING_RGB, ctx.t("app_map_no_value")))
        notes = []
        if areas["skipped"]:
            notes.append(ctx.t("app_map_areas_skipped", count=areas["skipped"], path=self.geojson))
        from datacites_proto.views.charts import protection_notes

        notes.extend(protection_notes(ctx, result.protection))
        table = pd.DataFrame({ctx.column_label(None, self.key.column): [c or "—" for c in codes]})
        for name, values_text in columns:
            table[name] = values_text
        table[spec.label] = texts
        table, total = dr.cut_table(table)
        spec_layer = dr.deck_spec(
            "GeoJsonLayer",
            layer_id,
            {"type": "FeatureCollection", "features": drawn},
            get_fill_color="properties.c",
            get_line_color=[255, 255, 255],
            line_width_min_pixels=1,
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
            opacity=self.opacity,
        )
        alt = ctx.t("app_map_alt_areas", count=ctx.fmt.number(len(drawn)), label=spec.label)
        finite = values[np.isfinite(values)]
        if len(finite):
            alt += ctx.t("app_map_alt_range", low=fmt(finite.min()), high=fmt(finite.max()))
            best = int(np.nanargmax(values))
            sep = " ; " if ctx.lang == "fr" else "; "
            alt += sep + ctx.t(
                "app_map_alt_top", label=spec.label, name=names[best], value=texts[best]
            )
        return dr.LayerDraw(
            [spec_layer],
            bounds=areas["bounds"],
            legend=legend,
            table=table,
            table_title=self.label or spec.label,
            table_rows=total,
            notes=notes,
            alt=alt,
            select=target,
            features=len(drawn),
            hidden_threshold=result.threshold if hidden.any() else 0,
        )

    def _names(self, features: list[dict[str, Any]], codes: list[str]) -> list[str]:
        """What an area is called: its first tooltip property, else its code."""
        if not self.tooltip:
            return codes
        return [
            str(f["properties"].get(self.tooltip[0]) or c)
            for f, c in zip(features, codes, strict=True)
        ]

    def _target(self, ctx: RenderContext) -> dr.SelectTarget | None:
        """A select/multiselect filter of the page on the key column: clicking an area
        sets it to the area's code."""
        homes = sorted(ctx.blueprint.leaf_datasets(self.indicator))
        if not homes:
            return None
        try:
            dataset, column = ctx.service.compiler.resolve(homes[0], self.key.column)
        except QueryError:
            return None
        for f_id in ctx.filters:
            spec = ctx.blueprint.filters.get(f_id)
            if (
                spec is not None
                and spec.type in ("select", "multiselect")
                and (spec.dataset, spec.column_name) == (dataset, column)
            ):
                return dr.SelectTarget(f_id, "sel", spec.type == "multiselect")
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)
