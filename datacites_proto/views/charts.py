"""What the chart views share: palette, Vega-Lite locale and formats, chart specs, text
alternatives, the accessible data table and the CSV export.

Everything but the `draw_*` and `show_*` functions is pure (no Streamlit), so that the
specs, sentences and files can be tested without running an app.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
from babel.dates import get_day_names, get_month_names
from babel.numbers import format_currency, get_decimal_symbol, get_group_symbol

from datacites_proto.blueprint.breakdown import parse_breakdown
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import LOCALES, MISSING, Formatter

if TYPE_CHECKING:
    from datacites_proto.app.context import RenderContext
    from datacites_proto.engine.histogram import Histogram
    from datacites_proto.engine.service import IndicatorResult

# Okabe & Ito's palette ("Color Universal Design", 2008): its colours stay apart for every
# common colour-vision deficiency. Ordered for contrast on white: yellow and black last.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
)
SINGLE_COLOUR = OKABE_ITO[0]  # one series: a blue with a 5.1:1 contrast on white
MAX_SERIES = len(OKABE_ITO)  # beyond it colours would repeat: the largest series are kept
SEQUENTIAL_SCHEME = "viridis"  # perceptually uniform, readable in grey and by colour-blind people
HIDDEN_COLOUR = "#D9D9D9"  # hidden heatmap cells: a light grey outside the viridis range
TEMPORAL_GRAINS = ("hour", "day", "week", "month", "year")
ADDITIVE = ("count", "count_distinct", "sum")  # a missing group of these measures is a zero
HIDDEN_LISTED = 10  # hidden cells named one by one in the caption, then "and N more"
MAX_NAMED_CATEGORIES = 40  # beyond it, Vega thins a category axis's labels out
MAX_TICKS = 12  # labelled ticks on a time axis

# Columns of the frames handed to Vega-Lite (plain names: dots and brackets need escaping).
X, X_TEXT, SERIES, SERIES_TEXT = "x", "x_text", "series", "series_text"
VALUE, VALUE_TEXT, HIDDEN = "value", "value_text", "hidden"


# Language ---------------------------------------------------------------------------


def lower_first(text: str) -> str:
    """`Passages piétons` → `passages piétons`, but `IRVE` and `Lieu IRIS` keep theirs."""
    if not text or (len(text) > 1 and text[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def of_phrase(text: str, lang: str) -> str:
    """`de passages`, `d'habitants` (French elision), `of passages`."""
    if lang == "fr":
        return f"d'{text}" if text[:1].lower() in "aeiouyàâäéèêëîïôöûüh" else f"de {text}"
    return f"of {text}"


def _sep(lang: str) -> str:
    return " ; " if lang == "fr" else "; "


def vega_locale(lang: str) -> dict[str, Any]:
    """Vega's number and time locale (d3-format, d3-time-format) from Babel's data, so that
    axes say what `Formatter` says: `12 345,6`, `12,5 %`, `3 août`."""
    locale = LOCALES.get(lang, LOCALES["fr"])
    fmt = Formatter(lang)
    percent = fmt.percent(0.5, 0)  # "50 %": the sign and its spacing follow the digits
    money = format_currency(1, "EUR", format=None, locale=locale)
    digits = [i for i, c in enumerate(money) if c.isdigit()]
    days = get_day_names("wide", locale=locale)  # 0 is Monday; d3 starts on Sunday
    short_days = get_day_names("abbreviated", locale=locale)
    months = get_month_names("wide", locale=locale)
    short_months = get_month_names("abbreviated", locale=locale)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {
        "number": {
            "decimal": get_decimal_symbol(locale),
            "thousands": get_group_symbol(locale),
            "grouping": [3],
            "currency": [money[: digits[0]], money[digits[-1] + 1 :]],
            "percent": percent[percent.rindex("0") + 1 :],
            "nan": MISSING,
        },
        "time": {
            "dateTime": "%A %-d %B %Y à %X" if lang == "fr" else "%A, %-d %B %Y %X",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [str(days[d]) for d in sunday_first],
            "shortDays": [str(short_days[d]) for d in sunday_first],
            "months": [str(months[m]) for m in range(1, 13)],
            "shortMonths": [str(short_months[m]) for m in range(1, 13)],
        },
    }


def value_format(kind: str, decimals: int | None = None) -> str:
    """The d3 format of an indicator's values on an axis or a legend."""
    if kind == "percent":
        return f",.{1 if decimals is None else decimals}~%"
    if kind == "currency":
        return "$,.2~f"
    if kind == "integer":
        return ",.0f"
    return f",.{2 if decimals is None else decimals}~f"


