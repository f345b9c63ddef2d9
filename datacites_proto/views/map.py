"""`map` view: pydeck layers over an optional basemap.

Each layer computes what it draws on the server (`datacites_proto.engine.geo`) and
hands back a `LayerDraw` (deck.gl layer specs, legend, table, notes, alt text); the
view puts them on one deck, with a legend beside it and the data in a table below.
The basemap is IGN's Plan IGN unless the view or the service chooses another (`osm`,
`none`, tiles of one's own) or `DATACITES_BASEMAP` overrides them (`maps/basemap.py`); when
this server cannot get a tile, the page says so and the layers draw on a blank background,
over the territory's outline when the blueprint has one (`maps/outline.py`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from datacites_proto.blueprint.base import Component, Spec, component_slot, field, tag
from datacites_proto.blueprint.basemaps import Basemap
from datacites_proto.blueprint.project_paths import PathRefused, project_file
from datacites_proto.blueprint.refs import Ref
from datacites_proto.engine.geo import Bounds, view_of
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.errors import Loc
from datacites_proto.views.base import View
from datacites_proto.views.maps import basemap as bm
from datacites_proto.views.maps import drawing as dr
from datacites_proto.views.maps.base import Layer
from datacites_proto.views.maps.outline import outline_spec

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.views.context import RenderContext

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
    basemap: Basemap | None = field(
        None,
        fr=(
            "Fond de carte : ign (Plan IGN), osm (OpenStreetMap), none (aucun) ou l'adresse "
            "de tuiles avec {z}, {x} et {y} ; celui du service (Plan IGN par défaut) si absent."
        ),
        en=(
            "Basemap: ign (Plan IGN), osm (OpenStreetMap), none, or the address of tiles with "
            "{z}, {x} and {y}; the service's (Plan IGN by default) when absent."
        ),
    )

    def references(self) -> list[Ref]:
        refs: list[Ref] = []
        for i, layer in enumerate(self.layers):
            for ref in layer.references():
                refs.append(Ref(**{**ref.__dict__, "loc": ("layers", i, *ref.loc)}))
        return refs

    def parts(self) -> list[tuple[Loc, Component]]:
        return [(("layers", i), layer) for i, layer in enumerate(self.layers)]

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        seen: set[str] = set()
        for i, layer in enumerate(self.layers):
            if layer.id:
                if layer.id in seen:
                    ctx.error(
                        "duplicate_layer_id", (*loc, "layers", i, "id"), params={"id": layer.id}
                    )
                seen.add(layer.id)

    def layer_ids(self) -> list[str]:
        """Each layer's deck.gl id: its `id`, or its type and position."""
        return [layer.id or f"{layer.type}-{i}" for i, layer in enumerate(self.layers)]

    def render(self, ctx: RenderContext, index: int) -> None:
        import pydeck as pdk
        import streamlit as st

        if self.title:
            st.header(self.title)
        draws: list[dr.LayerDraw] = []
        for layer, layer_id in zip(self.layers, self.layer_ids(), strict=True):
            try:
                draws.append(_draw(ctx, layer, layer_id))
            except QueryError as exc:  # one layer's problem; the others still draw
                st.warning(exc.message(ctx.lang), icon=":material/warning:")
        key = ctx.key(index, "map")
        targets = {d.deck[0]["id"]: d.select for d in draws if d.select and d.deck}
        tiles, under = _background(ctx, self)
        deck = build_deck(
            [pdk.Layer(**spec) for spec in [*under, *(s for d in draws for s in d.deck)]],
            view_state(self, draws),
            self.height,
            tooltip=any(spec.get("pickable") for d in draws for spec in d.deck),
            tiles=tiles,
        )
        legends = [d.legend for d in draws if d.legend is not None and d.legend.entries]
        sizes = [d.sizes for d in draws if d.sizes is not None and d.sizes.entries]
        place, aside = st.columns([4, 1]) if legends or sizes else (st.container(), None)
        with place:
            chart_args: dict[str, Any] = {"alt": alt_text(ctx, self, draws), "key": key}
            if targets:
                chart_args |= {
                    "on_select": _on_select(ctx, key, targets),
                    "selection_mode": "single-object",
                }
            st.pydeck_chart(deck, height=self.height, **chart_args)
        if aside is not None:
            with aside:
                for legend in legends:
                    st.markdown(legend.markdown())
                    for note in legend.notes:
                        st.caption(note)
                for size_legend in sizes:
                    _size_legend(ctx, size_legend)
        if tiles is not None:
            st.caption(bm.credit(tiles, ctx.lang))
        for d in draws:
            for note in d.notes:
                st.caption(note)
        if targets:
            names = sorted(
                {ctx.blueprint.filters[t.filter_id].label or t.filter_id for t in targets.values()}
            )
            st.caption(ctx.t("app_map_select_help", filter=", ".join(names)))
        if any(d.table is not None for d in draws):
            _data_tables(ctx, index, draws)

    def document(self, ctx: RenderContext, index: int) -> str:
        """The map as a static drawing of the screen's layers (no background map, which the
        report says), its legends, notes, text alternative and the start of its data."""
        from datacites_proto.views import printing
        from datacites_proto.views.maps import static

        draws: list[tuple[Layer, dr.LayerDraw]] = []
        notes: list[str] = []
        for layer, layer_id in zip(self.layers, self.layer_ids(), strict=True):
            try:
                draws.append((layer, _draw(ctx, layer, layer_id)))
            except QueryError as exc:
                notes.append(exc.message(ctx.lang))
        bounds: Bounds | None = None
        for _, d in draws:
            if d.bounds is not None:
                bounds = d.bounds.union(bounds)
        body = ""
        if bounds is not None:
            project = static.Projection.fitted(bounds)
            marks = []
            outline = outline_spec(ctx, list(self.layers))
            if outline is not None:
                marks.append(static.geojson_marks(outline, project))
            for layer, d in draws:
                drawn = layer.static_marks(d, project)
                if drawn is None:
                    notes.append(ctx.t("report_layer_not_printable", type=layer.type))
                else:
                    marks.append(drawn)
            title = alt_text(ctx, self, [d for _, d in draws])
            body += f'<figure class="map">{static.svg_frame(marks, project, title)}</figure>'
        body += legends_html(ctx, [d for _, d in draws])
        notes.append(ctx.t("report_no_basemap"))
        for _, d in draws:
            notes.extend(d.notes)
        body += printing.paragraphs(notes)
        alt = alt_text(ctx, self, [d for _, d in draws])
        body += printing.paragraphs([ctx.t("report_text_alternative", text=alt)], "alt")
        for _, d in draws:
            if d.table is None or d.table.empty:
                continue
            part = d.table.head(MAP_ROWS_PRINTED)
            body += printing.table(part, d.table_title)
            total = max(d.table_rows, len(d.table))
            if total > len(part):
                body += printing.paragraphs(
                    [
                        ctx.t(
                            "app_map_table_truncated",
                            shown=ctx.fmt.number(len(part)),
                            total=ctx.fmt.number(total),
                        )
                    ]
                )
            if d.hidden_threshold:
                body += printing.paragraphs(
                    [ctx.t("app_hidden_explained", size=d.hidden_threshold)]
                )
        return printing.section(self.title, body, self.description, kind="view map")


