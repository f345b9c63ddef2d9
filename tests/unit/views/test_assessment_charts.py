"""The pure figures of the assessment results: radar geometry, gaps order, level texts."""

from __future__ import annotations

import math

from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views import assessment_charts as charts
from tests.support.vega_lite import vega_lite_errors

ROWS = [
    charts.ThemeRow("a", "Stratégie et gouvernance numériques", 2.0, 3.0),
    charts.ThemeRow("b", "Données", None, 3.5),
    charts.ThemeRow("c", "Cybersécurité", 4.0, 2.0),
    charts.ThemeRow("d", "Inclusion", 3.0, 3.0),
]
NAMES = {"level": "Niveau atteint", "target": "Cible"}


def test_radar_polygons_are_closed_and_clockwise_from_the_top() -> None:
    frame = charts.radar_frame(ROWS, 5, NAMES, str)
    level = frame[(frame[charts.KIND] == "series") & (frame[charts.GROUP] == "level")]
    assert len(level) == len(ROWS) + 1  # the first vertex again, to close the shape
    first, last = level.iloc[0], level.iloc[-1]
    assert (first[charts.X], first[charts.Y]) == (0.0, 2.0)  # the first theme straight up
    assert (last[charts.X], last[charts.Y]) == (first[charts.X], first[charts.Y])
    # An unanswered theme sits at the centre and says so.
    unanswered = level[level[charts.THEME] == "Données"].iloc[0]
    assert (unanswered[charts.X], unanswered[charts.Y]) == (0.0, 0.0)
    assert unanswered[charts.VALUE_TEXT] == "—"
    # The third theme (Cybersécurité, level 4) points straight down, at the radius of its level.
    cyber = level[level[charts.THEME] == "Cybersécurité"].iloc[0]
    assert math.isclose(cyber[charts.Y], -4.0) and math.isclose(cyber[charts.X], 0.0, abs_tol=1e-9)
    rings = frame[frame[charts.KIND] == "grid"][charts.GROUP].unique()
    assert list(rings) == [f"grid-{i}" for i in range(1, 6)]


def test_radar_spec_is_valid_vega_lite_with_round_rings() -> None:
    spec = charts.radar_spec(5, NAMES, "fr", "Thème")
    assert not vega_lite_errors(spec), vega_lite_errors(spec)[:3]
    series = spec["layer"][3]["encoding"]
    x_domain = series["x"]["scale"]["domain"]["expr"]
    y_domain = series["y"]["scale"]["domain"]["expr"]
    # Both axes divide the chart's half-size by the same px per unit.
    unit = f"(({charts.RING_PX}) / 5)"
    assert x_domain == f"[-width / 2 / {unit}, width / 2 / {unit}]"
    assert y_domain == f"[-height / 2 / {unit}, height / 2 / {unit}]"


def test_theme_names_are_cut_into_short_lines() -> None:
    assert charts.wrapped("Stratégie et gouvernance numériques") == (
        "Stratégie et\ngouvernance\nnumériques"
    )
    assert charts.wrapped("Cybersécurité") == "Cybersécurité"


def test_gaps_are_sorted_worst_first_without_unanswered_themes() -> None:
    frame = charts.gap_frame(ROWS, lambda v: charts.level_text(v, Formatter("fr"), signed=True))
    assert list(frame[charts.THEME]) == [
        "Stratégie et gouvernance numériques",
        "Inclusion",
        "Cybersécurité",
    ]
    assert list(frame[charts.VALUE_TEXT]) == ["+1,0", "0,0", "−2,0"]
    spec = charts.gap_spec(frame, "fr", "Écart", "Thème")
    assert not vega_lite_errors(spec)
    assert spec["encoding"]["y"]["sort"] == list(frame[charts.THEME])


def test_levels_always_have_one_decimal() -> None:
    fr, en = Formatter("fr"), Formatter("en")
    assert charts.level_text(3.0, fr) == "3,0" and charts.level_text(2.456, en) == "2.5"
    assert charts.level_text(None, fr) == "—"
    assert charts.level_text(-0.5, fr, signed=True) == "−0,5"
    assert charts.level_text(0.5, en, signed=True) == "+0.5"