def value_title(label: str, unit: str | None) -> str:
    """`Passages piétons (passages)`: the label, then the unit unless the label says it."""
    if unit and unit.lower() not in label.lower():
        return f"{label} ({unit})"
    return label


def time_format(grain: str | None, lang: str, same_year: bool = True) -> str:
    """The d3 time format of a temporal axis cut by `grain`."""
    day = "%-d %b" if same_year else "%-d %b %Y"
    if grain == "hour":
        return f"{day} %H h" if lang == "fr" else f"{day} %H:00"
    if grain in ("day", "week"):
        return day
    if grain == "month":
        return "%b %Y"
    if grain == "year":
        return "%Y"
    return "%-d %b %Y"


# Breakdowns -------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One breakdown of a chart: its result column, how it is drawn, how it is named."""

    name: str  # the breakdown as written: the result's column
    title: str  # axis, legend and table header
    grain: str | None
    kind: str  # "temporal", "ordinal" (weekday, hour of day, numbers) or "nominal"
    phrase: str  # "par jour", "par lieu": for titles and sentences


def key_kind(values: pd.Series, grain: str | None) -> str:
    """How a breakdown's values are drawn."""
    if grain in TEMPORAL_GRAINS:
        return "temporal"
    if grain in ("weekday", "hour_of_day"):
        return "ordinal"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "temporal"
    present = values.dropna()
    if len(present) and isinstance(present.iloc[0], dt.date):
        return "temporal"
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return "nominal"
    return "ordinal"


def make_key(text: str, values: pd.Series, title: str, lang: str) -> Key:
    """The Key of breakdown `text` (`day(start_datetime)`, `sites.site_name`)."""
    grain = parse_breakdown(text).grain
    if grain:
        phrase = translate(f"chart_by_{grain}", lang)
    else:
        phrase = translate("chart_by_column", lang, column=lower_first(title))
    return Key(text, title, grain, key_kind(values, grain), phrase)


def key_texts(values: pd.Series, key: Key, fmt: Formatter) -> list[str]:
    """The breakdown's values as people read them."""
    if key.kind == "temporal" and key.grain is None:
        stamps = pd.to_datetime(values)
        midnight = bool((stamps.dropna() == stamps.dropna().dt.normalize()).all())
        if midnight:
            return fmt.dates(stamps)
        return [MISSING if pd.isna(v) else fmt.datetime(v) for v in stamps]
    if key.grain in ("day", "week") and pd.api.types.is_datetime64_any_dtype(values):
        return fmt.dates(values)  # years of days: one pass over the column
    return [fmt.grain(v, key.grain) if not _missing(v) else MISSING for v in values]


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def key_plot_values(values: pd.Series, key: Key, texts: list[str], discrete: bool) -> Any:
    """What Vega-Lite places: timestamps on a time axis, hours 0–23, else the texts."""
    if key.kind == "temporal" and not discrete:
        return pd.to_datetime(values).to_numpy()  # datetime64: no Timestamp object per row
    if key.grain == "hour_of_day" or (key.kind == "ordinal" and key.grain is None):
        return [None if _missing(v) else _plain_number(v) for v in values]
    return texts


