"""Vega-Lite specs written as plain dicts: channels, ticks, breakdown and heatmap charts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from datacites_proto.views.charts.axes import Key
from datacites_proto.views.charts.constants import (
    HIDDEN,
    HIDDEN_COLOUR,
    MAX_NAMED_CATEGORIES,
    MAX_TICKS,
    OKABE_ITO,
    SEQUENTIAL_SCHEME,
    SERIES,
    SERIES_TEXT,
    SINGLE_COLOUR,
    VALUE,
    VALUE_TEXT,
    X_TEXT,
    X,
)
from datacites_proto.views.charts.figures import Figure
from datacites_proto.views.charts.formats import time_format, vega_locale

# Plain dicts, not Altair objects: building and validating Altair charts cost a tenth of a
# second a rerun for three charts, for the very spec written here. The chart's rows travel
# apart, as Arrow (`draw_chart`); tests/unit/views/test_charts.py checks the specs with
# Vega-Lite's JSON Schema.

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
DATA_NAME = "table"  # the one named dataset of every chart


def tick_values(order: Sequence[Any], most: int = MAX_TICKS) -> list[dict[str, int]]:
    """Ticks on the keys themselves (a Monday for weeks, midnight for days), at most `most`,
    as Vega-Lite DateTime objects: local wall-clock times, as Streamlit sends naive data."""
    stamps = pd.DatetimeIndex(order).dropna()
    step = max(1, math.ceil(len(stamps) / most))
    return [
        {"year": t.year, "month": t.month, "date": t.day, "hours": t.hour} for t in stamps[::step]
    ]


def field_channel(name: str, kind: str, title: str | None = None, **extra: Any) -> dict[str, Any]:
    """A Vega-Lite channel over the column `name` of type `kind` (quantitative, nominal…)."""
    channel: dict[str, Any] = {"field": name, "type": kind}
    if title is not None:
        channel["title"] = title
    channel.update(extra)
    return channel


def _key_channel(
    key: Key, field: str, order: list[Any], lang: str, *, vertical: bool
) -> dict[str, Any]:
    if key.kind == "temporal" and pd.api.types.is_datetime64_any_dtype(pd.Series(order)):
        # Within one calendar year, the labels leave the year out.
        same_year = pd.DatetimeIndex(order).dropna().year.nunique() <= 1
        axis = {
            "format": time_format(key.grain, lang, same_year),
            "labelAngle": 0,
            "labelOverlap": True,
            "values": tick_values(order),
        }
        # Streamlit shifts naive timestamps so that the browser's local time shows them as
        # written: the default (local) time scale draws calendar days and hours as they are.
        return field_channel(field, "temporal", key.title, axis=axis)
    kind = "ordinal" if key.kind == "ordinal" else "nominal"
    short = all(len(str(v)) <= 12 for v in order)
    angle = 0 if short or vertical else -40
    # Vega pushes the first and last labels of an axis inside its ends (`labelFlush`), which
    # set « lundi » off its row; a category's label stays centred on its band.
    axis: dict[str, Any] = {"labelAngle": angle, "labelFlush": False}
    axis["labelLimit"] = {"expr": f"{NARROW} ? {NARROW_LABEL_LIMIT} : 220"} if vertical else 220
    if key.grain == "hour_of_day" and not vertical:
        # 24 hours do not fit a phone's width side by side: there, every third hour is named.
        axis["labelExpr"] = f"{NARROW} && datum.value % 3 ? '' : datum.label"
        axis["labelOverlap"] = False
    elif key.kind == "ordinal" and not vertical:
        # Ordered keys (weekdays, numbers) can skip a label: the neighbours name it.
        axis["labelOverlap"] = "greedy"
    elif len(order) <= MAX_NAMED_CATEGORIES:
        # Every bar named: Vega would hide every other slanted label, whose boxes overlap
        # even when the words do not, and leave half the places of a bar chart unnamed.
        axis["labelOverlap"] = False
    return field_channel(field, kind, key.title, sort=list(order), axis=axis)


# A chart narrower than this (a phone held upright) thins its hour labels and shortens its
# category labels. Vega knows its container's width, a spec does not: an expression asks.
NARROW = "containerSize()[0] < 480"
NARROW_LABEL_LIMIT = 130  # px of a category's name beside horizontal bars on a phone
PHONE_AXIS_PX = 300  # the room a 390 px phone leaves a chart's category axis
LABEL_CHAR_PX = 6.5  # the mean width of a character of an 11 px axis label
LABEL_GAP_PX = 8


def crowded(order: Sequence[Any]) -> bool:
    """Whether categories named side by side would not fit a phone's width: their bars are
    then drawn horizontally, one name per row, whatever the screen."""
    widths = [len(str(v)) * LABEL_CHAR_PX + LABEL_GAP_PX for v in order]
    return sum(widths) > PHONE_AXIS_PX


def _tooltips(fig: Figure) -> list[dict[str, Any]]:
    tips = [field_channel(X_TEXT, "nominal", fig.x.title)]
    if fig.series is not None:
        tips.append(field_channel(SERIES_TEXT, "nominal", fig.series.title))
    tips.append(field_channel(VALUE_TEXT, "nominal", fig.title))
    return tips


def vega_spec(
    mark: dict[str, Any], encoding: dict[str, Any], lang: str, points: int
) -> dict[str, Any]:
    """A one-mark Vega-Lite spec over the `table` dataset, in the language's locale."""
    spec: dict[str, Any] = {
        "$schema": VEGA_LITE_SCHEMA,
        "data": {"name": DATA_NAME},
        "mark": mark,
        "encoding": encoding,
        "config": {"locale": vega_locale(lang), "view": {"stroke": None}},
    }
    if points <= 2000:
        # SVG keeps the marks in the accessibility tree (Streamlit switches to a canvas above
        # 2,000 points, where only the text alternative is left).
        spec["usermeta"] = {"embedOptions": {"renderer": "svg"}}
    return spec


