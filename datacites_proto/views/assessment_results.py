"""`assessment_results` view: where a collectivité stands in its self-assessment (issue 16).

For the collectivité of `service.territory` and its latest submitted edition (or, on a team
page, the year's draft, labelled as such): a radar of theme levels against the target, the
gap per theme as sorted bars, the next steps of the weakest themes, the levels edition by
edition, and a comparison with similar collectivités that never names nor ranks anyone
(`engine/assessment/peers.py` decides what may be shown). Exports of the edition as CSV
(the exchange format) and JSON (with the answers, for the team).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from datacites_proto.blueprint.base import DataPath, field, tag
from datacites_proto.blueprint.clock import today
from datacites_proto.errors import BlueprintError
from datacites_proto.views import assessment_charts as charts
from datacites_proto.views.base import View

if TYPE_CHECKING:
    import pandas as pd

    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.blueprint.questionnaire import Questionnaire
    from datacites_proto.engine.assessment.peers import PeerEdition
    from datacites_proto.errors import Loc
    from datacites_proto.views.context import RenderContext

Answers = dict[str, tuple[int | None, str | None]]


@dataclass(frozen=True)
class Shown:
    """The edition the results show: its year, answers, whether a draft, when submitted."""

    year: int
    answers: Answers
    draft: bool
    submitted_at: Any = None


class AssessmentResultsView(View):
    """The results of the collectivité's self-assessment, compared with its target and peers."""

    doc_fr: ClassVar[str] = (
        "Les résultats de l'auto-évaluation de la collectivité, comparés à sa cible et à des "
        "collectivités semblables."
    )

    type: Literal["assessment_results"] = tag("assessment_results")
    questionnaire: str = field(
        fr=(
            "Le questionnaire : un nom livré (« maturite-numerique », « maturite-donnees ») "
            "ou le chemin d'un fichier du projet."
        ),
        en=(
            "The questionnaire: a shipped name ('maturite-numerique', 'maturite-donnees') or "
            "the path of a project file."
        ),
    )
    peers: bool = field(
        True,
        fr="Montrer la comparaison avec des collectivités de même statut et de même taille.",
        en="Show the comparison with collectivités of the same status and size.",
    )
    public: bool = field(
        False,
        fr=(
            "Permet de placer la vue sur une page publique : elle n'y montre que les niveaux "
            "par thème de la collectivité, jamais ses réponses ni ses justificatifs."
        ),
        en=(
            "Allows the view on a public page: there it shows only the collectivité's theme "
            "levels, never its answers nor its evidence."
        ),
    )
    peers_file: DataPath | None = field(
        None,
        fr=(
            "Un fichier de résultats d'autres collectivités (CSV ou JSON, au format de "
            "« datacites assessment import »), ajouté à ceux importés (ex. les données "
            "fictives d'exemple d'un modèle)."
        ),
        en=(
            "A file of other collectivités' results (CSV or JSON, in the format of "
            "'datacites assessment import'), added to the imported ones (e.g. a template's "
            "fictitious sample data)."
        ),
    )

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        from datacites_proto.blueprint.questionnaire_loader import load_questionnaire

        if len(loc) >= 2 and loc[0] == "pages" and not self.public:
            page = ctx.blueprint.pages[int(loc[1])]
            if page.access == "public":
                ctx.error(
                    "assessment_results_on_public_page", (*loc, "type"), params={"page": page.title}
                )
        try:
            load_questionnaire(self.questionnaire, ctx.base_dir, project_dir=ctx.project_dir)
        except BlueprintError as exc:
            first = exc.problems[0]
            lang = ctx.blueprint.service.lang
            ctx.error(
                "assessment_results_questionnaire_invalid",
                (*loc, "questionnaire"),
                params={
                    "questionnaire": self.questionnaire,
                    "detail": f"{first.where()}: {first.message(lang)}",
                },
            )
        self._check_peers_file(ctx)

    def _check_peers_file(self, ctx: CheckContext) -> None:
        """A peers file that is there must read whole: its problems at their lines (a path
        that leaves the project or a missing file is told by the paths check)."""
        from datacites_proto.blueprint.project_paths import project_files
        from datacites_proto.engine.assessment.export import PeersFileError, read_peers

        if not self.peers_file:
            return
        found = project_files(self.peers_file, ctx.base_dir, ctx.project_dir, allow_glob=False)
        if not found.ok or found.state != "file":
            return
        try:
            read_peers(found.files[0], self.peers_file)
        except PeersFileError as exc:
            ctx.problems.extend(exc.problems)

    # ------------------------------------------------------------------ render

    def document(self, ctx: RenderContext, index: int) -> str:
        """The results (levels only on a public page) are read online: the report says so."""
        from datacites_proto.views import printing

        return printing.not_printable(ctx, self)

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        from datacites_proto.blueprint.questionnaire_loader import load_questionnaire

        st.header(self.title or ctx.t("assessment_results_title"))
        if self.description:
            st.caption(self.description)
        team = ctx.audience == "team"
        if not team and not self.public:
            st.info(ctx.t("assessment_results_team_only"), icon=":material/lock:")
            return
        territory = ctx.blueprint.service.territory
        if territory is None or not territory.insee:
            st.info(ctx.t("assessment_results_no_territory"))
            return
        bp = ctx.blueprint
        try:
            q = load_questionnaire(
                self.questionnaire,
                Path(bp.base_dir),
                project_dir=Path(bp.project_dir),
                lang=ctx.lang,
            )
        except BlueprintError as exc:  # the file was broken after validation
            first = exc.problems[0]
            detail = f"{first.where()}: {first.message(ctx.lang)}"
            st.error(
                ctx.t(
                    "assessment_results_questionnaire_invalid",
                    questionnaire=self.questionnaire,
                    detail=detail,
                )
            )
            return
        store = ctx.feedback_store()
        editions = store.assessment_editions(q.id, territory.insee)
        shown = self._shown(store, q, territory.insee, editions, team)
        if shown is None:
            st.info(ctx.t("assessment_results_none", name=territory.name))
            if self.peers:  # the peers' means already say where similar collectivités stand
                rows = [charts.ThemeRow(t.id, t.title, None, t.target) for t in q.themes]
                self._peers(ctx, index, q, rows, today().year)
            return
        if shown.draft:
            # An info box, not a warning: a draft is the normal state of the year's work.
            st.info(ctx.t("assessment_results_draft", year=shown.year), icon=":material/edit_note:")
        else:
            st.caption(
                ctx.t(
                    "assessment_results_edition",
                    year=shown.year,
                    date=ctx.fmt.date(shown.submitted_at),
                )
            )
        from datacites_proto.engine.assessment.scoring import theme_levels
        from datacites_proto.views.charts import show_data_table

        levels = theme_levels(q, {a: lv for a, (lv, _) in shown.answers.items()})
        rows = [charts.ThemeRow(t.id, t.title, levels.get(t.id), t.target) for t in q.themes]
        answered = sum(1 for lv, _ in shown.answers.values() if lv is not None)
        total = sum(1 for _ in q.affirmations())
        st.caption(ctx.t("assessment_results_answered", answered=answered, total=total))
        self._radar(ctx, index, q, rows)
        self._gaps(ctx, index, rows)
        # One table holds the numbers of both charts (level, target, gap per theme).
        show_data_table(ctx, index, self._levels_table(ctx, rows), ctx.t("assessment_radar_title"))
        if team:  # the next steps follow each answer: they stay with the team
            self._next_steps(ctx, q, shown.answers)
        self._trend(ctx, index, q, editions, shown)
        if self.peers:
            self._peers(ctx, index, q, rows, shown.year)
        if team:
            self._exports(ctx, index, q, shown, levels)

    def _shown(
        self, store: Any, q: Questionnaire, code: str, editions: list[Any], team: bool
    ) -> Shown | None:
        """The latest submitted edition; for the team, this year's draft when newer."""
        latest = editions[-1] if editions else None
        if team:
            year = today().year
            draft = store.assessment_draft(q.id, code, year)
            if draft and (latest is None or latest.year <= year):
                return Shown(year, dict(draft), True)
        if latest is None:
            return None
        return Shown(latest.year, dict(latest.answers), False, latest.submitted_at)

    def _level_text(self, ctx: RenderContext, value: float | None) -> str:
        return charts.level_text(value, ctx.fmt)

    def _radar(
        self, ctx: RenderContext, index: int, q: Questionnaire, rows: list[charts.ThemeRow]
    ) -> None:
        import streamlit as st

        names = {
            "level": ctx.t("assessment_series_level"),
            "target": ctx.t("assessment_series_target"),
        }
        data = charts.radar_frame(rows, q.top, names, lambda v: charts.level_text(v, ctx.fmt))
        spec = charts.radar_spec(q.top, names, ctx.lang, ctx.t("assessment_theme"))
        parts = [
            ctx.t(
                "assessment_radar_alt_theme",
                theme=r.title,
                level=self._level_text(ctx, r.level)
                if r.level is not None
                else ctx.t("assessment_not_answered"),
                target=self._level_text(ctx, r.target),
            )
            for r in rows
        ]
        separator = " ; " if ctx.lang == "fr" else "; "
        alt = ctx.t(
            "assessment_radar_alt",
            count=len(rows),
            questionnaire=q.title,
            top=q.top,
            parts=separator.join(parts),
        )
        from datacites_proto.views.charts import draw_chart

        title = ctx.t("assessment_radar_title")
        st.markdown(f"**{title}**")
        draw_chart(spec, data, key=ctx.key(index, "radar"), alt=alt)

    def _levels_table(self, ctx: RenderContext, rows: list[charts.ThemeRow]) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(
            {
                ctx.t("assessment_theme"): [r.title for r in rows],
                ctx.t("assessment_level"): [self._level_text(ctx, r.level) for r in rows],
                ctx.t("assessment_target"): [self._level_text(ctx, r.target) for r in rows],
                ctx.t("assessment_gap"): [self._signed(ctx, r.gap) for r in rows],
            }
        )

    def _signed(self, ctx: RenderContext, value: float | None) -> str:
        return charts.level_text(value, ctx.fmt, signed=True)

    def _gaps(self, ctx: RenderContext, index: int, rows: list[charts.ThemeRow]) -> None:
        import streamlit as st

        from datacites_proto.views.charts import draw_chart

        title = ctx.t("assessment_gap_title")
        st.markdown(f"**{title}**")
        data = charts.gap_frame(rows, lambda v: self._signed(ctx, v))
        if data.empty:
            st.info(ctx.t("assessment_gap_none"))
            return
        spec = charts.gap_spec(data, ctx.lang, ctx.t("assessment_gap"), ctx.t("assessment_theme"))
        separator = " ; " if ctx.lang == "fr" else "; "
        parts = [
            ctx.t("assessment_gap_alt_theme", theme=t, gap=g)
            for t, g in zip(data[charts.THEME], data[charts.VALUE_TEXT], strict=True)
        ]
        alt = ctx.t(
            "assessment_gap_alt",
            parts=separator.join(parts),
            below=int((data["gap"] > 0).sum()),
            count=len(data),
        )
        draw_chart(spec, data, key=ctx.key(index, "gaps"), alt=alt)
        st.caption(ctx.t("assessment_gap_caption"))

    def _next_steps(self, ctx: RenderContext, q: Questionnaire, answers: Answers) -> None:
        import streamlit as st

        from datacites_proto.engine.assessment.scoring import next_steps

        st.markdown(f"**{ctx.t('assessment_next_steps_title')}**")
        steps = next_steps(q, {a: lv for a, (lv, _) in answers.items()})
        if not steps:
            st.info(ctx.t("assessment_next_steps_none"))
            return
        lines = [ctx.t("assessment_next_steps_intro"), ""]
        current = None
        for theme_id, _affirmation, text in steps:
            theme = q.theme(theme_id)
            if theme_id != current:
                current = theme_id
                lines.append(f"- **{_md(theme.title if theme else theme_id)}**")
            lines.append(f"    - {_md(text)}")
        st.markdown("\n".join(lines))

    def _trend(
        self,
        ctx: RenderContext,
        index: int,
        q: Questionnaire,
        editions: list[Any],
        shown: Shown,
    ) -> None:
        import pandas as pd
        import streamlit as st

        from datacites_proto.engine.assessment.scoring import theme_levels

        st.markdown(f"**{ctx.t('assessment_trend_title')}**")
        columns: dict[str, dict[str, float | None]] = {}
        for edition in editions:
            answers = {a: lv for a, (lv, _) in edition.answers.items()}
            columns[str(edition.year)] = theme_levels(q, answers)
        if shown.draft:
            draft = theme_levels(q, {a: lv for a, (lv, _) in shown.answers.items()})
            columns[f"{shown.year} ({ctx.t('assessment_draft_label')})"] = draft
        if len(columns) < 2:
            st.caption(ctx.t("assessment_trend_one"))
            return
        table = pd.DataFrame(
            {
                ctx.t("assessment_theme"): [t.title for t in q.themes],
                **{
                    year: [self._level_text(ctx, levels.get(t.id)) for t in q.themes]
                    for year, levels in columns.items()
                },
                ctx.t("assessment_target"): [self._level_text(ctx, t.target) for t in q.themes],
            }
        )
        years = list(columns)
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=ctx.key(index, "trend"),
            alt=ctx.t("assessment_trend_alt", first=years[0], last=years[-1]),
        )

    def _peers(
        self,
        ctx: RenderContext,
        index: int,
        q: Questionnaire,
        rows: list[charts.ThemeRow],
        year: int,
    ) -> None:
        import pandas as pd
        import streamlit as st

        from datacites_proto.engine.assessment.peers import peer_cell, population_band

        st.markdown(f"**{ctx.t('assessment_peers_title')}**")
        territory = ctx.blueprint.service.territory
        assert territory is not None and territory.insee
        if territory.population is None or territory.status is None:
            st.info(ctx.t("assessment_peers_no_profile"))
            return
        peers, sample = self._peer_editions(ctx, q.id, year)
        band = population_band(territory.population)
        st.caption(
            ctx.t(
                "assessment_peers_cell",
                status=ctx.t(f"assessment_status_{territory.status}"),
                band=band_text(band, ctx),
                year=year,
            )
        )
        means: list[str] = []
        counts: list[str] = []
        for row in rows:
            cell = peer_cell(
                peers, territory.insee, territory.status, band, year, row.id, questionnaire=q.id
            )
            if cell.shown and cell.mean is not None:
                means.append(self._level_text(ctx, cell.mean))
                counts.append(ctx.fmt.number(cell.n))
            else:
                means.append(ctx.t(cell.reason or "assessment_peers_too_few"))
                counts.append("—")
        table = pd.DataFrame(
            {
                ctx.t("assessment_theme"): [r.title for r in rows],
                ctx.t("assessment_series_level"): [self._level_text(ctx, r.level) for r in rows],
                ctx.t("assessment_peers_mean"): means,
                ctx.t("assessment_peers_count"): counts,
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=ctx.key(index, "peers"),
            alt=ctx.t("assessment_peers_alt"),
        )
        st.caption(ctx.t("assessment_peers_rule"))
        if sample:
            st.caption(ctx.t("assessment_peers_sample", file=self.peers_file))

    def _peer_editions(
        self, ctx: RenderContext, questionnaire: str, year: int
    ) -> tuple[list[PeerEdition], bool]:
        """The imported peers of this questionnaire and year, and those of `peers_file`
        (the imported win); whether the file added any."""
        import streamlit as st

        from datacites_proto.blueprint.project_paths import PathRefused, project_file
        from datacites_proto.engine.assessment.export import (
            PeersFileError,
            merged_peers,
            read_peers,
        )
        from datacites_proto.engine.assessment.peers import PeerEdition

        # The store hands back its own records: the engine's PeerEdition knows its band.
        imported = [
            PeerEdition(
                collectivite=e.collectivite,
                name=e.name,
                status=e.status,
                population=e.population,
                year=e.year,
                questionnaire=e.questionnaire,
                levels=dict(e.levels),
            )
            for e in ctx.feedback_store().assessment_peers(questionnaire, year)
        ]
        if not self.peers_file:
            return imported, False
        bp = ctx.blueprint
        try:
            path = project_file(self.peers_file, Path(bp.base_dir), Path(bp.project_dir))
            read = read_peers(path, self.peers_file)
        except (PeersFileError, PathRefused) as exc:
            # Validation said it; a file broken since shows the imported peers only.
            detail = exc.problems[0].format(ctx.lang) if isinstance(exc, PeersFileError) else ""
            st.error(
                ctx.t("assessment_results_peers_file_broken", file=self.peers_file, detail=detail)
            )
            return imported, False
        from_file = [e for e in read if e.questionnaire == questionnaire and e.year == year]
        merged = merged_peers(imported, from_file)
        return merged, len(merged) > len(imported)

    def _exports(
        self,
        ctx: RenderContext,
        index: int,
        q: Questionnaire,
        shown: Shown,
        levels: dict[str, float | None],
    ) -> None:
        import streamlit as st

        from datacites_proto.engine.assessment.export import edition_json, peers_csv
        from datacites_proto.engine.assessment.peers import PeerEdition

        territory = ctx.blueprint.service.territory
        assert territory is not None and territory.insee
        edition = PeerEdition(
            collectivite=territory.insee,
            name=territory.name,
            status=territory.status or "autre",
            population=territory.population or 0,
            year=shown.year,
            questionnaire=q.id,
            levels={k: v for k, v in levels.items() if v is not None},
        )
        themes = {a.id: t.id for t, a in q.affirmations()}
        submitted = shown.submitted_at.isoformat() if shown.submitted_at else None
        stem = f"{q.id}-{territory.insee}-{shown.year}"
        st.markdown(f"**{ctx.t('assessment_export_title')}**")
        left, right = st.columns(2)
        files = (
            (left, "csv", lambda: peers_csv([edition]), "text/csv"),
            (
                right,
                "json",
                lambda: edition_json(edition, shown.answers, themes, submitted),
                "application/json",
            ),
        )
        for column, kind, make, mime in files:
            button = ctx.key(index, f"export-{kind}")
            # The answers and evidence are the team's: a one-time link for this browser,
            # never a /media/ file anyone holding its URL could fetch.
            url = ctx.private_download(button, make, f"{stem}.{kind}", mime)
            with column:
                if url is None:
                    st.caption(ctx.t("private_download_unavailable"))
                    continue
                st.link_button(
                    ctx.t(f"assessment_export_{kind}"),
                    url,
                    key=button,
                    on_click="rerun",
                    icon=":material/download:",
                )
        st.caption(ctx.t("assessment_export_caption"))


def band_text(band: str, ctx: RenderContext) -> str:
    """A population band in the locale's numbers (« 10 000 – 50 000 »)."""
    from datacites_proto.engine.assessment.peers import band_label

    return band_label(band, ctx.lang)


def _md(text: str) -> str:
    """Questionnaire text shown as Markdown as it is written."""
    import re

    return re.sub(r"([\\`*_\[\]<>#$|~])", r"\\\1", text)
