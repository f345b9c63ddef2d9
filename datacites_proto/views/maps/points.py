"""`points` layer: the rows of a dataset as dots, aggregated into hexagons when too many."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
import pandas as pd

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.refs import Ref
from datacites_proto.engine import geo
from datacites_proto.views.maps import drawing as dr
from datacites_proto.views.maps.base import Layer

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext
    from datacites_proto.views.maps.static import Projection


class PointsLayer(Layer):
    """One dot per row, sized and coloured by an indicator or a column."""

    doc_fr: ClassVar[str] = (
        "Un point par ligne, dont la taille et la couleur suivent un indicateur ou une colonne."
    )

    type: Literal["points"] = tag("points")
    needs_geometry: ClassVar[bool] = True
    dataset: Slug = field(
        fr="Jeu de données dont les lignes sont placées.", en="Dataset whose rows are placed."
    )
    size: str | None = field(
        None,
        fr=(
            "Taille des points : un indicateur (calculé par ligne via la clé) ou une "
            "colonne numérique."
        ),
        en="Dot size: an indicator (computed per row through the key) or a numeric column.",
    )
    color: str | None = field(
        None,
        fr="Couleur des points : un indicateur ou une colonne.",
        en="Dot colour: an indicator or a column.",
    )
    tooltip: list[str] = field(
        [],
        fr="Colonnes et indicateurs montrés au survol.",
        en="Columns and indicators shown on hover.",
    )
    radius: float = field(
        30,
        gt=0,
        le=5000,
        fr="Rayon des points sans « size », en mètres.",
        en="Radius of dots without 'size', in metres.",
    )
    max_size: int = field(
        24,
        ge=4,
        le=80,
        fr=(
            "Avec « size » : rayon, en pixels, du point de la plus grande valeur ; la surface "
            "des autres est proportionnelle à leur valeur."
        ),
        en=(
            "With 'size': radius, in pixels, of the dot of the largest value; the others' "
            "area is proportional to their value."
        ),
    )
    min_size: int = field(
        3,
        ge=1,
        le=20,
        fr="Avec « size » : rayon minimal, en pixels, pour que les petites valeurs se voient.",
        en="With 'size': smallest radius, in pixels, so that small values stay visible.",
    )

    def references(self) -> list[Ref]:
        refs = [Ref("dataset", self.dataset, ("dataset",), usage="raw")]
        for name, loc in ((self.size, ("size",)), (self.color, ("color",))):
            if name:
                refs.append(
                    Ref(
                        "column",
                        name,
                        loc,
                        dataset=self.dataset,
                        usage="raw",
                        numeric=loc == ("size",),
                        or_indicator=True,
                    )
                )
        refs += [
            Ref("column", t, ("tooltip", i), dataset=self.dataset, usage="raw", or_indicator=True)
            for i, t in enumerate(self.tooltip)
        ]
        return refs

    def static_marks(self, draw: dr.LayerDraw, project: Projection) -> str | None:
        """The screen's deck.gl objects, in their colours, as SVG."""
        from datacites_proto.views.maps.static import deck_marks

        return deck_marks(draw.deck, project)

    def deck_layer(self, ctx: RenderContext, layer_id: str) -> dr.LayerDraw:
        """Dots for the located rows; hexagons counted on the server above `MAX_FEATURES`."""
        query = geo.GeoQuery(ctx.service, self.dataset, ctx.filters)
        query.check_raw([], ctx.audience)  # even grouped, these are the rows themselves
        extent = query.extent()
        notes = _skipped_note(ctx, self.dataset, extent.skipped)
        if extent.located > geo.MAX_FEATURES:
            draw = aggregated_points(ctx, query, extent, layer_id, self.opacity)
        else:
            draw = self._dots(ctx, query, extent, layer_id)
        draw.notes = notes + draw.notes
        return draw

    def _entries(self) -> list[str]:
        names = [*self.tooltip, self.size, self.color]
        return list(dict.fromkeys(n for n in names if n))

    def _dots(
        self, ctx: RenderContext, query: geo.GeoQuery, extent: geo.Extent, layer_id: str
    ) -> dr.LayerDraw:
        bp = ctx.blueprint
        keys = bp.datasets[self.dataset].key_columns
        names = self._entries()
        indicators = [n for n in names if n in bp.indicators]
        columns = [n for n in names if n not in bp.indicators]
        target = dr.page_filter_target(ctx, self.dataset)
        fetch = list(dict.fromkeys([*columns, *(keys if indicators else [])]))
        if target is not None and target[1] not in fetch:
            fetch.append(target[1])
        rows = query.points(fetch, audience=ctx.audience)
        entries = {
            name: _entry(ctx, self.dataset, name, rows.frame, keys, indicators) for name in names
        }
        count = len(rows.frame)
        data: list[dict[str, Any]] = [
            {"p": [lon, lat]} for lon, lat in zip(rows.lon.tolist(), rows.lat.tolist(), strict=True)
        ]
        kwargs: dict[str, Any] = {
            "get_position": "p",
            "radius_min_pixels": 3,
            "radius_max_pixels": 60,
            "opacity": self.opacity,
            "stroked": True,
            "get_line_color": [255, 255, 255],
            "line_width_min_pixels": 1,
        }
        legend = None
        draw_notes: list[str] = []
        sizes = None
        if self.size:
            size = entries[self.size]
            low, high = min(self.min_size, self.max_size), self.max_size
            radii = dot_radii(size.numbers, high, low)
            for item, r in zip(data, radii.tolist(), strict=True):
                item["r"] = r
            # Radii in pixels: the same on screen at every zoom, so sizes compare at a glance
            # (in metres, a city's dots all shrank to the minimum radius and looked alike).
            kwargs |= {
                "get_radius": "r",
                "radius_units": "'pixels'",  # quoted: pydeck reads bare strings as accessors
                "radius_min_pixels": low,
                "radius_max_pixels": high,
            }
            sizes = size_legend(ctx, size, high, low)
            draw_notes.append(ctx.t("app_map_size_note", label=size.label))
        else:
            kwargs["get_radius"] = self.radius
        if self.color:
            colour = entries[self.color]
            classes = colour.classes(ctx)
            for i, item in enumerate(data):
                item["c"] = (
                    dr.HIDDEN_RGB
                    if colour.hidden[i]
                    else classes.colour_of(int(classes.index[i]), dr.OTHER_RGB)
                )
            kwargs["get_fill_color"] = "c"
            legend = dr.Legend(colour.label, classes.entries())
            if colour.hidden.any():
                legend.entries.append(
                    dr.LegendEntry(dr.HIDDEN_RGB, ctx.t("app_map_hidden", size=colour.threshold))
                )
        else:
            kwargs["get_fill_color"] = dr.DEFAULT_RGB
        shown = [entries[n] for n in (self.tooltip or [n for n in (self.size, self.color) if n])]
        label_name = _label_column(ctx, self.dataset, columns, keys, target)
        texts = dr.tooltip_lines(ctx.lang, [(e.label, e.text) for e in shown])
        if not texts and label_name is not None:
            texts = dr.format_column(ctx.fmt, rows.frame[label_name])
        pickable = bool(texts)
        for item, text in zip(data, texts, strict=False):
            item["tooltip"] = text
        select = None
        if target is not None and pickable:
            select = target[0]
            for item, value in zip(data, rows.frame[target[1]].tolist(), strict=True):
                item["sel"] = _plain(value)
        spec = dr.deck_spec(
            "ScatterplotLayer",
            layer_id,
            data,
            pickable=pickable,
            auto_highlight=pickable,
            **kwargs,
        )
        table = pd.DataFrame({e.label: e.text for e in entries.values()})
        if label_name is not None and label_name not in names:
            table.insert(
                0,
                ctx.column_label(self.dataset, label_name),
                dr.format_column(ctx.fmt, rows.frame[label_name]),
            )
        if self.size:
            order = np.argsort(
                -np.nan_to_num(entries[self.size].numbers, nan=-np.inf), kind="stable"
            )
            table = table.iloc[order]
        table, total = dr.cut_table(table)
        hidden = [e.threshold for e in entries.values() if e.hidden.any()]
        alt = ctx.t(
            "app_map_alt_points",
            count=ctx.fmt.number(count),
            dataset=dr.dataset_title(ctx, self.dataset),
        )
        top = _top(ctx, entries, self.size or self.color, rows.frame, label_name)
        if top:
            alt += " ; " + top if ctx.lang == "fr" else "; " + top
        return dr.LayerDraw(
            [spec],
            bounds=extent.bounds,
            legend=legend,
            sizes=sizes,
            table=table,
            table_title=self.label or dr.dataset_title(ctx, self.dataset),
            table_rows=total,
            notes=draw_notes,
            alt=alt,
            select=select,
            features=count,
            hidden_threshold=max(hidden, default=0),
        )


