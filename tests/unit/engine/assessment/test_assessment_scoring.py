"""Theme levels, gaps and next steps of a collectivité's own answers."""

from __future__ import annotations

from typing import Any

from datacites_proto.blueprint.questionnaire import Questionnaire
from datacites_proto.engine.assessment.scoring import gaps, next_steps, theme_levels


def _affirmation(aid: str) -> dict:
    recs = {1: f"{aid}: passer à 2", 2: f"{aid}: passer à 3", 3: f"{aid}: passer à 4"}
    return {"id": aid, "text": f"Affirmation {aid}", "recommendations": recs}


Q = Questionnaire.model_validate(
    {
        "questionnaire": 1,
        "id": "essai",
        "title": "Essai",
        "scale": [{"level": n, "label": f"N{n}"} for n in (1, 2, 3, 4)],
        "themes": [
            {
                "id": "a",
                "title": "A",
                "target": 3,
                "affirmations": [_affirmation("a1"), _affirmation("a2")],
            },
            {
                "id": "b",
                "title": "B",
                "target": 3.5,
                "affirmations": [_affirmation("b1"), _affirmation("b2")],
            },
            {"id": "c", "title": "C", "target": 2, "affirmations": [_affirmation("c1")]},
            {"id": "d", "title": "D", "target": 4, "affirmations": [_affirmation("d1")]},
        ],
    }
)


def test_a_theme_level_is_the_mean_of_its_answered_affirmations() -> None:
    levels = theme_levels(Q, {"a1": 1, "a2": 4, "b1": 3, "b2": None, "c1": 2})
    assert levels == {"a": 2.5, "b": 3.0, "c": 2.0, "d": None}


def test_answers_outside_the_scale_or_not_integers_count_as_unanswered() -> None:
    odd: dict[str, Any] = {"a1": 9, "a2": 2, "b1": True, "c1": "3"}
    levels = theme_levels(Q, odd)
    assert levels == {"a": 2.0, "b": None, "c": None, "d": None}


def test_gaps_are_sorted_widest_first_and_skip_unanswered_themes() -> None:
    levels = {"a": 2.5, "b": 1.5, "c": 3.0, "d": None}
    assert gaps(Q, levels) == [("b", 2.0), ("a", 0.5), ("c", -1.0)]


def test_equal_gaps_keep_the_questionnaire_order() -> None:
    assert gaps(Q, {"a": 2.0, "b": 2.5, "c": None, "d": 3.0}) == [
        ("a", 1.0),
        ("b", 1.0),
        ("d", 1.0),
    ]


def test_next_steps_give_the_advice_of_the_answered_level_for_the_weakest_themes() -> None:
    answers = {"a1": 3, "a2": 2, "b1": 1, "b2": 2, "c1": 1, "d1": 3}
    # gaps: b 2.0, a 0.5, d 1.0, c 1.0 -> b, then d and c (equal, questionnaire order)
    steps = next_steps(Q, answers, weakest=2)
    assert steps == [
        ("b", "b1", "b1: passer à 2"),
        ("b", "b2", "b2: passer à 3"),
        ("c", "c1", "c1: passer à 2"),
    ]


def test_next_steps_start_with_the_lowest_answers_of_a_theme() -> None:
    steps = next_steps(Q, {"a1": 3, "a2": 1}, weakest=1)
    assert [s[1] for s in steps] == ["a2", "a1"]


def test_no_next_step_for_themes_at_or_above_their_target_nor_at_the_top_level() -> None:
    assert next_steps(Q, {"a1": 4, "a2": 4, "c1": 3}) == []
    # d is below its target (4) but answered at the top: nothing to advise, e is not taken
    q = Q.model_copy(deep=True)
    q.themes[3].target = 4
    assert next_steps(q, {"d1": 4}) == []


def test_shipped_questionnaire_gives_next_steps_in_french() -> None:
    from pathlib import Path

    from datacites_proto.blueprint.questionnaire_loader import load_questionnaire

    q = load_questionnaire("maturite-numerique", Path("."))
    answers = {a.id: 1 for _, a in q.affirmations()}
    steps = next_steps(q, answers)
    assert len({s[0] for s in steps}) == 3
    assert all(text and text[0].isupper() for _, _, text in steps)
