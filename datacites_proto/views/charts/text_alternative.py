"""Chart titles and the text alternatives that describe a chart in sentences."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.charts.constants import HIDDEN, SERIES_TEXT, VALUE, VALUE_TEXT, X_TEXT
from datacites_proto.views.charts.figures import Figure
from datacites_proto.views.charts.formats import clause_separator, lower_first, of_phrase


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


def cell_name(row: pd.Series, fig: Figure) -> str:
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
        parts.append(
            translate("chart_alt_max", lang, value=top[VALUE_TEXT], at=cell_name(top, fig))
        )
        if len(visible) > 1:
            low = visible.loc[visible[VALUE].idxmin()]
            parts.append(
                translate("chart_alt_min", lang, value=low[VALUE_TEXT], at=cell_name(low, fig))
            )
    if fig.series is not None and kind != "heatmap":
        names = list(dict.fromkeys(fig.data[SERIES_TEXT]))
        parts.append(translate("chart_alt_series", lang, count=len(names), names=", ".join(names)))
    if fig.limited:
        parts.append(limited_text(len(fig.order), fig.total, lang))
    hidden = int(fig.data[HIDDEN].sum())
    if hidden:
        parts.append(translate("chart_alt_hidden", lang, count=hidden))
    return (
        head + (clause_separator(lang) + clause_separator(lang).join(parts) if parts else "") + "."
    )


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
    return (
        text + (clause_separator(lang) + clause_separator(lang).join(parts) if parts else "") + "."
    )


def limited_text(shown: int, total: int, lang: str) -> str:
    """`10 premiers sur 37`."""
    return translate("chart_limited", lang, shown=shown, total=total)