@dataclass
class _Entry:
    """A column or an indicator shown for each dot."""

    label: str
    text: list[str]
    numbers: np.ndarray  # floats (NaN where not a number, missing or hidden)
    raw: list[Any]
    hidden: np.ndarray
    threshold: int
    indicator: str | None
    bands: list[Any]

    def classes(self, ctx: RenderContext) -> dr.Classes:
        if self.indicator is None and not np.isfinite(self.numbers).any():
            return dr.category_classes(self.raw, ctx.lang, lambda v: dr.format_value(ctx.fmt, v))
        fmt = self._fmt(ctx)
        if self.bands:
            return dr.band_classes(self.numbers, self.bands, fmt, ctx.lang)
        return dr.quantile_classes(self.numbers, fmt, ctx.lang)

    def _fmt(self, ctx: RenderContext) -> Any:
        if self.indicator is not None:
            spec = ctx.blueprint.indicators[self.indicator]
            return lambda v: ctx.fmt.value(v, spec.effective_format, spec.decimals)
        return ctx.fmt.number


def _entry(
    ctx: RenderContext,
    dataset: str,
    name: str,
    frame: pd.DataFrame,
    keys: list[str],
    indicators: list[str],
) -> _Entry:
    if name in indicators:
        values, hidden, threshold = dr.indicator_per_key(ctx, name, dataset, keys, frame)
        hidden_text = ctx.t("app_hidden_value")
        shown: dict[float, str] = {}  # each distinct value formatted once (Babel is slow)
        text = [
            hidden_text if h else shown.get(v) or shown.setdefault(v, ctx.format_indicator(name, v))
            for v, h in zip(values.tolist(), hidden.tolist(), strict=True)
        ]
        spec = ctx.blueprint.indicators[name]
        return _Entry(
            spec.label, text, values, values.tolist(), hidden, threshold, name, list(spec.bands)
        )
    raw = frame[name].tolist()
    numbers = pd.to_numeric(pd.Series(raw, dtype="object"), errors="coerce").to_numpy(
        dtype="float64"
    )
    if any(isinstance(v, (str, bool, np.bool_)) for v in raw):  # categories, not amounts
        numbers = np.full(len(raw), np.nan)
    declared = ctx.blueprint.datasets[dataset].columns.get(name)
    return _Entry(
        ctx.column_label(dataset, name),
        dr.format_column(ctx.fmt, raw, declared.format if declared else None),
        numbers,
        raw,
        np.zeros(len(raw), dtype=bool),
        1,
        None,
        [],
    )


