"""`feedback` view: citizens rate the prototype and say what they think."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, ClassVar, Literal, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import Slug, Spec, field, tag
from datacites_proto.views.base import View

if TYPE_CHECKING:
    from datacites_proto.app.context import RenderContext

log = logging.getLogger("datacites_proto.app")


class Question(Spec):
    """An extra question asked with the feedback form."""

    doc_fr: ClassVar[str] = "Une question posée en plus avec le formulaire d'avis."

    id: Slug = field(fr="Identifiant de la question.", en="Id of the question.")
    text: str = field(fr="La question posée.", en="The question asked.")
    type: Literal["rating", "choice", "text"] = field(
        "rating",
        fr="rating (note de 1 à 5), choice (choix dans une liste) ou text (réponse libre).",
        en="rating (1 to 5), choice (one of a list) or text (free answer).",
    )
    choices: list[str] | None = field(
        None,
        min_length=2,
        fr="Les choix proposés (type choice).",
        en="The choices offered (type choice).",
    )

    @model_validator(mode="after")
    def _choices(self) -> Self:
        if (self.type == "choice") != (self.choices is not None):
            raise PydanticCustomError(
                "question_choices", "choices only with type choice", {"at": "type"}
            )
        return self


class FeedbackView(View):
    """A feedback form: a rating, an optional comment and the blueprint's questions."""

    doc_fr: ClassVar[str] = (
        "Formulaire d'avis : une note, un commentaire facultatif et les questions du blueprint."
    )

    type: Literal["feedback"] = tag("feedback")
    comment: bool = field(True, fr="Proposer un commentaire libre.", en="Offer a free comment.")
    questions: list[Question] = field([], fr="Questions supplémentaires.", en="Extra questions.")

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        from datacites_proto.store.models import MAX_COMMENT, RATINGS

        st.subheader(self.title or ctx.t("feedback_title"))
        if self.description:
            st.markdown(self.description)
        sent_key = ctx.key(index, "sent")
        if st.session_state.get(sent_key):
            # The thank-you replaces the form: one feedback per visit, no double submit.
            st.success(ctx.t("feedback_thanks"), icon="✅")
            return
        problem = st.session_state.pop(ctx.key(index, "problem"), None)
        with st.form(key=ctx.key(index, "form")):
            st.radio(
                ctx.t("feedback_rating"),
                list(RATINGS),
                index=None,
                horizontal=True,
                format_func=lambda n: ctx.t("feedback_rating_option", rating=n),
                help=ctx.t("feedback_rating_help"),
                key=ctx.key(index, "rating"),
            )
            if self.comment:
                st.text_area(
                    ctx.t("feedback_comment"),
                    max_chars=MAX_COMMENT,
                    help=ctx.t("feedback_comment_help"),
                    key=ctx.key(index, "comment"),
                )
            for question in self.questions:
                key = ctx.key(index, f"q-{question.id}")
                if question.type == "text":
                    st.text_area(question.text, max_chars=MAX_COMMENT, key=key)
                else:
                    options = list(RATINGS) if question.type == "rating" else question.choices
                    st.radio(
                        question.text,
                        options or [],
                        index=None,
                        horizontal=True,
                        format_func=(
                            (lambda n: ctx.t("feedback_rating_option", rating=n))
                            if question.type == "rating"
                            else str
                        ),
                        key=key,
                    )
            st.caption(ctx.t("feedback_notice", days=ctx.blueprint.service.retention_days))
            st.form_submit_button(
                ctx.t("feedback_send"), on_click=self._submit, args=(ctx, index), type="primary"
            )
        if problem:
            st.warning(problem, icon="⚠️")

    def _submit(self, ctx: RenderContext, index: int) -> None:
        """Store the form's values (a callback: it runs before the page is drawn again)."""
        import streamlit as st

        from datacites_proto.app.stores import store_for
        from datacites_proto.store import FeedbackRejected

        state = st.session_state
        if state.get(ctx.key(index, "sent")):
            return
        rating = state.get(ctx.key(index, "rating"))
        if rating is None:
            state[ctx.key(index, "problem")] = ctx.t("feedback_rating_missing")
            return
        answers = {}
        for question in self.questions:
            value = state.get(ctx.key(index, f"q-{question.id}"))
            if value not in (None, ""):
                answers[question.id] = value
        try:
            store_for(ctx.blueprint).add_feedback(
                ctx.blueprint.service.id,
                page=ctx.page.url_slug,
                rating=rating,
                comment=state.get(ctx.key(index, "comment")) if self.comment else None,
                filters={k: v for k, v in ctx.filters.items() if v is not None},
                answers=answers,
            )
        except FeedbackRejected as exc:
            state[ctx.key(index, "problem")] = exc.message(ctx.lang)
            return
        except Exception:  # the store is down: the citizen may try again, the team sees why
            log.exception("feedback of page %s not stored", ctx.page.url_slug)
            state[ctx.key(index, "problem")] = ctx.t("feedback_not_saved")
            return
        state[ctx.key(index, "sent")] = True
