"""A breakdown's key as a chart axis: its kind, title, texts and plotted values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from datacites_proto.blueprint.breakdown import parse_breakdown
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import MISSING, Formatter
from datacites_proto.views.charts.constants import TEMPORAL_GRAINS
from datacites_proto.views.charts.formats import lower_first


@dataclass(frozen=True)
class Key:
    """One breakdown of a chart: its result column, how it is drawn, how it is named."""

    name: str  # the breakdown as written: the result's column
    title: str  # axis, legend and table header
    grain: str | None
    kind: str  # "temporal", "ordinal" (weekday, hour of day, numbers) or "nominal"
    phrase: str  # "par jour", "par lieu": for titles and sentences
    # The column's declared values, in the order the blueprint lists them: categories are
    # drawn in this order (« avant 1948 » before « après 2021 »), not alphabetically.
    enum: tuple[Any, ...] = ()


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


def make_key(
    text: str, values: pd.Series, title: str, lang: str, enum: Sequence[Any] | None = None
) -> Key:
    """The Key of breakdown `text` (`day(start_datetime)`, `sites.site_name`); `enum`: the
    column's declared values, whose order the categories follow (unused under a grain)."""
    grain = parse_breakdown(text).grain
    if grain:
        phrase = translate(f"chart_by_{grain}", lang)
    else:
        phrase = translate("chart_by_column", lang, column=lower_first(title))
    order = tuple(enum or ()) if grain is None else ()
    return Key(text, title, grain, key_kind(values, grain), phrase, order)


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
