"""« Télécharger en PDF » on each public page: the council report of the page for the
current filters, made only when the visitor clicks (Streamlit runs the callable then, in
its own thread) and kept for the next visitor who asks for the same page, filters and data.

The document is the public's whatever the visitor: it reads the data as the public pages
do (small groups hidden, nothing restricted), as `datacites report` does."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections import OrderedDict
from typing import Any

import streamlit as st

from datacites_proto.app.context import RenderContext
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.engine.service import Service
from datacites_proto.i18n import translate
from datacites_proto.report.document import PageRequest, report_html

log = logging.getLogger("datacites_proto.app")

KEPT = 16  # documents kept in memory (a few hundred kilobytes each)
_kept: OrderedDict[tuple[str, ...], bytes] = OrderedDict()
_lock = threading.Lock()


def page_pdf(
    blueprint: Blueprint,
    service: Service,
    key: tuple[str, ...],
    page_index: int,
    filters: dict[str, Any],
    lang: str,
) -> bytes:
    """The page's report as PDF, made once per (service, data, page, filters, language)."""
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    from datacites_proto.report.pdf import pdf_bytes

    document = report_html(
        blueprint,
        service,
        [PageRequest(page_index, filters)],
        lang=lang,
        as_of=dt.datetime.now().replace(second=0, microsecond=0),
    )
    data = pdf_bytes(document)
    with _lock:
        _kept[key] = data
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return data


def failure_pdf(blueprint: Blueprint, page_title: str, lang: str) -> bytes:
    """A one-page PDF saying, in the service's language, that the document failed."""
    from html import escape

    from datacites_proto.report.pdf import pdf_bytes

    title = escape(translate("report_failed_title", lang))
    contact = blueprint.service.contact
    text = escape(
        translate("report_failed_text", lang, page=page_title, contact=contact)
        if contact
        else translate("report_failed_text_no_contact", lang, page=page_title)
    )
    return pdf_bytes(
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}'
        f"</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"
    )


def report_button(ctx: RenderContext) -> None:
    """The download button of a public page (team pages have none)."""
    if ctx.page.access != "public":
        return
    filters = dict(ctx.filters)
    key = (
        ctx.service_key,
        ctx.data_stamp,
        str(ctx.page_index),
        json.dumps(filters, sort_keys=True, default=str),
        ctx.lang,
    )
    blueprint, service, index, lang = ctx.blueprint, ctx.service, ctx.page_index, ctx.lang
    page_title = ctx.page.title

    def make() -> bytes:
        try:
            return page_pdf(blueprint, service, key, index, filters, lang)
        except Exception:  # Streamlit would only say, in English, that the file failed
            log.exception("the PDF of page %s could not be made", index)
            return failure_pdf(blueprint, page_title, lang)

    st.download_button(
        translate("report_download", lang),
        data=make,
        file_name=f"{ctx.page.url_slug or 'page'}.pdf",
        mime="application/pdf",
        key=ctx.key(0, "report-pdf"),
        help=translate("report_prepare_help", lang),
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )
