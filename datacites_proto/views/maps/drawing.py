"""What map layers share: colour scales, classes and legends, tooltips, formatted values,
and `LayerDraw`, what a layer hands to the `map` view.

Pure functions (no Streamlit): layers build deck.gl layer specs as plain dicts, which
are cached between reruns and turned into `pydeck.Layer`s by the view.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from datacites_proto.engine.geo import Bounds
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import MISSING, Formatter

RGB = list[int]

# Colour-blind-safe sequential scales (matplotlib's viridis and cividis, 9 stops each).
VIRIDIS = (
    "#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
    "#28ae80", "#5ec962", "#addc30", "#fde725",
)  # fmt: skip
CIVIDIS = (
    "#00204d", "#123570", "#3b496c", "#575d6d", "#707173",
    "#8a8779", "#a69d75", "#c4b56c", "#e4cf5b",
)  # fmt: skip
SCALES = {"viridis": VIRIDIS, "cividis": CIVIDIS}
# Okabe–Ito: categories told apart by people with any colour-vision deficiency.
CATEGORIES = (
    (0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167),
    (86, 180, 233), (213, 94, 0), (240, 228, 66),
)  # fmt: skip
OTHER_RGB = [150, 150, 150]
# The blueprint's band colour names, in tones that stay distinct in print and on screen.
NAMED_RGB = {
    "green": (26, 152, 80), "yellow": (254, 224, 139), "orange": (253, 174, 97),
    "red": (215, 48, 39), "blue": (69, 117, 180), "purple": (118, 42, 131),
    "grey": (153, 153, 153), "teal": (53, 151, 143),
}  # fmt: skip
DEFAULT_RGB = [0, 114, 178]
HIDDEN_RGB = [189, 189, 189]  # suppressed values: greyed
MISSING_RGB = [236, 236, 236]  # no value at all
TABLE_ROWS = 1000  # rows of the "see the data" table
TOOLTIP = {"text": "{tooltip}"}  # every pickable object carries a formatted `tooltip`


def rgb(colour: str) -> RGB:
    """[r, g, b] of a blueprint colour: a name (green, red…) or #rrggbb."""
    if colour in NAMED_RGB:
        return list(NAMED_RGB[colour])
    text = colour.lstrip("#")
    return [int(text[i : i + 2], 16) for i in (0, 2, 4)]


def hex_of(colour: Sequence[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour[:3])


def sequential(count: int, scale: str = "viridis") -> list[RGB]:
    """`count` colours evenly spread along a sequential scale, darkest first."""
    stops = np.array([rgb(c) for c in SCALES[scale]], dtype="float64")
    if count <= 0:
        return []
    positions = [0.5] if count == 1 else [i / (count - 1) for i in range(count)]
    colours = []
    for p in positions:
        x = p * (len(stops) - 1)
        low = min(math.floor(x), len(stops) - 2)
        t = x - low
        mixed = stops[low] * (1 - t) + stops[low + 1] * t
        colours.append([round(v) for v in mixed.tolist()])
    return colours


# Classes and legends --------------------------------------------------------------------


@dataclass
class LegendEntry:
    colour: RGB
    label: str


@dataclass
class Legend:
    title: str
    entries: list[LegendEntry]
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        """The legend as Markdown: a coloured square (KaTeX) and the range it stands for."""
        lines = [f"**{escape(self.title)}**"]
        lines += [
            rf"$\textcolor{{{hex_of(e.colour)}}}{{\blacksquare}}$ {escape(e.label)}"
            for e in self.entries
        ]
        return "  \n".join(lines)


@dataclass
class SizeEntry:
    radius: float  # pixels, as the dots of this value are drawn
    label: str


@dataclass
class SizeLegend:
    """Proportional dots: circles of a few values at the radius the map draws them."""

    title: str
    entries: list[SizeEntry]

    def svg(self, colour: Sequence[int] = (110, 110, 110)) -> str:
        """Nested circles on a common base line, each labelled: an SVG for `st.image`
        (`st.html` would strip it)."""
        top = max((e.radius for e in self.entries), default=0.0)
        width, height = 2 * top + 4, 2 * top + 4
        base = height - 2
        shapes = []
        for entry in self.entries:
            cy = base - entry.radius
            y = base - 2 * entry.radius
            shapes.append(
                f'<circle cx="{top + 2:.1f}" cy="{cy:.1f}" r="{entry.radius:.1f}" '
                f'fill="{hex_of(colour)}" fill-opacity="0.25" stroke="{hex_of(colour)}"/>'
                f'<line x1="{top + 2:.1f}" y1="{y:.1f}" x2="{width + 8:.1f}" y2="{y:.1f}" '
                'stroke="#6b6b6b" stroke-dasharray="2 2"/>'
                f'<text x="{width + 12:.1f}" y="{y + 4:.1f}" font-size="12" '
                f'font-family="sans-serif" fill="#31333f">{html.escape(entry.label)}</text>'
            )
        room = width + 12 + 8 * max((len(e.label) for e in self.entries), default=0)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{room:.0f}" '
            f'height="{height + 8:.0f}" viewBox="0 -6 {room:.0f} {height + 8:.0f}">'
            + "".join(shapes)
            + "</svg>"
        )

    def values(self) -> str:
        """The values of the circles, for the image's alternative text."""
        return ", ".join(e.label for e in self.entries)


