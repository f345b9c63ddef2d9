"""The printed side of views and layers: every built-in has its hook, a plugin's view still
appears, maps are drawn in Web Mercator from the screen's own deck.gl specs, French spaces
are unbreakable, and fragments never carry a script or an address."""

from __future__ import annotations

import math
import re
from typing import Any, Literal

import pandas as pd
import pytest

from datacites_proto.blueprint.base import tag
from datacites_proto.engine.geo import Bounds
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.registry import Registry
from datacites_proto.report.typography import NBSP, NNBSP, french_html, french_text
from datacites_proto.views import printing
from datacites_proto.views.base import View
from datacites_proto.views.maps import static
from datacites_proto.views.maps.base import Layer
from datacites_proto.views.maps.drawing import LayerDraw

BUILTIN = Registry.builtin()


@pytest.mark.parametrize("name", BUILTIN.types("views"))
def test_every_builtin_view_has_a_printed_form(name: str) -> None:
    cls = BUILTIN.get("views", name)
    assert cls is not None and cls.document is not View.document, name


@pytest.mark.parametrize("name", BUILTIN.types("layers"))
def test_every_builtin_layer_has_a_static_drawing(name: str) -> None:
    cls = BUILTIN.get("layers", name)
    assert cls is not None and cls.static_marks is not Layer.static_marks, name


class _Ctx:
    lang = "fr"
    fmt = Formatter("fr")

    def t(self, code: str, /, **params: Any) -> str:
        from datacites_proto.i18n import translate

        return translate(code, "fr", **params)


class PluginView(View):
    type: Literal["compteur_velo"] = tag("compteur_velo")


def test_a_plugin_view_without_a_printed_form_still_appears() -> None:
    fragment = PluginView(title="Vélos du jour").document(_Ctx(), 0)  # type: ignore[arg-type]
    assert "<h2>Vélos du jour</h2>" in fragment
    assert "(« compteur_velo ») n'a pas de version imprimable" in fragment


def test_a_layer_without_a_static_drawing_says_none() -> None:
    project = static.Projection.fitted(Bounds(-3.6, 47.8, -3.5, 47.9))
    assert Layer.static_marks(None, LayerDraw([]), project) is None  # type: ignore[arg-type]


def test_the_projection_fits_the_extent_in_the_frame() -> None:
    bounds = Bounds(-3.60, 47.85, -3.50, 47.90)
    project = static.Projection.fitted(bounds)
    corners = [project(lon, lat) for lon in (-3.60, -3.50) for lat in (47.85, 47.90)]
    for x, y in corners:
        assert -0.01 <= x <= project.width + 0.01 and -0.01 <= y <= project.height + 0.01
    west_north, east_south = project(-3.60, 47.90), project(-3.50, 47.85)
    assert west_north[0] < east_south[0] and west_north[1] < east_south[1]  # north is up
    # Web Mercator: a degree of latitude is longer than a degree of longitude there, by
    # 1 / cos(latitude).
    width = east_south[0] - west_north[0]
    height = east_south[1] - west_north[1]
    ratio = (height / 0.05) / (width / 0.10)
    assert ratio == pytest.approx(1 / math.cos(math.radians(47.875)), rel=0.01)
    # One side fills the frame (minus its padding).
    assert max(width, height) == pytest.approx(
        min(project.width, static.MAX_HEIGHT) - 2 * static.PAD, rel=0.01
    ) or width == pytest.approx(project.width - 2 * static.PAD, rel=0.01)


def test_dots_areas_and_cells_are_drawn_in_their_colours() -> None:
    project = static.Projection.fitted(Bounds(-3.6, 47.8, -3.5, 47.9))
    dots = {
        "type": "ScatterplotLayer",
        "data": [{"p": [-3.55, 47.85], "r": 12, "c": [230, 159, 0]}],
        "get_position": "p",
        "get_radius": "r",
        "radius_units": "'pixels'",
        "radius_min_pixels": 3,
        "radius_max_pixels": 60,
        "get_fill_color": "c",
        "opacity": 0.8,
    }
    square = [[-3.58, 47.82], [-3.52, 47.82], [-3.52, 47.88], [-3.58, 47.88], [-3.58, 47.82]]
    areas = {
        "type": "GeoJsonLayer",
        "data": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [square]},
                    "properties": {"c": [0, 114, 178, 255]},
                }
            ],
        },
        "get_fill_color": "properties.c",
        "get_line_color": [255, 255, 255],
    }
    marks = static.deck_marks([areas, dots], project)
    assert marks is not None
    assert re.search(r'<path d="M[\d. L]+ Z" fill="#0072b2"', marks)
    circle = re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="12.0" fill="#e69f00"', marks)
    assert circle is not None
    x, y = project(-3.55, 47.85)
    assert (float(circle[1]), float(circle[2])) == pytest.approx((x, y), abs=0.1)
    import h3

    cell = h3.latlng_to_cell(47.85, -3.55, 8)
    hexagons = {
        "type": "H3HexagonLayer",
        "data": [{"cell": cell, "c": [204, 121, 167]}],
        "get_hexagon": "cell",
        "get_fill_color": "c",
    }
    drawn = static.deck_marks([hexagons], project)
    assert drawn is not None and drawn.count(" L") == 5 and 'fill="#cc79a7"' in drawn
    assert static.deck_marks([{"type": "TextLayer", "data": []}], project) is None
    svg = static.svg_frame([marks], project, "Carte : 1 point")
    assert svg.startswith("<svg") and "http" not in svg and "<title>Carte : 1 point</title>" in svg


def test_french_spaces_are_unbreakable_in_text_only() -> None:
    assert french_text("Lieu : tous ; vraiment ? oui !") == (
        f"Lieu{NBSP}: tous{NNBSP}; vraiment{NNBSP}? oui{NNBSP}!"
    )
    assert french_text("« Rue Savary »") == f"«{NNBSP}Rue Savary{NNBSP}»"
    assert french_text("14:30") == "14:30"  # no space, none added
    page = "<p>Note : x</p><style>a { b : c; }</style><svg><text>y : z</text></svg><p>w ?</p>"
    assert french_html(page) == (
        f"<p>Note{NBSP}: x</p><style>a {{ b : c; }}</style><svg><text>y : z</text></svg>"
        f"<p>w{NNBSP}?</p>"
    )


def test_fragments_escape_the_data_and_drop_addresses() -> None:
    frame = pd.DataFrame({"Nom <b>": ["<script>x</script>", None]})
    html = printing.table(frame, "Légende")
    assert "<script" not in html and "&lt;script&gt;" in html and "<td>—</td>" in html
    text = printing.markdown("Voir [le site](https://example.org) <b>gras</b>")
    assert "http" not in text and "le site" in text and "&lt;b&gt;" in text


def test_a_chart_spec_becomes_inline_svg_without_addresses() -> None:
    from datacites_proto.views.charts.vega import vega_spec

    spec = vega_spec(
        {"type": "bar"},
        {"x": {"field": "x", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}},
        "fr",
        2,
    )
    svg = printing.vega_svg(spec, pd.DataFrame({"x": ["Gare", "Port"], "v": [3.0, None]}))
    assert svg.startswith("<svg") and "http" not in svg and "Gare" in svg
