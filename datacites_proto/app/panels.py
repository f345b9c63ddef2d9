"""Friendly panels: problems with the blueprint or the data, and the data's attribution."""

from __future__ import annotations

import streamlit as st

from datacites_proto.blueprint.model import Blueprint
from datacites_proto.errors import Problem
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter


def problems_panel(
    problems: list[Problem], lang: str, *, title_code: str = "app_broken_title"
) -> None:
    """The located messages `datacites validate` prints, in a panel: never a traceback."""
    st.error(translate(title_code, lang), icon="🛠️")
    lines = [f"- `{p.where()}` — {p.message(lang)}" for p in problems]
    st.markdown("\n".join(lines))
    with st.expander(translate("app_broken_help_title", lang)):
        st.markdown(translate("app_broken_help", lang))
        for problem in problems:
            if problem.snippet:
                st.code(problem.snippet, language="yaml")


def attribution(blueprint: Blueprint, lang: str) -> None:
    """The footer naming each dataset's producer, licence and last update (Licence Ouverte)."""
    fmt = Formatter(lang)
    lines = []
    for ds_id, dataset in blueprint.datasets.items():
        gov = dataset.governance
        title = dataset.title or ds_id
        parts = [title]
        if gov.producer:
            parts.append(gov.producer)
        parts.append(translate(f"licence_{gov.licence.replace('-', '_').replace('.', '_')}", lang))
        if gov.updated:
            parts.append(translate("app_updated", lang, date=fmt.date(gov.updated)))
        lines.append(" · ".join(parts))
    st.divider()
    st.caption(translate("app_sources", lang) + "\n\n" + "\n\n".join(lines))
    if blueprint.service.contact:
        st.caption(translate("app_contact", lang, contact=blueprint.service.contact))
