"""Which pages a report prints and with which filters, then the document itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from datacites_proto.report.document import PageRequest, report_html
from datacites_proto.report.filters import (
    ReportError,
    default_value,
    parse_value,
    printed_filter_ids,
)

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.engine.service import Service

FORMATS = (".pdf", ".html")


def public_pages(blueprint: Blueprint) -> list[int]:
    return [i for i, p in enumerate(blueprint.pages) if p.access == "public"]


def requests(
    blueprint: Blueprint,
    service: Service,
    slug: str | None,
    filters: Sequence[str],
    lang: str,
) -> list[PageRequest]:
    """The pages to print (one, or every public page) with their filters: each filter's
    default, replaced by `--filter id=value` where given. ReportError when the page or a
    filter is not one the public may ask for."""
    pages = public_pages(blueprint)
    if slug is not None:
        found = [i for i, p in enumerate(blueprint.pages) if p.url_slug == slug]
        if not found:
            names = ", ".join(blueprint.pages[i].url_slug for i in pages)
            raise ReportError("report_unknown_page", slug=slug, pages=names)
        if blueprint.pages[found[0]].access != "public":
            raise ReportError("report_team_page", slug=slug)
        pages = found
    if not pages:
        raise ReportError("report_no_public_page")
    asked: dict[str, str] = {}
    for text in filters:
        f_id, sep, value = text.partition("=")
        if not sep or not f_id.strip():
            raise ReportError("report_bad_filter", text=text)
        asked[f_id.strip()] = value
    shown = {i: printed_filter_ids(blueprint, blueprint.pages[i]) for i in pages}
    known = sorted(set().union(*shown.values()))
    for f_id in asked:
        if f_id not in known:
            raise ReportError("report_unknown_filter", id=f_id, known=", ".join(known) or "—")
    parsed = {
        f_id: parse_value(service, f_id, blueprint.filters[f_id], text, lang)
        for f_id, text in asked.items()
    }
    out = []
    for i in pages:
        values = {}
        for f_id in shown[i]:
            if f_id in parsed:
                values[f_id] = parsed[f_id]
            else:
                values[f_id] = default_value(service, blueprint.filters[f_id])
        out.append(PageRequest(i, values))
    return out


def render(
    blueprint: Blueprint,
    service: Service,
    pages: Sequence[PageRequest],
    *,
    lang: str,
    as_of: dt.datetime,
    fmt: str,
) -> bytes:
    """The report as PDF bytes (`fmt` ".pdf") or as one HTML file (".html")."""
    document = report_html(blueprint, service, pages, lang=lang, as_of=as_of)
    if fmt == ".html":
        return document.encode("utf-8")
    from datacites_proto.report.pdf import pdf_bytes

    return pdf_bytes(document)