def _plain_number(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


# Figures ----------------------------------------------------------------------------


@dataclass
class Figure:
    """An indicator broken down by one or two keys, ready to draw and to tabulate."""

    data: pd.DataFrame  # x, x_text, [series, series_text], value, value_text, hidden
    x: Key
    series: Key | None
    order: list[Any]  # x values in the order shown
    series_order: list[Any]
    title: str  # of the values (axis, legend, table header)
    format: str  # d3 format of the values
    total: int  # x values before the limit
    series_total: int  # series before the cap

    @property
    def limited(self) -> bool:
        return len(self.order) < self.total

    @property
    def series_limited(self) -> bool:
        return len(self.series_order) < self.series_total


def _ordered(data: pd.DataFrame, plot: str, raw: str) -> list[Any]:
    """Distinct plotted values in the order of the breakdown's own values."""
    ranked = data.sort_values(raw, kind="stable", na_position="last")
    return list(dict.fromkeys(ranked[plot].tolist()))


def breakdown_figure(
    result: IndicatorResult,
    x: Key,
    series: Key | None,
    *,
    fmt: Formatter,
    value_text: Callable[[float], str],
    hidden_text: str,
    title: str,
    format: str,
    sort: str | None = None,
    limit: int | None = None,
    max_series: int | None = MAX_SERIES,
    discrete: bool = False,
) -> Figure:
    """Lay out `result` for a chart: keys placed and labelled, values formatted, categories
    sorted by value (`sort`: asc/desc) and cut to the first `limit`, series capped."""
    frame = result.frame
    values = frame[result.indicator].astype("float64").to_numpy()
    hidden = result.suppressed.astype(bool).to_numpy()
    x_texts = key_texts(frame[x.name], x, fmt)
    data = pd.DataFrame(
        {
            X: key_plot_values(frame[x.name], x, x_texts, discrete),
            X_TEXT: x_texts,
            "_x": frame[x.name].to_numpy(),
        }
    )
    if series is not None:
        s_texts = key_texts(frame[series.name], series, fmt)
        data[SERIES] = key_plot_values(frame[series.name], series, s_texts, True)
        data[SERIES_TEXT] = s_texts
        data["_s"] = frame[series.name].to_numpy()
    data[VALUE] = values
    data[VALUE_TEXT] = [
        hidden_text if h else value_text(v) for v, h in zip(values, hidden, strict=True)
    ]
    data[HIDDEN] = hidden

    series_order: list[Any] = []
    series_total = 0
    if series is not None:
        series_order = _ordered(data, SERIES, "_s")
        series_total = len(series_order)
        if max_series is not None and series_total > max_series:
            totals = data.groupby(SERIES, sort=False)[VALUE].sum(min_count=1)
            biggest = set(
                totals.sort_values(ascending=False, na_position="last").index[:max_series]
            )
            series_order = [s for s in series_order if s in biggest]
            data = data[data[SERIES].isin(series_order)]

    order = _ordered(data, X, "_x")
    total = len(order)
    if sort in ("asc", "desc"):
        totals = data.groupby(X, sort=False)[VALUE].sum(min_count=1)
        rank = {v: i for i, v in enumerate(order)}
        known = [v for v in order if not pd.isna(totals.get(v))]
        unknown = [v for v in order if pd.isna(totals.get(v))]
        sign = 1 if sort == "asc" else -1
        known.sort(key=lambda v: (sign * totals[v], rank[v]))
        order = known + unknown  # hidden categories last, whatever the direction
    if limit is not None and len(order) > limit:
        order = order[:limit]
        data = data[data[X].isin(order)]

    # Rows in the order shown: categories, then series.
    data = data.assign(
        _rank=data[X].map({v: i for i, v in enumerate(order)}),
        _srank=data[SERIES].map({v: i for i, v in enumerate(series_order)})
        if series is not None
        else 0,
    )
    data = data.sort_values(["_rank", "_srank"], kind="stable")
    data = data.drop(columns=[c for c in data.columns if c.startswith("_")]).reset_index(drop=True)
    return Figure(data, x, series, order, series_order, title, format, total, series_total)


# Vega-Lite specs --------------------------------------------------------------------
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
    axis: dict[str, Any] = {"labelAngle": angle, "labelLimit": 220}
    if len(order) <= MAX_NAMED_CATEGORIES:
        # Every bar named: Vega would hide every other slanted label, whose boxes overlap
        # even when the words do not, and leave half the places of a bar chart unnamed.
        axis["labelOverlap"] = False
    return field_channel(field, kind, key.title, sort=list(order), axis=axis)


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
    fig: Figure, mark: str, lang: str, *, horizontal: bool = False, additive: bool = False
) -> dict[str, Any]:
    """The Vega-Lite spec of a line, area or bar view (its rows: `fig.data`).

    `additive`: a missing (category, series) cell means zero (a count or a sum), so stacked
    areas are filled with zeros there instead of jumping over the gap."""
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


