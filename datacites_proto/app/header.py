"""The page header in the main area: the service, the page's title, the active filters in words.

On a phone the sidebar is folded away: the header is what tells a visitor where they are
and which period the figures cover (the current one, not only the one compared with).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
from babel.dates import format_date

from datacites_proto.app import caching
from datacites_proto.app.context import RenderContext
from datacites_proto.app.page_filters import filter_label
from datacites_proto.blueprint.filters import DateRangeFilter, RangeFilter, ToggleFilter
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import LOCALES, Formatter

HEADER_KEY = "page-header"  # its container's key: `.st-key-page-header` in the browser
NBSP = "\u00a0"
MOST_NAMED = 3  # values of a filter named in the summary; beyond, « et 4 autres »


def day_text(day: dt.date, lang: str, *, year: bool = True) -> str:
    """`1er nov. 2026`, `5 août` (fr); `1 Nov 2026`, `5 Aug` (en); never cut across lines."""
    locale = LOCALES.get(lang, LOCALES["fr"])
    text = format_date(day, "d MMM y" if year else "d MMM", locale=locale)
    if lang == "fr" and day.day == 1:
        text = "1er" + text[1:]  # French writes the first of the month as an ordinal
    return text.replace(" ", NBSP)


def period_text(start: dt.date, end: dt.date, lang: str, code: str = "header_period") -> str:
    """`Du 5 août au 2 nov. 2026`, the start's year said only when it differs from the end's."""
    if start == end and code == "header_period":
        return translate("header_period_day", lang, day=day_text(end, lang))
    first = day_text(start, lang, year=start.year != end.year)
    return translate(code, lang, start=first, end=day_text(end, lang))


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if hasattr(value, "date") and not isinstance(value, dt.date):  # pandas Timestamp
        day: dt.date = value.date()
        return day
    return value if isinstance(value, dt.date) else None


def _period_phrase(ctx: RenderContext, f_id: str, spec: DateRangeFilter, value: Any) -> str:
    try:
        period = ctx.service.period(f_id, value) if value is not None else None
    except QueryError:
        period = None
    if period is not None:
        return period_text(period.start, period.end, ctx.lang)
    low, high = (
        _as_date(v)
        for v in caching.bounds(
            ctx.service,
            ctx.service_key,
            ctx.data_stamp,
            spec.dataset,
            spec.column_name,
            audience=ctx.audience,
        )
    )
    if low is None or high is None:
        return ctx.t("header_period_no_data")
    return period_text(low, high, ctx.lang, "header_period_all")


def _values_phrase(ctx: RenderContext, spec: Any, value: Any) -> str:
    fmt: Formatter = ctx.fmt
    if isinstance(spec, ToggleFilter):
        return ctx.t("header_on" if value else "header_off")
    if value is None or value == []:
        return ctx.t("header_all")
    if isinstance(spec, RangeFilter):
        low, high = value
        return ctx.t("header_between", low=fmt.number(low), high=fmt.number(high))
    names = [str(v) for v in value]
    if len(names) > MOST_NAMED:  # one line on a phone: the first few, then how many more
        shown = ", ".join(names[: MOST_NAMED - 1])
        return ctx.t("header_more", values=shown, count=len(names) - MOST_NAMED + 1)
    return ", ".join(names)


def filter_summary(ctx: RenderContext) -> str:
    """The page's active filters in one line, periods first: `Du 5 août au 2 nov. 2026 · Lieu : tous`."""
    periods: list[str] = []
    others: list[str] = []
    for f_id, value in ctx.filters.items():
        spec = ctx.blueprint.filters.get(f_id)
        if spec is None:
            continue
        if isinstance(spec, DateRangeFilter):
            periods.append(_period_phrase(ctx, f_id, spec, value))
            continue
        label = filter_label(f_id, spec, ctx.blueprint)
        others.append(ctx.t("header_filter", label=label, values=_values_phrase(ctx, spec, value)))
    return " · ".join([*periods, *others])


def page_header(ctx: RenderContext) -> None:
    """The service's name, the page's title (the page's one h1) and its filters in words."""
    with st.container(key=HEADER_KEY):
        st.caption(ctx.blueprint.service.title)
        st.title(ctx.page.title, anchor=False)
        summary = filter_summary(ctx)
        if summary:
            # Plain text: an icon's ligature name (`filter_alt`) would be read out by screen
            # readers and copied with the text.
            st.markdown(_escaped(summary))


def _escaped(text: str) -> str:
    """Filter values are the data's: Markdown in them is shown as written, not interpreted."""
    for char in "\\`*_[]<>#|~$":
        text = text.replace(char, "\\" + char)
    return text
