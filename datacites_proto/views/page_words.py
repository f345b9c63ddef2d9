"""A page told in words, for the screen's header and footer and the printed report alike:
the active filters (`Du 5 août au 2 nov. 2026 · Lieu : tous`) and the data's sources."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from datacites_proto.blueprint.filters import DateRangeFilter, RangeFilter, ToggleFilter
from datacites_proto.blueprint.relations import reachable
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import LOCALES, Formatter

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.blueprint.pages import Page
    from datacites_proto.views.context import RenderContext

NBSP = "\u00a0"
MOST_NAMED = 3  # values of a filter named in the summary; beyond, « et 4 autres »


def page_datasets(blueprint: Blueprint, page: Page) -> set[str]:
    """The datasets a page's views use (directly or through their indicators)."""
    found: set[str] = set()
    for placed in page.all_views():
        for ref in placed.view.references():
            if ref.kind == "dataset":
                found.add(ref.name)
            elif ref.kind == "indicator" or ref.or_indicator:
                found |= blueprint.leaf_datasets(ref.name)
    return found


def page_filter_ids(blueprint: Blueprint, page: Page) -> list[str]:
    """The filters a page shows: those it lists, or those that apply to its data."""
    if page.filters is not None:
        return list(page.filters)
    used = page_datasets(blueprint, page)
    related = set().union(*(reachable(blueprint.relations, d) for d in used)) if used else set()
    return [f_id for f_id, spec in blueprint.filters.items() if spec.dataset in related]


def filter_label(f_id: str, spec: Any, blueprint: Blueprint) -> str:
    """The name a filter is shown with: its label, else its column's."""
    if spec.label:
        return str(spec.label)
    column = blueprint.datasets[spec.dataset].columns.get(spec.column_name)
    return column.label if column and column.label else spec.column_name


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
    low, high = (_as_date(v) for v in ctx.bounds(spec.dataset, spec.column_name))
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


def filter_phrases(ctx: RenderContext) -> list[str]:
    """The page's active filters, one phrase each, periods first."""
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
    return [*periods, *others]


def filter_summary(ctx: RenderContext) -> str:
    """The page's active filters in one line, periods first: `Du 5 août au 2 nov. 2026 · Lieu : tous`."""
    return " · ".join(filter_phrases(ctx))


def source_lines(blueprint: Blueprint, lang: str, audience: str = "public") -> list[str]:
    """Each dataset's title, producer, licence and last update (Licence Ouverte asks for it).

    A restricted dataset is named to the team only: its very title says what the service
    holds and the public may not see.
    """
    fmt = Formatter(lang)
    lines = []
    for ds_id, dataset in blueprint.datasets.items():
        gov = dataset.governance
        if gov.access == "restricted" and audience != "team":
            continue
        parts = [dataset.title or ds_id]
        if gov.producer:
            parts.append(gov.producer)
        parts.append(translate(f"licence_{gov.licence.replace('-', '_').replace('.', '_')}", lang))
        if gov.updated:
            parts.append(translate("app_updated", lang, date=fmt.date(gov.updated)))
        lines.append(" · ".join(parts))
    return lines