# Histograms -------------------------------------------------------------------------


def interval_texts(hist: Histogram, fmt: Formatter, lang: str) -> list[str]:
    """Each bin as people read it: `de 10 à moins de 20`, whole numbers `de 10 à 19`."""
    frame = hist.frame
    width = hist.width
    texts = []
    last = len(frame) - 1
    for i, (low, high) in enumerate(zip(frame["start"], frame["end"], strict=True)):
        if hist.integer and width == 1:
            texts.append(fmt.number(low))
        elif hist.integer:
            top = high if i == last else high - 1
            texts.append(
                translate(
                    "histogram_interval_closed", lang, low=fmt.number(low), high=fmt.number(top)
                )
            )
        elif i == last:
            texts.append(
                translate(
                    "histogram_interval_closed", lang, low=fmt.number(low), high=fmt.number(high)
                )
            )
        else:
            texts.append(
                translate("histogram_interval", lang, low=fmt.number(low), high=fmt.number(high))
            )
    return texts


def histogram_frame(hist: Histogram, fmt: Formatter, lang: str, hidden_text: str) -> pd.DataFrame:
    """The bins for Vega-Lite: edges, counts (missing when hidden) and their texts."""
    frame = hist.frame
    hidden = frame["hidden"].astype(bool).to_numpy()
    counts = frame["n"].astype("float64").where(~frame["hidden"].astype(bool))
    return pd.DataFrame(
        {
            "start": frame["start"].astype("float64"),
            "end": frame["end"].astype("float64"),
            "n": counts,
            "interval": interval_texts(hist, fmt, lang),
            "n_text": [
                hidden_text if h else fmt.number(n) for n, h in zip(frame["n"], hidden, strict=True)
            ],
            HIDDEN: hidden,
        }
    )


def histogram_spec(
    data: pd.DataFrame, width: float, column_title: str, lang: str
) -> dict[str, Any]:
    """Bars over pre-computed bins (Vega-Lite draws them, it does not bin again)."""
    count_title = translate("histogram_count", lang)
    span = [float(data["start"].iloc[0]), float(data["end"].iloc[-1])]
    encoding = {
        "x": field_channel(
            "start",
            "quantitative",
            column_title,
            bin={"binned": True, "step": width},
            # Every bin on the axis, hidden ones too (Vega would drop their empty bars).
            scale={"domain": span},
            axis={"format": ",~f"},
        ),
        "x2": {"field": "end"},
        "y": field_channel(
            "n", "quantitative", count_title, axis={"format": ",.0f", "tickMinStep": 1}
        ),
        "tooltip": [
            field_channel("interval", "nominal", column_title),
            field_channel("n_text", "nominal", count_title),
        ],
    }
    mark = {"type": "bar", "color": SINGLE_COLOUR, "binSpacing": 1}
    return vega_spec(mark, encoding, lang, len(data))


# Sentences --------------------------------------------------------------------------


def chart_title(indicator: str, phrases: Sequence[str], lang: str) -> str:
    """`Passages piétons par lieu`, `… par heure de la journée et par jour de la semaine`."""
    if len(phrases) >= 2:
        return translate(
            "chart_title_two", lang, indicator=indicator, first=phrases[0], second=phrases[1]
        )
    return translate("chart_title", lang, indicator=indicator, by=phrases[0])


def both_phrases(first: str, second: str, lang: str) -> str:
    """`par heure de la journée et par jour de la semaine`."""
    return translate("chart_title_two", lang, indicator="", first=first, second=second).strip()


def _at(row: pd.Series, fig: Figure) -> str:
    return row[X_TEXT] if fig.series is None else f"{row[X_TEXT]}, {row[SERIES_TEXT]}"


