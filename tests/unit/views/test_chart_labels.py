"""Axis label rules that keep charts readable on a 390 px phone (issue 15)."""

from __future__ import annotations

import pandas as pd

from datacites_proto.engine.service import IndicatorResult
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views import charts
from datacites_proto.views.charts.vega import NARROW, crowded
from tests.support.vega_lite import vega_lite_errors

FR = Formatter("fr")


def figure(frame: pd.DataFrame, by: str, series: str | None = None) -> charts.Figure:
    result = IndicatorResult(
        "n",
        frame,
        pd.Series([20] * len(frame)),
        pd.Series([False] * len(frame)),
        1,
        [c for c in frame.columns if c != "n"],
    )
    return charts.breakdown_figure(
        result,
        charts.make_key(by, frame[by], "x", "fr"),
        charts.make_key(series, frame[series], "y", "fr") if series else None,
        fmt=FR,
        value_text=FR.number,
        hidden_text="masqué",
        title="Passages",
        format=",.0f",
        max_series=None if series else charts.MAX_SERIES,
        discrete=series is not None,
    )


COMMUNES = ["Scaër", "Bannalec", "Riec-sur-Bélon", "Moëlan-sur-Mer", "Arzano", "Tréméven"]


def test_bars_whose_names_would_not_fit_a_phone_lie_down_unless_the_blueprint_says() -> None:
    many = figure(pd.DataFrame({"commune": COMMUNES, "n": [1.0] * 6}), "commune")
    assert crowded(many.order)
    spec = charts.breakdown_spec(many, "bar", "fr", horizontal=None)
    assert spec["encoding"]["y"]["field"] == charts.X  # one name per row
    assert spec["encoding"]["y"]["sort"] == many.order
    assert spec["encoding"]["y"]["axis"]["labelLimit"] == {"expr": f"{NARROW} ? 130 : 220"}
    assert not vega_lite_errors(spec)
    # Written `horizontal: false` in the blueprint: kept upright.
    assert (
        charts.breakdown_spec(many, "bar", "fr", horizontal=False)["encoding"]["x"]["field"] == "x"
    )
    # Seven letters fit side by side: upright.
    labels = figure(pd.DataFrame({"etiquette": list("ABCDEFG"), "n": [1.0] * 7}), "etiquette")
    assert not crowded(labels.order)
    assert (
        charts.breakdown_spec(labels, "bar", "fr", horizontal=None)["encoding"]["x"]["field"] == "x"
    )
    # Lines never lie down.
    line = charts.breakdown_spec(many, "line", "fr", horizontal=None)
    assert line["encoding"]["x"]["field"] == charts.X


def test_hours_are_named_every_three_on_a_phone_and_rows_stay_centred() -> None:
    cells = [(h, d, 1.0) for h in range(24) for d in range(1, 8)]
    frame = pd.DataFrame(cells, columns=["hour_of_day(t)", "weekday(t)", "n"])
    spec = charts.heatmap_spec(figure(frame, "hour_of_day(t)", "weekday(t)"), "fr")
    x, y = spec["encoding"]["x"]["axis"], spec["encoding"]["y"]["axis"]
    assert x["labelExpr"] == f"{NARROW} && datum.value % 3 ? '' : datum.label"
    assert x["labelOverlap"] is False
    # « lundi » on its row: no label is pushed inside the axis ends.
    assert x["labelFlush"] is False and y["labelFlush"] is False
    assert y["labelAngle"] == 0
    assert not vega_lite_errors(spec)


def test_weekdays_along_x_may_skip_a_label_places_may_not() -> None:
    days = pd.DataFrame({"weekday(t)": range(1, 8), "n": [1.0] * 7})
    axis = charts.breakdown_spec(figure(days, "weekday(t)"), "line", "fr")["encoding"]["x"]["axis"]
    assert axis["labelOverlap"] == "greedy"
    places = figure(pd.DataFrame({"lieu": ["Gare", "Port"], "n": [1.0, 2.0]}), "lieu")
    axis = charts.breakdown_spec(places, "bar", "fr")["encoding"]["x"]["axis"]
    assert axis["labelOverlap"] is False
