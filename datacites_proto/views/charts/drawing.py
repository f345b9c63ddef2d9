"""The Streamlit side: a chart, its heading, its data table and a breakdown view."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from datacites_proto.blueprint.breakdown import parse_breakdown
from datacites_proto.views.charts.axes import Key, make_key
from datacites_proto.views.charts.chart import Chart
from datacites_proto.views.charts.constants import ADDITIVE
from datacites_proto.views.charts.figures import breakdown_figure
from datacites_proto.views.charts.formats import value_format, value_title
from datacites_proto.views.charts.kept import kept
from datacites_proto.views.charts.notes import (
    figure_table,
    hidden_cells,
    hidden_note,
    protection_notes,
)
from datacites_proto.views.charts.text_alternative import breakdown_alt, chart_title, limited_text
from datacites_proto.views.charts.vega import DATA_NAME, breakdown_spec

if TYPE_CHECKING:
    from datacites_proto.engine.service import IndicatorResult
    from datacites_proto.views.context import RenderContext


def draw_chart(spec: dict[str, Any], data: pd.DataFrame, *, key: str, alt: str) -> None:
    """A chart spec and its rows (sent as Arrow) on the page, as wide as the column."""
    import streamlit as st

    st.vega_lite_chart(
        spec={**spec, "datasets": {DATA_NAME: data}}, width="stretch", key=key, alt=alt
    )


def show_heading(title: str, description: str | None) -> None:
    import streamlit as st

    st.header(title)
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


def indicator_column_enum(ctx: RenderContext, indicator: str, text: str) -> tuple[Any, ...]:
    """The values a breakdown's column declares (`enum`), in their order; () if none."""
    parsed = parse_breakdown(text)
    if parsed.grain:
        return ()
    owner, _, column = parsed.column.rpartition(".")
    spec = ctx.blueprint.indicators[indicator]
    if owner:
        datasets = [owner]
    else:
        datasets = (
            [spec.dataset] if spec.dataset else sorted(ctx.blueprint.leaf_datasets(indicator))
        )
    for name in datasets:
        dataset = ctx.blueprint.datasets.get(name)
        declared = dataset.columns.get(column) if dataset else None
        if declared is not None and declared.enum:
            return tuple(declared.enum)
    return ()


def breakdown_key(ctx: RenderContext, indicator: str, text: str, values: pd.Series) -> Key:
    """The chart key of breakdown `text` of `indicator`: its label and declared order."""
    return make_key(
        text,
        values,
        indicator_column_label(ctx, indicator, text),
        ctx.lang,
        enum=indicator_column_enum(ctx, indicator, text),
    )


def kept_chart(
    view: Any, ctx: RenderContext, result: IndicatorResult, lay_out: Callable[[], Chart]
) -> Chart:
    """The chart `lay_out` makes of `result`, kept while the figures stay the same (kept.py).

    The figures' key says the service, data version, filters and audience; the view's
    settings and the language complete it: nothing else goes into a chart."""
    if not result.key:  # figures of unknown origin (the report's): laid out each time
        return lay_out()
    key = ("chart", result.key, type(view).__qualname__, view.model_dump_json(), ctx.lang)
    return kept(key, lay_out)


def breakdown_chart(view: Any, ctx: RenderContext, mark: str) -> Chart:
    """A line, area or bar view's chart: what the screen draws and the report prints."""
    by = [view.by] + ([view.series] if view.series else [])
    result = ctx.result(view.indicator, by=by)
    return kept_chart(view, ctx, result, lambda: _breakdown_chart(view, ctx, mark, result))


def _breakdown_chart(view: Any, ctx: RenderContext, mark: str, result: IndicatorResult) -> Chart:
    spec = ctx.blueprint.indicators[view.indicator]
    frame = result.frame
    x = breakdown_key(ctx, view.indicator, view.by, frame[view.by])
    series = (
        breakdown_key(ctx, view.indicator, view.series, frame[view.series]) if view.series else None
    )
    phrases = [x.phrase] + ([series.phrase] if series else [])
    title = view.title or chart_title(spec.label, [", ".join(phrases)], ctx.lang)
    if frame.empty:
        return Chart(title, view.description)
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
        # None (not written): bars lie down when their names need it (phones).
        horizontal=getattr(view, "horizontal", None),
        additive=measure is not None and measure.func in ADDITIVE,
    )
    alt_text = view.description or breakdown_alt(
        fig, mark, spec.label, ", ".join(phrases), ctx.lang
    )
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
    return Chart(title, view.description, chart, fig.data, alt_text, notes, figure_table(fig))


def show_chart(ctx: RenderContext, index: int, chart: Chart) -> None:
    """A chart on the page: heading, the chart or « no data », captions, the data table."""
    import streamlit as st

    show_heading(chart.title, chart.description)
    if chart.spec is None or chart.data is None:
        st.info(ctx.t("app_no_data"))
        return
    draw_chart(chart.spec, chart.data, key=ctx.key(index, "chart"), alt=chart.alt)
    for text in chart.notes:
        st.caption(text)
    if chart.table is not None:
        show_data_table(ctx, index, chart.table, chart.title)


def draw_breakdown(view: Any, ctx: RenderContext, index: int, mark: str) -> None:
    """Render a line, area or bar view."""
    show_chart(ctx, index, breakdown_chart(view, ctx, mark))
