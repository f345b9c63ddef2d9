"""`stations` map layer: a circle per station, sized by its capacity and coloured by the
bikes it has, with a tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
import pandas as pd

from datacites_proto import Layer, Ref, Slug, field, tag
from datacites_proto.engine import geo
from datacites_proto.views.maps import drawing as dr

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext

# Colour of each level of availability: none, few, enough, unknown (Okabe–Ito, colour-blind safe).
LEVELS = (
    ("velos_level_empty", [213, 94, 0]),
    ("velos_level_low", [230, 159, 0]),
    ("velos_level_ok", [0, 158, 115]),
    ("velos_level_unknown", dr.HIDDEN_RGB),
)
UNKNOWN = 3  # the index of the last level


class StationsLayer(Layer):
    """Bike-share stations: a circle sized by capacity, coloured by the bikes available."""

    doc_fr: ClassVar[str] = (
        "Stations de vélos en libre-service : un cercle dont la taille suit la capacité et "
        "la couleur les vélos disponibles."
    )

    type: Literal["stations"] = tag("stations")
    needs_geometry: ClassVar[bool] = True  # places each row: the dataset needs a geometry
    dataset: Slug = field(fr="Jeu de données des stations.", en="Dataset of the stations.")
    name: str = field(
        "name", fr="Colonne du nom de la station.", en="Column of the station's name."
    )
    capacity: str = field(
        "capacity", fr="Colonne de la capacité (bornes).", en="Column of the capacity (docks)."
    )
    bikes: str = field(
        "num_bikes_available",
        fr="Colonne des vélos disponibles (« jeu.colonne » d'un jeu relié).",
        en="Column of the bikes available ('dataset.column' of a related dataset).",
    )
    threshold: int = field(
        3,
        gt=0,
        fr="En dessous de ce nombre de vélos, la station est presque vide.",
        en="Below this number of bikes, the station is nearly empty.",
    )
    radius: float = field(
        40,
        gt=0,
        le=500,
        fr="Rayon de la plus grande station, en mètres.",
        en="Radius of the largest station, in metres.",
    )
    messages: ClassVar[dict[str, dict[str, str]]] = {
        "fr": {
            "velos_level_title": "Vélos disponibles",
            "velos_level_empty": "aucun vélo",
            "velos_level_low": "moins de {threshold}",
            "velos_level_ok": "{threshold} ou plus",
            "velos_level_unknown": "inconnu",
            "velos_station": "Station",
            "velos_capacity": "Capacité",
            "velos_size_note": "La taille d'un cercle suit la capacité de la station.",
            "velos_alt": "{count} stations sur la carte, dont {empty} sans vélo",
        },
        "en": {
            "velos_level_title": "Bikes available",
            "velos_level_empty": "no bike",
            "velos_level_low": "fewer than {threshold}",
            "velos_level_ok": "{threshold} or more",
            "velos_level_unknown": "unknown",
            "velos_station": "Station",
            "velos_capacity": "Capacity",
            "velos_size_note": "The size of a circle follows the station's capacity.",
            "velos_alt": "{count} stations on the map, {empty} of them without a bike",
        },
    }

    def references(self) -> list[Ref]:
        # Each station is shown, with these columns: the rows themselves ("raw").
        return [
            Ref("dataset", self.dataset, ("dataset",), usage="raw"),
            Ref("column", self.name, ("name",), dataset=self.dataset, usage="raw"),
            *[
                Ref("column", column, (key,), dataset=self.dataset, usage="raw", numeric=True)
                for key, column in (("capacity", self.capacity), ("bikes", self.bikes))
            ],
        ]

    def deck_layer(self, ctx: RenderContext, layer_id: str) -> dr.LayerDraw:
        """Circles for the located stations (the query applies the page's filters and
        governance, and never returns more than `geo.MAX_FEATURES` rows)."""
        query = geo.GeoQuery(ctx.service, self.dataset, ctx.filters)
        extent = query.extent()
        rows = query.points([self.name, self.capacity, self.bikes], audience=ctx.audience)
        frame = rows.frame
        capacity = pd.to_numeric(frame[self.capacity], errors="coerce").to_numpy(dtype="float64")
        bikes = pd.to_numeric(frame[self.bikes], errors="coerce").to_numpy(dtype="float64")
        levels = self.levels(bikes)
        top = np.nanmax(capacity) if np.isfinite(capacity).any() else 0.0
        radii = np.where(
            np.isfinite(capacity) & (top > 0),
            self.radius * np.sqrt(np.nan_to_num(capacity) / (top or 1.0)),
            self.radius / 2,
        )
        threshold = ctx.fmt.number(self.threshold)
        labels = [ctx.t(code, threshold=threshold) for code, _ in LEVELS]
        names = dr.format_column(ctx.fmt, frame[self.name])
        columns = [
            (ctx.t("velos_station"), names),
            (ctx.t("velos_level_title"), dr.format_column(ctx.fmt, frame[self.bikes])),
            (ctx.t("velos_capacity"), dr.format_column(ctx.fmt, frame[self.capacity])),
        ]
        tooltips = dr.tooltip_lines(ctx.lang, columns)
        data: list[dict[str, Any]] = [
            {"p": [lon, lat], "r": round(float(r), 1), "c": LEVELS[level][1], "tooltip": text}
            for lon, lat, r, level, text in zip(
                rows.lon.tolist(), rows.lat.tolist(), radii, levels, tooltips, strict=True
            )
        ]
        spec = dr.deck_spec(
            "ScatterplotLayer",
            layer_id,
            data,
            get_position="p",
            get_radius="r",
            get_fill_color="c",
            radius_min_pixels=3,
            opacity=self.opacity,
            stroked=True,
            get_line_color=[255, 255, 255],
            line_width_min_pixels=1,
            pickable=True,
            auto_highlight=True,
        )
        legend = dr.Legend(
            ctx.t("velos_level_title"),
            [
                dr.LegendEntry(colour, label)
                for i, ((_, colour), label) in enumerate(zip(LEVELS, labels, strict=True))
                if i < UNKNOWN or UNKNOWN in levels  # "unknown" only when some station is
            ],
        )
        table, total = dr.cut_table(pd.DataFrame({label: values for label, values in columns}))
        alt = ctx.t(
            "velos_alt",
            count=ctx.fmt.number(len(frame)),
            empty=ctx.fmt.number(levels.count(0)),
        )
        return dr.LayerDraw(
            [spec],
            bounds=extent.bounds,
            legend=legend,
            table=table,
            table_title=self.label or ctx.t("velos_station"),
            table_rows=total,
            notes=[ctx.t("velos_size_note")],
            alt=alt,
            features=len(data),
        )

    def levels(self, bikes: np.ndarray) -> list[int]:
        """The index in `LEVELS` of each station: no bike, fewer than `threshold`, enough,
        unknown."""
        return [
            UNKNOWN if not np.isfinite(b) else 0 if b <= 0 else 1 if b < self.threshold else 2
            for b in bikes.tolist()
        ]
