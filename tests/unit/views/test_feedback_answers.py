"""The feedback form's answers are checked against their questions on the server."""

from __future__ import annotations

import pytest

from datacites_proto.errors import CodedError
from datacites_proto.views.feedback import FeedbackView, Question, checked_answers

QUESTIONS = [
    Question(id="utile", text="Utile ?", type="rating"),
    Question(id="frequence", text="Vous venez souvent ?", type="choice", choices=["oui", "non"]),
    Question(id="idee", text="Une idée ?", type="text"),
]


def test_declared_answers_pass_and_empty_ones_are_left_out() -> None:
    values = {"utile": 5, "frequence": "non", "idee": "  un banc  ", "autre": "ignoré"}
    assert checked_answers(QUESTIONS, values, 2000) == {
        "utile": 5,
        "frequence": "non",
        "idee": "un banc",
    }
    assert checked_answers(QUESTIONS, {"frequence": None, "idee": ""}, 2000) == {}


def test_a_choice_outside_the_declared_ones_is_refused_in_both_languages() -> None:
    with pytest.raises(CodedError) as caught:
        checked_answers(QUESTIONS, {"frequence": "peut-être"}, 2000)
    assert caught.value.message("fr") == (
        "La réponse « peut-être » à la question « Vous venez souvent ? » n'est pas l'un des"
        " choix proposés (oui, non) : choisissez-en un dans la liste."
    )
    assert caught.value.message("en") == (
        "The answer 'peut-être' to the question 'Vous venez souvent ?' is not one of the"
        " choices offered (oui, non): pick one from the list."
    )


@pytest.mark.parametrize("value", [0, 6, 2.5, "4", True])
def test_a_rating_answer_outside_1_to_5_is_refused(value: object) -> None:
    with pytest.raises(CodedError) as caught:
        checked_answers(QUESTIONS, {"utile": value}, 2000)
    assert "doit être une note de 1 à 5" in caught.value.message("fr")
    assert "must be a rating from 1 to 5" in caught.value.message("en")


def test_a_text_answer_longer_than_max_chars_is_refused() -> None:
    assert checked_answers(QUESTIONS, {"idee": "x" * 50}, 50) == {"idee": "x" * 50}
    with pytest.raises(CodedError) as caught:
        checked_answers(QUESTIONS, {"idee": "x" * 51}, 50)
    assert caught.value.message("fr") == (
        "Votre réponse « Une idée ? » fait 51 caractères : 50 au plus."
        " Raccourcissez-la avant d'envoyer."
    )
    assert "is 51 characters long: 50 at most" in caught.value.message("en")


def test_limits_and_max_chars_have_defaults_and_bounds() -> None:
    view = FeedbackView.model_validate({"type": "feedback"})
    assert view.max_chars == 2000
    assert (view.limits.per_session, view.limits.per_address, view.limits.per_day) == (5, 20, 1000)
    with pytest.raises(ValueError):
        FeedbackView.model_validate({"type": "feedback", "max_chars": 5000})
    with pytest.raises(ValueError):
        FeedbackView.model_validate({"type": "feedback", "limits": {"per_adress": 3}})
