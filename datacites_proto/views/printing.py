"""The printed side of views: HTML fragments of the council report (`datacites report`,
the app's « Télécharger en PDF »), built from the very figures, specs and tables the
screen shows. No Streamlit, no script, no network: charts become SVG through vl-convert
(Vega embedded), tables plain HTML whose header repeats on every printed page."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from datacites_proto.views.charts.chart import Chart
    from datacites_proto.views.context import RenderContext
    from datacites_proto.views.kpi import KpiCard

CHART_WIDTH = 600  # px of a chart's plot: an A4 page's width between 2 cm margins
CHART_HEIGHT = 240
CHART_ROWS_PRINTED = 40  # a chart's figures printed as a table up to this many rows


def esc(text: Any) -> str:
    """Text of the data or the blueprint, never read as markup (between tags only: an
    attribute's value is written by this package, never by the data)."""
    return html.escape(str(text), quote=False)


def section(
    title: str | None, body: str, description: str | None = None, *, kind: str = "view"
) -> str:
    """A view's block: its title, its description, its body (which stays on one page when
    it fits)."""
    head = f"<h2>{esc(title)}</h2>" if title else ""
    if description:
        head += f'<p class="description">{esc(description)}</p>'
    return f'<section class="{html.escape(kind)}">{head}{body}</section>'


def paragraphs(texts: Iterable[str], cls: str = "note") -> str:
    return "".join(f'<p class="{cls}">{esc(t)}</p>' for t in texts if t)


def not_printable(ctx: RenderContext, view: Any) -> str:
    """What a view without a printed form leaves in the report: its title and a sentence."""
    title = getattr(view, "title", None)
    return section(title, paragraphs([ctx.t("report_view_not_printable", type=view.type)]))


def table(frame: pd.DataFrame, caption: str | None = None) -> str:
    """Formatted values as an HTML table (its header repeats on each page it spans)."""
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return "—"
    if isinstance(value, float) and value != value:
        return "—"
    return str(value)


_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


def svg_inline(svg: str) -> str:
    """An SVG to put inside HTML: namespaces declared by HTML itself (no URL left in it)."""
    return _XMLNS.sub("", svg)


def _records(data: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows for Vega: timestamps as naive ISO text (read as local time, like Streamlit's),
    missing values as null."""
    out = data.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%dT%H:%M:%S")
    out = out.astype(object).where(out.notna(), None)
    return [
        {str(k): (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
        for row in out.to_dict(orient="records")
    ]


def vega_svg(spec: dict[str, Any], data: pd.DataFrame) -> str:
    """A Vega-Lite spec and its rows drawn as SVG, without a browser or a network."""
    import vl_convert

    from datacites_proto.views.charts.vega import DATA_NAME

    sized = {**spec, "datasets": {DATA_NAME: _records(data)}, "width": CHART_WIDTH}
    sized.pop("usermeta", None)
    channel = spec.get("encoding", {}).get("y", {})
    if channel.get("type") not in ("nominal", "ordinal"):
        sized["height"] = CHART_HEIGHT  # categories down the side: a row each, Vega's step
    sized.pop("$schema", None)
    svg = vl_convert.vegalite_to_svg(sized, allowed_base_urls=[])
    return svg_inline(svg)


def chart_section(ctx: RenderContext, chart: Chart) -> str:
    """A chart view printed: title, the chart in vectors, its captions, its text
    alternative and its data table."""
    if chart.spec is None or chart.data is None:
        return section(chart.title, paragraphs([ctx.t("app_no_data")]), chart.description)
    body = f'<figure class="chart">{vega_svg(chart.spec, chart.data)}</figure>'
    body += paragraphs(chart.notes)
    if chart.alt:
        body += paragraphs([ctx.t("report_text_alternative", text=chart.alt)], "alt")
    if chart.table is not None and len(chart.table) <= CHART_ROWS_PRINTED:
        body += table(chart.table, ctx.t("report_chart_data"))
    elif chart.table is not None:  # a year of days: the description and the screen say it
        body += paragraphs([ctx.t("report_chart_data_online", count=len(chart.table))])
    return section(chart.title, body, chart.description, kind="view chart")


def kpi_card(ctx: RenderContext, card: KpiCard) -> str:
    """A KPI printed: its title, value, change, band, comparison, target and notes."""
    value = f'<p class="kpi-value">{esc(card.shown)}'
    if card.delta:
        value += f' <span class="kpi-delta">{esc(card.delta)}</span>'
    value += "</p>"
    notes = list(card.notes)
    if card.band is not None:
        notes.append(ctx.t("report_band", band=card.band[0]))
    body = value + paragraphs([*notes, *card.protection])
    if card.help:
        body += paragraphs([card.help], "description")
    return f'<section class="kpi"><h3>{esc(card.title)}</h3>{body}</section>'


def markdown(text: str) -> str:
    """The team's Markdown as HTML: raw HTML shown as text, links as their words only (a
    printed page cannot follow them, and the file calls no address)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).disable("image")
    rules = md.renderer.rules
    rules["link_open"] = lambda *args, **kwargs: ""
    rules["link_close"] = lambda *args, **kwargs: ""
    rendered: str = md.render(text)
    return rendered


def list_items(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"