MAX_LINE_POINTS = 1000


def breakdown_spec(
    fig: Figure, mark: str, lang: str, *, horizontal: bool | None = False, additive: bool = False
) -> dict[str, Any]:
    """The Vega-Lite spec of a line, area or bar view (its rows: `fig.data`).

    `horizontal`: None lets bars over named categories lie down when their names would
    not fit side by side on a phone (`crowded`). `additive`: a missing (category, series)
    cell means zero (a count or a sum), so stacked areas are filled with zeros there
    instead of jumping over the gap."""
    if horizontal is None:
        horizontal = mark == "bar" and fig.x.kind == "nominal" and crowded(fig.order)
    category = _key_channel(fig.x, X, fig.order, lang, vertical=horizontal)
    stacked = fig.series is not None and mark in ("area", "bar")
    axis: dict[str, Any] = {"format": fig.format}
    if fig.format == ",.0f":
        axis["tickMinStep"] = 1
    value = field_channel(
        VALUE, "quantitative", fig.title, axis=axis, stack="zero" if stacked else None
    )
    if stacked and additive and mark == "area":
        value["impute"] = {"value": 0}
    if mark == "line":
        spec_mark: dict[str, Any] = {
            "type": "line",
            "invalid": "break-paths-show-domains",
            "strokeWidth": 2,
        }
        # Above MAX_LINE_POINTS, dots would be thousands of marks to draw at every rerun
        # (years of days), too close together to point at: the line alone.
        if len(fig.order) <= MAX_LINE_POINTS:
            spec_mark["point"] = {"filled": True, "size": 40 if len(fig.order) <= 100 else 12}
    elif mark == "area":
        spec_mark = {
            "type": "area",
            "line": True,
            "opacity": 0.8 if stacked else 0.6,
            "invalid": "break-paths-show-domains",
        }
    else:
        spec_mark = {"type": "bar"}
    encoding: dict[str, Any] = {
        ("y" if horizontal else "x"): category,
        ("x" if horizontal else "y"): value,
        "tooltip": _tooltips(fig),
    }
    if fig.series is not None:
        encoding["color"] = field_channel(
            SERIES,
            "nominal",
            fig.series.title,
            sort=list(fig.series_order),
            scale={
                "domain": list(fig.series_order),
                "range": list(OKABE_ITO[: len(fig.series_order)]),
            },
            legend={"orient": "bottom"},
        )
    else:
        encoding["color"] = {"value": SINGLE_COLOUR}
    return vega_spec(spec_mark, encoding, lang, len(fig.data))


def heatmap_spec(fig: Figure, lang: str) -> dict[str, Any]:
    """The Vega-Lite spec of a heatmap view: x × series (the y breakdown), coloured by value."""
    assert fig.series is not None
    colour = field_channel(
        VALUE,
        "quantitative",
        fig.title,
        scale={"scheme": SEQUENTIAL_SCHEME},
        legend={"format": fig.format},
        condition={"test": f"datum['{HIDDEN}']", "value": HIDDEN_COLOUR},
    )
    encoding = {
        "x": _key_channel(fig.x, X, fig.order, lang, vertical=False),
        "y": _key_channel(fig.series, SERIES, fig.series_order, lang, vertical=True),
        "color": colour,
        "tooltip": _tooltips(fig),
    }
    return vega_spec({"type": "rect"}, encoding, lang, len(fig.data))
