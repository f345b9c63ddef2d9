"""A breakdown result shaped for a chart: ordered keys, series and value texts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.charts.axes import Key, key_plot_values, key_texts
from datacites_proto.views.charts.constants import (
    HIDDEN,
    MAX_SERIES,
    SERIES,
    SERIES_TEXT,
    VALUE,
    VALUE_TEXT,
    X_TEXT,
    X,
)

if TYPE_CHECKING:
    from datacites_proto.engine.service import IndicatorResult


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


def _ordered(data: pd.DataFrame, plot: str, raw: str, enum: tuple[Any, ...] = ()) -> list[Any]:
    """Distinct plotted values in the order of the column's `enum` when it declares one
    (values it does not list come after), else of the breakdown's own values."""
    if not enum:
        ranked = data.sort_values(raw, kind="stable", na_position="last")
        return list(dict.fromkeys(ranked[plot].tolist()))
    position = {value: i for i, value in enumerate(enum)}
    rank = [
        position.get(v, len(position)) if not _missing(v) else len(position) + 1 for v in data[raw]
    ]
    ranked = data.assign(_enum=rank).sort_values(["_enum", raw], kind="stable", na_position="last")
    return list(dict.fromkeys(ranked[plot].tolist()))


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


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
    in their column's `enum` order (else their own), re-sorted by value when `sort` says
    asc/desc (ties keep that order), cut to the first `limit`, series capped."""
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
        series_order = _ordered(data, SERIES, "_s", series.enum)
        series_total = len(series_order)
        if max_series is not None and series_total > max_series:
            totals = data.groupby(SERIES, sort=False)[VALUE].sum(min_count=1)
            biggest = set(
                totals.sort_values(ascending=False, na_position="last").index[:max_series]
            )
            series_order = [s for s in series_order if s in biggest]
            data = data[data[SERIES].isin(series_order)]

    order = _ordered(data, X, "_x", x.enum)
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
