"""Friendly panels: problems with the blueprint or the data, and the data's attribution.

What a public page may give away is decided here: visitors of a built service (Streamlit's
`client.showErrorDetails = "none"`, written by `datacites build`) read one sentence and the
details go to the server's log; the team, `datacites run` and tests see the located
problems, with paths relative to the service's folder (never the server's own paths).
Restricted datasets are named only to the team.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import streamlit as st

from datacites_proto.blueprint.model import Blueprint
from datacites_proto.errors import Problem
from datacites_proto.i18n import translate
from datacites_proto.views.page_words import source_lines

log = logging.getLogger("datacites_proto.app")
DETAILED = (True, "full", "stacktrace")  # showErrorDetails values that show a developer more


def details_shown(audience: str | None) -> bool:
    """May this page show located problems? The team always; others only on a server that
    shows error details (`datacites run`, tests), never on a built service."""
    return audience == "team" or st.get_option("client.showErrorDetails") in DETAILED


def shown_path(file: str | None, base: Path | None) -> str | None:
    """A problem's file relative to the service's folder; only its name when elsewhere."""
    if not file or base is None:
        return file
    path = Path(file)
    if not path.is_absolute():
        return file
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            return path.name


def problems_panel(
    problems: list[Problem],
    lang: str,
    *,
    title_code: str = "app_broken_title",
    base: Path | None = None,
    audience: str | None = None,
) -> None:
    """The located messages `datacites validate` prints, in a panel: never a traceback.

    `base`: the service's folder, that paths are shown relative to; `audience`: "team"
    sees the details even on a built service.
    """
    if not details_shown(audience):
        for problem in problems:
            log.warning("%s", problem.format("en"))
        st.error(translate("app_problem_public", lang), icon=":material/build:")
        return
    problems = [replace(p, file=shown_path(p.file, base)) for p in problems]
    st.error(translate(title_code, lang), icon=":material/build:")
    lines = [f"- `{p.where()}` — {p.message(lang)}" for p in problems]
    st.markdown("\n".join(lines))
    with st.expander(translate("app_broken_help_title", lang)):
        st.markdown(translate("app_broken_help", lang))
        for problem in problems:
            if problem.snippet:
                st.code(problem.snippet, language="yaml")


def attribution(blueprint: Blueprint, lang: str, audience: str = "public") -> None:
    """The footer naming each dataset's producer, licence and last update (Licence Ouverte).

    A restricted dataset is named to the team only: its very title says what the
    service holds and the public may not see.
    """
    lines = source_lines(blueprint, lang, audience)
    st.divider()
    st.caption(translate("app_sources", lang) + "\n\n" + "\n\n".join(lines))
    if blueprint.service.contact:
        st.caption(translate("app_contact", lang, contact=blueprint.service.contact))
