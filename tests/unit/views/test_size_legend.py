"""Proportional dots: radii on a square-root scale in pixels, and the size legend."""

from __future__ import annotations

import json

import numpy as np
import pydeck as pdk

from datacites_proto.views.maps import drawing as dr
from datacites_proto.views.maps.points import dot_radii, legend_values


def test_radii_differ_by_the_square_root_of_the_values() -> None:
    values = np.array([300.0, 150.0, 22.0, 7.4])
    radii = dot_radii(values, 24, 3)
    assert radii[0] == 24.0
    # Areas proportional to values: radius ratios are square roots of value ratios.
    assert radii.tolist() == [24.0, 16.97, 6.5, 3.77]  # 24 × √(v / 300), in pixels
    assert abs(radii[2] / radii[0] - np.sqrt(22 / 300)) < 1e-3


def test_small_values_keep_the_minimum_radius() -> None:
    radii = dot_radii(np.array([1000.0, 1.0, 0.0]), 24, 3)
    assert radii.tolist() == [24.0, 3.0, 3.0]


def test_the_deck_layer_sizes_in_pixels() -> None:
    spec = dr.deck_spec(
        "ScatterplotLayer",
        "a",
        [{"p": [1, 2], "r": 24.0}, {"p": [1, 3], "r": 12.0}],
        get_position="p",
        get_radius="r",
        radius_units="'pixels'",
        radius_min_pixels=3,
        radius_max_pixels=24,
    )
    layer = json.loads(pdk.Layer(**spec).to_json())
    assert layer["radiusUnits"] == "pixels"  # a plain string, not an accessor
    assert (layer["radiusMinPixels"], layer["radiusMaxPixels"]) == (3, 24)
    assert [row["r"] for row in layer["data"]] == [24.0, 12.0]


def test_legend_values_are_round_shares_of_the_largest() -> None:
    assert legend_values(300) == [300, 80, 20]
    assert legend_values(1234) == [1234, 300, 80]
    assert legend_values(0.5) == [0.5, 0.1, 0.03]


def test_the_legend_draws_each_circle_at_its_radius() -> None:
    legend = dr.SizeLegend("Taille", [dr.SizeEntry(24.0, "300"), dr.SizeEntry(12.4, "80 <b>")])
    svg = legend.svg()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'r="24.0"' in svg and 'r="12.4"' in svg
    assert "80 &lt;b&gt;" in svg and "<b>" not in svg  # labels are text, never markup
    assert legend.values() == "300, 80 <b>"