def breakdown_alt(fig: Figure, kind: str, indicator: str, phrase: str, lang: str) -> str:
    """The text alternative of a chart: what it shows, over which span, its extremes."""
    head = translate(
        f"chart_alt_{kind}", lang, of_indicator=of_phrase(lower_first(indicator), lang), by=phrase
    )
    visible = fig.data[~fig.data[HIDDEN] & fig.data[VALUE].notna()]
    if fig.x.kind == "temporal" and len(fig.data):
        first = fig.data[X_TEXT].iloc[0]
        last = fig.data[X_TEXT].iloc[-1]
        if first != last:
            head += ", " + translate("chart_alt_period", lang, start=first, end=last)
    parts: list[str] = []
    if len(visible):
        top = visible.loc[visible[VALUE].idxmax()]
        parts.append(translate("chart_alt_max", lang, value=top[VALUE_TEXT], at=_at(top, fig)))
        if len(visible) > 1:
            low = visible.loc[visible[VALUE].idxmin()]
            parts.append(translate("chart_alt_min", lang, value=low[VALUE_TEXT], at=_at(low, fig)))
    if fig.series is not None and kind != "heatmap":
        names = list(dict.fromkeys(fig.data[SERIES_TEXT]))
        parts.append(translate("chart_alt_series", lang, count=len(names), names=", ".join(names)))
    if fig.limited:
        parts.append(limited_text(len(fig.order), fig.total, lang))
    hidden = int(fig.data[HIDDEN].sum())
    if hidden:
        parts.append(translate("chart_alt_hidden", lang, count=hidden))
    return head + (_sep(lang) + _sep(lang).join(parts) if parts else "") + "."


def histogram_alt(
    data: pd.DataFrame, column: str, lang: str, fmt: Formatter, hidden_text: str
) -> str:
    """The text alternative of a histogram: rows, bins, span and the fullest bin."""
    visible = data[~data[HIDDEN]]
    total = fmt.number(int(visible["n"].sum()) if len(visible) else 0)
    hidden = int(data[HIDDEN].sum())
    if hidden:  # the rows of hidden bins are not counted: say so
        total = translate("chart_at_least", lang, count=total)
    span = translate(
        "histogram_interval_closed",
        lang,
        low=fmt.number(data["start"].iloc[0]),
        high=fmt.number(data["end"].iloc[-1]),
    )
    text = translate(
        "chart_alt_histogram",
        lang,
        of_column=of_phrase(lower_first(column), lang),
        total=total,
        bins=len(data),
        interval=span,
    )
    parts = []
    if len(visible) and visible["n"].max() > 0:
        top = visible.loc[visible["n"].idxmax()]
        parts.append(
            translate("chart_alt_most", lang, interval=top["interval"], count=top["n_text"])
        )
    if hidden:
        parts.append(translate("chart_alt_hidden", lang, count=hidden))
    return text + (_sep(lang) + _sep(lang).join(parts) if parts else "") + "."


def limited_text(shown: int, total: int, lang: str) -> str:
    """`10 premiers sur 37`."""
    return translate("chart_limited", lang, shown=shown, total=total)


def hidden_note(cells: Sequence[str], size: int, lang: str) -> str | None:
    """The caption naming hidden cells and why they are hidden; None when none is."""
    if not cells:
        return None
    named = ", ".join(cells[:HIDDEN_LISTED])
    if len(cells) > HIDDEN_LISTED:
        named = translate("chart_and_more", lang, cells=named, count=len(cells) - HIDDEN_LISTED)
    return translate("chart_hidden_cells", lang, cells=named, size=size)


def protection_notes(ctx: RenderContext, protections: Sequence[Any]) -> list[str]:
    """What small-group protection did to a public figure (rows set aside, rounding)."""
    from datacites_proto.engine.protection import notes

    titles = {d: spec.title or d for d, spec in ctx.blueprint.datasets.items()}
    return notes(list(protections), ctx.lang, titles)


def hidden_cells(fig: Figure) -> list[str]:
    """The hidden cells of a figure, named as in the data table."""
    rows = fig.data[fig.data[HIDDEN]]
    return [_at(row, fig) for _, row in rows.iterrows()]


