"""`assessment` view: the team answers a maturity questionnaire, theme by theme (issue 16).

Every change is written to the store at once (the draft), so a rerun, a closed tab or
another team member's browser finds it again. Submitting makes the draft the year's edition;
it is then shown read-only until the team starts a new version of it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from datacites_proto.blueprint.base import field, tag
from datacites_proto.blueprint.clock import TIMEZONE, today
from datacites_proto.errors import BlueprintError
from datacites_proto.store.assessments import MAX_EVIDENCE
from datacites_proto.store.errors import StoreError
from datacites_proto.views.base import View

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.blueprint.questionnaire import Affirmation, Questionnaire
    from datacites_proto.errors import Loc
    from datacites_proto.store import Edition, Store
    from datacites_proto.views.context import RenderContext

NOT_KNOWN = 0  # the radio's « je ne sais pas » option; stored as no level


class AssessmentView(View):
    """The self-assessment form of the service's collectivité, for a team page."""

    doc_fr: ClassVar[str] = (
        "Le questionnaire d'autodiagnostic de la collectivité du service, pour une page d'équipe."
    )

    type: Literal["assessment"] = tag("assessment")
    # The team's answers and evidence notes are internal working documents.
    team_only: ClassVar[bool] = True
    team_only_code: ClassVar[str] = "assessment_on_public_page"

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
    year: int | None = field(
        None,
        ge=2000,
        le=2100,
        fr="L'année de l'édition remplie ; l'année en cours par défaut.",
        en="The year of the edition being filled in; the current year by default.",
    )

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        from datacites_proto.blueprint.questionnaire_loader import load_questionnaire

        territory = ctx.blueprint.service.territory
        if territory is None or not territory.insee:
            ctx.error("assessment_needs_territory", (*loc, "type"), params={"type": self.type})
        try:
            load_questionnaire(self.questionnaire, ctx.base_dir, project_dir=ctx.project_dir)
        except BlueprintError as exc:
            first = exc.problems[0]
            ctx.error(
                "assessment_questionnaire_invalid",
                (*loc, "questionnaire"),
                params={
                    "questionnaire": self.questionnaire,
                    "detail": first.message(ctx.blueprint.service.lang),
                },
            )

    # ------------------------------------------------------------------ render

    def document(self, ctx: RenderContext, index: int) -> str:
        """A team's view: the council report, made of public pages, leaves it out."""
        from datacites_proto.views import printing

        return printing.section(self.title, printing.paragraphs([ctx.t("report_team_view")]))

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        from datacites_proto.blueprint.questionnaire_loader import load_questionnaire

        if self.title:
            st.header(self.title)
        if ctx.audience != "team":
            st.info(ctx.t("assessment_team_only"), icon=":material/lock:")
            return
        bp = ctx.blueprint
        territory = bp.service.territory
        if territory is None or not territory.insee:
            st.error(ctx.t("assessment_needs_territory", type=self.type))
            return
        try:
            q = load_questionnaire(
                self.questionnaire, Path(bp.base_dir), project_dir=Path(bp.project_dir)
            )
        except BlueprintError as exc:
            st.error(ctx.t("assessment_unavailable", detail=exc.render(ctx.lang)))
            return
        form = _Form(ctx, index, q, territory.insee, self.year or today().year)
        if not self.title:
            st.header(q.title)
        st.caption(ctx.t("assessment_intro", year=form.year, collectivite=territory.name))
        form.show()


