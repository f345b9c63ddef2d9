"""A service's pages as one printable HTML document: header, filters in words, each view's
printed form (`View.document`), sources, licences and dates, the date of the export.

The HTML is self-contained (inline CSS and SVG, no script, no address) and is what
WeasyPrint lays out on A4 pages (`report/pdf.py`)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from datacites_proto.engine.errors import DataError
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.errors import DataCitesError
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.report.context import ReportContext
from datacites_proto.report.typography import french_html
from datacites_proto.views import printing
from datacites_proto.views.page_words import filter_phrases, source_lines

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.engine.governance import Audience
    from datacites_proto.engine.service import Service

log = logging.getLogger("datacites_proto.report")


@dataclass
class PageRequest:
    """A page to print and the values of its filters (as the app's filter panel gives
    them)."""

    index: int
    filters: dict[str, Any]


def css(blueprint: Blueprint, lang: str) -> str:
    """A4 pages with 2 cm margins, the service's name and « Page 2 sur 5 » at the foot."""
    service = _css_string(blueprint.service.title)
    number = translate("report_page_number", lang, page="\x00", pages="\x01")
    before, _, rest = number.partition("\x00")
    middle, _, after = rest.partition("\x01")
    counter = f'"{_css_text(before)}" counter(page) "{_css_text(middle)}" counter(pages)'
    counter += f' "{_css_text(after)}"'
    return (
        "@page { size: A4; margin: 20mm 18mm 22mm 18mm;"
        f" @bottom-left {{ content: {service}; font-size: 8pt; color: #555; }}"
        f" @bottom-right {{ content: {counter}; font-size: 8pt; color: #555; }} }}" + STYLE
    )


def _css_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _css_string(text: str) -> str:
    return f'"{_css_text(text)}"'


STYLE = """
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt;
  color: #1f1f1f; line-height: 1.4; }
body { margin: 0; hyphens: auto; }
article.page + article.page { break-before: page; }
header.report-head { border-bottom: 2px solid #0072b2; margin-bottom: 8mm; }
.service { color: #555; font-size: 9pt; margin: 0; }
h1, h2, h3 { hyphens: manual; }
h1 { font-size: 18pt; margin: 2mm 0; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 2mm 0 1mm; break-after: avoid; }
.filters { font-weight: bold; margin: 1mm 0 3mm; }
section.view { margin-bottom: 6mm; }
section.kpi, .card, figure, .legends, p.description { break-inside: avoid; }
figure { break-before: avoid; }
.kpis { display: flex; flex-wrap: wrap; gap: 4mm; margin-bottom: 4mm; }
section.kpi { border: 1px solid #ccc; border-radius: 2mm; padding: 2mm 3mm; width: 52mm; }
.kpi-value { font-size: 14pt; font-weight: bold; margin: 0; hyphens: manual; }
.kpi-delta { font-size: 10pt; font-weight: normal; }
p.note, p.description { color: #444; font-size: 8.5pt; margin: 1mm 0; }
p.alt { font-size: 8.5pt; font-style: italic; color: #444; margin: 1mm 0; }
figure { margin: 2mm 0; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 2mm 0; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 1px solid #ddd; padding: 1mm 1.5mm; text-align: left;
  vertical-align: top; }
th { background: #f0f0f0; }
.legends { display: flex; flex-wrap: wrap; gap: 6mm; font-size: 8.5pt; }
.legend ul { list-style: none; padding: 0; margin: 0; }
.legend-title { font-weight: bold; margin: 0 0 1mm; }
.swatch { display: inline-block; width: 3mm; height: 3mm; margin-right: 1.5mm;
  border: 1px solid #999; }
footer.sources { break-before: avoid; border-top: 1px solid #ccc; margin-top: 8mm;
  font-size: 8.5pt; }
footer.sources ul { padding-left: 4mm; }
.card { border: 1px solid #ddd; padding: 2mm 3mm; margin-bottom: 3mm; }
"""


def view_fragment(ctx: ReportContext, view: Any, index: int) -> str:
    """A view's printed form; its errors become a sentence, as on screen."""
    try:
        fragment: str = view.document(ctx, index)
        return fragment
    except QueryError as exc:  # what may not be shown (small groups, restricted data…)
        return printing.section(
            getattr(view, "title", None), printing.paragraphs([exc.message(ctx.lang)])
        )
    except (DataError, DataCitesError):
        log.warning("view %s of page %s could not be printed", index, ctx.page.url_slug)
        return printing.section(
            getattr(view, "title", None), printing.paragraphs([ctx.t("app_view_failed")])
        )
    except Exception:  # a bug (a plugin's, ours): logged, and the rest of the report stands
        log.exception("view %s of page %s could not be printed", index, ctx.page.url_slug)
        return printing.section(
            getattr(view, "title", None), printing.paragraphs([ctx.t("app_view_failed")])
        )


def page_html(ctx: ReportContext) -> str:
    """One page: its header (service, title, filters in words), description and views."""
    page = ctx.page
    head = (
        f'<header class="report-head"><p class="service">'
        f"{printing.esc(ctx.blueprint.service.title)}</p>"
        f"<h1>{printing.esc(page.title)}</h1>"
    )
    phrases = filter_phrases(ctx)
    if phrases:
        head += f'<p class="filters">{printing.esc(" · ".join(phrases))}</p>'
    head += "</header>"
    body = printing.markdown(page.description) if page.description else ""
    for row in page.layout():
        fragments = [view_fragment(ctx, placed.view, placed.index) for placed in row]
        if len(row) > 1 and all(getattr(p.view, "groups_in_rows", False) for p in row):
            body += f'<div class="kpis">{"".join(fragments)}</div>'
        else:
            body += "".join(fragments)
    return f'<article class="page">{head}{body}</article>'


def sources_html(blueprint: Blueprint, lang: str, audience: str, as_of: dt.datetime) -> str:
    """The data's sources, licences and update dates, the contact and the export date."""
    fmt = Formatter(lang)
    out = f"<h2>{printing.esc(translate('app_sources', lang))}</h2>"
    out += printing.list_items(source_lines(blueprint, lang, audience))
    if blueprint.service.contact:
        out += printing.paragraphs(
            [translate("app_contact", lang, contact=blueprint.service.contact)]
        )
    out += printing.paragraphs(
        [
            translate(
                "report_exported",
                lang,
                date=fmt.date(as_of.date(), "long"),
                time=as_of.strftime("%H:%M"),
            ),
            translate("report_audience_" + ("team" if audience == "team" else "public"), lang),
        ]
    )
    return f'<footer class="sources">{out}</footer>'


def report_html(
    blueprint: Blueprint,
    service: Service,
    pages: Sequence[PageRequest],
    *,
    lang: str,
    as_of: dt.datetime,
    audience: Audience = "public",
) -> str:
    """The whole document: each page asked for, then the sources; one HTML file."""
    articles = []
    for request in pages:
        ctx = ReportContext(
            blueprint,
            service,
            lang,
            dict(request.filters),
            blueprint.pages[request.index],
            request.index,
            audience=audience,
        )
        articles.append(page_html(ctx))
    title = blueprint.service.title
    if len(pages) == 1:
        title = f"{blueprint.pages[pages[0].index].title} — {title}"
    document = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{printing.esc(title)}</title>"
        f'<meta name="generator" content="DataCités Proto">'
        f"<style>{css(blueprint, lang)}</style></head><body>"
        + "".join(articles)
        + sources_html(blueprint, lang, audience, as_of)
        + "</body></html>\n"
    )
    return french_html(document) if lang == "fr" else document
