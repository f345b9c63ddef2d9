"""The feedback summary's cells and sentences, without Streamlit (issue 15)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.feedback import Question
from datacites_proto.views.feedback_display import (
    comments_table,
    day_lines,
    few_ratings,
    filters_text,
    ratings_spec,
    unique_questions,
)
from tests.support.vega_lite import vega_lite_errors

FR = Formatter("fr")


def t(code: str, **params: object) -> str:
    return translate(code, "fr", **params)


def test_few_ratings_or_one_day_are_told_not_drawn() -> None:
    assert few_ratings([("2026-12-07", 5, 40)])  # one day, however many
    assert few_ratings([("2026-12-06", 5, 2), ("2026-12-07", 4, 2)])  # four ratings
    assert not few_ratings([("2026-12-06", 5, 3), ("2026-12-07", 4, 2)])
    lines = day_lines([("2026-12-07", 4, 1), ("2026-12-01", 2, 1), ("2026-12-07", 5, 2)], FR, t)
    assert lines == [
        "1er déc. 2026 : 2 sur 5 : 1 avis",
        "7 déc. 2026 : 5 sur 5 : 2 avis, 4 sur 5 : 1 avis",
    ]


def test_filters_are_named_by_their_labels_and_values_read_as_text() -> None:
    labels = {"lieu": "Lieu", "periode": "Période"}
    text = filters_text(
        {"lieu": ["Gare", "Port"], "periode": ["2026-08-05", "2026-11-02"], "vide": None},
        labels,
        FR,
        t,
    )
    assert text == "Lieu : Gare, Port ; Période : 5 août 2026, 2 nov. 2026"
    assert filters_text(None, labels, FR, t) == ""
    assert filters_text({"periode": "last_30_days"}, labels, FR, t) == "Période : 30 derniers jours"


def test_one_column_per_question_and_pages_by_title() -> None:
    questions = unique_questions(
        [
            Question(id="utile", text="Utile ?", type="rating"),
            Question(id="utile", text="Utile ?", type="rating"),  # asked on two pages
            Question(id="note", text="Note", type="text"),  # same text as a fixed column
        ]
    )
    rows = [
        {
            "created_at": dt.datetime(2026, 12, 7, 9),
            "page": "accueil",
            "rating": 4,
            "comment": None,
            "filters": {},
            "answers": {"utile": 4, "note": "bien"},
        },
        {
            "created_at": dt.datetime(2026, 12, 7, 10),
            "page": "ancienne",
            "rating": None,
            "comment": "ok",
            "filters": None,
            "answers": None,
        },
    ]
    table = comments_table(rows, questions, pages={"accueil": "Accueil"}, labels={}, fmt=FR, t=t)
    assert list(table.columns)[-2:] == ["Utile ?", "Note (note)"]
    assert table["Utile ?"].tolist() == ["4", ""]
    assert table["Page"].tolist() == ["Accueil", "ancienne"]  # a removed page keeps its slug
    assert table["Note"].tolist()[0] == 4 and pd.isna(table["Note"].tolist()[1])


def test_the_ratings_spec_is_valid_with_one_tick_a_day() -> None:
    frame = pd.DataFrame(
        {"day": pd.to_datetime(["2026-12-05", "2026-12-07"]), "rating": [5, 4], "count": [3, 2]}
    )
    spec = ratings_spec(frame, "fr", {"day": "Jour", "count": "Nombre d'avis", "rating": "Note"})
    assert not vega_lite_errors(spec)
    assert [v["date"] for v in spec["encoding"]["x"]["axis"]["values"]] == [5, 6, 7]
    assert spec["encoding"]["y"]["axis"]["format"] == ",d"