MAP_ROWS_PRINTED = 30  # the start of a map's data: the screen's table has up to 1,000 rows


def legends_html(ctx: RenderContext, draws: list[dr.LayerDraw]) -> str:
    """Each colour legend as squares and ranges, each size legend as its circles (SVG)."""
    from datacites_proto.views import printing

    out = []
    for d in draws:
        if d.legend is not None and d.legend.entries:
            items = "".join(
                f'<li><span class="swatch" style="background:{dr.hex_of(e.colour)}"></span>'
                f"{printing.esc(e.label)}</li>"
                for e in d.legend.entries
            )
            out.append(
                f'<div class="legend"><p class="legend-title">{printing.esc(d.legend.title)}'
                f"</p><ul>{items}</ul>{printing.paragraphs(d.legend.notes)}</div>"
            )
        if d.sizes is not None and d.sizes.entries:
            out.append(
                f'<div class="legend"><p class="legend-title">{printing.esc(d.sizes.title)}'
                f"</p>{printing.svg_inline(d.sizes.svg())}</div>"
            )
    return f'<div class="legends">{"".join(out)}</div>' if out else ""


# Basemap, view state, deck ---------------------------------------------------------------


def _background(ctx: RenderContext, view: MapView) -> tuple[bm.Tiles | None, list[dict[str, Any]]]:
    """The tiles under the map (None when there are none or this server gets none, which
    the page then says) and, without tiles, the territory's outline to draw first."""
    import streamlit as st

    tiles = bm.tiles_for(bm.choice(view.basemap, ctx.blueprint.service.basemap), ctx.lang)
    if tiles is not None and not bm.tiles_reachable(tiles.url):
        st.info(ctx.t("app_map_basemap_offline", name=tiles.name), icon=":material/cloud_off:")
        tiles = None  # a blank background rather than a grid of failed tiles
    if tiles is not None:
        return tiles, []
    outline = outline_spec(ctx, list(view.layers))
    return None, [outline] if outline is not None else []


def _size_legend(ctx: RenderContext, legend: dr.SizeLegend) -> None:
    """Circles of a few values at their radii: an image, its values as alternative text."""
    import streamlit as st

    st.markdown(f"**{dr.escape(legend.title)}**")
    st.image(legend.svg(), alt=ctx.t("app_map_size_legend_alt", values=legend.values()))


FRANCE = {"longitude": 2.4, "latitude": 46.6, "zoom": 5.0}