def figure_table(fig: Figure) -> pd.DataFrame:
    """The accessible table of a figure: the same numbers as the chart, formatted."""
    columns: dict[str, list[str]] = {fig.x.title: fig.data[X_TEXT].tolist()}
    if fig.series is not None:
        columns[_unique(fig.series.title, columns)] = fig.data[SERIES_TEXT].tolist()
    columns[_unique(fig.title, columns)] = fig.data[VALUE_TEXT].tolist()
    return pd.DataFrame(columns)


def _unique(name: str, taken: dict[str, Any]) -> str:
    while name in taken:
        name += " "
    return name


# CSV export -------------------------------------------------------------------------

_FORMULA_START = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?\d")


def _defused(value: Any) -> Any:
    """A text cell Excel would run as a formula (`=HYPERLINK(…)`) gets a leading quote."""
    if isinstance(value, str) and _FORMULA_START.match(value) and not _NUMBER.match(value):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """Rows as a CSV file Excel opens right: in French `;`, decimal comma and UTF-8 with a
    BOM; in English `,`, decimal point and plain UTF-8. Dates stay ISO (AAAA-MM-JJ)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_defused)
    french = lang == "fr"
    text = out.to_csv(
        sep=";" if french else ",",
        decimal="," if french else ".",
        index=False,
        lineterminator="\r\n",
    )
    return text.encode("utf-8-sig" if french else "utf-8")


# Tables -------------------------------------------------------------------------------

DATE_FORMATS = {"date": "DD/MM/YYYY", "datetime": "DD/MM/YYYY HH:mm"}  # day first, fr and en-GB


def column_config(labels: dict[str, str], types: dict[str, str | None]) -> dict[str, Any]:
    """Streamlit column settings: declared labels, numbers and dates formatted by type."""
    import streamlit as st

    config: dict[str, Any] = {}
    for column, label in labels.items():
        kind = types.get(column)
        if kind in ("integer", "number"):
            config[column] = st.column_config.NumberColumn(label, format="localized")
        elif kind == "date":
            config[column] = st.column_config.DateColumn(label, format=DATE_FORMATS["date"])
        elif kind == "datetime":
            config[column] = st.column_config.DatetimeColumn(label, format=DATE_FORMATS["datetime"])
        elif kind == "boolean":
            config[column] = st.column_config.CheckboxColumn(label)
        else:
            config[column] = st.column_config.TextColumn(label)
    return config


def typed_rows(frame: pd.DataFrame, types: dict[str, str | None]) -> pd.DataFrame:
    """Whole-number columns as whole numbers even with missing cells (`12`, not `12.0`)."""
    out = frame.copy()
    for column in out.columns:
        if types.get(column) == "integer" and pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round().astype("Int64")
    return out


def shown_rows(frame: pd.DataFrame, types: dict[str, str | None]) -> pd.DataFrame:
    """The rows as a table shows them: a missing text as « — », where Streamlit would
    write `None` (the CSV file keeps the cell empty)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        text = values.dtype == object or pd.api.types.is_string_dtype(values)
        if types.get(column) in (None, "string") and text and values.isna().any():
            out[column] = values.astype(object).where(values.notna(), MISSING)
    return out


# Streamlit ----------------------------------------------------------------------------


def draw_chart(spec: dict[str, Any], data: pd.DataFrame, *, key: str, alt: str) -> None:
    """A chart spec and its rows (sent as Arrow) on the page, as wide as the column."""
    import streamlit as st

    st.vega_lite_chart(
        spec={**spec, "datasets": {DATA_NAME: data}}, width="stretch", key=key, alt=alt
    )


def show_heading(title: str, description: str | None) -> None:
    import streamlit as st

    st.subheader(title)
    if description:
        st.caption(description)


def show_data_table(ctx: RenderContext, index: int, table: pd.DataFrame, title: str) -> None:
    """The « Voir les données » expander: the chart's numbers as a table."""
    import streamlit as st

    from datacites_proto.views.see_data import see_data_expander

    box = see_data_expander(ctx, index)
    if box is None:
        return
    with box:
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=ctx.key(index, "data"),
            alt=ctx.t("chart_data_alt", title=title),
        )


