"""`feedback` view: citizens rate the prototype and say what they think."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import Slug, Spec, field, tag
from datacites_proto.errors import CodedError
from datacites_proto.views.base import View

if TYPE_CHECKING:
    from datacites_proto.views.context import RenderContext

log = logging.getLogger("datacites_proto.app")

# The store refuses longer texts whatever the blueprint says (store.models.MAX_COMMENT).
MAX_CHARS = 2000
RATING_VALUES = range(1, 6)


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


class FeedbackLimits(Spec):
    """How much feedback is accepted: per visit, per connection address and per day."""

    doc_fr: ClassVar[str] = (
        "Combien d'avis sont acceptés : par visite, par adresse de connexion et par jour."
    )

    per_session: int = field(
        5,
        ge=0,
        fr="Avis au plus par visite pendant session_minutes (0 : sans limite).",
        en="Most feedback per visit within session_minutes (0: no limit).",
    )
    session_minutes: int = field(
        10,
        ge=1,
        le=1440,
        fr="Durée de la fenêtre de per_session, en minutes.",
        en="Length of the per_session window, in minutes.",
    )
    per_address: int = field(
        20,
        ge=0,
        fr="Avis au plus par adresse de connexion pendant address_minutes, comptés dans le"
        " stockage (adresse hachée avec un secret, jamais gardée telle quelle ; 0 : sans limite).",
        en="Most feedback per connection address within address_minutes, counted in the store"
        " (address hashed with a secret, never kept as is; 0: no limit).",
    )
    address_minutes: int = field(
        60,
        ge=1,
        le=1440,
        fr="Durée de la fenêtre de per_address, en minutes.",
        en="Length of the per_address window, in minutes.",
    )
    per_day: int = field(
        1000,
        ge=0,
        fr="Avis au plus pour tout le service sur 24 heures glissantes (0 : sans limite).",
        en="Most feedback for the whole service over a rolling 24 hours (0: no limit).",
    )


def checked_answers(
    questions: list[Question], values: Mapping[str, Any], max_chars: int
) -> dict[str, Any]:
    """The non-empty answers, each checked against its question (a session can be forged)."""
    answers: dict[str, Any] = {}
    for question in questions:
        value = values.get(question.id)
        if value is None or value == "":
            continue
        if question.type == "choice" and value not in (question.choices or []):
            raise CodedError(
                "feedback_not_a_choice",
                value=str(value)[:100],
                question=question.text,
                choices=", ".join(question.choices or []),
            )
        if question.type == "rating" and (
            isinstance(value, bool) or not isinstance(value, int) or value not in RATING_VALUES
        ):
            raise CodedError(
                "feedback_not_a_rating", question=question.text, value=str(value)[:100]
            )
        if question.type == "text":
            value = str(value).strip()
            if len(value) > max_chars:
                raise CodedError(
                    "feedback_text_too_long",
                    question=question.text,
                    length=len(value),
                    limit=max_chars,
                )
        answers[question.id] = value
    return answers


class FeedbackView(View):
    """A feedback form: a rating, an optional comment and the blueprint's questions."""

    doc_fr: ClassVar[str] = (
        "Formulaire d'avis : une note, un commentaire facultatif et les questions du blueprint."
    )

    type: Literal["feedback"] = tag("feedback")
    stores_feedback: ClassVar[bool] = True
    comment: bool = field(True, fr="Proposer un commentaire libre.", en="Offer a free comment.")
    questions: list[Question] = field([], fr="Questions supplémentaires.", en="Extra questions.")
    max_chars: int = field(
        MAX_CHARS,
        ge=1,
        le=MAX_CHARS,
        fr="Caractères au plus du commentaire et de chaque réponse libre, 2000 au plus"
        " (vérifié aussi par le serveur).",
        en="Most characters of the comment and of each free answer, 2000 at most"
        " (checked by the server too).",
    )
    limits: FeedbackLimits = field(
        default_factory=FeedbackLimits,
        fr="Limites d'envoi ; au-delà, l'habitant lit quand réessayer et garde son texte.",
        en="Submission limits; beyond them, the visitor reads when to try again and keeps their text.",
    )

    def document(self, ctx: RenderContext, index: int) -> str:
        """A form cannot be filled on paper: the report says feedback is given online."""
        from datacites_proto.views import printing

        return printing.section(
            self.title or ctx.t("feedback_title"),
            printing.paragraphs([ctx.t("report_feedback_online")]),
            self.description,
        )

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        from datacites_proto.store.models import RATINGS

        st.header(self.title or ctx.t("feedback_title"))
        if self.description:
            st.markdown(self.description)
        sent_key = ctx.key(index, "sent")
        if st.session_state.get(sent_key):
            # The thank-you replaces the form: one feedback per visit, no double submit.
            st.success(ctx.t("feedback_thanks"), icon=":material/check_circle:")
            return
        problem = st.session_state.pop(ctx.key(index, "problem"), None)
        # A refused feedback comes back in the form, even after visiting other pages (which
        # empties its widgets): the draft gives the widgets their first value.
        draft = st.session_state.get(ctx.key(index, "draft"), {})

        def first_index(key: str, options: list[Any]) -> int | None:
            value = draft.get(key)
            return options.index(value) if value in options else None

        # Without Ctrl+Enter, Streamlit writes no English « Press Ctrl+Enter to submit form »
        # under the comment; the form's button submits.
        with st.form(key=ctx.key(index, "form"), enter_to_submit=False):
            st.radio(
                ctx.t("feedback_rating"),
                list(RATINGS),
                index=first_index(ctx.key(index, "rating"), list(RATINGS)),
                horizontal=True,
                format_func=lambda n: ctx.t("feedback_rating_option", rating=n),
                help=ctx.t("feedback_rating_help"),
                key=ctx.key(index, "rating"),
            )
            if self.comment:
                st.text_area(
                    ctx.t("feedback_comment"),
                    value=str(draft.get(ctx.key(index, "comment")) or ""),
                    max_chars=self.max_chars,
                    help=ctx.t("feedback_comment_help"),
                    key=ctx.key(index, "comment"),
                )
            for question in self.questions:
                key = ctx.key(index, f"q-{question.id}")
                if question.type == "text":
                    st.text_area(
                        question.text,
                        value=str(draft.get(key) or ""),
                        max_chars=self.max_chars,
                        key=key,
                    )
                else:
                    options = list(RATINGS) if question.type == "rating" else question.choices
                    st.radio(
                        question.text,
                        options or [],
                        index=first_index(key, list(options or [])),
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
            st.warning(problem, icon=":material/warning:")

    def _form_keys(self, ctx: RenderContext, index: int) -> list[str]:
        keys = [ctx.key(index, "rating")] + ([ctx.key(index, "comment")] if self.comment else [])
        return keys + [ctx.key(index, f"q-{q.id}") for q in self.questions]

    def _submit(self, ctx: RenderContext, index: int) -> None:
        """Store the form's values (a callback: it runs before the page is drawn again)."""
        import streamlit as st

        from datacites_proto.store import FeedbackLimited, FeedbackRejected, StoreError

        state = st.session_state
        if state.get(ctx.key(index, "sent")):
            return
        problem_key, draft_key = ctx.key(index, "problem"), ctx.key(index, "draft")
        rating = state.get(ctx.key(index, "rating"))
        if rating is None:
            state[problem_key] = ctx.t("feedback_rating_missing")
            return
        comment = state.get(ctx.key(index, "comment")) if self.comment else None
        try:
            if (
                isinstance(rating, bool)
                or not isinstance(rating, int)
                or rating not in RATING_VALUES
            ):
                raise CodedError("feedback_bad_rating", rating=str(rating)[:100])
            if comment is not None and len(str(comment).strip()) > self.max_chars:
                raise CodedError(
                    "feedback_comment_too_long",
                    length=len(str(comment).strip()),
                    limit=self.max_chars,
                )
            values = {q.id: state.get(ctx.key(index, f"q-{q.id}")) for q in self.questions}
            answers = checked_answers(self.questions, values, self.max_chars)
            ctx.submit_feedback(
                self.limits.model_dump(),
                {
                    "page": ctx.page.url_slug,
                    "rating": rating,
                    "comment": comment,
                    "filters": {k: v for k, v in ctx.filters.items() if v is not None},
                    "answers": answers,
                },
            )
        except FeedbackLimited as exc:  # told when to try again; the checked form is kept
            state[problem_key] = exc.message(ctx.lang)
            state[draft_key] = {k: state.get(k) for k in self._form_keys(ctx, index)}
            return
        except FeedbackRejected as exc:  # a value the store refuses: nothing stored
            state[problem_key] = exc.message(ctx.lang)
            return
        except StoreError:  # its message names the store's URL: for the log, not the visitor
            log.exception("feedback of page %s not stored", ctx.page.url_slug)
            state[problem_key] = ctx.t("feedback_not_saved")
            state[draft_key] = {k: state.get(k) for k in self._form_keys(ctx, index)}
            return
        except CodedError as exc:  # a value outside the form's rules: nothing stored
            state[problem_key] = exc.message(ctx.lang)
            return
        except Exception:  # the store is down: the citizen may try again, the team sees why
            log.exception("feedback of page %s not stored", ctx.page.url_slug)
            state[problem_key] = ctx.t("feedback_not_saved")
            state[draft_key] = {k: state.get(k) for k in self._form_keys(ctx, index)}
            return
        state.pop(draft_key, None)
        state[ctx.key(index, "sent")] = True