def view_state(view: MapView, draws: list[dr.LayerDraw]) -> dict[str, float]:
    """The blueprint's `center`, else a view fitted to the layers' bounds (from the server)."""
    if view.center is not None:
        return {
            "longitude": view.center.lon,
            "latitude": view.center.lat,
            "zoom": view.center.zoom,
        }
    bounds: Bounds | None = None
    for d in draws:
        if d.bounds is not None:
            bounds = d.bounds.union(bounds)
    return view_of(bounds, height_px=view.height) if bounds is not None else dict(FRANCE)


def build_deck(
    layers: list[Any],
    state: Mapping[str, float],
    height: int,
    *,
    tooltip: bool,
    tiles: bm.Tiles | None = None,
) -> Any:
    """A deck over `tiles` (none: a blank background) whose JSON is compact (pydeck
    indents it: a third more bytes to send)."""
    import pydeck as pdk
    from pydeck.bindings.json_tools import default_serialize

    class CompactDeck(pdk.Deck):  # type: ignore[misc]
        def to_json(self) -> str:
            return json.dumps(
                self, sort_keys=True, default=default_serialize, separators=(",", ":")
            )

    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**state),
        height=height,
        tooltip=dict(dr.TOOLTIP) if tooltip else False,
        **bm.deck_basemap(tiles),
    )


def alt_text(ctx: RenderContext, view: MapView, draws: list[dr.LayerDraw]) -> str:
    """The view's description, else « Carte : 12 points (Sites) ; le plus élevé : … »."""
    if view.description:
        return view.description
    parts = [d.alt for d in draws if d.alt]
    return ctx.t("app_map_alt", parts=" ; ".join(parts) if ctx.lang == "fr" else "; ".join(parts))


# Selection -> page filters ----------------------------------------------------------------


def selection_filters(
    selection: Mapping[str, Any] | None, targets: Mapping[str, dr.SelectTarget]
) -> dict[str, Any]:
    """The filter values a map selection sets: for the object selected in a layer that
    has a target, the target filter gets the object's value (a one-item list for a
    multiselect). An empty selection changes nothing."""
    objects = ((selection or {}).get("selection") or {}).get("objects") or {}
    values: dict[str, Any] = {}
    for layer_id, chosen in objects.items():
        target = targets.get(layer_id)
        if target is None or not chosen:
            continue
        item = chosen[0]
        value = item.get(target.field)
        if value is None and isinstance(item.get("properties"), dict):
            value = item["properties"].get(target.field)
        if value is not None:
            values[target.filter_id] = [value] if target.multiple else value
    return values


def _on_select(ctx: RenderContext, key: str, targets: Mapping[str, dr.SelectTarget]) -> Any:
    """The chart's callback: Streamlit runs it before the rerun a selection causes, the
    only moment a filter's widget may still be given a value (`on_select="rerun"` would
    come back after the sidebar has drawn the filters)."""

    def apply() -> None:
        import streamlit as st

        for f_id, value in selection_filters(st.session_state.get(key), targets).items():
            st.session_state[ctx.filter_widget_key(f_id)] = value

    return apply


# Data as a table ---------------------------------------------------------------------------


def _data_tables(ctx: RenderContext, index: int, draws: list[dr.LayerDraw]) -> None:
    import streamlit as st

    from datacites_proto.views.see_data import see_data_expander

    box = see_data_expander(ctx, index)
    if box is None:
        return
    with box:
        for d in draws:
            if d.table is None:
                continue
            st.markdown(f"**{dr.escape(d.table_title)}**")
            if len(d.table) <= 200:  # a real HTML table: read well by screen readers
                st.table(d.table, hide_index=True)
            else:
                st.dataframe(d.table, hide_index=True)
            if d.table_rows > len(d.table):
                st.caption(
                    ctx.t(
                        "app_map_table_truncated",
                        shown=ctx.fmt.number(len(d.table)),
                        total=ctx.fmt.number(d.table_rows),
                    )
                )
            if d.hidden_threshold:
                st.caption(ctx.t("app_hidden_explained", size=d.hidden_threshold))


# Caching -------------------------------------------------------------------------------------


def _draw(ctx: RenderContext, layer: Layer, layer_id: str) -> dr.LayerDraw:
    """A layer's draw, cached per layer, filters, audience, language and data version."""
    return ctx.layer_draw(layer, layer_id, _files_stamp(ctx, layer))


def _files_stamp(ctx: RenderContext, layer: Layer) -> str:
    """The version of the files a layer reads (its `files()` hook), "" when it reads none."""
    blueprint = ctx.blueprint
    stamps = []
    for _, path in layer.files():
        try:
            # The same resolver as loading: a link or `..` leaving the project is never stat'ed.
            full = project_file(path, Path(blueprint.base_dir), Path(blueprint.project_dir))
            stat = full.stat()
        except (PathRefused, OSError):
            stamps.append("missing")
            continue
        stamps.append(f"{stat.st_mtime_ns}:{stat.st_size}")
    return ";".join(stamps)