def escape(text: str) -> str:
    """Markdown-neutral text (labels come from data and blueprints)."""
    for char in "\\`*_[]<>$#|~":
        text = text.replace(char, "\\" + char)
    return text


@dataclass
class Classes:
    """Values sorted into coloured classes."""

    index: np.ndarray  # class of each value; -1 where the value is missing
    colours: list[RGB]
    labels: list[str]

    def colour_of(self, i: int, missing: RGB = MISSING_RGB) -> RGB:
        return self.colours[i] if i >= 0 else missing

    def entries(self) -> list[LegendEntry]:
        return [LegendEntry(c, label) for c, label in zip(self.colours, self.labels, strict=True)]


def quantile_classes(
    values: Sequence[float] | np.ndarray,
    fmt: Callable[[float], str],
    lang: str,
    count: int = 5,
    scale: str = "viridis",
) -> Classes:
    """Up to `count` classes of about as many values each (quantiles); each label gives
    the smallest and largest value of its class, so that no range is empty or misleading."""
    array = np.asarray(values, dtype="float64")
    finite = array[np.isfinite(array)]
    index = np.full(len(array), -1, dtype="int64")
    if not len(finite):
        return Classes(index, [], [])
    distinct = np.unique(finite)
    if len(distinct) <= count:  # few values: one class each
        cuts = distinct[1:]
    else:  # cuts are values of the data ("lower"): no float noise, no class between values
        cuts = np.unique(np.quantile(finite, np.linspace(0, 1, count + 1)[1:-1], method="lower"))
    # Class i holds values in [cut i-1, cut i): as many classes as distinct cuts allow.
    raw = np.searchsorted(cuts, array, side="right")
    used = np.unique(raw[np.isfinite(array)])
    renumber = {old: new for new, old in enumerate(used)}
    labels = []
    for old in used:
        members = finite[np.searchsorted(cuts, finite, side="right") == old]
        low, high = members.min(), members.max()
        labels.append(
            fmt(low)
            if fmt(low) == fmt(high)
            else translate("app_map_legend_range", lang, low=fmt(low), high=fmt(high))
        )
    for i, value in enumerate(array):
        if np.isfinite(value):
            index[i] = renumber[raw[i]]
    return Classes(index, sequential(len(used), scale), labels)


def band_classes(
    values: Sequence[float] | np.ndarray,
    bands: Sequence[Any],
    fmt: Callable[[float], str],
    lang: str,
) -> Classes:
    """One class per band of the indicator, in its colours, labelled with its range."""
    array = np.asarray(values, dtype="float64")
    index = np.full(len(array), -1, dtype="int64")
    for i, value in enumerate(array):
        if np.isfinite(value):
            index[i] = next(
                (b for b, band in enumerate(bands) if band.below is None or value < band.below),
                len(bands) - 1,
            )
    labels = []
    previous: float | None = None
    for band in bands:
        if band.below is None and previous is None:  # a single band: no range to give
            labels.append(band.label)
            continue
        if band.below is None:
            bound = translate("app_map_legend_from", lang, value=fmt(previous))
        elif previous is None:
            bound = translate("app_map_legend_below", lang, value=fmt(band.below))
        else:
            bound = translate("app_map_legend_range", lang, low=fmt(previous), high=fmt(band.below))
        labels.append(f"{band.label} ({bound})")
        previous = band.below
    return Classes(index, [rgb(b.color) for b in bands], labels)


def category_classes(
    values: Sequence[Any], lang: str, label: Callable[[Any], str] = str
) -> Classes:
    """Colours for text (or yes/no) values: the most frequent get their own, the rest
    share grey; `label` writes a value in the legend."""
    series = pd.Series(list(values), dtype="object")
    present = series[series.notna()]
    top = present.value_counts(sort=True).index.tolist()
    own = top[: len(CATEGORIES)] if len(top) <= len(CATEGORIES) else top[: len(CATEGORIES) - 1]
    rank = {v: i for i, v in enumerate(own)}
    others = len(top) > len(own)
    index = np.array([-1 if pd.isna(v) else rank.get(v, len(own)) for v in series], dtype="int64")
    colours = [list(CATEGORIES[i]) for i in range(len(own))]
    labels = [label(v) for v in own]
    if others:
        colours.append(OTHER_RGB)
        labels.append(translate("app_map_other", lang))
    return Classes(index, colours, labels)


# Values as people read them -------------------------------------------------------------