def dot_radii(values: np.ndarray, largest: float, smallest: float) -> np.ndarray:
    """Radii in pixels whose areas are proportional to `values` (a square-root scale): the
    largest value gets `largest`; none is drawn below `smallest`, nor are missing, hidden
    or negative values."""
    numbers = np.asarray(values, dtype="float64")
    finite = np.isfinite(numbers) & (numbers >= 0)
    top = numbers[finite].max() if finite.any() else 0.0
    radii = np.full(len(numbers), float(smallest))
    if top > 0:
        radii[finite] = np.maximum(largest * np.sqrt(numbers[finite] / top), smallest)
    return np.round(radii, 2)


def legend_values(top: float) -> list[float]:
    """The values the size legend shows: the largest, then about a quarter and a
    sixteenth of it, rounded to one significant digit (half and a quarter of its radius)."""
    values = [top]
    for share in (4, 16):
        part = top / share
        if part <= 0:
            break
        digits = -int(np.floor(np.log10(part)))
        values.append(float(round(part, digits)))
    return values


def size_legend(
    ctx: RenderContext, entry: _Entry, largest: float, smallest: float
) -> dr.SizeLegend | None:
    """Circles of the legend: each a value drawn at the radius a dot of that value has."""
    finite = entry.numbers[np.isfinite(entry.numbers) & (entry.numbers >= 0)]
    if not len(finite) or finite.max() <= 0:
        return None
    top = float(finite.max())
    fmt = entry._fmt(ctx)
    values = legend_values(top)
    radii = dot_radii(np.array(values), largest, smallest).tolist()
    entries: list[dr.SizeEntry] = []
    for value, radius in zip(values, radii, strict=True):
        # Tops of the circles at least 12 px apart: labels (12 px) that never overlap.
        if entries and radius > entries[-1].radius - 6:
            continue
        entries.append(dr.SizeEntry(radius, fmt(value)))
    return dr.SizeLegend(ctx.t("app_map_size_legend", label=entry.label), entries)


def _plain(value: Any) -> Any:
    """A value as JSON carries it (numpy scalars become Python ones)."""
    if isinstance(value, np.generic):
        return value.item()
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value if isinstance(value, (str, int, float, bool)) else str(value)


