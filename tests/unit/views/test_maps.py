"""Building map layers, colours, legends and selections: pure functions, no Streamlit run."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pydeck as pdk
import pytest

from datacites_proto.blueprint.indicators import Band
from datacites_proto.engine.geo import Bounds
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.map import (
    FRANCE,
    MapView,
    selection_filters,
    view_state,
)
from datacites_proto.views.maps import drawing as dr
from datacites_proto.views.maps.heatmap import heat_data
from datacites_proto.views.maps.points import dot_radii, hexagon_spec
from datacites_proto.views.maps.shapes import shapes_data, shapes_spec

NNBSP = "\u202f"  # French thousands separator


def test_named_and_hex_colours() -> None:
    assert dr.rgb("green") == [26, 152, 80]
    assert dr.rgb("#0a0B0c") == [10, 11, 12]
    assert dr.hex_of([68, 1, 84]) == "#440154"


@pytest.mark.parametrize("scale", ["viridis", "cividis"])
def test_sequential_scales_run_from_dark_to_light(scale: str) -> None:
    stops = dr.SCALES[scale]
    colours = dr.sequential(5, scale)
    assert len(colours) == 5
    assert dr.hex_of(colours[0]) == stops[0] and dr.hex_of(colours[-1]) == stops[-1]
    brightness = [sum(c) for c in colours]
    assert brightness == sorted(brightness)
    assert all(isinstance(v, int) for c in colours for v in c)
    assert dr.sequential(1, scale) == [dr.rgb(stops[len(stops) // 2])]
    assert dr.sequential(0, scale) == []


def test_quantile_classes_label_the_values_they_hold() -> None:
    fmt = Formatter("fr").number
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, float("nan"), 1000]
    classes = dr.quantile_classes(values, fmt, "fr", count=5)
    assert len(classes.colours) == len(classes.labels) == 5
    assert classes.index[10] == -1  # missing: no class
    assert classes.labels == ["1 à 2", "3 à 4", "5 à 6", "7 à 8", f"9 à 1{NNBSP}000"]
    # Every value is in the class whose label spans it, and classes grow with values.
    finite = [i for i, v in enumerate(values) if not math.isnan(v)]
    assert [classes.index[i] for i in finite] == sorted(classes.index[i] for i in finite)
    assert classes.colour_of(-1) == dr.MISSING_RGB
    assert classes.entries()[0] == dr.LegendEntry(classes.colours[0], "1 à 2")


def test_few_distinct_values_get_one_class_each() -> None:
    classes = dr.quantile_classes([4, 5, 5, 4, 5], Formatter("en").number, "en")
    assert classes.labels == ["4", "5"]
    assert classes.index.tolist() == [0, 1, 1, 0, 1]
    assert dr.quantile_classes([], str, "fr").labels == []
    one = dr.quantile_classes([7.0, 7.0], str, "fr")
    assert one.labels == ["7.0"] and one.index.tolist() == [0, 0]


def test_bands_give_their_colours_and_ranges() -> None:
    bands = [
        Band(below=0.05, label="favorable", color="green"),
        Band(below=0.10, label="à surveiller", color="orange"),
        Band(label="défavorable", color="red"),
    ]
    fr = Formatter("fr")
    classes = dr.band_classes([0.01, 0.05, 0.2, float("nan")], bands, fr.percent, "fr")
    assert classes.index.tolist() == [0, 1, 2, -1]
    assert classes.colours == [dr.rgb("green"), dr.rgb("orange"), dr.rgb("red")]
    assert classes.labels == [
        "favorable (moins de 5,0\u00a0%)",
        "à surveiller (5,0\u00a0% à 10,0\u00a0%)",
        "défavorable (10,0\u00a0% et plus)",
    ]
    en = dr.band_classes([0.5], bands, Formatter("en").percent, "en")
    assert en.labels[-1] == "défavorable (10.0% and above)"
    single = dr.band_classes([3], [Band(label="tout", color="blue")], str, "fr")
    assert single.labels == ["tout"] and single.index.tolist() == [0]


def test_categories_share_a_colour_beyond_seven() -> None:
    values = [f"c{i}" for i in range(9) for _ in range(10 - i)] + [None]
    classes = dr.category_classes(values, "fr")
    assert classes.labels[:2] == ["c0", "c1"] and classes.labels[-1] == "autres"
    assert len(classes.colours) == 7 and classes.colours[-1] == dr.OTHER_RGB
    assert classes.index[-1] == -1
    assert classes.index[values.index("c8")] == 6  # one of the others


def test_yes_no_values_are_categories_in_words() -> None:
    fr = Formatter("fr")
    classes = dr.category_classes([True, False, True], "fr", lambda v: dr.format_value(fr, v))
    assert classes.labels == ["oui", "non"] and classes.index.tolist() == [0, 1, 0]


def test_legend_markdown_has_swatches_and_escaped_labels() -> None:
    legend = dr.Legend("Taux *brut*", [dr.LegendEntry([68, 1, 84], "0 à 5 $")])
    text = legend.markdown()
    assert text.splitlines()[0] == r"**Taux \*brut\***  "
    assert r"$\textcolor{#440154}{\blacksquare}$ 0 à 5 \$" in text


def test_values_are_formatted_in_the_language() -> None:
    fr, en = Formatter("fr"), Formatter("en")
    assert dr.format_value(fr, 12345.5) == f"12{NNBSP}345,5"
    assert dr.format_value(en, 12345) == "12,345"
    assert dr.format_value(fr, None) == dr.format_value(fr, float("nan")) == "—"
    assert dr.format_value(fr, True) == "oui" and dr.format_value(en, False) == "no"
    assert dr.format_value(fr, dt.date(2026, 11, 26)) == "26 nov. 2026"
    assert dr.format_value(fr, "Gare") == "Gare"
    assert dr.format_column(fr, [1, 1.0, "1", None]) == ["1", "1", "1", "—"]
    assert dr.format_coordinates(fr, [-3.5488361]) == ["\u22123,54884"]  # minus sign


def test_tooltips_are_one_text_per_object() -> None:
    lines = dr.tooltip_lines("fr", [("Lieu", ["Gare", "Halles"]), ("Passages", ["5", "7"])])
    assert lines == ["Lieu : Gare\nPassages : 5", "Lieu : Halles\nPassages : 7"]
    assert dr.tooltip_lines("en", [("Site", ["Gare"])]) == ["Site: Gare"]
    assert dr.tooltip_lines("fr", []) == []
    assert dr.TOOLTIP == {"text": "{tooltip}"}


def test_codes_compare_as_text() -> None:
    assert dr.as_key(29233) == dr.as_key(29233.0) == dr.as_key(" 29233") == "29233"
    assert dr.as_key("2A004") == "2A004" and dr.as_key(None) == dr.as_key(float("nan")) == ""


def test_dot_areas_are_proportional_to_values() -> None:
    # Pixels on a square-root scale: a quarter of the value, half the radius.
    radii = dot_radii(np.array([100.0, 25.0, 4.0, 0.0, np.nan, -3.0]), 30, 3)
    assert radii.tolist() == [30.0, 15.0, 6.0, 3.0, 3.0, 3.0]
    assert (dot_radii(np.array([np.nan]), 30, 3) == 3).all()


def _json(spec: dict) -> dict:  # type: ignore[type-arg]
    return json.loads(pdk.Layer(**spec).to_json())


def test_layer_specs_become_deck_gl_layers() -> None:
    data = [{"cell": "8818444427fffff", "c": [1, 2, 3], "tooltip": "n : 3"}]
    hexes = _json(hexagon_spec("cases", data, 0.6))
    assert hexes["@@type"] == "H3HexagonLayer" and hexes["id"] == "cases"
    assert hexes["getHexagon"] == "@@=cell" and hexes["getFillColor"] == "@@=c"
    assert hexes["pickable"] is True and hexes["opacity"] == 0.6 and hexes["data"] == data
    heat = heat_data(np.array([-3.5]), np.array([47.8]), np.array([np.nan]))
    assert heat == [{"p": [-3.5, 47.8], "w": 0.0}]
    collection = shapes_data([{"type": "Point", "coordinates": [1, 2]}], ["nom : A"])
    assert collection["features"][0]["properties"] == {"tooltip": "nom : A"}
    assert (
        shapes_data([{"type": "Point", "coordinates": [1, 2]}], [])["features"][0]["properties"]
        == {}
    )
    shapes = _json(shapes_spec("zone", collection, [53, 151, 143], 0.8, pickable=False))
    assert shapes["@@type"] == "GeoJsonLayer" and shapes["getLineColor"] == [53, 151, 143, 255]
    assert shapes["getFillColor"] == [53, 151, 143, 60] and shapes["pickable"] is False


def _view(**extra: object) -> MapView:
    return MapView.model_validate(
        {
            "type": "map",
            "layers": [
                {"type": "points", "dataset": "sites"},
                {"type": "hexagons", "id": "cases", "dataset": "sites"},
                {"type": "shapes", "geojson": "zones.geojson"},
            ],
            **extra,
        }
    )


def test_layer_ids_are_given_or_derived() -> None:
    assert _view().layer_ids() == ["points-0", "cases", "shapes-2"]


def test_view_state_is_the_centre_or_fits_the_bounds() -> None:
    centred = _view(center={"lon": -3.55, "lat": 47.87, "zoom": 12})
    assert view_state(centred, []) == {"longitude": -3.55, "latitude": 47.87, "zoom": 12}
    draws = [
        dr.LayerDraw([], bounds=Bounds(-3.56, 47.86, -3.55, 47.87)),
        dr.LayerDraw([], bounds=None),
        dr.LayerDraw([], bounds=Bounds(-3.54, 47.85, -3.53, 47.88)),
    ]
    state = view_state(_view(), draws)
    assert state["longitude"] == pytest.approx(-3.545)
    assert 47.85 < state["latitude"] < 47.88 and 11 < state["zoom"] < 16
    assert view_state(_view(), [dr.LayerDraw([])]) == FRANCE


def test_a_selected_object_sets_its_filter() -> None:
    targets = {
        "points-0": dr.SelectTarget("lieu", "sel", multiple=True),
        "zones": dr.SelectTarget("zone", "sel", multiple=False),
    }
    clicked_site = {
        "selection": {"indices": {"points-0": [2]}, "objects": {"points-0": [{"sel": "Gare"}]}}
    }
    assert selection_filters(clicked_site, targets) == {"lieu": ["Gare"]}
    clicked_area = {
        "selection": {"objects": {"zones": [{"type": "Feature", "properties": {"sel": "Z1"}}]}}
    }
    assert selection_filters(clicked_area, targets) == {"zone": "Z1"}
    # Nothing selected, a layer without target, an object without value: nothing changes.
    assert selection_filters({"selection": {"indices": {}, "objects": {}}}, targets) == {}
    assert selection_filters(None, targets) == {}
    assert selection_filters({"selection": {"objects": {"cases": [{"cell": "x"}]}}}, targets) == {}
    assert selection_filters({"selection": {"objects": {"points-0": [{}]}}}, targets) == {}


def test_a_layer_file_outside_the_project_is_never_stated(tmp_path):  # type: ignore[no-untyped-def]
    """The cache stamp of a layer's GeoJSON follows the project rule: a link leaving the
    project reads as missing, while a file inside gives its version (issue 11)."""
    from types import SimpleNamespace

    from datacites_proto.views.map import _files_stamp

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "zones.geojson").write_text('{"type": "FeatureCollection"}')
    secret = tmp_path / "secret.geojson"
    secret.write_text('{"type": "FeatureCollection", "features": []}')
    (project / "data" / "link.geojson").symlink_to(secret)
    ctx = SimpleNamespace(blueprint=SimpleNamespace(base_dir=project, project_dir=project))

    from datacites_proto.views.maps.shapes import ShapesLayer

    inside = _files_stamp(ctx, ShapesLayer(geojson="data/zones.geojson"))  # type: ignore[arg-type]
    assert inside.split(":")[1] == str(len('{"type": "FeatureCollection"}'))
    for escape in ("data/link.geojson", "../secret.geojson", str(secret)):
        assert _files_stamp(ctx, ShapesLayer(geojson=escape)) == "missing"  # type: ignore[arg-type]


def test_a_column_declared_as_currency_reads_in_euros() -> None:
    fr, en = Formatter("fr"), Formatter("en")
    assert dr.format_column(fr, [1.2, 0.5, None], "currency") == ["1,20\xa0€", "0,50\xa0€", "—"]
    assert dr.format_column(en, [1.2], "currency") == ["€1.20"]
    assert dr.format_column(fr, [0.125], "percent") == ["12,5\xa0%"]
    assert dr.format_column(fr, [1.2]) == ["1,2"]  # undeclared: a plain number
    assert dr.format_column(fr, ["oui", True], "currency") == ["oui", "oui"]  # not amounts