def indicator_column_label(ctx: RenderContext, indicator: str, text: str) -> str:
    """A breakdown's label, looked up in the indicator's dataset (or its formula's)."""
    spec = ctx.blueprint.indicators[indicator]
    if spec.dataset or "." in parse_breakdown(text).column:
        return ctx.column_label(spec.dataset, text)
    column = parse_breakdown(text).column
    for dataset in sorted(ctx.blueprint.leaf_datasets(indicator)):
        declared = ctx.blueprint.datasets[dataset].columns.get(column)
        if declared is not None and declared.label:
            return ctx.column_label(dataset, text)
    return ctx.column_label(None, text)


def draw_breakdown(view: Any, ctx: RenderContext, index: int, mark: str) -> None:
    """Render a line, area or bar view."""
    import streamlit as st

    spec = ctx.blueprint.indicators[view.indicator]
    by = [view.by] + ([view.series] if view.series else [])
    result = ctx.result(view.indicator, by=by)
    frame = result.frame
    x = make_key(
        view.by, frame[view.by], indicator_column_label(ctx, view.indicator, view.by), ctx.lang
    )
    series = (
        make_key(
            view.series,
            frame[view.series],
            indicator_column_label(ctx, view.indicator, view.series),
            ctx.lang,
        )
        if view.series
        else None
    )
    phrases = [x.phrase] + ([series.phrase] if series else [])
    title = view.title or chart_title(spec.label, [", ".join(phrases)], ctx.lang)
    show_heading(title, view.description)
    if frame.empty:
        st.info(ctx.t("app_no_data"))
        return
    fig = breakdown_figure(
        result,
        x,
        series,
        fmt=ctx.fmt,
        value_text=lambda v: ctx.format_indicator(view.indicator, v),
        hidden_text=ctx.t("app_hidden_value"),
        title=value_title(spec.label, spec.unit),
        format=value_format(spec.effective_format, spec.decimals),
        sort=getattr(view, "sort", None),
        limit=view.limit,
    )
    measure = spec.measure_ast
    chart = breakdown_spec(
        fig,
        mark,
        ctx.lang,
        horizontal=getattr(view, "horizontal", False),
        additive=measure is not None and measure.func in ADDITIVE,
    )
    alt_text = view.description or breakdown_alt(
        fig, mark, spec.label, ", ".join(phrases), ctx.lang
    )
    draw_chart(chart, fig.data, key=ctx.key(index, "chart"), alt=alt_text)
    notes = []
    if fig.limited:
        notes.append(limited_text(len(fig.order), fig.total, ctx.lang))
    if fig.series_limited:
        notes.append(
            ctx.t("chart_series_limited", shown=len(fig.series_order), total=fig.series_total)
        )
    note = hidden_note(hidden_cells(fig), result.threshold, ctx.lang)
    if note:
        notes.append(note)
    notes.extend(protection_notes(ctx, result.protection))
    for text in notes:
        st.caption(text)
    show_data_table(ctx, index, figure_table(fig), title)


@functools.lru_cache(maxsize=1)  # built on first use: only the app imports Streamlit
def _histogram_runner() -> Callable[..., Histogram]:
    """The Streamlit-cached histogram computation (its own cache is bounded and expires)."""
    import streamlit as st

    from datacites_proto.app import caching
    from datacites_proto.engine.histogram import histogram

    @st.cache_data(max_entries=caching.RESULTS_MAX, ttl=caching.RESULTS_TTL, show_spinner=False)
    def run(
        _service: Any,
        service_key: str,
        data_stamp: str,
        dataset: str,
        column: str,
        bins: int,
        filters: str,
        audience: str,
    ) -> Histogram:
        import json

        return histogram(
            _service, dataset, column, json.loads(filters), bins=bins, audience=audience
        )

    return run


def cached_histogram(ctx: RenderContext, dataset: str, column: str, bins: int) -> Histogram:
    """The histogram of a column under the page's filters, cached like indicator results."""
    from datacites_proto.app import caching

    return _histogram_runner()(
        ctx.service,
        ctx.service_key,
        ctx.data_stamp,
        dataset,
        column,
        bins,
        caching.filters_key(ctx.filters),
        ctx.audience,
    )