def _label_column(
    ctx: RenderContext,
    dataset: str,
    columns: list[str],
    keys: list[str],
    target: tuple[dr.SelectTarget, str] | None,
) -> str | None:
    """The column that names a dot: the first text column shown, the filter's, the key."""
    table = ctx.service.table(dataset)
    for name in columns:
        if table.columns.get(name) in (None, "string"):
            return name
    if target is not None:
        return target[1]
    return keys[0] if len(keys) == 1 and keys[0] in columns else None


def _top(
    ctx: RenderContext,
    entries: dict[str, _Entry],
    name: str | None,
    frame: pd.DataFrame,
    label_name: str | None,
) -> str | None:
    """« Passages le plus élevé : Gare (5 432 passages) » for the alt text."""
    if name is None or label_name is None:
        return None
    entry = entries[name]
    if not np.isfinite(entry.numbers).any():
        return None
    best = int(np.nanargmax(entry.numbers))
    place = dr.format_value(ctx.fmt, frame[label_name].iloc[best])
    return ctx.t("app_map_alt_top", label=entry.label, name=place, value=entry.text[best])


def _skipped_note(ctx: RenderContext, dataset: str, skipped: int) -> list[str]:
    if not skipped:
        return []
    return [
        ctx.t(
            "app_map_skipped",
            count=ctx.fmt.number(skipped),
            dataset=dr.dataset_title(ctx, dataset),
        )
    ]


def aggregated_points(
    ctx: RenderContext,
    query: geo.GeoQuery,
    extent: geo.Extent,
    layer_id: str,
    opacity: float,
) -> dr.LayerDraw:
    """Too many dots: H3 hexagons counting them, computed on the server, at a resolution
    that puts about a hundred hexagons across the data (never more than MAX_FEATURES)."""
    assert extent.bounds is not None
    resolution = geo.auto_resolution(extent.bounds)
    while True:
        cells = query.hexagons(resolution, threshold=1, extent=extent, audience=ctx.audience)
        if len(cells.frame) <= geo.MAX_FEATURES or resolution <= 5:
            break
        resolution -= 1
    frame = cells.frame
    label = ctx.t("app_map_points_count")
    counts = frame["n"].to_numpy()
    texts = dr.format_column(ctx.fmt, counts.tolist())
    classes = dr.quantile_classes(counts, ctx.fmt.number, ctx.lang)
    lines = dr.tooltip_lines(ctx.lang, [(label, texts)])
    data = [
        {"cell": cell, "c": classes.colour_of(int(i)), "tooltip": line}
        for cell, i, line in zip(frame["cell"].tolist(), classes.index.tolist(), lines, strict=True)
    ]
    spec = hexagon_spec(layer_id, data, opacity)
    sentence = ctx.t(
        "app_map_aggregated",
        points=ctx.fmt.number(cells.rows),
        cells=ctx.fmt.number(len(frame)),
        limit=ctx.fmt.number(geo.MAX_FEATURES),
    )
    table, total = cells_table(ctx, frame, label, texts)
    return dr.LayerDraw(
        [spec],
        bounds=extent.bounds,
        legend=dr.Legend(label, classes.entries()),
        table=table,
        table_title=dr.dataset_title(ctx, query.dataset),
        table_rows=total,
        notes=[sentence],
        alt=sentence.rstrip("."),
        features=len(data),
    )


def hexagon_spec(layer_id: str, data: list[dict[str, Any]], opacity: float) -> dict[str, Any]:
    """An H3HexagonLayer over objects {cell, c: [r, g, b], tooltip}."""
    return dr.deck_spec(
        "H3HexagonLayer",
        layer_id,
        data,
        get_hexagon="cell",
        get_fill_color="c",
        pickable=True,
        auto_highlight=True,
        extruded=False,
        stroked=False,
        opacity=opacity,
    )


def cells_table(
    ctx: RenderContext, frame: pd.DataFrame, label: str, texts: list[str]
) -> tuple[pd.DataFrame, int]:
    """Cells as a table, most rows first (cut to TABLE_ROWS): hexagon, centre, value."""
    order = np.argsort(-frame["n"].to_numpy(), kind="stable")[: dr.TABLE_ROWS]
    part = frame.iloc[order]
    table = pd.DataFrame(
        {
            ctx.t("app_map_hexagon"): part["cell"].tolist(),
            ctx.t("app_map_lat"): dr.format_coordinates(ctx.fmt, part["lat"]),
            ctx.t("app_map_lon"): dr.format_coordinates(ctx.fmt, part["lon"]),
            label: [texts[i] for i in order.tolist()],
        }
    )
    return table, len(frame)
