"""The feedback form, usage measures and the team's summary, driven with AppTest against a
real SQLite store pointed at by DATACITES_STORE_URL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto.store import STORE_ENV, Store
from tests.support.apptest import app_for, open_page, texts

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
        {limits}
        questions:
          - {{id: utile, text: "Ce service vous est-il utile ?", type: rating}}
          - {{id: frequence, text: "Vous venez souvent ?", type: choice, choices: [oui, non]}}
          - {{id: idee, text: "Une idée ?", type: text}}
  - title: Suivi
    slug: suivi
    access: team
    views: [{{type: feedback_summary}}]
"""


def project(tmp_path: Path, *, usage: bool = False, limits: str = "") -> Path:
    folder = tmp_path / "service"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "sites.csv").write_text(
        "site_name;count\nGare;10\nPort;20\n", encoding="utf-8"
    )
    path = folder / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(usage=str(usage).lower(), limits=limits), encoding="utf-8")
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
    # Filters and answers in words, one column per question (issue 15), never raw JSON.
    assert comments["Filtres"].iloc[1] == "Lieu : Gare"
    assert comments["Ce service vous est-il utile ?"].iloc[1] == "4"
    assert comments["Vous venez souvent ?"].iloc[1] == "oui"
    assert comments["Page"].iloc[1] == "Accueil"
    # Never interpreted: the text appears in no Markdown element.
    assert all("<script>" not in m.value for m in at.markdown)
    # Two ratings: told day by day, not drawn as two lone bars (issue 15).
    assert not at.get("vega_lite_chart")
    assert "- 1er déc. 2026 : 2 sur 5 : 1 avis\n- 2 déc. 2026 : 5 sur 5 : 1 avis" in texts(at)
    frames = [d.value for d in at.dataframe]
    views = next(f for f in frames if "Pages vues" in f.columns)
    # The team's own visit of this page was just measured too.
    assert views.to_dict("records") == [
        {"Page": "Accueil", "Pages vues": 1},
        {"Page": "Suivi", "Pages vues": 1},
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


# ---------------------------------------------------------------- limits and checked answers


def submit(at: AppTest, comment: str = "Mon idée") -> AppTest:
    """Fill the form (rating 4, a comment) and send it."""
    at.radio(key="p0-v1-rating").set_value(4)
    at.text_area(key="p0-v1-comment").input(comment)
    at.button[0].click()
    return at.run()


def test_texts_are_bounded_by_max_chars(tmp_path: Path, store_url: str) -> None:
    at = app_for(project(tmp_path, limits="max_chars: 50"))
    at.run()
    assert at.text_area(key="p0-v1-comment").max_chars == 50
    assert at.text_area(key="p0-v1-q-idee").max_chars == 50
    at.text_area(key="p0-v1-q-idee").set_value("x" * 80)  # past the browser's check
    submit(at, comment="court")
    assert not at.exception
    [row] = rows(store_url)
    assert len(row["answers"]["idee"]) <= 50  # never more than the blueprint allows


def test_the_draft_of_a_refused_feedback_comes_back_and_a_forged_choice_is_not_stored(
    tmp_path: Path, store_url: str
) -> None:
    at = app_for(project(tmp_path))
    at.session_state["p0-v1-draft"] = {
        "p0-v1-comment": "gardé",
        "p0-v1-q-frequence": "peut-être",  # not a declared choice: the radio drops it
    }
    at.run()
    assert not at.exception
    assert at.text_area(key="p0-v1-comment").value == "gardé"
    assert at.radio(key="p0-v1-q-frequence").value is None
    at.radio(key="p0-v1-rating").set_value(2)
    at.button[0].click()
    at.run()
    [row] = rows(store_url)
    assert row["comment"] == "gardé"
    assert row["answers"] == {}
    assert "p0-v1-draft" not in at.session_state  # sent: the draft is gone


def test_past_the_address_limit_the_visitor_is_told_and_keeps_their_text(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    blueprint = project(tmp_path, limits="limits: {per_address: 2}")
    for n in range(2):  # two fresh sessions from the same address: both stored
        at = submit(app_for(blueprint).run(), comment=f"avis {n}")
        assert [s.value for s in at.success]
    at = submit(app_for(blueprint).run(), comment="Mon idée")
    assert not at.exception
    assert not at.success
    assert [w.value for w in at.warning] == [
        "Beaucoup d'avis ont déjà été envoyés depuis votre connexion (2 en 60 minutes) :"
        " réessayez dans 60 minutes. Votre texte reste dans le formulaire."
    ]
    assert at.text_area(key="p0-v1-comment").value == "Mon idée"
    open_page(at, "suivi").run()  # away and back: the draft fills the form again
    open_page(at, "accueil").run()
    assert at.text_area(key="p0-v1-comment").value == "Mon idée"
    assert at.radio(key="p0-v1-rating").value == 4
    team = open_page(team_app(blueprint, tmp_path), "suivi").run()  # the team is told
    assert [w.value for w in team.warning] == [
        "Envois refusés par les limites ces 30 derniers jours : 1 (par adresse : 1). Si ce"
        " sont de vrais habitants, relevez les limites de la vue feedback (limits) dans le"
        " blueprint."
    ]
    monkeypatch.setenv("DATACITES_LANG", "en")
    at = submit(app_for(blueprint).run())
    assert [w.value for w in at.warning] == [
        "Much feedback has already been sent from your connection (2 in 60 minutes):"
        " try again in 60 minutes. Your text stays in the form."
    ]
    team = open_page(team_app(blueprint, tmp_path), "suivi").run()
    assert "Submissions refused by the limits in the last 30 days: 2 (per address: 2)." in (
        team.warning[0].value
    )
    assert [r["comment"] for r in rows(store_url)] == ["avis 1", "avis 0"]


def test_200_fresh_sessions_from_one_address_store_only_the_allowed_number(
    tmp_path: Path, store_url: str
) -> None:
    # Issue 11: 2,000 submissions from fresh sessions were all stored (scaled down to 200).
    from datacites_proto.app.feedback_store import SubmitLimits, submit_feedback
    from datacites_proto.blueprint.loader import load_blueprint
    from datacites_proto.store import FeedbackLimited

    blueprint = load_blueprint(project(tmp_path))
    view = blueprint.pages[0].views[1]
    limits = SubmitLimits(**view.limits.model_dump())
    stored, told = 0, []
    for _ in range(200):
        session: dict = {}  # a fresh session each time
        try:
            submit_feedback(
                blueprint, limits, session, "203.0.113.50", {"page": "accueil", "rating": 3}
            )
            stored += 1
        except FeedbackLimited as exc:
            told.append(exc.message("fr"))
    assert stored == 20 == len(rows(store_url))
    assert len(told) == 180
    assert all("réessayez dans 60 minutes" in m for m in told)
    store = Store.open(store_url)
    assert store.refusals("essai-avis", dt.date(2000, 1, 1)) == {"address": 180}  # not silent
    store.close()
    # Another address is not blocked by this one.
    submit_feedback(blueprint, limits, {}, "198.51.100.3", {"page": "accueil", "rating": 5})
    assert len(rows(store_url)) == 21


def test_one_session_is_limited_too(tmp_path: Path) -> None:
    from datacites_proto.app.feedback_store import SENT_AT_KEY, SubmitLimits, check_session
    from datacites_proto.store import FeedbackLimited

    limits = SubmitLimits(
        per_session=2, session_minutes=10, per_address=0, address_minutes=60, per_day=0
    )
    session = {SENT_AT_KEY: [1000.0, 1100.0]}
    with pytest.raises(FeedbackLimited) as caught:
        check_session(session, limits, now=1200.0)
    # The first leaves the 10-minute window at 1600 s: 400 s, told as 7 minutes.
    assert caught.value.message("fr") == (
        "Vous avez déjà envoyé plusieurs avis (2 en 10 minutes) : réessayez dans 7 minutes."
        " Votre texte reste dans le formulaire."
    )
    assert "You have already sent several feedback (2 in 10 minutes): try again in 7" in (
        caught.value.message("en")
    )
    check_session(session, limits, now=1601.0)  # one left the window: one more is allowed
    assert session[SENT_AT_KEY] == [1100.0]


def test_the_team_pages_through_all_feedback(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 11: the team view listed the latest 500 only; the older ones silently vanished.
    blueprint = project(tmp_path)
    store = Store.open(store_url)
    start = dt.datetime(2026, 12, 1)
    for n in range(120):
        store.add_feedback(
            "essai-avis",
            page="accueil",
            rating=1 + n % 5,
            comment=f"avis {n}",
            answers={"frequence": "oui" if n % 4 else "non"},
            at=start + dt.timedelta(minutes=n),
        )
    store.close()
    at = open_page(team_app(blueprint, tmp_path), "suivi")
    at.run()
    assert not at.exception
    comments = at.dataframe[0].value
    assert list(comments["Commentaire"])[:2] == ["avis 119", "avis 118"]
    assert len(comments) == 50
    assert "Avis 1 à 50 sur 120 (page 1 sur 3), du plus récent au plus ancien." in texts(at)
    at.button(key="p1-v0-page-older").click().run()
    at.button(key="p1-v0-page-older").click().run()
    assert "Avis 101 à 120 sur 120 (page 3 sur 3)" in texts(at)
    assert list(at.dataframe[0].value["Commentaire"])[-1] == "avis 0"  # the oldest is there
    assert at.button(key="p1-v0-page-older").disabled
    at.number_input(key="p1-v0-page").set_value(2).run()
    assert at.dataframe[0].value["Commentaire"].iloc[0] == "avis 69"
    # The answers are counted over all feedback, not one page.
    answers = next(d.value for d in at.dataframe if "Réponse" in d.value.columns)
    assert answers.to_dict("records") == [
        {"Réponse": "oui", "Nombre": 90},
        {"Réponse": "non", "Nombre": 30},
    ]
    monkeypatch.setenv("DATACITES_LANG", "en")
    at = open_page(team_app(blueprint, tmp_path), "suivi")
    at.run()
    assert "Feedback 1 to 50 of 120 (page 1 of 3), newest first." in texts(at)
    assert [b.label for b in at.button if b.key and "page" in b.key] == ["← Newer", "Older →"]


def test_a_session_past_its_limit_is_told_and_counted_for_the_team(
    tmp_path: Path, store_url: str
) -> None:
    from datacites_proto.app.feedback_store import SubmitLimits, submit_feedback
    from datacites_proto.blueprint.loader import load_blueprint
    from datacites_proto.store import FeedbackLimited

    blueprint = load_blueprint(project(tmp_path))
    limits = SubmitLimits(
        per_session=2, session_minutes=10, per_address=0, address_minutes=60, per_day=0
    )
    session: dict = {}
    for n in range(2):
        submit_feedback(blueprint, limits, session, "local", {"page": "accueil", "rating": n + 1})
    with pytest.raises(FeedbackLimited) as caught:
        submit_feedback(blueprint, limits, session, "local", {"page": "accueil", "rating": 3})
    assert "réessayez dans 10 minutes" in caught.value.message("fr")
    assert len(rows(store_url)) == 2
    store = Store.open(store_url)
    assert store.refusals("essai-avis", dt.date(2000, 1, 1)) == {"session": 1}
    store.close()


def test_a_store_that_cannot_be_opened_is_not_named_to_the_visitor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STORE_ENV, "sqlite:////proc/interdit/store.sqlite")
    at = submit(app_for(project(tmp_path)).run(), comment="à garder")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Votre avis n'a pas pu être enregistré pour le moment : réessayez un peu plus tard."
    ]
    assert "/proc/interdit" not in texts(at)
    assert at.session_state["p0-v1-draft"]["p0-v1-comment"] == "à garder"