def format_value(fmt: Formatter, value: Any) -> str:
    """A raw column value in the service's language."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return MISSING
    if isinstance(value, (bool, np.bool_)):
        return translate("app_map_yes" if value else "app_map_no", fmt.lang)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return fmt.number(value)
    if isinstance(value, dt.datetime | pd.Timestamp):
        return fmt.datetime(value)
    if isinstance(value, dt.date):
        return fmt.date(value)
    return str(value)


def format_column(
    fmt: Formatter, values: Sequence[Any] | pd.Series, kind: str | None = None
) -> list[str]:
    """Every value formatted (as the column's declared `format` says, when it has one),
    each distinct value once (Babel is slow: 20 µs a number)."""
    seen: dict[Any, str] = {}
    out = []
    for value in list(values):
        key = (type(value), value) if isinstance(value, Hashable) else None
        text = seen.get(key) if key is not None else None
        if text is None:
            numeric = isinstance(value, (int, float, np.integer, np.floating))
            if kind is not None and numeric and not isinstance(value, (bool, np.bool_)):
                text = fmt.value(value, kind)
            else:
                text = format_value(fmt, value)
            if key is not None:
                seen[key] = text
        out.append(text)
    return out


def format_coordinates(fmt: Formatter, values: Sequence[float] | pd.Series) -> list[str]:
    """Degrees with the 5 decimals positions are sent with."""
    return [fmt.number(round(float(v), 5), 5) for v in list(values)]


def tooltip_lines(lang: str, columns: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """One tooltip text per object: "Label : value" lines (labels and values given)."""
    if not columns:
        return []
    size = len(columns[0][1])
    prefixes = [
        translate("app_map_tooltip_line", lang, label=label, value="") for label, _ in columns
    ]
    return [
        "\n".join(p + values[i] for p, (_, values) in zip(prefixes, columns, strict=True))
        for i in range(size)
    ]


def as_number(value: Any) -> float:
    """A result's value as a float; NaN for a missing one (None, NaN, or pandas' NA of an
    integer measure, which `float()` refuses)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return math.nan
    return float(value)


def as_key(value: Any) -> str:
    """A code compared as text: 29233, 29233.0 and "29233" are the same code."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


# What a layer gives the map ---------------------------------------------------------------


@dataclass
class SelectTarget:
    """Clicking an object of this layer sets a page filter to the object's `field` value."""

    filter_id: str
    field: str
    multiple: bool  # multiselect (a list) or select (one value)


@dataclass
class LayerDraw:
    """A map layer ready to draw: deck.gl specs and what the page shows around them."""

    deck: list[dict[str, Any]]  # kwargs of pydeck.Layer: type, id, data, accessors…
    bounds: Bounds | None = None
    legend: Legend | None = None
    sizes: SizeLegend | None = None  # proportional dots: their size legend
    table: pd.DataFrame | None = None  # formatted values, labelled columns
    table_title: str = ""
    table_rows: int = 0  # rows before the table was cut to TABLE_ROWS
    notes: list[str] = field(default_factory=list)
    alt: str = ""
    select: SelectTarget | None = None
    features: int = 0  # objects sent to the browser
    hidden_threshold: int = 0  # min_group_size of values hidden in the table (0: none)


def deck_spec(kind: str, layer_id: str, data: Any, **kwargs: Any) -> dict[str, Any]:
    """The kwargs of a `pydeck.Layer`; strings are accessors over each object's fields."""
    return {"type": kind, "id": layer_id, "data": data, **kwargs}


def cut_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    return frame.head(TABLE_ROWS).reset_index(drop=True), len(frame)


# What layers ask of the page --------------------------------------------------------------


def page_filter_target(ctx: Any, home: str) -> tuple[SelectTarget, str] | None:
    """The first select/multiselect filter of the page whose column a row of `home` has
    (its own or a related dataset's), and that column as `dataset.column`."""
    for f_id in ctx.filters:
        spec = ctx.blueprint.filters.get(f_id)
        if spec is None or spec.type not in ("select", "multiselect"):
            continue
        text = f"{spec.dataset}.{spec.column_name}"
        try:
            ctx.service.compiler.resolve(home, text)
        except QueryError:
            continue  # the filter's dataset is not reachable from the layer's rows
        return SelectTarget(f_id, "sel", spec.type == "multiselect"), text
    return None


def indicator_per_key(
    ctx: Any, indicator: str, dataset: str, keys: Sequence[str], frame: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, int]:
    """`indicator` for each row of `frame` (which holds the key columns of `dataset`):
    values (NaN where missing or hidden), hidden flags, and the threshold that applied."""
    by = [f"{dataset}.{k}" for k in keys]
    result = ctx.result(indicator, by=by)
    lookup: dict[tuple[str, ...], tuple[float, bool]] = {}
    key_rows = result.frame[by].itertuples(index=False, name=None)
    for key, value, hidden in zip(
        key_rows, result.frame[indicator].tolist(), result.suppressed.tolist(), strict=True
    ):
        lookup[tuple(as_key(v) for v in key)] = (value, bool(hidden))
    values = np.full(len(frame), np.nan)
    hidden = np.zeros(len(frame), dtype=bool)
    for i, key in enumerate(frame[list(keys)].itertuples(index=False, name=None)):
        value, hide = lookup.get(tuple(as_key(v) for v in key), (np.nan, False))
        hidden[i] = hide
        values[i] = np.nan if hide else as_number(value)
    return values, hidden, result.threshold


def dataset_title(ctx: Any, dataset: str) -> str:
    spec = ctx.blueprint.datasets[dataset]
    return spec.title or dataset