class _Form:
    """One rendering of the form: the questionnaire, the store and this view's widget keys."""

    def __init__(
        self,
        ctx: RenderContext,
        index: int,
        q: Questionnaire,
        code: str,
        year: int,
    ) -> None:
        self.ctx, self.index, self.q, self.code, self.year = ctx, index, q, code, year
        self.store: Store = ctx.feedback_store()
        self.service_id = ctx.blueprint.service.id
        # Stable keys: the page, the view, the questionnaire and the edition name each widget.
        self.prefix = ctx.key(index, f"{q.id}-{year}-")

    def key(self, suffix: str) -> str:
        return f"{self.prefix}{suffix}"

    def show(self) -> None:
        import streamlit as st

        draft = self.store.assessment_draft(self.q.id, self.code, self.year)
        editions = self.store.assessment_editions(self.q.id, self.code)
        submitted = next((e for e in editions if e.year == self.year), None)
        error = st.session_state.pop(self.key("error"), None)
        if error:
            st.error(error)
        if submitted is not None and not draft:
            self._read_only(submitted)
            return
        if submitted is not None:
            date = self.ctx.fmt.date(local_time(submitted.submitted_at))
            st.info(
                self.ctx.t("assessment_new_version", year=self.year, date=date),
                icon=":material/edit_note:",
            )
            st.button(
                self.ctx.t("assessment_discard"),
                key=self.key("discard"),
                on_click=self._discard,
            )
        self._editable(draft, submitted)

    # ------------------------------------------------------------------ answering

    def _editable(self, draft: dict[str, Any], submitted: Edition | None) -> None:
        import streamlit as st

        ctx, q = self.ctx, self.q
        total = sum(1 for _ in q.affirmations())
        # Only this questionnaire's affirmations count (a stored answer may outlive one).
        answered = sum(
            1 for _, a in q.affirmations() if (draft.get(a.id) or (None,))[0] is not None
        )
        st.progress(
            answered / total if total else 0.0,
            text=ctx.t("assessment_progress", answered=answered, total=total),
        )
        st.caption(self._saved_status())
        # The scale once, above the themes: each radio then shows the levels' names only.
        colon = " : " if ctx.lang == "fr" else ": "
        st.caption(
            "  \n".join(
                ctx.t("assessment_level_option", level=lv.level, label=lv.label)
                + (colon + lv.description if lv.description else "")
                for lv in q.scale
            )
        )
        for theme in q.themes:
            done = sum(1 for a in theme.affirmations if (draft.get(a.id) or (None,))[0] is not None)
            title = ctx.t(
                "assessment_theme_progress",
                title=theme.title,
                answered=done,
                total=len(theme.affirmations),
            )
            with st.expander(title):
                if theme.description:
                    st.caption(theme.description)
                for affirmation in theme.affirmations:
                    self._question(affirmation, draft.get(affirmation.id))
        self._submit(answered, total, submitted)

    def _question(
        self, affirmation: Affirmation, saved: tuple[int | None, str | None] | None
    ) -> None:
        import streamlit as st

        ctx, q = self.ctx, self.q
        level_key = self.key(f"{affirmation.id}-level")
        note_key = self.key(f"{affirmation.id}-note")
        # The store is the truth: a new session (a closed tab) starts from the saved draft.
        if level_key not in st.session_state and saved is not None:
            st.session_state[level_key] = saved[0] if saved[0] is not None else NOT_KNOWN
        if note_key not in st.session_state and saved is not None:
            st.session_state[note_key] = saved[1] or ""
        labels = {
            lv: ctx.t("assessment_level_option", level=lv, label=q.label(lv)) for lv in q.levels
        }
        labels[NOT_KNOWN] = ctx.t("assessment_not_known")
        args = (affirmation.id, level_key, note_key)
        st.radio(
            affirmation.text,
            [*q.levels, NOT_KNOWN],
            index=None,
            format_func=labels.__getitem__,
            key=level_key,
            help=affirmation.help,
            on_change=self._save,
            args=args,
        )
        st.text_area(
            ctx.t("assessment_evidence_label"),
            key=note_key,
            placeholder=affirmation.evidence or ctx.t("assessment_evidence_default"),
            max_chars=MAX_EVIDENCE,
            height=68,
            on_change=self._save,
            args=args,
        )

    def _save(self, affirmation_id: str, level_key: str, note_key: str) -> None:
        """Write one answer to the store as soon as it changes (a widget callback)."""
        import streamlit as st

        level = st.session_state.get(level_key)
        note = st.session_state.get(note_key) or None
        try:
            self.store.save_assessment_answer(
                self.q.id,
                self.code,
                self.year,
                affirmation_id,
                None if level in (None, NOT_KNOWN) else int(level),
                note,
                service_id=self.service_id,
            )
        except StoreError as exc:
            st.session_state[self.key("error")] = self.ctx.t(
                "assessment_store_error", detail=exc.message(self.ctx.lang)
            )

    def _saved_status(self) -> str:
        """« Brouillon enregistré à 14 h 32 » (the date too when not today), Paris time."""
        at = self.store.assessment_draft_saved_at(self.q.id, self.code, self.year)
        if at is None:
            return self.ctx.t("assessment_not_saved_yet")
        local = local_time(at)
        time = clock_text(local, self.ctx.lang)
        if local.date() == dt.datetime.now(TIMEZONE).date():
            return self.ctx.t("assessment_saved_at", time=time)
        return self.ctx.t("assessment_saved_on", date=self.ctx.fmt.date(local), time=time)

    # ------------------------------------------------------------------ submitting

    def _submit(self, answered: int, total: int, submitted: Edition | None) -> None:
        import streamlit as st

        ctx, confirm = self.ctx, self.key("confirm")
        st.button(
            ctx.t("assessment_submit", year=self.year),
            key=self.key("submit"),
            type="primary",
            disabled=answered == 0,
            on_click=st.session_state.__setitem__,
            args=(confirm, True),
        )
        if not st.session_state.get(confirm):
            return
        text = ctx.t("assessment_submit_confirm", year=self.year, answered=answered, total=total)
        if submitted is not None:
            date = ctx.fmt.date(local_time(submitted.submitted_at))
            text += " " + ctx.t("assessment_submit_replaces", year=self.year, date=date)
        st.warning(text)
        yes, no = st.columns(2)
        yes.button(ctx.t("assessment_confirm"), key=self.key("confirm-yes"), on_click=self._confirm)
        no.button(
            ctx.t("assessment_cancel"),
            key=self.key("confirm-no"),
            on_click=st.session_state.__setitem__,
            args=(confirm, False),
        )

    def _confirm(self) -> None:
        import streamlit as st

        try:
            self.store.submit_assessment(
                self.q.id, self.code, self.year, service_id=self.service_id
            )
        except StoreError as exc:
            st.session_state[self.key("error")] = exc.message(self.ctx.lang)
        self._forget()

    def _forget(self) -> None:
        """Drop this form's widget values: the store's state is shown afresh."""
        import streamlit as st

        for name in [k for k in st.session_state if str(k).startswith(self.prefix)]:
            if not name.endswith("error"):
                del st.session_state[name]

    def _discard(self) -> None:
        self.store.discard_assessment_draft(self.q.id, self.code, self.year)
        self._forget()

    def _reopen(self) -> None:
        self.store.reopen_assessment(self.q.id, self.code, self.year)
        self._forget()

    # ------------------------------------------------------------------ submitted

    def _read_only(self, edition: Edition) -> None:
        import streamlit as st

        ctx, q = self.ctx, self.q
        local = local_time(edition.submitted_at)
        st.success(
            ctx.t(
                "assessment_submitted",
                year=self.year,
                date=ctx.fmt.date(local),
                time=clock_text(local, ctx.lang),
                version=edition.version,
            )
        )
        for theme in q.themes:
            with st.expander(theme.title):
                for affirmation in theme.affirmations:
                    level, note = edition.answers.get(affirmation.id, (None, None))
                    st.markdown(f"**{affirmation.text}**")
                    # Typed by the team: shown as plain text, never as Markdown.
                    answer = (
                        ctx.t("assessment_answer_level", level=q.label(level))
                        if level is not None
                        else ctx.t("assessment_answer_none")
                    )
                    st.text(answer)
                    if note:
                        st.text(ctx.t("assessment_answer_evidence", evidence=note))
        st.button(
            ctx.t("assessment_reopen", year=self.year),
            key=self.key("reopen"),
            on_click=self._reopen,
        )


def local_time(at: dt.datetime) -> dt.datetime:
    """A time of the store (naive UTC) in the territories' timezone."""
    return at.replace(tzinfo=dt.UTC).astimezone(TIMEZONE)


def clock_text(at: dt.datetime, lang: str) -> str:
    """A time of day as people write it: « 14 h 32 » in French, « 14:32 » in English."""
    return f"{at.hour} h {at.minute:02d}" if lang == "fr" else f"{at.hour}:{at.minute:02d}"
