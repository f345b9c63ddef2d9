"""`feedback` view: citizens rate the prototype and say what they think."""

from __future__ import annotations

from typing import ClassVar, Literal, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import Slug, Spec, field, tag
from datacites_proto.views.base import View


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
