"""The feedback form, usage measures and the team's summary, driven with AppTest against a
real SQLite store pointed at by DATACITES_STORE_URL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from datacites_proto.store import STORE_ENV, Store
from tests.support.apptest import app_for, open_page, texts
from tests.support.vega_lite import vega_lite_errors

BLUEPRINT = """\
datacites: 1
service:
  id: essai-avis
  title: Essai des avis
  measure_usage: {usage}
  retention_days: 90
datasets:
  sites:
    title: Lieux
    source: {{type: csv, path: data/sites.csv}}
    columns: {{site_name: {{type: string, label: Lieu}}, count: integer}}
    governance: {{producer: Ville d'Essai}}
indicators:
  passages: {{label: Passages, dataset: sites, measure: sum(count)}}
filters:
  lieu: {{type: select, column: sites.site_name, label: Lieu}}
pages:
  - title: Accueil
    slug: accueil
    views:
      - {{type: kpi, indicator: passages}}
      - type: feedback
        questions:
          - {{id: utile, text: "Ce service vous est-il utile ?", type: rating}}
          - {{id: frequence, text: "Vous venez souvent ?", type: choice, choices: [oui, non]}}
          - {{id: idee, text: "Une idée ?", type: text}}
  - title: Suivi
    slug: suivi
    access: team
    views: [{{type: feedback_summary}}]
"""


def project(tmp_path: Path, *, usage: bool = False) -> Path:
    folder = tmp_path / "service"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "sites.csv").write_text(
        "site_name;count\nGare;10\nPort;20\n", encoding="utf-8"
    )
    path = folder / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(usage=str(usage).lower()), encoding="utf-8")
    return path


@pytest.fixture
def store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv(STORE_ENV, url)
    return url


def rows(url: str) -> list[dict]:
    store = Store.open(url)
    try:
        return store.feedback_rows("essai-avis")
    finally:
        store.close()


def team_app(blueprint: Path, tmp_path: Path) -> AppTest:
    script = tmp_path / "team_app.py"
    script.write_text(
        f"from datacites_proto.app.main import run\nrun({str(blueprint)!r}, audience='team')\n",
        encoding="utf-8",
    )
    return AppTest.from_file(str(script), default_timeout=60)


def test_submitting_the_form_stores_page_filters_and_answers(
    tmp_path: Path, store_url: str
) -> None:
    at = app_for(project(tmp_path), {"lieu": "Port"})
    at.run()
    assert not at.exception
    assert "90 jours" in texts(at)  # the notice says how long it is kept
    assert "Aucune donnée personnelle" in texts(at)
    at.radio(key="p0-v1-rating").set_value(4)
    at.text_area(key="p0-v1-comment").input("Très bien <script>alert(1)</script>")
    at.radio(key="p0-v1-q-utile").set_value(5)
    at.radio(key="p0-v1-q-frequence").set_value("non")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Merci ! Votre avis est enregistré : il aidera l'équipe à améliorer le service."
    ]
    assert not at.get("form")  # the thank-you replaced the form: no second submission
    [row] = rows(store_url)
    assert row["page"] == "accueil"
    assert row["filters"] == {"lieu": ["Port"]}
    assert row["rating"] == 4
    assert row["comment"] == "Très bien <script>alert(1)</script>"
    assert row["answers"] == {"utile": 5, "frequence": "non"}
    at.run()  # another rerun of the same visit stores nothing more
    assert len(rows(store_url)) == 1


def test_no_rating_no_feedback(tmp_path: Path, store_url: str) -> None:
    at = app_for(project(tmp_path))
    at.run()
    at.text_area(key="p0-v1-comment").input("sans note")
    at.button[0].click()
    at.run()
    assert "Choisissez une note de 1 à 5" in texts(at)
    assert rows(store_url) == []
    assert at.get("form")  # the form is still there


def test_usage_is_recorded_only_when_the_blueprint_asks(tmp_path: Path, store_url: str) -> None:
    at = app_for(project(tmp_path / "off", usage=False))
    at.run()
    at.selectbox(key="filter-lieu").select("Gare")
    at.run()
    assert "mesure son usage" not in texts(at)
    store = Store.open(store_url)
    assert store.events_rows("essai-avis") == []

    at = app_for(project(tmp_path / "on", usage=True))
    at.run()
    assert "mesure son usage de façon anonyme" in texts(at)
    assert "sans adresse IP" in texts(at)
    at.run()  # a rerun without change is not a new page view
    at.selectbox(key="filter-lieu").select("Gare")
    at.run()
    events = store.events_rows("essai-avis")
    assert [(e["kind"], e["page"]) for e in events] == [
        ("page_view", "accueil"),
        ("filter_change", "accueil"),
    ]
    assert events[1]["detail"] == {"filters": {"lieu": ["Gare"]}}
    assert len({e["session_id"] for e in events}) == 1
    assert len(events[0]["session_id"]) == 32  # a random id, nothing about the visitor
    assert set(events[0]) == {
        "id",
        "service_id",
        "session_id",
        "created_at",
        "kind",
        "page",
        "detail",
    }
    store.close()


def test_summary_shows_counts_and_citizen_text_literally(tmp_path: Path, store_url: str) -> None:
    blueprint = project(tmp_path, usage=True)
    store = Store.open(store_url)
    hostile = "<script>alert('x')</script> **gras** [lien](http://evil)"
    store.add_feedback(
        "essai-avis",
        page="accueil",
        rating=2,
        comment=hostile,
        filters={"lieu": ["Gare"]},
        answers={"utile": 4, "frequence": "oui"},
        at=dt.datetime(2026, 12, 1, 10),
    )
    store.add_feedback("essai-avis", page="accueil", rating=5, at=dt.datetime(2026, 12, 2, 10))
    store.add_event("essai-avis", "s1", "page_view", "accueil")
    store.add_event("essai-avis", "s1", "filter_change", "accueil", {"filters": {"lieu": ["G"]}})
    store.close()
    at = open_page(team_app(blueprint, tmp_path), "suivi")
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Avis reçus"] == "2"
    assert metrics["Note moyenne"] == "3,5"
    comments = at.dataframe[0].value
    assert hostile in list(comments["Commentaire"])
    assert json.loads(comments["Filtres"].iloc[1]) == {"lieu": ["Gare"]}
    # Never interpreted: the text appears in no Markdown element.
    assert all("<script>" not in m.value for m in at.markdown)
    assert "Diagramme en barres des notes" in texts(at)
    (chart,) = at.get("vega_lite_chart")
    assert not vega_lite_errors(json.loads(chart.proto.spec))
    ratings = convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)
    assert sorted(ratings["rating"]) == [2, 5]
    frames = [d.value for d in at.dataframe]
    views = next(f for f in frames if "Pages vues" in f.columns)
    # The team's own visit of this page was just measured too.
    assert views.to_dict("records") == [
        {"Page": "accueil", "Pages vues": 1},
        {"Page": "suivi", "Pages vues": 1},
    ]
    uses = next(f for f in frames if "Changements" in f.columns)
    assert uses.to_dict("records") == [{"Filtre": "lieu", "Changements": 1}]


def test_empty_summary(tmp_path: Path, store_url: str) -> None:
    at = open_page(team_app(project(tmp_path), tmp_path), "suivi")
    at.run()
    assert not at.exception
    assert "Aucun avis ni aucune mesure d'usage pour l'instant." in texts(at)


def test_the_app_purges_what_is_older_than_the_retention(tmp_path: Path, store_url: str) -> None:
    store = Store.open(store_url)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    store.add_feedback("essai-avis", page="accueil", rating=1, at=now - dt.timedelta(days=91))
    store.add_feedback("essai-avis", page="accueil", rating=5, at=now - dt.timedelta(days=89))
    store.add_event("essai-avis", "s", "page_view", "accueil", at=now - dt.timedelta(days=91))
    at = app_for(project(tmp_path))  # retention_days: 90, no usage measure
    at.run()
    assert not at.exception
    assert [r["rating"] for r in store.feedback_rows("essai-avis")] == [5]
    assert store.events_rows("essai-avis") == []
    store.close()
