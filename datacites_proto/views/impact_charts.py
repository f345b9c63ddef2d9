"""The two figures of the `impact` view, as Vega-Lite dicts: the series with the intervention
marked, and the estimate with its 95 % interval. Pure (no Streamlit), like views/charts/.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pandas as pd

from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.charts.constants import OKABE_ITO
from datacites_proto.views.charts.formats import time_format, vega_locale
from datacites_proto.views.charts.vega import DATA_NAME, VEGA_LITE_SCHEMA, tick_values

if TYPE_CHECKING:
    from datacites_proto.engine.experiments.result import ExperimentResult

# Frame columns handed to Vega-Lite (plain names).
PERIOD, PERIOD_TEXT, GROUP, VALUE, VALUE_TEXT = "period", "period_text", "group", "value", "text"
BAND_COLOUR = "#BBBBBB"  # the after-period of a temporary intervention, behind the lines
SVG_POINTS = 2000  # below, SVG keeps the marks in the accessibility tree (as the other charts)


def _datetime(day: dt.date) -> dict[str, int]:
    """A Vega-Lite DateTime (local time, as Streamlit sends naive timestamps)."""
    return {"year": day.year, "month": day.month, "date": day.day}


def _base(lang: str, points: int) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "$schema": VEGA_LITE_SCHEMA,
        "data": {"name": DATA_NAME},
        "config": {"locale": vega_locale(lang), "view": {"stroke": None}},
    }
    if points <= SVG_POINTS:
        spec["usermeta"] = {"embedOptions": {"renderer": "svg"}}
    return spec


def indexed(result: ExperimentResult) -> bool:
    """Whether the series chart scales both groups to 100 before the intervention.

    Treated and control units are rarely of one size (one street against seven): on one
    raw axis the smaller line would be flat. Each is shown as 100 × value / its mean
    before, when both means are positive; without a control, the raw values."""
    if result.method != "did" or result.series.empty:
        return False
    before = result.series[~result.series["after"].astype(bool)]
    return bool(len(before)) and bool(before["treated"].mean() > 0 and before["control"].mean() > 0)


def series_frame(
    result: ExperimentResult, names: dict[str, str], fmt: Formatter, value_text: Any
) -> pd.DataFrame:
    """One row per period and group: the plotted value (an index or the raw one) and its text."""
    frame = result.series
    groups = ["treated", "control"] if result.method == "did" else ["treated"]
    scale = indexed(result)
    before = frame[~frame["after"].astype(bool)]
    parts = []
    for group in groups:
        raw = frame[group].astype("float64")
        value = raw * 100 / before[group].mean() if scale else raw
        texts = [
            value_text(v) + (f" ({fmt.number(i, 0)})" if scale else "")
            for v, i in zip(raw, value, strict=True)
        ]
        parts.append(
            pd.DataFrame(
                {
                    PERIOD: pd.to_datetime(frame["period"]),
                    PERIOD_TEXT: [fmt.grain(p, result.grain) for p in frame["period"]],
                    GROUP: names[group],
                    VALUE: value,
                    VALUE_TEXT: texts,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def series_spec(
    result: ExperimentResult,
    data: pd.DataFrame,
    names: dict[str, str],
    lang: str,
    y_title: str,
    end: dt.date | None,
) -> dict[str, Any]:
    """Lines of the treated (and control) series, a rule at the intervention, and the
    after-period shaded when the intervention has an end."""
    order = [names["treated"]] + ([names["control"]] if "control" in names else [])
    periods = list(dict.fromkeys(data[PERIOD]))
    same_year = pd.DatetimeIndex(periods).year.nunique() <= 1
    x_axis = {
        "format": time_format(result.grain, lang, same_year),
        "labelAngle": 0,
        "labelOverlap": True,
        "values": tick_values(periods),
    }
    line: dict[str, Any] = {
        "mark": {"type": "line", "strokeWidth": 2, "invalid": "break-paths-show-domains"},
        "encoding": {
            "x": {"field": PERIOD, "type": "temporal", "title": None, "axis": x_axis},
            "y": {"field": VALUE, "type": "quantitative", "title": y_title},
            "color": {
                "field": GROUP,
                "type": "nominal",
                "title": translate("impact_group", lang),
                "sort": order,
                "scale": {"domain": order, "range": list(OKABE_ITO[: len(order)])},
                "legend": {"orient": "bottom", "labelLimit": 480},
            },
            "tooltip": [
                {"field": PERIOD_TEXT, "type": "nominal", "title": ""},
                {"field": GROUP, "type": "nominal", "title": translate("impact_group", lang)},
                {"field": VALUE_TEXT, "type": "nominal", "title": y_title},
            ],
        },
    }
    start = result.after_start
    rule = {
        "data": {"values": [{}]},
        # No fields to name it by: screen readers read the date in the chart's description.
        "mark": {
            "type": "rule",
            "strokeDash": [6, 4],
            "color": "#000000",
            "strokeWidth": 1.5,
            "aria": False,
        },
        "encoding": {"x": {"datum": _datetime(start), "type": "temporal"}},
    }
    layers: list[dict[str, Any]] = [line, rule]
    if end is not None:
        band = {
            "data": {"values": [{}]},
            "mark": {"type": "rect", "color": BAND_COLOUR, "opacity": 0.25, "aria": False},
            "encoding": {
                "x": {"datum": _datetime(start), "type": "temporal"},
                "x2": {"datum": _datetime(end + dt.timedelta(days=1))},
            },
        }
        layers.insert(0, band)
    return {**_base(lang, len(data)), "layer": layers}


def estimate_frame(
    result: ExperimentResult, fmt: Formatter, value_text: Any, expected: float | None = None
) -> pd.DataFrame:
    """The estimate's one row: in percent when there is one, else in the indicator's unit;
    zero (no effect) and the expected effect ride along, to be drawn in the same band."""
    assert result.effect is not None
    percent = result.percent is not None
    if percent:
        value, low, high = result.percent, result.percent_low, result.percent_high
        texts = [fmt.percent(v, 1) for v in (value, low, high)]
    else:
        value, low, high = result.effect, result.ci_low, result.ci_high
        texts = [value_text(v) for v in (value, low, high)]
    label = translate("impact_estimate_label", fmt.lang)
    return pd.DataFrame(
        {
            "label": [label],
            VALUE: [value],
            "low": [low],
            "high": [high],
            "zero": [0.0],
            "expected": [expected],
            VALUE_TEXT: [texts[0]],
            "interval": [f"{texts[1]} – {texts[2]}"],
        }
    )


def estimate_spec(
    result: ExperimentResult,
    data: pd.DataFrame,
    lang: str,
    x_title: str,
    expected: float | None,
    number_format: str,
) -> dict[str, Any]:
    """A point and its 95 % interval on a horizontal axis, with zero (no effect) marked, and
    the declared expected effect as a dashed line when there is one."""
    x = {
        "field": VALUE,
        "type": "quantitative",
        "title": x_title,
        "axis": {"format": number_format},
    }
    tooltip = [
        {"field": VALUE_TEXT, "type": "nominal", "title": translate("impact_estimate_label", lang)},
        {
            "field": "interval",
            "type": "nominal",
            "title": translate("impact_tooltip_interval", lang),
        },
    ]
    y = {"field": "label", "type": "nominal", "title": None}
    zero = {
        "mark": {"type": "tick", "color": "#000000", "thickness": 1.5},
        "encoding": {"x": {**x, "field": "zero"}, "y": y},
    }
    bar = {
        "mark": {"type": "rule", "strokeWidth": 3, "color": OKABE_ITO[0]},
        "encoding": {
            "x": {**x, "field": "low"},
            "x2": {"field": "high"},
            "y": y,
            "tooltip": tooltip,
        },
    }
    point = {
        "mark": {"type": "point", "filled": True, "size": 120, "color": OKABE_ITO[0]},
        "encoding": {"x": x, "y": y, "tooltip": tooltip},
    }
    layers: list[dict[str, Any]] = [zero, bar, point]
    if expected is not None:
        layers.append(
            {
                "mark": {
                    "type": "tick",
                    "color": OKABE_ITO[3],
                    "thickness": 2,
                    "strokeDash": [4, 3],
                },
                "encoding": {"x": {**x, "field": "expected"}, "y": y},
            }
        )
    return {**_base(lang, 1), "layer": layers, "height": {"step": 50}}


def data_table(result: ExperimentResult, names: dict[str, str], fmt: Formatter) -> pd.DataFrame:
    """The « Voir les données » table: each period, the groups' values and the phase."""
    lang = fmt.lang
    frame = result.series
    table = pd.DataFrame(
        {
            translate("impact_col_period", lang): [
                fmt.grain(p, result.grain) for p in frame["period"]
            ]
        }
    )
    table[names["treated"]] = frame["treated"].to_numpy()
    if result.method == "did":
        table[names["control"]] = frame["control"].to_numpy()
    table[translate("impact_col_phase", lang)] = [
        translate("impact_phase_after" if a else "impact_phase_before", lang)
        for a in frame["after"].astype(bool)
    ]
    return table
