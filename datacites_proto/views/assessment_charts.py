"""The figures of the `assessment_results` view, as Vega-Lite dicts: a radar of theme levels
against the target, and the gap per theme as sorted bars. Pure (no Streamlit).

Vega-Lite has no radar mark: the polygons are line marks over x/y computed here (one row per
vertex, the first repeated to close the shape), on square scales without axes, with grid
rings, spokes and theme names drawn as layers of the same one dataset.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from babel.numbers import format_decimal

from datacites_proto.i18n.formatting import Formatter, typographic_minus
from datacites_proto.views.charts.constants import OKABE_ITO
from datacites_proto.views.charts.formats import vega_locale
from datacites_proto.views.charts.vega import DATA_NAME, VEGA_LITE_SCHEMA

# Frame columns handed to Vega-Lite (plain names).
KIND, GROUP, ORDER, X, Y, X2, Y2 = "kind", "group", "order", "x", "y", "x2", "y2"
THEME, SERIES, VALUE_TEXT, LABEL = "theme", "series", "value_text", "label"
RADAR_HEIGHT = 400  # px; the width is the column's
LABEL_OUT = 1.15  # where the theme names sit, in units of the outer ring's radius
LINE_CHARS = 13  # a theme's name is cut into lines of about this many characters
# The outer ring's radius in px, from the chart's size (Vega's `width` and `height` signals):
# as large as the height allows, leaving the names about 115 px beside it on a wide screen
# and at least 25 % of the width on a phone, where the names are cut shorter.
RING_PX = "max(60, min(height / 2 - 44, max(width / 2 - 130, width * 0.25)))"
GRID_COLOUR, SPOKE_COLOUR, LABEL_COLOUR = "#D0D0D0", "#E0E0E0", "#333333"
LEVEL_COLOUR, TARGET_COLOUR = OKABE_ITO[0], OKABE_ITO[1]


def level_text(value: float | None, fmt: Formatter, *, signed: bool = False) -> str:
    """A level or a gap with one decimal, always (« 3,0 », « 1,5 », « +0,5 », « −2,0 »)."""
    if value is None:
        return "—"
    text = typographic_minus(format_decimal(value, format="#,##0.0", locale=fmt.locale), fmt.lang)
    return f"+{text}" if signed and value > 0.05 else text


@dataclass(frozen=True)
class ThemeRow:
    """One theme as the results show it: its level (None when unanswered) and target."""

    id: str
    title: str
    level: float | None
    target: float

    @property
    def gap(self) -> float | None:
        return None if self.level is None else self.target - self.level


def _base(lang: str) -> dict[str, Any]:
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "data": {"name": DATA_NAME},
        "config": {"locale": vega_locale(lang), "view": {"stroke": None}},
        # SVG keeps the marks in the accessibility tree (a few dozen points at most).
        "usermeta": {"embedOptions": {"renderer": "svg"}},
    }


def _point(radius: float, i: int, n: int) -> tuple[float, float]:
    """Vertex `i` of `n` at `radius`, clockwise from the top."""
    angle = 2 * math.pi * i / n
    return radius * math.sin(angle), radius * math.cos(angle)


def radar_frame(
    themes: Sequence[ThemeRow],
    top: int,
    series_names: Mapping[str, str],
    value_text: Callable[[float], str],
) -> pd.DataFrame:
    """Every row the radar draws: grid rings (1..top), spokes, names and both polygons.

    `series_names` names the two polygons: {"level": …, "target": …}. An unanswered
    theme's vertex sits at the centre (0), its tooltip says « — »."""
    n = len(themes)
    rows: list[dict[str, Any]] = []
    for ring in range(1, top + 1):
        for i in range(n + 1):
            x, y = _point(ring, i % n, n)
            rows.append({KIND: "grid", GROUP: f"grid-{ring}", ORDER: i, X: x, Y: y})
    for i, theme in enumerate(themes):
        x, y = _point(top, i, n)
        rows.append({KIND: "spoke", GROUP: theme.id, ORDER: i, X: 0.0, Y: 0.0, X2: x, Y2: y})
        lx, ly = _point(top * LABEL_OUT, i, n)
        rows.append(
            {KIND: "label", GROUP: theme.id, ORDER: i, X: lx, Y: ly, LABEL: wrapped(theme.title)}
        )
    for key in ("level", "target"):
        for i in range(n + 1):
            theme = themes[i % n]
            value = theme.level if key == "level" else theme.target
            x, y = _point(value or 0.0, i % n, n)
            rows.append(
                {
                    KIND: "series",
                    GROUP: key,
                    SERIES: series_names[key],
                    ORDER: i,
                    X: x,
                    Y: y,
                    THEME: theme.title,
                    VALUE_TEXT: "—" if value is None else value_text(value),
                }
            )
    return pd.DataFrame(rows)


