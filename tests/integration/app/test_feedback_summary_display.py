"""The team's feedback summary as people read it (issue 15): whole counts, days in French
order once each, answers in columns named by their questions, pages by their titles, and a
few ratings told in words rather than drawn as a lone bar."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto.store import STORE_ENV, Store
from tests.integration.app.test_feedback_views import project, team_app
from tests.support.apptest import open_page, texts
from tests.support.vega_lite import vega_lite_errors

COLUMNS = [
    "Date (UTC)",
    "Page",
    "Note",
    "Commentaire",
    "Filtres",
    "Ce service vous est-il utile ?",
    "Vous venez souvent ?",
    "Une idée ?",
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv(STORE_ENV, url)
    opened = Store.open(url)
    yield opened  # type: ignore[misc]
    opened.close()


def send(store: Store, day: dt.date, ratings: list[int]) -> None:
    for n, rating in enumerate(ratings):
        store.add_feedback(
            "essai-avis",
            page="accueil",
            rating=rating,
            comment=f"avis {day.isoformat()} {n}",
            filters={"lieu": "Gare"},
            answers={"utile": rating, "frequence": "non", "idee": "Plus de bancs"},
            at=dt.datetime.combine(day, dt.time(9 + n)),
        )


def summary(
    tmp_path: Path, lang: str = "fr", monkeypatch: pytest.MonkeyPatch | None = None
) -> AppTest:
    if monkeypatch is not None:
        monkeypatch.setenv("DATACITES_LANG", lang)
    at = open_page(team_app(project(tmp_path, usage=True), tmp_path), "suivi")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_one_day_of_feedback_is_a_sentence_not_a_lone_bar(tmp_path: Path, store: Store) -> None:
    send(store, dt.date(2026, 12, 7), [5, 5, 4, 3, 5, 1])
    at = summary(tmp_path)
    assert not at.get("vega_lite_chart")
    said = texts(at)
    assert "Trop peu de notes pour un graphique ; les voici jour par jour :" in said
    assert (
        "- 7 déc. 2026 : 5 sur 5 : 3 avis, 4 sur 5 : 1 avis, 3 sur 5 : 1 avis, 1 sur 5 : 1 avis"
        in said
    )
    comments = at.dataframe[0].value
    assert list(comments.columns) == COLUMNS
    assert set(comments["Page"]) == {"Accueil"}  # the title, not the slug « accueil »
    assert set(comments["Filtres"]) == {"Lieu : Gare"}
    assert sorted(comments["Ce service vous est-il utile ?"]) == ["1", "3", "4", "5", "5", "5"]
    assert set(comments["Une idée ?"]) == {"Plus de bancs"}
    assert not any(cell.startswith("{") for cell in comments["Filtres"])


def test_several_days_get_a_chart_with_whole_counts_and_french_days(
    tmp_path: Path, store: Store
) -> None:
    for offset, ratings in enumerate([[5, 4], [3], [5, 5, 2]]):
        send(store, dt.date(2026, 12, 5) + dt.timedelta(days=offset), ratings)
    at = summary(tmp_path)
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert not vega_lite_errors(spec)
    y = spec["encoding"]["y"]
    assert y["axis"] == {"format": ",d", "tickMinStep": 1}  # 1, 2, 3 avis: never 0,5
    x = spec["encoding"]["x"]
    assert x["timeUnit"] == "yearmonthdate"
    assert x["axis"]["format"] == "%-d %b %Y"  # « 7 déc. 2026 », not « déc. 07, 2026 »
    # One tick a day, each day once.
    assert x["axis"]["values"] == [
        {"year": 2026, "month": 12, "date": d, "hours": 12} for d in (5, 6, 7)
    ]
    assert spec["config"]["locale"]["time"]["shortMonths"][11] == "déc."
    assert "Diagramme en barres des notes reçues par jour, du 5 déc. 2026 au 7 déc. 2026" in texts(
        at
    )
    frames = [d.value for d in at.dataframe]
    assert list(frames[0].columns) == COLUMNS
    views = next(f for f in frames if "Pages vues" in f.columns)
    assert list(views["Page"]) == ["Suivi"]  # the team's own visit, by the page's title


def test_in_english_the_columns_and_sentences_are_english(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    send(store, dt.date(2026, 12, 7), [4])
    at = summary(tmp_path, "en", monkeypatch)
    said = texts(at)
    assert "Too few ratings for a chart; here they are day by day:" in said
    comments = at.dataframe[0].value
    assert comments["Filters"].iloc[0] == "Lieu: Gare"