def wrapped(text: str, width: int = LINE_CHARS) -> str:
    """`text` cut at spaces into lines of about `width` characters (Vega breaks at « \\n »)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _only(kind: str) -> list[dict[str, Any]]:
    return [{"filter": f"datum.{KIND} === '{kind}'"}]


def radar_spec(
    top: int, series_names: Mapping[str, str], lang: str, theme_title: str
) -> dict[str, Any]:
    """The radar's layered spec over `radar_frame`'s rows."""
    # Both scales give a unit the same number of px, whatever the column's width, so that
    # the rings stay round: each domain is the chart's half-size over px per unit.
    unit = f"({RING_PX}) / {top}"
    x_scale = {
        "domain": {"expr": f"[-width / 2 / ({unit}), width / 2 / ({unit})]"},
        "nice": False,
        "zero": False,
    }
    y_scale = {
        "domain": {"expr": f"[-height / 2 / ({unit}), height / 2 / ({unit})]"},
        "nice": False,
        "zero": False,
    }
    x = {"field": X, "type": "quantitative", "scale": x_scale, "axis": None}
    y = {"field": Y, "type": "quantitative", "scale": y_scale, "axis": None}
    order = [series_names["level"], series_names["target"]]
    layers: list[dict[str, Any]] = [
        {
            "transform": _only("grid"),
            "mark": {"type": "line", "color": GRID_COLOUR, "strokeWidth": 1},
            "encoding": {
                "x": x,
                "y": y,
                "detail": {"field": GROUP, "type": "nominal"},
                "order": {"field": ORDER, "type": "quantitative"},
            },
        },
        {
            "transform": _only("spoke"),
            "mark": {"type": "rule", "color": SPOKE_COLOUR},
            "encoding": {"x": x, "y": y, "x2": {"field": X2}, "y2": {"field": Y2}},
        },
        {
            "transform": _only("label"),
            "mark": {
                "type": "text",
                "color": LABEL_COLOUR,
                "fontSize": 11,
                "lineBreak": "\n",
                # What is left beside the names, so that none runs off the chart.
                "limit": {"expr": f"max(48, width / 2 - {LABEL_OUT} * ({RING_PX}) - 6)"},
                "align": {
                    "expr": f"abs(datum.{X}) < 0.01 ? 'center' : datum.{X} > 0 ? 'left' : 'right'"
                },
                "baseline": "middle",
            },
            "encoding": {"x": x, "y": y, "text": {"field": LABEL, "type": "nominal"}},
        },
        {
            "transform": _only("series"),
            "mark": {"type": "line", "strokeWidth": 2, "point": {"filled": True, "size": 40}},
            "encoding": {
                "x": x,
                "y": y,
                "order": {"field": ORDER, "type": "quantitative"},
                "color": {
                    "field": SERIES,
                    "type": "nominal",
                    "title": None,
                    "sort": order,
                    "scale": {"domain": order, "range": [LEVEL_COLOUR, TARGET_COLOUR]},
                    "legend": {"orient": "bottom", "symbolType": "stroke", "symbolStrokeWidth": 2},
                },
                "strokeDash": {
                    "field": SERIES,
                    "type": "nominal",
                    "sort": order,
                    "scale": {"domain": order, "range": [[1, 0], [6, 4]]},
                    "legend": None,
                },
                "tooltip": [
                    {"field": THEME, "type": "nominal", "title": theme_title},
                    {"field": SERIES, "type": "nominal", "title": " "},
                    {"field": VALUE_TEXT, "type": "nominal", "title": " "},
                ],
            },
        },
    ]
    spec = {**_base(lang), "height": RADAR_HEIGHT, "layer": layers}
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


def gap_frame(themes: Sequence[ThemeRow], value_text: Callable[[float], str]) -> pd.DataFrame:
    """One row per answered theme, the largest gap (furthest below target) first."""
    rows = [
        {THEME: t.title, "gap": t.gap, VALUE_TEXT: value_text(t.gap)}
        for t in themes
        if t.gap is not None
    ]
    frame = pd.DataFrame(rows, columns=[THEME, "gap", VALUE_TEXT])
    return frame.sort_values("gap", ascending=False, kind="stable").reset_index(drop=True)


def gap_spec(data: pd.DataFrame, lang: str, gap_title: str, theme_title: str) -> dict[str, Any]:
    """Horizontal bars of the gap to the target per theme, in the frame's order (worst first);
    a bar right of zero is below target, left of zero above it."""
    order = list(data[THEME])
    return {
        **_base(lang),
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": THEME,
                "type": "nominal",
                "title": None,
                "sort": order,
                "axis": {"labelLimit": 220, "labelFlush": False},
            },
            "x": {
                "field": "gap",
                "type": "quantitative",
                "title": gap_title,
                "axis": {"format": ".1f"},
            },
            "color": {
                "condition": {"test": "datum.gap > 0", "value": OKABE_ITO[3]},
                "value": OKABE_ITO[2],
            },
            "tooltip": [
                {"field": THEME, "type": "nominal", "title": theme_title},
                {"field": VALUE_TEXT, "type": "nominal", "title": gap_title},
            ],
        },
    }
